import { type DocumentOptions, renderDocument, type RenderedDocument } from '@app/documents';
import type { ReportData, ReportOptions } from './report-data';
import { type LoadReportContext, loadReportData } from './load-report-data';
import { buildReportView, INTERNAL_AUDIENCE, type ReportAudience } from './report-view';

type Db = Parameters<typeof loadReportData>[0];

/** The template in libs/documents/templates that lays the report out. */
export const AUDIT_REPORT_TEMPLATE = 'audit-report';

/**
 * Where a document is rendered: in this thread (`renderDocument`, the default: the worker
 * process) or on a thread pool (`DocumentRenderPool.render`: the API, whose event loop must
 * stay free).
 */
export type DocumentRenderer = (template: string, data: unknown, opts: DocumentOptions) => Promise<RenderedDocument>;

export interface RenderedReport extends RenderedDocument {
  draft: boolean;
  responseCount: number;
}

/**
 * ReportData -> PDF. A final report (no unapproved answer printed) is PDF/A-2b, for filing and
 * archiving; a draft is not (it is not meant to be kept). Both are tagged. `audience`: the
 * firm's own report (the default) or the one served on the other side (see report-view.ts).
 */
export async function renderReport(
  data: ReportData,
  renderer: DocumentRenderer = renderDocument,
  audience: ReportAudience = INTERNAL_AUDIENCE,
): Promise<RenderedReport> {
  const document = await renderer(AUDIT_REPORT_TEMPLATE, buildReportView(data, audience), { pdfA: !data.draft });
  return { ...document, draft: data.draft, responseCount: data.responses.length };
}

/**
 * Load and render one audit's report: what the API's streamed route and the worker both do.
 * Null when the audit does not exist.
 */
export async function generateReport(
  db: Db,
  auditId: string,
  options: ReportOptions,
  ctx: LoadReportContext,
  renderer: DocumentRenderer = renderDocument,
  audience: ReportAudience = INTERNAL_AUDIENCE,
): Promise<RenderedReport | null> {
  const data = await loadReportData(db, auditId, options, ctx);
  if (!data) return null;
  return renderReport(data, renderer, audience);
}

/** The file name a report is downloaded as: the audit's reference and the day. */
export const reportFileName = (referenceCode: string, day: string, draft: boolean) =>
  `${referenceCode.replace(/[^A-Za-z0-9._-]+/g, '_')}-report-${day}${draft ? '-DRAFT' : ''}.pdf`;
