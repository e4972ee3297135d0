import type { Prisma } from '@app/db';
import { calendarDate, formatBates, formatCalendarDate, PRODUCTION_STATUS_LABEL } from '@app/domain';
import type { SheetTable } from '@app/report';
import type { ProductionDetailDto, ProductionDocumentDto, ProductionDto } from './dto/production.dto';

export const productionSelect = {
  id: true,
  auditId: true,
  name: true,
  batesPrefix: true,
  startNumber: true,
  padWidth: true,
  recipient: true,
  productionDate: true,
  deliveryMethod: true,
  status: true,
  progress: true,
  error: true,
  firstNumber: true,
  lastNumber: true,
  pageCount: true,
  zipSha256: true,
  zipSizeBytes: true,
  producedAt: true,
  producedBy: { select: { id: true, name: true } },
  lastVerifiedAt: true,
  lastVerification: true,
  createdBy: { select: { id: true, name: true } },
  createdAt: true,
  _count: { select: { documents: true } },
} satisfies Prisma.ProductionSelect;

export const productionDocumentSelect = {
  id: true,
  evidenceVersionId: true,
  designation: true,
  beginNumber: true,
  endNumber: true,
  pageCount: true,
  producedSha256: true,
  redactionCount: true,
  privilegeRedacted: true,
  evidenceVersion: {
    select: {
      number: true,
      fileName: true,
      mediaType: true,
      sha256: true,
      evidence: { select: { id: true, title: true } },
      redactions: { select: { reason: true } },
      privilegeLogEntries: { where: { treatment: 'REDACTED' }, select: { id: true }, take: 1 },
    },
  },
} satisfies Prisma.ProductionDocumentSelect;

type ProductionRow = Prisma.ProductionGetPayload<{ select: typeof productionSelect }>;
type DocumentRow = Prisma.ProductionDocumentGetPayload<{ select: typeof productionDocumentSelect }>;

