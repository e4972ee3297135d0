import type { Prisma } from '@app/db';
import { formatCalendarDate, IntegrityResult } from '@app/domain';
import type { EvidenceDto, EvidenceVersionDto } from './dto/evidence.dto';

export const versionInclude = { uploadedBy: { select: { id: true, name: true } } } as const;
export type VersionRow = Prisma.EvidenceVersionGetPayload<{ include: typeof versionInclude }>;

export const evidenceInclude = {
  createdBy: { select: { id: true, name: true } },
  versions: { include: versionInclude, orderBy: { number: 'desc' } },
  responses: { select: { responseId: true }, orderBy: { linkedAt: 'asc' } },
} as const;
export type EvidenceRow = Prisma.EvidenceGetPayload<{ include: typeof evidenceInclude }>;

const isAlert = (result: string | null) => result === IntegrityResult.MISMATCH || result === IntegrityResult.MISSING;

export const mapVersion = (v: VersionRow): EvidenceVersionDto => ({
  id: v.id,
  number: v.number,
  fileName: v.fileName,
  mediaType: v.mediaType,
  sizeBytes: Number(v.sizeBytes),
  sha256: v.sha256,
  uploadedBy: v.uploadedBy,
  uploadedAt: v.uploadedAt,
  lastVerifiedAt: v.lastVerifiedAt,
  lastVerification: v.lastVerification,
  integrityAlert: isAlert(v.lastVerification),
});

export const mapEvidence = (e: EvidenceRow): EvidenceDto => ({
  id: e.id,
  kind: e.kind,
  title: e.title,
  description: e.description,
  custodian: e.custodian,
  sourceSystem: e.sourceSystem,
  collectedOn: e.collectedOn ? formatCalendarDate(e.collectedOn) : null,
  url: e.url,
  body: e.body,
  confidentiality: e.confidentiality,
  tags: e.tags,
  createdBy: e.createdBy,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  currentVersion: e.versions[0] ? mapVersion(e.versions[0]) : null,
  versionCount: e.versions.length,
  integrityAlert: e.versions.some((v) => isAlert(v.lastVerification)),
  responseIds: e.responses.map((r) => r.responseId),
});
