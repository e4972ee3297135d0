// The document builder and renderer on a hand-built audit, read back with PDF.js: edge cases
// that the reference case does not exercise (long answers, several scripts, drafts).
import { bodyText, diagonalLetters, pdfInfo, pdfPages, squash } from '../../../test/support/pdf';
import { DEFAULT_CONFIDENTIALITY_LEGEND } from './report-data';
import { buildReportDocument } from './report-document';
import { renderReportToBuffer } from './render-report';
import { INTERNATIONAL_NAMES, reportFixture } from './testing/report-fixture';

describe('report document', () => {
  it('breaks long answers across pages and keeps every word, with names in Latin, Greek and Cyrillic', async () => {
    const data = reportFixture({ subjects: 2, requests: 3, evidencePerResponse: 1, answerWords: 900 });
    const pdf = await renderReportToBuffer(buildReportDocument(data));
    const pages = pdfPages(pdf.bytes, { noDiagonal: true });
    expect(pages.length).toBe(pdf.pageCount);
    expect(pdfInfo(pdf.bytes).pages).toBe(pdf.pageCount);
    // 6 answers of 900 words cannot fit on a page each: they must have broken across pages.
    expect(pdf.pageCount).toBeGreaterThan(6 + 3);

    const body = bodyText(pages, DEFAULT_CONFIDENTIALITY_LEGEND);
    for (const r of data.responses) if (r.answer) expect(body).toContain(squash(r.answer));
    for (const name of INTERNATIONAL_NAMES) expect(body).toContain(squash(name));
    for (const e of data.evidence) {
      expect(body).toContain(e.file!.sha256);
      for (const v of e.earlierVersions) expect(body).toContain(v.sha256);
    }
    // The fonts are embedded (subset), not referenced.
    expect(pdfInfo(pdf.bytes).fonts).toContainEqual({ name: 'NotoSans-Regular', subset: true, embedded: true });
  });

  it('numbers every page "Page N of M — reference" under the legend, and marks a draft on every page', async () => {
    const data = reportFixture({
      subjects: 2,
      requests: 2,
      draft: true,
      legend: 'HIGHLY CONFIDENTIAL – OUTSIDE COUNSEL ONLY',
    });
    const pdf = await renderReportToBuffer(buildReportDocument(data));
    const all = pdfPages(pdf.bytes);
    const straight = pdfPages(pdf.bytes, { noDiagonal: true });
    straight.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${straight.length} — FIX-2023-01`);
      expect(text).toContain('DRAFT — HIGHLY CONFIDENTIAL – OUTSIDE COUNSEL ONLY');
      expect(diagonalLetters(all[i], text)).toBe('ADFRT');
    });
    expect(straight[1]).toContain('Contents');
  });

  it('a report of approved answers only carries no DRAFT mark anywhere', async () => {
    const data = reportFixture({ subjects: 2, requests: 2, draft: false });
    const pdf = await renderReportToBuffer(buildReportDocument(data));
    const all = pdfPages(pdf.bytes);
    const straight = pdfPages(pdf.bytes, { noDiagonal: true });
    all.forEach((text, i) => {
      expect(text).not.toMatch(/DRAFT/);
      expect(diagonalLetters(text, straight[i])).toBe('');
      expect(text).toContain(DEFAULT_CONFIDENTIALITY_LEGEND);
    });
  });
});
