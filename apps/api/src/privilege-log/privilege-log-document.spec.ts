// The privilege log as it is served on the other side: rendered by the document engine (Typst)
// and read back with PDF.js.
import { renderDocument } from '@app/documents';
import { DEFAULT_CONFIDENTIALITY_LEGEND } from '@app/report';
import { pdfInfo, pdfPages, squash } from '../../../../test/support/pdf';
import type { PrivilegeLogEntryDto } from './dto/privilege-log.dto';
import { privilegeLogDocument } from './privilege-log-document';

const matter = {
  respondingParty: 'Microsoft Corporation',
  demandingParty: 'Twitter, Inc.',
  agreementTitle: 'Twitter Developer Agreement and Policy',
  letterDate: new Date('2023-05-18T00:00:00Z'),
};

const entry = (over: Partial<PrivilegeLogEntryDto>): PrivilegeLogEntryDto => ({
  id: 'entry',
  number: 1,
  document: null,
  categorical: false,
  documentDate: '2023-05-20',
  documentType: 'Memorandum',
  author: 'Kenji Watanabe',
  recipientsTo: ['Satya Nadella'],
  recipientsCc: [],
  description: 'Memorandum providing legal advice on the audit clause',
  privilege: 'ATTORNEY_CLIENT',
  privilegeOther: null,
  treatment: 'WITHHELD',
  batesBegin: null,
  batesEnd: null,
  requests: [{ id: 'r1', ordinal: 1, title: 'Twitter data held' }],
  documentCount: null,
  dateFrom: null,
  dateTo: null,
  createdAt: new Date('2023-05-25T00:00:00Z'),
  updatedAt: new Date('2023-05-25T00:00:00Z'),
  ...over,
});

const entries = [
  entry({}),
  entry({
    id: 'e2',
    number: 2,
    documentType: 'Correspondence',
    author: 'Alexandria Ocasio-Whitfield',
    recipientsTo: ['kenji.watanabe@contoso-legal.example.com'],
    privilege: 'WORK_PRODUCT',
    treatment: 'REDACTED',
    batesBegin: 'MSFT-TWTR-000001',
    batesEnd: 'MSFT-TWTR-000003',
  }),
];

async function render() {
  const pdf = await renderDocument('privilege-log', privilegeLogDocument(matter, entries, '2023-06-07'));
  return { bytes: pdf.bytes, pages: pdfPages(pdf.bytes) };
}

describe('privilege log PDF', () => {
  it('is headed as a served document: the responding party and the matter, never the work-product legend', async () => {
    const { bytes, pages } = await render();
    const text = pages.join('\n');
    expect(text).not.toContain('ATTORNEY WORK PRODUCT');
    expect(text).not.toContain(DEFAULT_CONFIDENTIALITY_LEGEND);
    pages.forEach((page, i) => {
      expect(page).toContain(
        "Microsoft Corporation — Twitter, Inc.'s audit demand of 18 May 2023 under the Twitter Developer Agreement and Policy",
      );
      expect(page).toContain(`Page ${i + 1} of ${pages.length} — Privilege log as of 7 June 2023`);
    });
    expect(squash(pages[0])).toContain(squash('Privilege log'));
    expect(pdfInfo(bytes).author).toBe('Microsoft Corporation');
  });

  it('keeps every cell apart: no header or value runs into the next column', async () => {
    const { pages } = await render();
    const text = pages.join('\n');
    // PDF.js joins text that touches into one run: a cell spilling into its neighbour reads as one word.
    for (const joined of ['TreatmentBates', 'MemorandumKenji', 'CorrespondenceAlexandria', 'PrivilegeTreatment'])
      expect(text).not.toContain(joined);
    for (const header of [
      'No.',
      'Date',
      'Type',
      'Author',
      'Recipients',
      'Description',
      'Privilege',
      'Treatment',
      'Bates',
    ])
      expect(text).toMatch(new RegExp(`(^|\\s)${header.replace('.', '\\.')}(\\s|$)`, 'm'));
    expect(text).toMatch(/(^|\s)Memorandum(\s|$)/m);
    expect(text).toMatch(/(^|\s)Kenji Watanabe(\s|$)/m);
  });
});
