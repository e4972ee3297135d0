import { Prisma, type PrismaClient, type Tx, type User } from '@app/db';
import { AuditRole, canonicalTimeZone, isValidTimeZone, OrgRole } from '@app/domain';
import { creationChanges, diffFields, recordActivity } from '@app/activity';
import { normalizeEmail } from './emails';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';
import { newSecret } from './tokens';

// Account administration shared by the CLI, the seed and the API. Every function takes
// either the Prisma client (it then opens its own transaction) or a transaction client
// (it then joins the caller's), and records its activity event inside that transaction.

export type AccountErrorCode = 'INVALID_INPUT' | 'DUPLICATE' | 'NOT_FOUND';

/** A refused account operation; `message` is meant to be shown to the person who asked. */
export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export type AccountDb = PrismaClient | Tx;

/** Runs `work` in the caller's transaction, or in a new one when given the client. */
function inTransaction<T>(db: AccountDb, work: (tx: Tx) => Promise<T>): Promise<T> {
  return '$transaction' in db ? db.$transaction(work) : work(db);
}

const invalid = (message: string) => new AccountError('INVALID_INPUT', message);

// Deliberately loose: the address is proven by use, this only catches typing slips.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_NAME_LENGTH = 200;

/** The email in stored form, or an AccountError when it cannot be an address. */
export function checkEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!EMAIL_SHAPE.test(normalized)) throw invalid(`"${email}" is not a valid email address.`);
  return normalized;
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('A name is required.');
  if (trimmed.length > MAX_NAME_LENGTH) throw invalid(`A name has at most ${MAX_NAME_LENGTH} characters.`);
  return trimmed;
}

export function checkTimeZone(zone: string): string {
  const trimmed = zone.trim();
  if (!isValidTimeZone(trimmed)) {
    throw invalid(`"${zone}" is not an IANA time zone (e.g. America/New_York, Europe/Dublin, UTC).`);
  }
  return canonicalTimeZone(trimmed);
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  return password;
}

const parseEnum =
  <T extends string>(what: string, values: Record<string, T>) =>
  (value: string): T => {
    const upper = value.trim().toUpperCase();
    const match = Object.values(values).find((v) => v === upper);
    if (!match) throw invalid(`"${value}" is not ${what}; use one of ${Object.values(values).join(', ')}.`);
    return match;
  };

/** "admin" / "ADMIN" -> OrgRole.ADMIN; anything else is an AccountError. */
export const parseOrgRole = parseEnum('an organisation role', OrgRole);
/** "counsel" / "COUNSEL" -> AuditRole.COUNSEL; anything else is an AccountError. */
export const parseAuditRole = parseEnum('an audit role', AuditRole);

/** A random password for someone who did not choose one (192 bits, URL-safe). */
export const generatePassword = (): string => newSecret().slice(0, 32);

export interface CreateUserInput {
  email: string;
  name: string;
  /** IANA zone; UTC when omitted. */
  timeZone?: string;
  /** Plain password; the user cannot log in until one is set. */
  password?: string;
  /**
   * A hash made by hashPassword, instead of `password`: lets the seed hash one shared demo
   * password once for many users (argon2 is slow on purpose).
   */
  passwordHash?: string;
  orgRole?: OrgRole;
  /** Whether they may open new audits; false when omitted (org admins always may). */
  canOpenAudits?: boolean;
  /** Who did it, for the activity log; null or omitted for the CLI and the seed. */
  actorId?: string | null;
}

export async function createUser(db: AccountDb, input: CreateUserInput): Promise<User> {
  const email = checkEmail(input.email);
  const name = checkName(input.name);
  const timeZone = checkTimeZone(input.timeZone ?? 'UTC');
  const orgRole = input.orgRole === undefined ? OrgRole.MEMBER : parseOrgRole(input.orgRole);
  if (input.password !== undefined && input.passwordHash !== undefined) {
    throw invalid('Give either a password or a password hash, not both.');
  }
  // Hash before the transaction: argon2 takes a while and must not hold a connection.
  const passwordHash =
    input.password !== undefined ? await hashPassword(checkPassword(input.password)) : input.passwordHash;

  return inTransaction(db, async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AccountError('DUPLICATE', `A user with email ${email} already exists.`);
    }
    let user: User;
    try {
      user = await tx.user.create({
        data: { email, name, timeZone, orgRole, passwordHash, canOpenAudits: input.canOpenAudits ?? false },
      });
    } catch (error) {
      // Another request created the same email between the check and the insert.
      if (isUniqueViolation(error)) throw new AccountError('DUPLICATE', `A user with email ${email} already exists.`);
      throw error;
    }
    await recordActivity(tx, {
      actorId: input.actorId ?? null,
      auditId: null,
      entityType: 'user',
      entityId: user.id,
      action: 'created',
      // Never the hash: the log is readable by more people than the users table.
      changes: creationChanges({
        email,
        name,
        timeZone,
        orgRole,
        active: user.active,
        ...(user.canOpenAudits && { canOpenAudits: true }),
      }),
    });
    return user;
  });
}

export function findUserByEmail(db: AccountDb, email: string): Promise<User | null> {
  return db.user.findUnique({ where: { email: normalizeEmail(email) } });
}

async function requireUser(db: AccountDb, email: string): Promise<User> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new AccountError('NOT_FOUND', `No user has email ${normalizeEmail(email)}.`);
  return user;
}

