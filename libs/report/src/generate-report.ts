import type { ReportOptions } from './report-data';
import { type LoadReportContext, loadReportData } from './load-report-data';
import { buildReportDocument } from './report-document';
import { type RenderedReport, renderReport, type RenderOptions } from './render-report';

type Db = Parameters<typeof loadReportData>[0];

/**
 * Load, lay out and render one audit's report: what the API's streamed route and the
 * worker both do. Null when the audit does not exist.
 */
export async function generateReport(
  db: Db,
  auditId: string,
  options: ReportOptions,
  ctx: LoadReportContext,
  render: RenderOptions = {},
): Promise<(RenderedReport & { draft: boolean; responseCount: number }) | null> {
  const data = await loadReportData(db, auditId, options, ctx);
  if (!data) return null;
  const rendered = await renderReport(buildReportDocument(data), render);
  return { ...rendered, draft: data.draft, responseCount: data.responses.length };
}

/** The file name a report is downloaded as: the audit's reference and the day. */
export const reportFileName = (referenceCode: string, day: string, draft: boolean) =>
  `${referenceCode.replace(/[^A-Za-z0-9._-]+/g, '_')}-report-${day}${draft ? '-DRAFT' : ''}.pdf`;
