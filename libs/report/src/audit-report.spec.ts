// The audit report on a hand-built audit, rendered by the document engine (Typst) and read
// back with PDF.js: edge cases that the reference case does not exercise (long answers,
// several scripts, drafts), and what a records manager checks (tags, PDF/A, bookmarks).
import {
  bodyText,
  diagonalLetters,
  outlineTitles,
  pageOnePng,
  pdfInfo,
  pdfPages,
  squash,
} from '../../../test/support/pdf';
import { renderReport } from './generate-report';
import { DEFAULT_CONFIDENTIALITY_LEGEND } from './report-data';
import { DIFFERS_MARK, MISSING_MARK, RETIRED_MARK } from './form-view';
import { INTERNATIONAL_NAMES, reportFixture } from './testing/report-fixture';
import type { ReportData } from './report-data';

/** Lines of a page that are neither its header (`header`) nor its footer ("Page N of M — ..."). */
const bodyLines = (page: string, header: string): string[] =>
  page
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.includes(header) && !/^Page \d+ of \d+ — /.test(line));

/** Staffing the served report must not show: names and a due date no other field holds. */
function staffed(data: ReportData): ReportData {
  for (const r of data.responses) {
    r.assignee = { id: 'assignee', name: 'Quentin Assignee' };
    r.reviewer = { id: 'reviewer', name: 'Rosalind Reviewer' };
    r.dueDate = new Date('2023-06-03T00:00:00Z');
  }
  data.subjects.forEach((s) => (s.owner = { id: 'owner', name: 'Otto Owner' }));
  return data;
}

/** A package that carries every record of the fixture at its current version. */
const everyCurrentFile = (data: ReportData) => new Map(data.evidence.map((e) => [e.id, e.file?.number ?? null]));

const SERVED_HEADER =
  "Licensee Łódź S.A. — Licensor Ωmega GmbH's audit demand of 18 May 2023 under the Data Licence Agreement";

