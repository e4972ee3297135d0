// Rules of productions (Bates-numbered volumes handed to the other side) and of the privilege
// log. No I/O: the API, the worker and the web UI all decide with these.
import { AuditRole } from './enums';

/** Creating, editing and producing volumes, and writing the privilege log: counsel and above. */
export const PRODUCE_ROLE = AuditRole.COUNSEL;

export type ProductionStatusWord = 'DRAFT' | 'PRODUCING' | 'PRODUCED' | 'FAILED';

/** A volume's status in words: the production log's export and the Productions page say the same. */
export const PRODUCTION_STATUS_LABEL: Record<ProductionStatusWord, string> = {
  DRAFT: 'Draft',
  PRODUCING: 'Being produced',
  PRODUCED: 'Produced',
  FAILED: 'Failed',
};

/** A volume may be changed while it is a draft, or after a failed run (nothing was produced). */
export const isProductionEditable = (status: ProductionStatusWord): boolean =>
  status === 'DRAFT' || status === 'FAILED';

/** Why a volume cannot be changed, in words for counsel; null when it can. */
export function productionLockedReason(name: string, status: ProductionStatusWord): string | null {
  if (status === 'PRODUCED') return `Volume ${name} has been produced and can no longer be changed.`;
  if (status === 'PRODUCING') return `Volume ${name} is being produced and cannot be changed now.`;
  return null;
}

/** Bates prefixes: capitals, digits, hyphens and underscores, ending in a separator or not. */
export const BATES_PREFIX_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,29}$/;
export const MIN_BATES_WIDTH = 3;
export const MAX_BATES_WIDTH = 10;

/** MSFT-TWTR- + 1 + width 6 -> MSFT-TWTR-000001 (a prefix without a trailing separator gets none). */
export function formatBates(prefix: string, number: number, width: number): string {
  return `${prefix}${String(number).padStart(width, '0')}`;
}

/**
 * The first number of the next volume under a prefix: right after the highest one the audit
 * has used, so numbers never leave a gap; the volume's own start number only while the prefix
 * has none yet.
 */
export function nextBatesStart(highestUsed: number | null, startNumber: number): number {
  return highestUsed === null ? startNumber : highestUsed + 1;
}

/**
 * Where a volume not yet produced is expected to start, from the volumes produced so far: the
 * same rule as `nextBatesStart`, over their last numbers. The worker decides at production
 * time, so a volume produced in between moves it on.
 */
export function plannedBatesStart(
  produced: readonly { batesPrefix: string; lastNumber: number | null }[],
  prefix: string,
  startNumber: number,
): number {
  const used = produced.flatMap((v) => (v.batesPrefix === prefix && v.lastNumber !== null ? [v.lastNumber] : []));
  return nextBatesStart(used.length ? Math.max(...used) : null, startNumber);
}

/** Whether a number fits the width (a wider number would break the sort order of the names). */
export const fitsWidth = (number: number, width: number): boolean => String(number).length <= width;

/**
 * A designation is stamped with a standard PDF font (WinAnsi), so it holds printable Latin-1
 * characters only; no control characters.
 */
export const DESIGNATION_PATTERN = /^[\x20-\x7e\u00a0-\u00ff]{1,80}$/;

export type PrivilegeTreatmentWord = 'WITHHELD' | 'REDACTED';

/**
 * A document cannot be both produced in full and withheld on a privilege ground: a redacted one
 * appears in both the production and the log. Returns the refusal, or null.
 */
export function producedAndWithheldConflict(
  treatment: PrivilegeTreatmentWord,
  producedIn: readonly string[],
  fileName: string,
): string | null {
  if (treatment !== 'WITHHELD' || producedIn.length === 0) return null;
  return `"${fileName}" is in production ${producedIn.join(', ')}, so it cannot be logged as withheld. Remove it from the production, or log it as redacted.`;
}

/** The refusal to add a document to a volume when the privilege log withholds it. */
export const withheldDocumentMessage = (fileName: string): string =>
  `"${fileName}" is logged as withheld on the privilege log, so it cannot be produced. Change its log entry to redacted, or delete the entry, first.`;

export const PRIVILEGE_LABEL: Record<'ATTORNEY_CLIENT' | 'WORK_PRODUCT' | 'COMMON_INTEREST' | 'OTHER', string> = {
  ATTORNEY_CLIENT: 'Attorney-client privilege',
  WORK_PRODUCT: 'Attorney work product',
  COMMON_INTEREST: 'Common interest',
  OTHER: 'Other',
};

export const TREATMENT_LABEL: Record<PrivilegeTreatmentWord, string> = {
  WITHHELD: 'Withheld',
  REDACTED: 'Redacted',
};
