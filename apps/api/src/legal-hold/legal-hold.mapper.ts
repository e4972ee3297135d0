import type { LegalHoldDto } from './dto/legal-hold.dto';

export const holdSelect = {
  legalHoldSince: true,
  legalHoldReason: true,
  legalHoldBy: { select: { id: true, name: true } },
} as const;

export type HoldRow = {
  legalHoldSince: Date | null;
  legalHoldReason: string | null;
  legalHoldBy: { id: string; name: string } | null;
};

export const mapLegalHold = (audit: HoldRow): LegalHoldDto => ({
  active: audit.legalHoldSince !== null,
  since: audit.legalHoldSince,
  reason: audit.legalHoldReason,
  placedBy: audit.legalHoldBy,
});
