import { formatCalendarDate, type SourceDocumentKind } from '@app/domain';
import { type EvidenceRow, mapVersion } from '../evidence/evidence.mapper';
import type { SourceDocumentDto } from './dto/source-document.dto';

/** A source document is an Evidence row with a kind and exactly one file version. */
export const mapSourceDocument = (row: EvidenceRow): SourceDocumentDto => ({
  id: row.id,
  kind: row.sourceDocumentKind as SourceDocumentKind,
  title: row.title,
  description: row.description,
  documentDate: row.collectedOn ? formatCalendarDate(row.collectedOn) : null,
  file: mapVersion(row.versions[0]),
  downloadUrl: `/api/audits/${row.auditId}/documents/${row.id}/content`,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
});
