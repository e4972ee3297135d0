// Releasing a produced volume to the other side: an expiring, revocable download link for the
// demanding party's counsel, opened with a one-time code sent apart. No I/O: the API decides
// with these, on the process Clock, and the web UI shows the same states.
import { AuditRole } from './enums';

/** Releasing a volume to the other side, and revoking a release: lead counsel only. */
export const RELEASE_ROLE = AuditRole.LEAD_COUNSEL;

/** Wrong codes a link takes; the next state is LOCKED, for good (release the volume again). */
export const RELEASE_CODE_ATTEMPTS = 5;

const HOUR_MS = 3_600_000;
/** The shortest and the longest a release may stay open, from when it is made. */
export const RELEASE_MIN_TTL_MS = HOUR_MS;
export const RELEASE_MAX_TTL_MS = 30 * 24 * HOUR_MS;

/** How long a right code lets the holder download before the code must be entered again. */
export const RELEASE_GRANT_TTL_MS = 30 * 60_000;

/** How many digits the one-time code has. */
export const RELEASE_CODE_DIGITS = 8;

/**
 * How long a release's emails may take to go out (two emails, each bounded by the mail
 * transport's timeouts) before a release neither sent nor failed counts as not sent: the
 * process sending them stopped.
 */
export const RELEASE_SENDING_MAX_MS = 5 * 60_000;

/**
 * SENDING: the link and the code are being handed to the mail server. NOT_SENT: they were not
 * both handed over; "Send again" re-issues them.
 */
export type ReleaseState = 'ACTIVE' | 'SENDING' | 'NOT_SENT' | 'EXPIRED' | 'REVOKED' | 'LOCKED';

export const RELEASE_STATE_LABEL: Record<ReleaseState, string> = {
  ACTIVE: 'Active',
  SENDING: 'Sending',
  NOT_SENT: 'Not sent',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
  LOCKED: 'Locked (too many wrong codes)',
};

export interface ReleaseLink {
  expiresAt: Date;
  revokedAt: Date | null;
  failedCodeAttempts: number;
  /** When both emails (link, code) went out; null while they have not. */
  mailedAt: Date | null;
  /** When sending them failed; null while they are being sent, and once they went out. */
  mailFailedAt: Date | null;
  createdAt: Date;
}

/** A link's state at `now`. Revoked wins over the rest: it is what counsel did on purpose. */
export function releaseState(link: ReleaseLink, now: Date): ReleaseState {
  if (link.revokedAt) return 'REVOKED';
  if (link.failedCodeAttempts >= RELEASE_CODE_ATTEMPTS) return 'LOCKED';
  if (link.expiresAt <= now) return 'EXPIRED';
  if (link.mailedAt !== null) return 'ACTIVE';
  if (link.mailFailedAt === null && now.getTime() - link.createdAt.getTime() < RELEASE_SENDING_MAX_MS) return 'SENDING';
  return 'NOT_SENT';
}

/**
 * Why a release cannot be sent again, or null when it can: only one whose emails did not both go
 * out, and that is still open (a revoked, locked or expired link is over: release the volume again).
 */
export function releaseResendRefusal(link: ReleaseLink, now: Date): string | null {
  switch (releaseState(link, now)) {
    case 'NOT_SENT':
      return null;
    case 'ACTIVE':
      return 'The link and the code were already sent.';
    case 'SENDING':
      return 'The link and the code are being sent right now; wait for them to go out or fail.';
    case 'REVOKED':
      return 'This link was revoked; release the volume again.';
    case 'EXPIRED':
      return 'This link has expired; release the volume again.';
    case 'LOCKED':
      return 'This link is locked after wrong codes; release the volume again.';
  }
}

export type ReleaseAccess =
  { open: true } | { open: false; state: Exclude<ReleaseState, 'ACTIVE'>; status: 403 | 410; message: string };

/**
 * Whether the holder of a link may go on (see the page, enter a code, download), and if not the
 * answer they get: 410 for a link that is over (expired, revoked), 403 for one locked by wrong codes.
 */
export function decideReleaseAccess(link: ReleaseLink, now: Date): ReleaseAccess {
  const state = releaseState(link, now);
  switch (state) {
    // SENDING and NOT_SENT are open too: the link's email goes out before the code's, and its recipient may
    // open it before the code's has gone (or been recorded as sent). What went out of a release
    // that failed halfway stops working when it is sent again (revoked, with new secrets).
    case 'ACTIVE':
    case 'SENDING':
    case 'NOT_SENT':
      return { open: true };
    case 'REVOKED':
      return {
        open: false,
        state,
        status: 410,
        message: 'This download link was withdrawn by the producing party. Ask them for a new one.',
      };
    case 'EXPIRED':
      return {
        open: false,
        state,
        status: 410,
        message: `This download link expired on ${link.expiresAt.toISOString()}. Ask the producing party for a new one.`,
      };
    case 'LOCKED':
      return {
        open: false,
        state,
        status: 403,
        message: `This download link is locked after ${RELEASE_CODE_ATTEMPTS} wrong codes. Ask the producing party for a new one.`,
      };
  }
}

/** Why an expiry may not be chosen at `now` (null: it may); `field` names the field. */
export function releaseExpiryProblem(expiresAt: Date, now: Date, field = 'expiresAt'): string | null {
  const ttl = expiresAt.getTime() - now.getTime();
  if (ttl < RELEASE_MIN_TTL_MS) return `${field} must be at least an hour from now.`;
  if (ttl > RELEASE_MAX_TTL_MS) return `${field} must be at most 30 days from now.`;
  return null;
}

/** Who may release a volume: lead counsel, and only a produced one. Null: they may. */
export function releaseRefusal(status: string, name: string): string | null {
  if (status !== 'PRODUCED')
    return `Volume ${name} is not produced: only a produced volume can be released to the other side.`;
  return null;
}

/** When a grant given at `now` for this link ends: never after the link itself expires. */
export const releaseGrantExpiry = (link: { expiresAt: Date }, now: Date): Date =>
  new Date(Math.min(now.getTime() + RELEASE_GRANT_TTL_MS, link.expiresAt.getTime()));

/** Wrong codes left before the link locks. */
export const releaseAttemptsLeft = (failedCodeAttempts: number): number =>
  Math.max(0, RELEASE_CODE_ATTEMPTS - failedCodeAttempts);

/** What a code must look like: digits only, after spaces and dashes people type are taken out. */
export const normalizeReleaseCode = (code: string): string => code.replace(/[\s-]/g, '');
