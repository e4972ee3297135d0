import { createHmac, timingSafeEqual } from 'node:crypto';

// The one-click unsubscribe link of a reminder digest (RFC 8058): a token naming a person and
// the audits whose reminders it turns off, signed with REMINDER_LINK_SECRET. Nothing is stored
// per link: the worker writes it, the API checks the signature, and a mail provider can POST it
// without a login. It does not expire: it only ever turns reminders off, which the person can
// undo (PUT /api/audits/:auditId/reminders/mine).

export interface UnsubscribeGrant {
  userId: string;
  auditIds: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PURPOSE = 'reminders-unsubscribe:v1';

const signature = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`${PURPOSE}|${payload}`).digest('base64url');

/** `<payload>.<signature>`, URL-safe: the payload is the user and the audit ids, base64url. */
export function signUnsubscribeToken(secret: string, grant: UnsubscribeGrant): string {
  const payload = Buffer.from([grant.userId, ...[...grant.auditIds].sort()].join(','), 'utf8').toString('base64url');
  return `${payload}.${signature(secret, payload)}`;
}

/** The grant a token carries, or null when it is malformed or not signed with this secret. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeGrant | null {
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined) return null;
  const expected = Buffer.from(signature(secret, payload));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const [userId, ...auditIds] = Buffer.from(payload, 'base64url').toString('utf8').split(',');
  if (!UUID.test(userId) || auditIds.length === 0 || !auditIds.every((id) => UUID.test(id))) return null;
  return { userId, auditIds };
}

/** The link in the digest's List-Unsubscribe header and its footer. */
export const unsubscribeUrl = (appUrl: string, token: string): string =>
  `${appUrl.replace(/\/$/, '')}/api/reminders/unsubscribe/${token}`;
