import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Prisma, PrismaService, PlainSql, type Tx, UnitOfWork } from '@app/db';
import { Clock, decideApiTokenExpiry, type OrgRole, sessionExpiry, UserState, userState } from '@app/domain';
import {
  API_TOKEN_PREFIX,
  decoyPasswordHash,
  hashPassword,
  hashSecret,
  newSecret,
  normalizeEmail,
  verifyPassword,
} from '@app/accounts';
import { diffFields, recordActivity } from '@app/activity';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import { AppError, ErrorCode } from '../common/app-error';
import type { AuthContext, AuthUser } from './auth-context';
import { LoginThrottle } from './login-throttle';
import { sessionMaxMs, sessionTtlMs } from './session-cookie';
import { mapApiToken, mapUser } from './auth.mapper';
import type {
  ApiTokenDto,
  ChangePasswordDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
  LoginDto,
  SessionDto,
  UpdateProfileDto,
  UserDto,
} from './dto/auth.dto';

// Sliding sessions: extend the expiry at most this often, not on every request.
const SESSION_REFRESH_MS = 5 * 60_000;
// A token's "last used" is shown to the minute: written at most once a minute, not on every
// request (a script calling the API many times a second would otherwise write on each call).
const TOKEN_LAST_USED_PRECISION_MS = 60_000;

/** The caller's fields (AuthUser and `active`) in a raw query joining `users u`. */
const USER_COLUMNS = Prisma.sql`u.id::text AS "userId", u.email, u.name, u.time_zone AS "timeZone",
  u.org_role::text AS "orgRole", u.can_open_audits AS "canOpenAudits", u.active`;

interface CallerRow {
  userId: string;
  email: string;
  name: string;
  timeZone: string;
  orgRole: OrgRole;
  canOpenAudits: boolean;
  active: boolean;
}

