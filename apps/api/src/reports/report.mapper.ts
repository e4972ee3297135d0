import type { Prisma } from '@app/db';
import type { ReportDto } from './dto/report.dto';

/** Every column but the bytes (they live in ReportFile and are never listed). */
export const reportSelect = {
  id: true,
  auditId: true,
  status: true,
  progress: true,
  options: true,
  createdAt: true,
  finishedAt: true,
  sha256: true,
  sizeBytes: true,
  pageCount: true,
  draft: true,
  error: true,
  requestedBy: { select: { id: true, name: true } },
} as const;

type ReportRow = Prisma.ReportGetPayload<{ select: typeof reportSelect }>;

export const reportFileUrl = (auditId: string, reportId: string) => `/api/audits/${auditId}/reports/${reportId}/file`;

export function mapReport(row: ReportRow): ReportDto {
  const options = (row.options ?? {}) as { subjectIds?: string[] | null; includeUnapproved?: boolean };
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    options: { subjectIds: options.subjectIds ?? null, includeUnapproved: options.includeUnapproved ?? true },
    requestedBy: row.requestedBy,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    sha256: row.sha256,
    sizeBytes: row.sizeBytes,
    pageCount: row.pageCount,
    draft: row.draft,
    error: row.error,
    downloadUrl: row.status === 'DONE' ? reportFileUrl(row.auditId, row.id) : null,
  };
}