export function mapProduction(row: ProductionRow): ProductionDto {
  const bates = (n: number | null) => (n === null ? null : formatBates(row.batesPrefix, n, row.padWidth));
  const produced = row.status === 'PRODUCED';
  return {
    id: row.id,
    name: row.name,
    batesPrefix: row.batesPrefix,
    startNumber: row.startNumber,
    padWidth: row.padWidth,
    recipient: row.recipient,
    productionDate: formatCalendarDate(row.productionDate),
    deliveryMethod: row.deliveryMethod,
    status: row.status,
    progress: row.progress,
    error: row.error,
    documentCount: row._count.documents,
    firstBates: produced ? bates(row.firstNumber) : null,
    lastNumber: produced ? row.lastNumber : null,
    lastBates: produced ? bates(row.lastNumber) : null,
    pageCount: produced ? row.pageCount : null,
    zipSha256: row.zipSha256,
    zipSizeBytes: row.zipSizeBytes === null ? null : Number(row.zipSizeBytes),
    producedAt: row.producedAt,
    producedBy: produced ? row.producedBy : null,
    lastVerifiedAt: row.lastVerifiedAt,
    lastVerification: row.lastVerification,
    downloadUrl: produced ? `/api/audits/${row.auditId}/productions/${row.id}/volume` : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export function mapProductionDetail(row: ProductionRow, documents: DocumentRow[]): ProductionDetailDto {
  return { ...mapProduction(row), documents: documents.map((d) => mapProductionDocument(row, d)) };
}

/** A document of the volume `volume` (its Bates prefix and width number the range). */
export function mapProductionDocument(
  volume: { batesPrefix: string; padWidth: number },
  d: DocumentRow,
): ProductionDocumentDto {
  const bates = (n: number | null) => (n === null ? null : formatBates(volume.batesPrefix, n, volume.padWidth));
  return {
    id: d.id,
    evidenceVersionId: d.evidenceVersionId,
    evidenceId: d.evidenceVersion.evidence.id,
    title: d.evidenceVersion.evidence.title,
    versionNumber: d.evidenceVersion.number,
    fileName: d.evidenceVersion.fileName,
    mediaType: d.evidenceVersion.mediaType,
    designation: d.designation,
    begBates: bates(d.beginNumber),
    endBates: bates(d.endNumber),
    pageCount: d.pageCount,
    originalSha256: d.evidenceVersion.sha256,
    producedSha256: d.producedSha256,
    ...redactionFacts(d),
  };
}

/**
 * What a produced document had burnt in; before it is produced, what producing it now would
 * burn in (only PDFs are redacted). Privilege boxes owe the privilege log a REDACTED entry.
 */
function redactionFacts(
  d: DocumentRow,
): Pick<ProductionDocumentDto, 'redactionCount' | 'privilegeRedacted' | 'privilegeLogMissing'> {
  const produced = d.producedSha256 !== null;
  const pdf = d.evidenceVersion.mediaType === 'application/pdf';
  const boxes = pdf ? d.evidenceVersion.redactions : [];
  const redactionCount = produced ? d.redactionCount : boxes.length;
  const privilegeRedacted = produced ? d.privilegeRedacted : boxes.some((b) => b.reason === 'PRIVILEGE');
  return {
    redactionCount,
    privilegeRedacted,
    privilegeLogMissing: privilegeRedacted && d.evidenceVersion.privilegeLogEntries.length === 0,
  };
}

/** A row of the production log: the volume and the designations its documents carry. */
export type ProductionLogVolume = ProductionDto & { designations: string[] };

/** A row of the log's second sheet: a produced document and the volume it went out in. */
export type ProductionLogDocument = ProductionDocumentDto & { volume: string };

/** The production log, one row per volume (oldest first): the CSV and the XLSX's first sheet. */
export function productionLogTable(volumes: ProductionLogVolume[], zone: string): SheetTable<ProductionLogVolume> {
  return {
    name: 'Production log',
    zone,
    rows: volumes,
    columns: [
      { header: 'Volume', width: 22, value: (v) => v.name },
      { header: 'Status', width: 14, value: (v) => PRODUCTION_STATUS_LABEL[v.status] },
      { header: 'First Bates number', width: 20, value: (v) => v.firstBates },
      { header: 'Last Bates number', width: 20, value: (v) => v.lastBates },
      { header: 'Documents', width: 10, value: (v) => v.documentCount },
      { header: 'Pages', width: 8, value: (v) => v.pageCount },
      { header: 'Designations', width: 36, value: (v) => v.designations.join('; ') },
      { header: 'Recipient', width: 40, value: (v) => v.recipient },
      { header: 'Delivery method', width: 24, value: (v) => v.deliveryMethod },
      { header: 'Production date', width: 14, value: (v) => ({ day: calendarDate(v.productionDate) }) },
      { header: `Produced at (${zone})`, width: 18, value: (v) => ({ instant: v.producedAt }) },
      { header: 'Produced by', width: 22, value: (v) => v.producedBy?.name ?? null },
      { header: 'ZIP size (bytes)', width: 14, value: (v) => v.zipSizeBytes },
      { header: 'ZIP SHA-256', width: 66, value: (v) => v.zipSha256 },
      { header: 'Last file check', width: 12, value: (v) => v.lastVerification },
      { header: `Checked at (${zone})`, width: 18, value: (v) => ({ instant: v.lastVerifiedAt }) },
    ],
  };
}

/** Every produced document, by volume and Bates number: the XLSX's second sheet. */
export function producedDocumentsTable(
  documents: ProductionLogDocument[],
  zone: string,
): SheetTable<ProductionLogDocument> {
  return {
    name: 'Produced documents',
    zone,
    rows: documents,
    columns: [
      { header: 'Volume', width: 22, value: (d) => d.volume },
      { header: 'Begin Bates', width: 20, value: (d) => d.begBates },
      { header: 'End Bates', width: 20, value: (d) => d.endBates },
      { header: 'Pages', width: 8, value: (d) => d.pageCount },
      { header: 'File name', width: 36, value: (d) => d.fileName },
      { header: 'Evidence', width: 36, value: (d) => d.title },
      { header: 'Version', width: 8, value: (d) => d.versionNumber },
      { header: 'Designation', width: 36, value: (d) => d.designation },
      { header: 'SHA-256 (produced file)', width: 66, value: (d) => d.producedSha256 },
      { header: 'SHA-256 (original evidence version)', width: 66, value: (d) => d.originalSha256 },
    ],
  };
}
