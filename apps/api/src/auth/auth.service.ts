import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { Clock } from '@app/domain';
import {
  API_TOKEN_PREFIX,
  decoyPasswordHash,
  hashSecret,
  newSecret,
  normalizeEmail,
  verifyPassword,
} from '@app/accounts';
import { recordActivity } from '@app/activity';
import { AppError, ErrorCode } from '../common/app-error';
import type { AuthContext, AuthUser } from './auth-context';
import { sessionTtlMs } from './session-cookie';
import { mapApiToken, mapUser } from './auth.mapper';
import type { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto, LoginDto, UserDto } from './dto/auth.dto';

const USER_FIELDS = { id: true, email: true, name: true, timeZone: true, orgRole: true } as const;
const DAY_MS = 86_400_000;
// Sliding sessions: extend the expiry at most this often, not on every request.
const SESSION_REFRESH_MS = 5 * 60_000;

@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Checks the credentials and opens a session; returns the cookie secret. */
  async login(dto: LoginDto): Promise<{ secret: string; user: UserDto }> {
    const user = await this.prisma.user.findUnique({ where: { email: normalizeEmail(dto.email) } });
    // Verify against a decoy when there is no such user, so timing does not reveal accounts.
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), dto.password);
    if (!user || !user.active || !valid) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Email or password is incorrect.');
    }
    const secret = newSecret();
    const now = this.clock.now();
    await this.prisma.$transaction(async (tx) => {
      const session = await tx.session.create({
        data: {
          userId: user.id,
          tokenHash: hashSecret(secret),
          expiresAt: new Date(now.getTime() + sessionTtlMs(this.config)),
        },
      });
      await recordActivity(tx, {
        actorId: user.id,
        auditId: null,
        entityType: 'session',
        entityId: session.id,
        action: 'logged_in',
      });
    });
    return { secret, user: mapUser(user) };
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
    const session = await this.prisma.session.findUnique({
      where: { tokenHash: hashSecret(secret) },
      include: { user: { select: { ...USER_FIELDS, active: true } } },
    });
    const now = this.clock.now();
    if (!session || !session.user.active || session.expiresAt <= now) return null;
    const refreshed = now.getTime() - session.lastSeenAt.getTime() > SESSION_REFRESH_MS;
    if (refreshed) {
      await this.prisma.session.update({
        where: { id: session.id },
        data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + sessionTtlMs(this.config)) },
      });
    }
    return { auth: { user: toAuthUser(session.user), sessionId: session.id, apiTokenId: null }, refreshed };
  }

  async authenticateApiToken(secret: string): Promise<AuthContext | null> {
    if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
    const token = await this.prisma.apiToken.findUnique({
      where: { tokenHash: hashSecret(secret) },
      include: { user: { select: { ...USER_FIELDS, active: true } } },
    });
    const now = this.clock.now();
    if (!token || token.revokedAt || !token.user.active || (token.expiresAt && token.expiresAt <= now)) return null;
    await this.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    return { user: toAuthUser(token.user), sessionId: null, apiTokenId: token.id };
  }

  me(auth: AuthContext): UserDto {
    return mapUser(auth.user);
  }

  async createApiToken(auth: AuthContext, dto: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    const secret = newSecret(API_TOKEN_PREFIX);
    const now = this.clock.now();
    const token = await this.prisma.$transaction(async (tx) => {
      const created = await tx.apiToken.create({
        data: {
          userId: auth.user.id,
          name: dto.name,
          tokenHash: hashSecret(secret),
          expiresAt: dto.expiresInDays ? new Date(now.getTime() + dto.expiresInDays * DAY_MS) : null,
        },
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
});