interface TokenRow extends CallerRow {
  id: string;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

interface SessionRow extends CallerRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: PlainSql,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly reminders: ReminderPlannerService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Checks the credentials and opens a session; returns the cookie secret. The attempt counts
   * against the login throttle (429 when over it) unless it succeeds.
   */
  async login(dto: LoginDto, address: string | undefined): Promise<{ secret: string; user: UserDto }> {
    const email = normalizeEmail(dto.email);
    const attempt = await this.throttle.begin(email, address);
    const user = await this.prisma.user.findUnique({ where: { email } });
    // Verify against a decoy when there is no such user, so timing does not reveal accounts.
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), dto.password);
    // An invited user has no password (so `valid` is false): said explicitly all the same, as
    // accepting the invitation is the only way in for them.
    const state = user && userState({ ...user, hasPassword: user.passwordHash !== null });
    if (!user || state !== UserState.ACTIVE || !valid) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Email or password is incorrect.');
    }
    const secret = await this.prisma.$transaction((tx) => this.openSession(tx, user.id));
    await this.throttle.succeeded(attempt);
    return { secret, user: mapUser(user) };
  }

  /**
   * Opens a session for the user in the caller's transaction (a login, or an accepted
   * invitation), records it and the user's last login; returns the cookie secret.
   */
  async openSession(tx: Tx, userId: string): Promise<string> {
    const secret = newSecret();
    const now = this.clock.now();
    // Dated by the app's clock, from which its idle and absolute expiries are counted.
    const session = await tx.session.create({
      data: {
        userId,
        tokenHash: hashSecret(secret),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: sessionExpiry(now, now, sessionTtlMs(this.config), sessionMaxMs(this.config)),
      },
    });
    await tx.user.update({ where: { id: userId }, data: { lastLoginAt: now } });
    await recordActivity(tx, {
      actorId: userId,
      auditId: null,
      entityType: 'session',
      entityId: session.id,
      action: 'logged_in',
    });
    return secret;
  }

  async logout(auth: AuthContext): Promise<void> {
    const sessionId = auth.sessionId;
    if (!sessionId) return;
    await this.prisma.$transaction(async (tx) => {
      await tx.session.deleteMany({ where: { id: sessionId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'session',
        entityId: sessionId,
        action: 'logged_out',
      });
    });
  }

  /** The session's caller; `refreshed` when its expiry slid forward and the cookie must follow. */
  async authenticateSession(secret: string): Promise<{ auth: AuthContext; refreshed: boolean } | null> {
    const now = this.clock.now();
    const session = await this.liveSession(secret, now);
    if (!session) return null;
    const maxMs = sessionMaxMs(this.config);
    const refreshed = now.getTime() - session.lastSeenAt.getTime() > SESSION_REFRESH_MS;
    if (refreshed) {
      await this.prisma.session.update({
        where: { id: session.id },
        data: { lastSeenAt: now, expiresAt: sessionExpiry(session.createdAt, now, sessionTtlMs(this.config), maxMs) },
      });
    }
    return {
      auth: { user: toAuthUser({ ...session, id: session.userId }), sessionId: session.id, apiTokenId: null },
      refreshed,
    };
  }

  /**
   * Whether a session cookie's secret still opens a session, without using it (its expiry does
   * not slide): for the page the API serves, which names a logged-in screen's reads only when
   * they will be answered.
   */
  async isLiveSession(secret: string): Promise<boolean> {
    return (await this.liveSession(secret, this.clock.now())) !== null;
  }

  /** The session with this secret, with its user, while it lasts and its user is active. */
  private async liveSession(secret: string, now: Date): Promise<SessionRow | null> {
    // One statement on the PlainSql, session and user joined: it runs on every request of a logged-in browser.
    const [session] = await this.sql.rows<SessionRow>(Prisma.sql`
      SELECT s.id::text AS id, s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
             ${USER_COLUMNS}
        FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ${hashSecret(secret)}`);
    if (!session || !session.active || session.expiresAt <= now) return null;
    // However active, a session ends SESSION_MAX_HOURS after its login (also when that setting shrank since).
    if (session.createdAt.getTime() + sessionMaxMs(this.config) <= now.getTime()) return null;
    return session;
  }

  async authenticateApiToken(secret: string): Promise<AuthContext | null> {
    if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
    // One statement on the PlainSql, token and user joined: it runs on every request that sends a token.
    const [token] = await this.sql.rows<TokenRow>(Prisma.sql`
      SELECT t.id::text AS id, t.last_used_at AS "lastUsedAt", t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt",
             ${USER_COLUMNS}
        FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = ${hashSecret(secret)}`);
    const now = this.clock.now();
    if (!token || token.revokedAt || !token.active || (token.expiresAt && token.expiresAt <= now)) return null;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOKEN_LAST_USED_PRECISION_MS) {
      await this.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return { user: toAuthUser({ ...token, id: token.userId }), sessionId: null, apiTokenId: token.id };
  }

  me(auth: AuthContext): UserDto {
    return mapUser(auth.user);
  }

  /** The caller's session as the UI asks for it: the user, or null for a visitor. */
  session(auth: AuthContext | undefined): SessionDto {
    return { user: auth ? mapUser(auth.user) : null };
  }

  /**
   * Edits the caller's own name and time zone. A new zone moves their reminders (sent at the
   * policy's hour in the recipient's zone): every audit they work in is re-planned.
   */
  async updateProfile(auth: AuthContext, dto: UpdateProfileDto): Promise<UserDto> {
    const user = await this.uow.run(async (tx, effects) => {
      const before = await tx.user.findUniqueOrThrow({ where: { id: auth.user.id } });
      const changes = diffFields(before, { name: dto.name, timeZone: dto.timeZone });
      if (Object.keys(changes).length === 0) return before;
      const after = await tx.user.update({
        where: { id: before.id },
        data: { name: dto.name, timeZone: dto.timeZone },
      });
      await recordActivity(tx, {
        actorId: before.id,
        auditId: null,
        entityType: 'user',
        entityId: before.id,
        action: 'profile_updated',
        changes,
      });
      // Their send times are hours in their zone; the enqueue runs once the change has committed.
      if (changes.timeZone) await this.reminders.replanPerson(tx, effects, before.id);
      return after;
    });
    return mapUser(user);
  }

  /**
   * Changes the caller's password after checking the current one. Every other session of
   * theirs ends (this one stays); API tokens stay valid (revoke them under /auth/tokens).
   */
  async changePassword(auth: AuthContext, dto: ChangePasswordDto): Promise<void> {
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: auth.user.id } });
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw AppError.invalid('currentPassword', 'The current password is not correct.');
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      const { count } = await tx.session.deleteMany({
        where: { userId: user.id, ...(auth.sessionId && { id: { not: auth.sessionId } }) },
      });
      await recordActivity(tx, {
        actorId: user.id,
        auditId: null,
        entityType: 'user',
        entityId: user.id,
        action: 'password_changed',
        changes: { otherSessionsEnded: { before: null, after: count } },
      });
    });
  }

  async createApiToken(auth: AuthContext, dto: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    const secret = newSecret(API_TOKEN_PREFIX);
    const now = this.clock.now();
    const creating = auth.apiTokenId
      ? await this.prisma.apiToken.findUnique({ where: { id: auth.apiTokenId }, select: { expiresAt: true } })
      : null;
    const expiry = decideApiTokenExpiry(now, dto.expiresInDays, creating?.expiresAt);
    if (!expiry.ok) throw AppError.invalid('expiresInDays', expiry.message);
    const token = await this.prisma.$transaction(async (tx) => {
      const created = await tx.apiToken.create({
        data: { userId: auth.user.id, name: dto.name, tokenHash: hashSecret(secret), expiresAt: expiry.expiresAt },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'api_token',
        entityId: created.id,
        action: 'created',
        changes: { name: { before: null, after: dto.name } },
      });
      return created;
    });
    return { ...mapApiToken(token), token: secret };
  }

  async listApiTokens(auth: AuthContext): Promise<ApiTokenDto[]> {
    const tokens = await this.prisma.apiToken.findMany({
      where: { userId: auth.user.id, revokedAt: null },
      orderBy: { createdAt: 'desc' },
    });
    return tokens.map(mapApiToken);
  }

  async revokeApiToken(auth: AuthContext, tokenId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.apiToken.updateMany({
        where: { id: tokenId, userId: auth.user.id, revokedAt: null },
        data: { revokedAt: this.clock.now() },
      });
      if (count === 0) throw AppError.notFound('API token');
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'api_token',
        entityId: tokenId,
        action: 'revoked',
      });
    });
  }
}

const toAuthUser = (user: AuthUser & { active: boolean }): AuthUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  timeZone: user.timeZone,
  orgRole: user.orgRole,
  canOpenAudits: user.canOpenAudits,
});
