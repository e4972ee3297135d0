// The response letter as the other side receives it: the PDF (Typst) read back with PDF.js,
// the Word file read back as the ZIP it is.
import { renderDocument } from '@app/documents';
import { pdfPages, squash } from '../../../../test/support/pdf';
import { readZip } from '../../../../test/support/zip';
import type { RequestDispositionDto } from './dto/formal-response.dto';
import { buildResponseLetterView, responseLetterDocx, type LetterAudit } from './response-letter';

const audit: LetterAudit = {
  title: 'Internal audit title',
  referenceCode: 'MSFT-TWTR-2023',
  demandingParty: 'Twitter, Inc.',
  demandingCounselName: 'Alex Spiro',
  demandingCounselFirm: 'Quinn Emanuel Urquhart & Sullivan LLP',
  respondingParty: 'Microsoft Corporation',
  respondingCounselName: 'Kenji Watanabe',
  respondingCounselFirm: null,
  agreementTitle: 'Twitter Developer Agreement and Policy',
  auditClauseRef: 'VII',
  letterDate: new Date('2023-05-18T00:00:00Z'),
  deadlineTimeZone: 'America/New_York',
};

/** `requests` requests whose responses are `words` words long; the last one undecided makes a draft. */
function letter(requests: number, words: number, draft = false) {
  const list = Array.from(
    { length: requests },
    (_, i) =>
      ({
        requestId: `r${i + 1}`,
        ordinal: i + 1,
        title: `Records of use ${i + 1}`,
        text: `Provide the records showing how the licensed data was used by app ${i + 1}.`,
        disposition: draft && i === requests - 1 ? null : 'COMPLY',
        responseText: Array.from({ length: words }, (_, w) => `word${w}`).join(' '),
        objections: [],
        reservation: null,
        subjectLines: [],
        subjectDispositions: [],
        disposed: !(draft && i === requests - 1),
      }) as unknown as RequestDispositionDto,
  );
  return buildResponseLetterView(audit, null, list, '2023-06-07');
}

describe('response letter', () => {
  it('never leaves the closing and signature alone on a page: the end of the body goes with them', async () => {
    // Bodies of every length around a page's end: one of them used to leave "Respectfully
    // submitted," and the signature alone on the last page.
    for (let words = 0; words <= 260; words += 20) {
      const view = letter(3, words);
      const pages = pdfPages((await renderDocument('response-letter', view)).bytes, { noDiagonal: true });
      const last = squash(pages[pages.length - 1]);
      expect(last).toContain(squash('Respectfully submitted,'));
      expect({ words, bodyOnLastPage: last.includes(squash(view.reservationOfRights)) }).toEqual({
        words,
        bodyOnLastPage: true,
      });
    }
  });

  it('numbers every page of the Word file "Page X of Y" and marks a draft in the header of every page', async () => {
    const draft = await readZip(await responseLetterDocx(letter(2, 30, true)));
    const xml = (prefix: string) =>
      [...draft.entries()].filter(([name]) => name.startsWith(prefix)).map(([, bytes]) => bytes.toString('utf8'));
    const footers = xml('word/footer');
    expect(footers.length).toBeGreaterThan(0);
    expect(footers.join('')).toMatch(/Page .*PAGE.* of .*NUMPAGES.* — MSFT-TWTR-2023/s);
    expect(xml('word/header').join('')).toContain('>DRAFT<');
    // The section uses them as its default header and footer, so every page has them.
    const document = draft.get('word/document.xml')!.toString('utf8');
    expect(document).toMatch(/<w:headerReference w:type="default"/);
    expect(document).toMatch(/<w:footerReference w:type="default"/);

    const final = await readZip(await responseLetterDocx(letter(2, 30)));
    expect(
      [...final.entries()]
        .filter(([n]) => n.startsWith('word/header'))
        .map(([, b]) => b.toString('utf8'))
        .join(''),
    ).not.toContain('DRAFT');
    expect(final.get('word/document.xml')!.toString('utf8')).not.toContain('DRAFT');
  });
});