export interface SetOrgRoleInput {
  email: string;
  orgRole: OrgRole;
  actorId?: string | null;
}

export async function setOrgRole(db: AccountDb, input: SetOrgRoleInput): Promise<User> {
  const orgRole = parseOrgRole(input.orgRole);
  return inTransaction(db, async (tx) => {
    const before = await requireUser(tx, input.email);
    if (before.orgRole === orgRole) return before;
    const user = await tx.user.update({ where: { id: before.id }, data: { orgRole } });
    await recordActivity(tx, {
      actorId: input.actorId ?? null,
      auditId: null,
      entityType: 'user',
      entityId: user.id,
      action: 'updated',
      changes: diffFields(before, { orgRole }),
    });
    return user;
  });
}

export interface ResetPasswordInput {
  email: string;
  password: string;
  actorId?: string | null;
}

/** Sets a new password and logs the user out everywhere: sessions deleted, API tokens revoked. */
export async function resetPassword(
  db: AccountDb,
  input: ResetPasswordInput,
): Promise<{ user: User; sessionsEnded: number }> {
  const passwordHash = await hashPassword(checkPassword(input.password));
  return inTransaction(db, async (tx) => {
    const before = await requireUser(tx, input.email);
    const user = await tx.user.update({ where: { id: before.id }, data: { passwordHash } });
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId: user.id } });
    // A reset answers a suspected compromise: scripts' tokens stop working too.
    await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordActivity(tx, {
      actorId: input.actorId ?? null,
      auditId: null,
      entityType: 'user',
      entityId: user.id,
      action: 'password_reset',
    });
    return { user, sessionsEnded };
  });
}

export interface SetActiveInput {
  email: string;
  active: boolean;
  actorId?: string | null;
}

/**
 * What deactivating a user ends at once, in the caller's transaction, for the admin API and the
 * CLI alike: their sessions, their API tokens and their pending one-time links (invitation,
 * password reset), so nothing they held works again if they are reactivated later.
 */
export async function endAccess(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.session.deleteMany({ where: { userId } });
  await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  await tx.invitation.updateMany({ where: { userId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
  await tx.passwordReset.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
}

/** Activates or deactivates a user; deactivating also ends their access (`endAccess`). */
export async function setActive(db: AccountDb, input: SetActiveInput): Promise<User> {
  return inTransaction(db, async (tx) => {
    const before = await requireUser(tx, input.email);
    if (before.active === input.active) return before;
    const user = await tx.user.update({ where: { id: before.id }, data: { active: input.active } });
    if (!input.active) await endAccess(tx, user.id, new Date());
    await recordActivity(tx, {
      actorId: input.actorId ?? null,
      auditId: null,
      entityType: 'user',
      entityId: user.id,
      action: input.active ? 'activated' : 'deactivated',
      changes: diffFields(before, { active: input.active }),
    });
    return user;
  });
}

export interface GrantAuditRoleInput {
  email: string;
  /** The audit's reference code, e.g. "TWTR-MSFT-2023-05". */
  auditReference: string;
  role: AuditRole;
  actorId?: string | null;
}

/** Makes the user a member of the audit with `role`, or changes the role they hold. */
export async function grantAuditRole(
  db: AccountDb,
  input: GrantAuditRoleInput,
): Promise<{
  userId: string;
  auditId: string;
  /** The audit's reference as stored (it may be typed in another case). */
  referenceCode: string;
  role: AuditRole;
  previousRole: AuditRole | null;
}> {
  const role = parseAuditRole(input.role);
  const referenceCode = input.auditReference.trim();
  return inTransaction(db, async (tx) => {
    const user = await requireUser(tx, input.email);
    // References are unique whatever their case (an index on lower(reference_code)), so an
    // operator may type one as they remember it.
    const [audit] = await tx.$queryRaw<{ id: string; referenceCode: string }[]>`
      SELECT id::text, reference_code AS "referenceCode" FROM audits WHERE lower(reference_code) = lower(${referenceCode})`;
    if (!audit) throw new AccountError('NOT_FOUND', `No audit has reference code ${referenceCode}.`);
    const key = { auditId_userId: { auditId: audit.id, userId: user.id } };
    const existing = await tx.auditMember.findUnique({ where: key, select: { role: true } });
    const previousRole = existing?.role ?? null;
    const result = { userId: user.id, auditId: audit.id, referenceCode: audit.referenceCode, role, previousRole };
    if (previousRole === role) return result;
    if (previousRole === 'LEAD_COUNSEL') {
      const otherLeads = await tx.auditMember.count({
        where: { auditId: audit.id, role: 'LEAD_COUNSEL', userId: { not: user.id } },
      });
      if (otherLeads === 0)
        throw new AccountError(
          'INVALID_INPUT',
          'An audit must keep at least one lead counsel; grant the role to someone else first.',
        );
    }
    await tx.auditMember.upsert({
      where: key,
      create: { auditId: audit.id, userId: user.id, role },
      update: { role },
    });
    await recordActivity(tx, {
      actorId: input.actorId ?? null,
      auditId: audit.id,
      entityType: 'member',
      entityId: user.id,
      action: 'granted',
      changes: { role: { before: previousRole, after: role } },
    });
    return result;
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
