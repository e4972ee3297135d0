// Rules of redaction: boxes counsel draw on pages of a PDF evidence version, burnt in when the
// version is produced. No I/O: the API checks boxes with these, the worker maps them onto
// pages, the web UI draws them.
import { AuditRole } from './enums';

export const RedactionReason = {
  PRIVILEGE: 'PRIVILEGE',
  PERSONAL_DATA: 'PERSONAL_DATA',
  TRADE_SECRET: 'TRADE_SECRET',
  NON_RESPONSIVE: 'NON_RESPONSIVE',
} as const;
export type RedactionReason = (typeof RedactionReason)[keyof typeof RedactionReason];

/** The reason in words: the redaction screen, the stamped box and the privilege log agree. */
export const REDACTION_REASON_LABEL: Record<RedactionReason, string> = {
  PRIVILEGE: 'Privilege',
  PERSONAL_DATA: 'Personal data',
  TRADE_SECRET: 'Trade secret',
  NON_RESPONSIVE: 'Non-responsive',
};

/** Marking and removing redactions: counsel and above, as for producing. */
export const REDACT_ROLE = AuditRole.COUNSEL;

/** A box in fractions of the displayed page: origin top left, 0-1 on both axes. */
export interface RedactionBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest side of a box, as a fraction of the page: a stray click draws nothing. */
export const MIN_REDACTION_SIDE = 0.002;

/**
 * What is wrong with a box on a document of `pageCount` pages, as [field, message] for the
 * API's field errors; null when it is a box on a page that exists and lies within it.
 */
export function redactionBoxProblem(box: RedactionBox, pageCount: number): [keyof RedactionBox, string] | null {
  if (!Number.isInteger(box.page) || box.page < 1 || box.page > pageCount)
    return ['page', `page must be between 1 and ${pageCount}`];
  for (const key of ['x', 'y'] as const) {
    if (!Number.isFinite(box[key]) || box[key] < 0 || box[key] >= 1)
      return [key, `${key} must be at least 0 and below 1`];
  }
  if (!Number.isFinite(box.width) || box.width < MIN_REDACTION_SIDE || box.x + box.width > 1 + 1e-9)
    return ['width', 'width must keep the box on the page'];
  if (!Number.isFinite(box.height) || box.height < MIN_REDACTION_SIDE || box.y + box.height > 1 + 1e-9)
    return ['height', 'height must keep the box on the page'];
  return null;
}
