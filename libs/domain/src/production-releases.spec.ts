import { AuditRole } from './enums';
import { hasAtLeast } from './audit-access';
import { PRODUCE_ROLE } from './productions';
import {
  decideReleaseAccess,
  normalizeReleaseCode,
  RELEASE_CODE_ATTEMPTS,
  RELEASE_ROLE,
  RELEASE_STATE_LABEL,
  RELEASE_SENDING_MAX_MS,
  releaseAttemptsLeft,
  releaseExpiryProblem,
  releaseGrantExpiry,
  releaseRefusal,
  releaseResendRefusal,
  releaseState,
} from './production-releases';

const now = new Date('2026-12-03T09:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const HOUR = 3_600_000;

describe('who produces and who releases', () => {
  it('lets counsel and lead counsel produce, and only lead counsel release', () => {
    expect(
      [AuditRole.VIEWER, AuditRole.CONTRIBUTOR, AuditRole.COUNSEL, AuditRole.LEAD_COUNSEL].map((r) => [
        r,
        hasAtLeast(r, PRODUCE_ROLE),
        hasAtLeast(r, RELEASE_ROLE),
      ]),
    ).toEqual([
      ['VIEWER', false, false],
      ['CONTRIBUTOR', false, false],
      ['COUNSEL', true, false],
      ['LEAD_COUNSEL', true, true],
    ]);
  });

  it('releases only a produced volume', () => {
    expect(releaseRefusal('PRODUCED', 'VOL001')).toBeNull();
    for (const status of ['DRAFT', 'PRODUCING', 'FAILED'])
      expect(releaseRefusal(status, 'VOL001')).toBe(
        'Volume VOL001 is not produced: only a produced volume can be released to the other side.',
      );
  });
});

describe('releaseExpiryProblem', () => {
  it('takes an expiry from one hour to thirty days ahead, both ends included', () => {
    expect(releaseExpiryProblem(at(HOUR), now)).toBeNull();
    expect(releaseExpiryProblem(at(30 * 24 * HOUR), now)).toBeNull();
    expect(releaseExpiryProblem(at(HOUR - 1), now)).toBe('expiresAt must be at least an hour from now.');
    expect(releaseExpiryProblem(at(-HOUR), now)).toBe('expiresAt must be at least an hour from now.');
    expect(releaseExpiryProblem(at(30 * 24 * HOUR + 1), now)).toBe('expiresAt must be at most 30 days from now.');
  });
});

/** A release made now, mailed, open for two hours. */
const link = {
  expiresAt: at(2 * HOUR),
  revokedAt: null,
  failedCodeAttempts: 0,
  mailedAt: now,
  mailFailedAt: null,
  createdAt: now,
};

describe('releaseState and decideReleaseAccess', () => {
  it('is active until the instant it expires, not at it', () => {
    expect(releaseState(link, at(2 * HOUR - 1))).toBe('ACTIVE');
    expect(decideReleaseAccess(link, at(2 * HOUR - 1))).toEqual({ open: true });
    expect(releaseState(link, at(2 * HOUR))).toBe('EXPIRED');
    expect(decideReleaseAccess(link, at(2 * HOUR))).toEqual({
      open: false,
      state: 'EXPIRED',
      status: 410,
      message: 'This download link expired on 2026-12-03T11:00:00.000Z. Ask the producing party for a new one.',
    });
  });

  it('locks at the fifth wrong code, with a 403', () => {
    expect(RELEASE_CODE_ATTEMPTS).toBe(5);
    expect(releaseState({ ...link, failedCodeAttempts: 4 }, now)).toBe('ACTIVE');
    expect(decideReleaseAccess({ ...link, failedCodeAttempts: 5 }, now)).toMatchObject({
      open: false,
      state: 'LOCKED',
      status: 403,
    });
    expect(releaseAttemptsLeft(3)).toBe(2);
    expect(releaseAttemptsLeft(7)).toBe(0);
  });

  it('says revoked before expired or locked: it is what counsel did', () => {
    const revoked = { ...link, revokedAt: now, failedCodeAttempts: 5 };
    expect(releaseState(revoked, at(3 * HOUR))).toBe('REVOKED');
    expect(decideReleaseAccess(revoked, at(3 * HOUR))).toMatchObject({ state: 'REVOKED', status: 410 });
  });

  it('says locked before expired', () => {
    expect(releaseState({ ...link, failedCodeAttempts: 5 }, at(3 * HOUR))).toBe('LOCKED');
  });

  it('says sending while the emails are going out, and not sent once that failed or took too long', () => {
    const sending = { ...link, mailedAt: null };
    expect(releaseState(sending, now)).toBe('SENDING');
    expect(releaseState(sending, at(RELEASE_SENDING_MAX_MS - 1))).toBe('SENDING');
    // Neither sent nor failed by then: the process sending them stopped.
    expect(releaseState(sending, at(RELEASE_SENDING_MAX_MS))).toBe('NOT_SENT');
    expect(releaseState({ ...sending, mailFailedAt: now }, now)).toBe('NOT_SENT');
    expect(RELEASE_STATE_LABEL.SENDING).toBe('Sending');
    expect(decideReleaseAccess(sending, now)).toEqual({ open: true });
  });

  it('says not sent while the emails have not both gone out, and keeps the link open meanwhile', () => {
    const unsent = { ...link, mailedAt: null, mailFailedAt: now };
    expect(releaseState(unsent, now)).toBe('NOT_SENT');
    expect(RELEASE_STATE_LABEL.NOT_SENT).toBe('Not sent');
    // The link's email goes out before the code's: its recipient may open it in between.
    expect(decideReleaseAccess(unsent, now)).toEqual({ open: true });
    // Over is over, sent or not.
    expect(releaseState({ ...unsent, revokedAt: now }, now)).toBe('REVOKED');
    expect(releaseState({ ...unsent, failedCodeAttempts: 5 }, now)).toBe('LOCKED');
    expect(releaseState(unsent, at(2 * HOUR))).toBe('EXPIRED');
  });
});

describe('releaseResendRefusal', () => {
  const unsent = { ...link, mailedAt: null, mailFailedAt: now };

  it('sends again only a release that is not sent and still open', () => {
    expect(releaseResendRefusal(unsent, now)).toBeNull();
    expect(releaseResendRefusal({ ...unsent, mailFailedAt: null }, now)).toBe(
      'The link and the code are being sent right now; wait for them to go out or fail.',
    );
    expect(releaseResendRefusal({ ...unsent, mailedAt: now }, now)).toBe('The link and the code were already sent.');
    expect(releaseResendRefusal({ ...unsent, revokedAt: now }, now)).toBe(
      'This link was revoked; release the volume again.',
    );
    expect(releaseResendRefusal(unsent, at(2 * HOUR))).toBe('This link has expired; release the volume again.');
    expect(releaseResendRefusal({ ...unsent, failedCodeAttempts: 5 }, now)).toBe(
      'This link is locked after wrong codes; release the volume again.',
    );
  });
});

describe('releaseGrantExpiry', () => {
  it('lasts thirty minutes, never past the link', () => {
    expect(releaseGrantExpiry({ expiresAt: at(2 * HOUR) }, now)).toEqual(at(30 * 60_000));
    expect(releaseGrantExpiry({ expiresAt: at(10 * 60_000) }, now)).toEqual(at(10 * 60_000));
  });
});

describe('normalizeReleaseCode', () => {
  it('drops the spaces and dashes people type', () => {
    expect(normalizeReleaseCode(' 1234-5678 ')).toBe('12345678');
  });
});
