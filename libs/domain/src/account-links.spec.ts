import { decideOneTimeLink, INVITATION_TTL_MS, userState } from './account-links';

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
