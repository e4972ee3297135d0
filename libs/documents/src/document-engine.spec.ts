// The document engine and its thread pool on the real templates, read back with PDF.js.
import { pdfInfo, pdfPages } from '../../../test/support/pdf';
import { RELEASE_AFTER_PAGES, renderDocument, TemplateNotFoundError } from './document-engine';
import { DocumentRenderPool, RenderPoolBusyError } from './render-pool';
import { buildReportView } from '../../report/src/report-view';
import { reportFixture } from '../../report/src/testing/report-fixture';

const view = (draft: boolean) => buildReportView(reportFixture({ subjects: 1, requests: 2, draft }));

describe('document engine', () => {
  it('refuses a template name that is a path or does not exist, before reading anything', async () => {
    for (const name of ['../report/src/index', '/etc/passwd', 'house-style.typ', 'no-such-template'])
      await expect(renderDocument(name, {})).rejects.toBeInstanceOf(TemplateNotFoundError);
  });

  it('renders PDF/A-2b on request, and a plain tagged PDF otherwise', async () => {
    const archival = await renderDocument('audit-report', view(false), { pdfA: true });
    const plain = await renderDocument('audit-report', view(false));
    expect(pdfInfo(archival.bytes).pdfA).toEqual({ part: 2, conformance: 'B' });
    expect(pdfInfo(plain.bytes).pdfA).toBeNull();
    for (const doc of [archival, plain]) {
      expect(pdfInfo(doc.bytes).tagged).toEqual({ marked: true, structTree: true });
      expect(pdfInfo(doc.bytes).pages).toBe(doc.pageCount);
      expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('prints Chinese, Japanese and Korean names in a final (PDF/A) document, with the CJK fonts embedded', async () => {
    const names = '微软公司 東京都ひらがな 서울특별시';
    const withCjk = JSON.parse(JSON.stringify(view(false)).replaceAll('Subject 1 Ålesund', names)) as object;
    const doc = await renderDocument('audit-report', withCjk, { pdfA: true });
    expect(pdfInfo(doc.bytes).pdfA).toEqual({ part: 2, conformance: 'B' });
    expect(pdfPages(doc.bytes).join('\n')).toContain(names);
    const cjkFonts = pdfInfo(doc.bytes).fonts.filter((font) => /NotoSans(SC|KR)/.test(font.name));
    expect(cjkFonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(
      expect.arrayContaining(['NotoSansKR-Regular', 'NotoSansSC-Regular']),
    );
    expect(cjkFonts.every((font) => font.embedded && font.subset)).toBe(true);
  });

  it('renders large documents one after another, each complete (their layouts are freed in between)', async () => {
    const large = buildReportView(
      reportFixture({ subjects: 10, requests: 6, evidencePerResponse: 1, answerWords: 1000 }),
    );
    const first = await renderDocument('audit-report', large);
    const second = await renderDocument('audit-report', large, { pdfA: true });
    expect(first.pageCount).toBeGreaterThanOrEqual(RELEASE_AFTER_PAGES);
    expect(second.pageCount).toBe(first.pageCount);
    for (const doc of [first, second]) {
      const pages = pdfPages(doc.bytes, { noDiagonal: true });
      expect(pages).toHaveLength(doc.pageCount);
      expect(pages.at(-1)).toContain(`Page ${doc.pageCount} of ${doc.pageCount}`);
    }
    expect(pdfInfo(second.bytes).pdfA).toEqual({ part: 2, conformance: 'B' });
  });

  it('fails loudly, naming Typst, when the data does not fit the template', async () => {
    await expect(renderDocument('audit-report', { cover: null })).rejects.toThrow(
      /Typst could not lay out "audit-report"/,
    );
  });
});

describe('document render pool', () => {
  let pool: DocumentRenderPool;
  afterEach(() => pool.close());

  it("renders on another thread: this thread's event loop keeps turning while a document renders", async () => {
    pool = new DocumentRenderPool({ threads: 1, maxQueued: 2 });
    const order: string[] = [];
    const rendered = pool.render('audit-report', view(true)).then((doc) => {
      order.push('rendered');
      return doc;
    });
    // Rendered on this thread, the document would be done before this callback could run.
    setImmediate(() => order.push('event loop turned'));
    const doc = await rendered;
    expect(order).toEqual(['event loop turned', 'rendered']);
    expect(pdfPages(doc.bytes, { noDiagonal: true })[0]).toContain('DRAFT AUDIT REPORT');
    expect(pdfInfo(doc.bytes).pages).toBe(doc.pageCount);
  });

  it('a new thread starts without the CJK fonts and finds them for a character Noto Sans lacks, even outside the CJK scripts', async () => {
    pool = new DocumentRenderPool({ threads: 1, maxQueued: 2 });
    await pool.render('audit-report', view(false), { pdfA: true });
    const circled = JSON.parse(JSON.stringify(view(false)).replaceAll('Subject 1 Ålesund', 'Site ① Ålesund')) as object;
    const doc = await pool.render('audit-report', circled, { pdfA: true });
    expect(pdfInfo(doc.bytes).pdfA).toEqual({ part: 2, conformance: 'B' });
    expect(pdfPages(doc.bytes).join('\n')).toContain('Site ① Ålesund');
  });

  it('queues up to its bound and refuses the next one at once; a failed job does not stop the pool', async () => {
    pool = new DocumentRenderPool({ threads: 1, maxQueued: 1 });
    const first = pool.render('audit-report', view(false), { pdfA: true });
    const second = pool.render('audit-report', { cover: null });
    await expect(pool.render('audit-report', view(false))).rejects.toBeInstanceOf(RenderPoolBusyError);
    expect(pool.load).toEqual({ rendering: 1, queued: 1 });
    expect(pdfInfo((await first).bytes).pdfA).toEqual({ part: 2, conformance: 'B' });
    await expect(second).rejects.toThrow(/Typst could not lay out/);
    const after = await pool.render('audit-report', view(false));
    expect(after.pageCount).toBeGreaterThan(3);
  });
});
