import { decideApiTokenExpiry, decideOneTimeLink, INVITATION_TTL_MS, sessionExpiry, userState } from './account-links';

describe('userState', () => {
  it('is DEACTIVATED whenever the account is switched off, whatever else holds', () => {
    expect(userState({ active: false, invitedAt: new Date(), hasPassword: false })).toBe('DEACTIVATED');
    expect(userState({ active: false, invitedAt: null, hasPassword: true })).toBe('DEACTIVATED');
  });

  it('is INVITED for an invited account without a password, ACTIVE once one is set', () => {
    expect(userState({ active: true, invitedAt: new Date(), hasPassword: false })).toBe('INVITED');
    expect(userState({ active: true, invitedAt: new Date(), hasPassword: true })).toBe('ACTIVE');
    expect(userState({ active: true, invitedAt: null, hasPassword: true })).toBe('ACTIVE');
  });
});

describe('decideOneTimeLink', () => {
  const created = new Date('2026-12-01T09:00:00Z');
  const link = { expiresAt: new Date(created.getTime() + INVITATION_TTL_MS), usedAt: null, revokedAt: null };

  it('works until the instant it expires, not at it', () => {
    expect(decideOneTimeLink(link, new Date('2026-12-08T08:59:59.999Z'), 'invitation')).toEqual({ usable: true });
    expect(decideOneTimeLink(link, new Date('2026-12-08T09:00:00Z'), 'invitation')).toMatchObject({
      usable: false,
      reason: 'EXPIRED',
      message: 'This invitation expired on 2026-12-08T09:00:00.000Z; ask for a new one.',
    });
  });

  it('says a used link was used, before saying it expired', () => {
    const used = { ...link, usedAt: created };
    expect(decideOneTimeLink(used, new Date('2027-01-01T00:00:00Z'), 'invitation')).toMatchObject({
      usable: false,
      reason: 'USED',
    });
  });

  it('refuses a link replaced by a newer one', () => {
    expect(decideOneTimeLink({ ...link, revokedAt: created }, created, 'password reset link')).toMatchObject({
      usable: false,
      reason: 'REVOKED',
      message: expect.stringContaining('This password reset link was replaced'),
    });
  });
});

describe('decideApiTokenExpiry', () => {
  const now = new Date('2023-05-25T12:00:00Z');
  const inTwoDays = new Date('2023-05-27T12:00:00Z');

  it('lets a session make a token of any lifetime, or one that never expires', () => {
    expect(decideApiTokenExpiry(now, undefined, null)).toEqual({ ok: true, expiresAt: null });
    expect(decideApiTokenExpiry(now, 3650, undefined)).toEqual({
      ok: true,
      expiresAt: new Date('2033-05-22T12:00:00Z'),
    });
  });

  it('refuses a token that would outlive the token making it, saying how long it may last', () => {
    expect(decideApiTokenExpiry(now, 2, inTwoDays)).toEqual({ ok: true, expiresAt: inTwoDays });
    for (const days of [3, undefined]) {
      expect(decideApiTokenExpiry(now, days, inTwoDays)).toEqual({
        ok: false,
        message: expect.stringContaining('expiresInDays must be at most 2'),
      });
    }
  });
});

describe('sessionExpiry', () => {
  const hour = 3_600_000;
  const login = new Date('2023-05-25T00:00:00Z');
  it('slides with use, but never past the maximum after the login', () => {
    expect(sessionExpiry(login, new Date('2023-05-25T10:00:00Z'), 12 * hour, 168 * hour)).toEqual(
      new Date('2023-05-25T22:00:00Z'),
    );
    expect(sessionExpiry(login, new Date('2023-05-31T20:00:00Z'), 12 * hour, 168 * hour)).toEqual(
      new Date('2023-06-01T00:00:00Z'),
    );
  });
});
