import { createHmac, timingSafeEqual } from 'node:crypto';

// The one-click unsubscribe link of a reminder digest (RFC 8058): a token naming a person, the
// audits whose reminders it turns off and when it expires, signed with REMINDER_LINK_SECRET.
// Nothing is stored per link: the worker writes it, the API checks the signature, and a mail
// provider can POST it without a login. It expires UNSUBSCRIBE_LINK_DAYS after the digest was
// sent, so a link in an old, forwarded or leaked mail stops working; the person can still turn
// reminders off (or on) in the app (PUT /api/audits/:auditId/reminders/mine).

/** How long a digest's unsubscribe link works (RFC 8058 asks for links that keep working a while). */
export const UNSUBSCRIBE_LINK_DAYS = 60;

export interface UnsubscribeGrant {
  userId: string;
  auditIds: string[];
}

/** What a token says: a grant still valid, one past its expiry, or (null) nothing of ours. */
export type UnsubscribeLink = { expired: false; grant: UnsubscribeGrant } | { expired: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EPOCH_SECONDS = /^[0-9]{1,12}$/;
const PURPOSE = 'reminders-unsubscribe:v1';

const signature = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`${PURPOSE}|${payload}`).digest('base64url');

/**
 * `<payload>.<signature>`, URL-safe: the payload is the user, the expiry (seconds since the
 * epoch) and the audit ids, base64url. `now` is when the digest is sent.
 */
export function signUnsubscribeToken(secret: string, grant: UnsubscribeGrant, now: Date): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_LINK_DAYS * 86_400;
  const fields = [grant.userId, String(expiresAt), ...[...grant.auditIds].sort()];
  const payload = Buffer.from(fields.join(','), 'utf8').toString('base64url');
  return `${payload}.${signature(secret, payload)}`;
}

/**
 * What a token grants at `now`, or null when it is malformed or not signed with this secret.
 * A link signed before links expired (no expiry field: the user id is followed by an audit id)
 * counts as expired.
 */
export function verifyUnsubscribeToken(secret: string, token: string, now: Date): UnsubscribeLink | null {
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined) return null;
  const expected = Buffer.from(signature(secret, payload));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const [userId, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split(',');
  if (!UUID.test(userId) || rest.length === 0) return null;
  if (!EPOCH_SECONDS.test(rest[0])) return rest.every((id) => UUID.test(id)) ? { expired: true } : null;
  const [expiresAt, ...auditIds] = rest;
  if (auditIds.length === 0 || !auditIds.every((id) => UUID.test(id))) return null;
  if (now.getTime() >= Number(expiresAt) * 1000) return { expired: true };
  return { expired: false, grant: { userId, auditIds } };
}

/** The link in the digest's List-Unsubscribe header and its footer. */
export const unsubscribeUrl = (appUrl: string, token: string): string =>
  `${appUrl.replace(/\/$/, '')}/api/reminders/unsubscribe/${token}`;