describe('audit report', () => {
  it('breaks long answers across pages and keeps every word, with names in Latin, Greek and Cyrillic', async () => {
    const data = reportFixture({ subjects: 2, requests: 3, evidencePerResponse: 1, answerWords: 900 });
    const pdf = await renderReport(data);
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
    // Only the vendored fonts, embedded as subsets: no font of the machine slips in.
    const fonts = pdfInfo(pdf.bytes).fonts;
    expect(fonts).toContainEqual({ name: 'NotoSans-Regular', subset: true, embedded: true });
    for (const font of fonts)
      expect(font).toEqual({ name: expect.stringMatching(/^NotoSans/), subset: true, embedded: true });
  });

  it('numbers every page "Page N of M — reference" under the legend, and marks a draft on every page', async () => {
    const data = reportFixture({
      subjects: 2,
      requests: 2,
      draft: true,
      legend: 'HIGHLY CONFIDENTIAL – OUTSIDE COUNSEL ONLY',
    });
    const pdf = await renderReport(data);
    expect(pdf.draft).toBe(true);
    const all = pdfPages(pdf.bytes);
    const straight = pdfPages(pdf.bytes, { noDiagonal: true });
    straight.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${straight.length} — FIX-2023-01`);
      expect(text).toContain('DRAFT — HIGHLY CONFIDENTIAL – OUTSIDE COUNSEL ONLY');
      expect(diagonalLetters(all[i], text)).toBe('ADFRT');
    });
    expect(straight[1]).toContain('Contents');
    // A draft is tagged, but not PDF/A: it is not a record to keep.
    const info = pdfInfo(pdf.bytes);
    expect(info.tagged).toEqual({ marked: true, structTree: true });
    expect(info.pdfA).toBeNull();
  });

  it('a report of approved answers only carries no DRAFT mark anywhere, and is PDF/A-2b', async () => {
    const data = reportFixture({ subjects: 2, requests: 2, draft: false });
    const pdf = await renderReport(data);
    expect(pdf.draft).toBe(false);
    const all = pdfPages(pdf.bytes);
    const straight = pdfPages(pdf.bytes, { noDiagonal: true });
    all.forEach((text, i) => {
      expect(text).not.toMatch(/DRAFT/);
      expect(diagonalLetters(text, straight[i])).toBe('');
      expect(text).toContain(DEFAULT_CONFIDENTIALITY_LEGEND);
    });
    const info = pdfInfo(pdf.bytes);
    expect(info.pdfA).toEqual({ part: 2, conformance: 'B' });
    expect(info.tagged).toEqual({ marked: true, structTree: true });
    pageOnePng(pdf.bytes, 'audit-report-final-page-1');
  });

  it('has a title, a language, and a bookmark for every section and every request', async () => {
    const data = reportFixture({ subjects: 3, requests: 2 });
    const pdf = await renderReport(data);
    const info = pdfInfo(pdf.bytes);
    expect(info.title).toBe('Fixture licence audit (FIX-2023-01)');
    expect(info.author).toBe('Łukasz Żółć');
    expect(info.language).toBe('en');
    expect(info.outline.map((o) => o.title)).toEqual([
      'Summary',
      '1. Subject 1 Ålesund',
      '2. Subject 2 Kraków',
      '3. Subject 3 Москва',
      'Appendix A. Evidence index',
      'Appendix B. Provisions cited',
      'Appendix C. Activity summary',
    ]);
    expect(outlineTitles(info.outline[0].items)).toEqual([
      'Completion by subject',
      'Completion by request',
      'Status matrix',
      'Open and overdue items',
    ]);
    for (const subject of info.outline.slice(1, 4))
      expect(subject.items.map((i) => i.title)).toEqual(['R1. Records of use 1', 'R2. Records of use 2']);
  });

  it('prints user text as written: Typst markup in an answer is text, not code', async () => {
    const data = reportFixture({ subjects: 1, requests: 1 });
    const hostile = '#read("/etc/passwd") ] #set page(paper: "a0") $x$ <label> @ref *not bold* // not a comment';
    data.responses[0].answer = hostile;
    data.subjects[0].name = '#pagebreak() Subject ]';
    const pdf = await renderReport(data);
    const body = bodyText(pdfPages(pdf.bytes, { noDiagonal: true }), DEFAULT_CONFIDENTIALITY_LEGEND);
    expect(body).toContain(squash(hostile));
    expect(body).toContain(squash('1. #pagebreak() Subject ]'));
    expect(body).not.toContain('root:');
  });

  it('turns the pages of the status matrix and the open items to landscape', async () => {
    const data = reportFixture({ subjects: 2, requests: 14 });
    const pdf = await renderReport(data);
    const pages = pdfPages(pdf.bytes, { noDiagonal: true });
    const matrixPage = pages.findIndex((p) => p.includes('Status matrix') && !p.includes('Contents'));
    expect(matrixPage).toBeGreaterThan(1);
    // All 14 request columns fit one table on the turned page.
    expect(squash(pages[matrixPage])).toContain(squash(Array.from({ length: 14 }, (_, i) => `R${i + 1}`).join(' ')));
    expect(pdfInfo(pdf.bytes).landscapePages).toContain(matrixPage + 1);
    expect(pdfInfo(pdf.bytes).landscapePages).not.toContain(1);
  });

  it('prints each answer to a form as field and value, and compares the subjects in an appendix', async () => {
    // Three subjects: the first two answer R1 and R2 differently, the third leaves required entries empty.
    const data = reportFixture({ subjects: 3, requests: 3, evidencePerResponse: 1, forms: true });
    const pdf = await renderReport(data);
    const pages = pdfPages(pdf.bytes, { noDiagonal: true });
    const body = bodyText(pages, DEFAULT_CONFIDENTIALITY_LEGEND);

    // Subject 1's answer to R1, field by field, as formValueText reads each type.
    const sections = pages.filter((p) => !p.includes('Contents')).join('\n');
    const subject1 = squash(sections.slice(sections.indexOf('1. Subject 1'), sections.indexOf('2. Subject 2')));
    for (const line of [
      'Data categories Tweets; Profiles',
      'Volume 1,200,000 records',
      'Period held 1 May 2021 – 30 Apr 2023',
      'Still held No',
      'Destroyed on 28 Apr 2023',
      'How destroyed Purged from the cache cluster and its backups.',
      // An EVIDENCE field reads the evidence's title, not its id.
      'Proof of deletion Usage export 1.0',
      // A retired field still holding a value is printed, marked.
      `Storage system ${RETIRED_MARK} Cache cluster 7`,
      'Entity: Ministry of Digital Affairs; Country: Norway; Received data: Yes; Period: 1 Jan 2022 – 30 Jun 2022',
    ])
      expect(subject1).toContain(squash(line));
    // CJK in values renders (Korean and Japanese), from the vendored fonts only.
    expect(body).toContain(squash('키 삭제 후 저장소를 비웠습니다'));
    expect(body).toContain(squash('東京都デジタル局'));

    // The appendix: on turned pages, one table per request, subjects as columns.
    const info = pdfInfo(pdf.bytes);
    expect(info.outline.map((o) => o.title)).toContain('Appendix D. Form comparisons');
    const appendix = info.outline.find((o) => o.title === 'Appendix D. Form comparisons')!;
    expect(appendix.items.map((i) => i.title)).toEqual(['R1. Records of use 1', 'R2. Records of use 2']);
    const first = pages.findIndex((p) => p.includes('Appendix D. Form comparisons') && !p.includes('Contents'));
    expect(info.landscapePages).toContain(first + 1);
    const comparison = squash(pages.slice(first).join('\n'));
    expect(comparison).toContain(squash('Field Subject 1 Ålesund Subject 2 Kraków Subject 3 Москва'));
    expect(comparison).toContain(
      squash(`Answered differently: Data categories, Volume, Still held, How destroyed, Proof of deletion.`),
    );
    expect(comparison).toContain(squash('Required entries empty: Subject 3 Москва (Volume).'));
    expect(comparison).toContain(squash(`Volume ${DIFFERS_MARK} 1,200,000 records 48,500 records ${MISSING_MARK}`));
    expect(comparison).toContain(squash('Required entries empty: Subject 3 Москва (Government entities).'));

    // Still tagged, and still PDF/A when final.
    expect(info.tagged).toEqual({ marked: true, structTree: true });
    const final = await renderReport(reportFixture({ subjects: 3, requests: 3, forms: true, draft: false }));
    expect(pdfInfo(final.bytes).pdfA).toEqual({ part: 2, conformance: 'B' });
    expect(pdfInfo(final.bytes).tagged).toEqual({ marked: true, structTree: true });
  });

  it("words Appendix C in the activity catalog's labels, not the stored keys", async () => {
    const data = reportFixture({ subjects: 1, requests: 1 });
    const at = new Date('2023-05-24T18:30:00Z');
    data.activity = [
      ['response_letter', 'generated'],
      ['disposition', 'subject_set'],
      ['privilege_log_entry', 'exported'],
      ['audit', 'status_changed'],
    ].map(([entityType, action]) => ({ actor: 'Иван Петров', entityType, action, count: 1, firstAt: at, lastAt: at }));
    const pages = pdfPages((await renderReport(data)).bytes, { noDiagonal: true });
    const appendix = pages.slice(
      pages.findIndex((p) => p.includes('Appendix C. Activity summary') && !p.includes('Contents')),
    );
    const text = squash(appendix.join('\n'));
    for (const what of [
      'Response letter generated',
      'Disposition set for one subject',
      'Privilege log entry exported',
      'Audit status changed',
    ])
      expect(text).toContain(squash(what));
    for (const key of ['response_letter', 'subject set', 'privilege_log_entry', 'audit status_changed'])
      expect(appendix.join('\n')).not.toContain(key);
  });

  it('leaves no page empty of body text, internal or served, with the landscape appendices', async () => {
    for (const served of [false, true]) {
      const data = reportFixture({ subjects: 3, requests: 3, evidencePerResponse: 1, forms: true, draft: false });
      const pdf = await renderReport(
        data,
        undefined,
        served
          ? { kind: 'served', submittedAt: data.generatedAt, releasedEvidence: everyCurrentFile(data) }
          : undefined,
      );
      const pages = pdfPages(pdf.bytes, { noDiagonal: true });
      const header = served ? SERVED_HEADER : DEFAULT_CONFIDENTIALITY_LEGEND;
      const empty = pages.flatMap((p, i) => (bodyLines(p, header).length === 0 ? [i + 1] : []));
      expect({ served, empty }).toEqual({ served, empty: [] });
    }
  });

  it('as served, names only the evidence its package carries, each file at the version it carries', async () => {
    const data = reportFixture({ subjects: 1, requests: 3, evidencePerResponse: 1, forms: false, draft: false });
    const [earlier, withheld, current] = data.evidence;
    // The package carries the first record's version 1 (its version 2 withheld, say) and the
    // third's current version; the second is withheld whole (the privilege log describes it).
    const releasedEvidence = new Map([
      [earlier.id, 1],
      [current.id, 2],
    ]);
    const served = bodyText(
      pdfPages(
        (await renderReport(data, undefined, { kind: 'served', submittedAt: data.generatedAt, releasedEvidence }))
          .bytes,
        { noDiagonal: true },
      ),
      SERVED_HEADER,
    );
    const printed = (text: string) => served.includes(squash(text));
    expect([earlier, withheld, current].map((e) => ({ title: e.title, printed: printed(e.title) }))).toEqual([
      { title: earlier.title, printed: true },
      { title: withheld.title, printed: false },
      { title: current.title, printed: true },
    ]);
    const files = [earlier, withheld, current].flatMap((e) => [e.file!, ...e.earlierVersions].map((v) => ({ e, v })));
    expect(
      files.map(({ v }) => ({ file: v.fileName, hash: served.includes(v.sha256), name: printed(v.fileName) })),
    ).toEqual(
      files.map(({ e, v }) => {
        const carried = releasedEvidence.get(e.id) === v.number;
        return { file: v.fileName, hash: carried, name: carried };
      }),
    );
    expect(served).not.toContain(squash('(current)'));
  });

  it('as served on the other side: no legend, staffing, internal dates, summary or activity, and dated by the submission', async () => {
    const data = staffed(
      reportFixture({ subjects: 2, requests: 3, evidencePerResponse: 1, forms: true, draft: false }),
    );
    const submittedAt = new Date('2023-06-07T20:00:00Z');
    const pdf = await renderReport(data, undefined, {
      kind: 'served',
      submittedAt,
      releasedEvidence: everyCurrentFile(data),
    });
    const pages = pdfPages(pdf.bytes, { noDiagonal: true });
    const all = pages.join('\n');
    for (const internal of [
      'ATTORNEY WORK PRODUCT',
      'PRIVILEGED',
      'Quentin Assignee',
      'Rosalind Reviewer',
      'Otto Owner',
      '3 June 2023',
      'Assignee',
      'Reviewer',
      'Audit status',
      'Open and overdue items',
      'Status matrix',
      'Completion by subject',
      'Appendix C',
      'Activity summary',
      'Form comparisons',
      'DIFFERS',
      'Not approved',
      'FIX-2023-01',
      'Fixture licence audit',
      'Generated',
    ])
      expect({ internal, found: all.includes(internal) }).toEqual({ internal, found: false });
    pages.forEach((page, i) => {
      expect(page).toContain(SERVED_HEADER);
      expect(page).toContain(`Page ${i + 1} of ${pages.length} — Audit report submitted 7 June 2023`);
    });
    const cover = squash(pages[0]);
    expect(cover).toContain(squash('Response to the audit demand of Licensor Ωmega GmbH'));
    expect(cover).toContain(squash('Submitted 7 June 2023'));
    // What the other side is owed: every answer, the form values, the evidence and its hashes.
    const body = bodyText(pages, SERVED_HEADER);
    for (const r of data.responses) if (r.answer) expect(body).toContain(squash(r.answer));
    expect(body).toContain(squash('Data categories Tweets; Profiles'));
    for (const e of data.evidence) expect(body).toContain(e.file!.sha256);
    const info = pdfInfo(pdf.bytes);
    expect(info.outline.map((o) => o.title)).toEqual([
      '1. Subject 1 Ålesund',
      '2. Subject 2 Kraków',
      'Appendix A. Evidence index',
      'Appendix B. Provisions cited',
    ]);
    expect(info.author).toBe('Licensee Łódź S.A.');
    expect(info.pdfA).toEqual({ part: 2, conformance: 'B' });

    // The firm's own report of the same data keeps all of it.
    const internal = pdfPages((await renderReport(data)).bytes, { noDiagonal: true }).join('\n');
    for (const kept of [
      DEFAULT_CONFIDENTIALITY_LEGEND,
      'Quentin Assignee',
      'Audit status',
      'Appendix C. Activity summary',
    ])
      expect(internal).toContain(kept);
  });
});
