// Account states and the one-time links (invitations, password resets) that change them.

export const UserState = { ACTIVE: 'ACTIVE', INVITED: 'INVITED', DEACTIVATED: 'DEACTIVATED' } as const;
export type UserState = (typeof UserState)[keyof typeof UserState];

/**
 * DEACTIVATED: switched off by an org admin (no login, sessions and tokens refused).
 * INVITED: made by an invitation and not yet accepted (no password, so no login).
 * ACTIVE: everyone else.
 */
export function userState(user: { active: boolean; invitedAt: Date | null; hasPassword: boolean }): UserState {
  if (!user.active) return UserState.DEACTIVATED;
  if (user.invitedAt && !user.hasPassword) return UserState.INVITED;
  return UserState.ACTIVE;
}

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 86_400_000;
/** How long a password-reset link works. */
export const PASSWORD_RESET_TTL_MS = 24 * 3_600_000;

export interface OneTimeLink {
  expiresAt: Date;
  /** When it was used (accepted, or the password set). */
  usedAt: Date | null;
  /** When a newer link replaced it, or what it was for went away. */
  revokedAt: Date | null;
}

export type OneTimeLinkDecision =
  { usable: true } | { usable: false; reason: 'USED' | 'REVOKED' | 'EXPIRED'; message: string };

/**
 * Whether a link can still be used at `now`, and if not, a message for the person holding
 * it. `what` names the link ("invitation", "password reset link").
 */
export function decideOneTimeLink(link: OneTimeLink, now: Date, what: string): OneTimeLinkDecision {
  if (link.usedAt)
    return { usable: false, reason: 'USED', message: `This ${what} has already been used; each link works once.` };
  if (link.revokedAt)
    return {
      usable: false,
      reason: 'REVOKED',
      message: `This ${what} was replaced by a newer one or withdrawn; use the latest email, or ask for a new link.`,
    };
  if (link.expiresAt <= now)
    return {
      usable: false,
      reason: 'EXPIRED',
      message: `This ${what} expired on ${link.expiresAt.toISOString()}; ask for a new one.`,
    };
  return { usable: true };
}

const DAY_MS = 86_400_000;

/**
 * When a new API token expires (null: never), or why it may not be made. A token made with
 * another token may not outlive it: a stolen short-lived token must not be turned into a
 * lasting one. (Made from a login session, where the password was given, any lifetime goes.)
 */
export function decideApiTokenExpiry(
  now: Date,
  expiresInDays: number | undefined,
  creatingTokenExpiresAt: Date | null | undefined,
): { ok: true; expiresAt: Date | null } | { ok: false; message: string } {
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * DAY_MS) : null;
  if (creatingTokenExpiresAt && (!expiresAt || expiresAt > creatingTokenExpiresAt)) {
    const days = Math.floor((creatingTokenExpiresAt.getTime() - now.getTime()) / DAY_MS);
    return {
      ok: false,
      message:
        `expiresInDays must be at most ${days}: a token may not create one that outlives it ` +
        `(this one expires at ${creatingTokenExpiresAt.toISOString()})`,
    };
  }
  return { ok: true, expiresAt };
}

/**
 * When a session that was opened at `createdAt` expires if used at `now`: its idle lifetime
 * from now, never past its absolute maximum from the login.
 */
export function sessionExpiry(createdAt: Date, now: Date, ttlMs: number, maxMs: number): Date {
  return new Date(Math.min(now.getTime() + ttlMs, createdAt.getTime() + maxMs));
}
