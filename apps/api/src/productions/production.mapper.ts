import type { Prisma } from '@app/db';
import { formatBates, formatCalendarDate } from '@app/domain';
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
  evidenceVersion: {
    select: {
      number: true,
      fileName: true,
      mediaType: true,
      sha256: true,
      evidence: { select: { id: true, title: true } },
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
  const bates = (n: number | null) => (n === null ? null : formatBates(row.batesPrefix, n, row.padWidth));
  return {
    ...mapProduction(row),
    documents: documents.map((d): ProductionDocumentDto => ({
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
    })),
  };
}
