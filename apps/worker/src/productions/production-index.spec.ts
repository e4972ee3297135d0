// The index PDF of a production volume, which travels in the volume to the other side:
// rendered by the document engine (Typst) and read back with PDF.js.
import { renderDocument } from '@app/documents';
import { DEFAULT_CONFIDENTIALITY_LEGEND } from '@app/report';
import { pdfPages, squash } from '../../../../test/support/pdf';
import type { DatRow } from './load-files';
import { productionIndexData } from './production-index';

const row = (n: number): DatRow =>
  ({
    BEGBATES: `MSFT-TWTR-00000${n}`,
    ENDBATES: `MSFT-TWTR-00000${n}`,
    FILENAME: `memo-${n}.pdf`,
    CONFIDENTIALITY: 'CONFIDENTIAL',
    PRODSHA256: 'a'.repeat(64),
    ORIGSHA256: 'b'.repeat(64),
    REDACTED: n === 2 ? 'Y' : 'N',
  }) as DatRow;

describe('production index', () => {
  it('is headed with the producing party, the matter and the volume, never the work-product legend', async () => {
    const data = productionIndexData(
      {
        name: 'MSFT-TWTR-VOL001',
        recipient: 'Quinn Emanuel Urquhart & Sullivan LLP',
        productionDate: new Date('2023-06-07T00:00:00Z'),
        deliveryMethod: 'Secure file transfer',
        matter: {
          respondingParty: 'Microsoft Corporation',
          demandingParty: 'Twitter, Inc.',
          agreementTitle: 'Twitter Developer Agreement and Policy',
          letterDate: new Date('2023-05-18T00:00:00Z'),
        },
      },
      { firstBates: 'MSFT-TWTR-000001', lastBates: 'MSFT-TWTR-000002', pageCount: 2, rows: [row(1), row(2)] },
    );
    const pages = pdfPages((await renderDocument('production-index', data)).bytes);
    expect(pages.join('\n')).not.toContain(DEFAULT_CONFIDENTIALITY_LEGEND);
    pages.forEach((page, i) => {
      expect(page).toContain(
        "Microsoft Corporation — Twitter, Inc.'s audit demand of 18 May 2023 under the Twitter Developer Agreement and Policy",
      );
      expect(page).toContain(`Page ${i + 1} of ${pages.length} — MSFT-TWTR-VOL001`);
    });
    const first = squash(pages[0]);
    for (const fact of [
      'Production index — MSFT-TWTR-VOL001',
      'Producing party Microsoft Corporation',
      'Bates range MSFT-TWTR-000001 – MSFT-TWTR-000002',
      'Documents / pages 2 / 2',
      'Produced to Quinn Emanuel Urquhart & Sullivan LLP',
      'Production date 2023-06-07',
      'memo-2.pdf Redacted',
    ])
      expect(first).toContain(squash(fact));
  });
});
