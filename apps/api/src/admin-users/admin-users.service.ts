import { Injectable } from '@nestjs/common';
import { endAccess, hashPassword, hashSecret, newSecret, normalizeEmail } from '@app/accounts';
import { creationChanges, diffFields, recordActivity } from '@app/activity';
import { Prisma, PrismaService, type Tx, UnitOfWork, type User } from '@app/db';
import { Clock, decideOneTimeLink, OrgRole, PASSWORD_RESET_TTL_MS, UserState, userState } from '@app/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AccountMailService } from '../account-mail/account-mail.service';
import type { LinkSentDto } from '../invitations/dto/invitation.dto';
import { type IssuedInvitation, InvitationsService } from '../invitations/invitations.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import { mapAdminUser } from './admin-user.mapper';
import type {
  AdminUserDto,
  AdminUserPageDto,
  AdminUserQueryDto,
  CreateAdminUserDto,
  CreatedAdminUserDto,
  PasswordResetInfoDto,
  SetNewPasswordDto,
  UpdateAdminUserDto,
} from './dto/admin-user.dto';

const SECRET_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

const STATE_WHERE: Record<UserState, Prisma.UserWhereInput> = {
  DEACTIVATED: { active: false },
  INVITED: { active: true, invitedAt: { not: null }, passwordHash: null },
  ACTIVE: { active: true, OR: [{ invitedAt: null }, { passwordHash: { not: null } }] },
};

const stateOf = (u: User) =>
  userState({ active: u.active, invitedAt: u.invitedAt, hasPassword: u.passwordHash !== null });

/**
 * The organisation's users, for org admins only (others get 403): list with state and last
 * login, create (temporary password or invitation), rename, change org role, deactivate and
 * reactivate, and password-reset links (24 h, one use) with their public counterpart.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly invitations: InvitationsService,
    private readonly mail: AccountMailService,
    private readonly uow: UnitOfWork,
    private readonly reminders: ReminderPlannerService,
  ) {}

  async list(auth: AuthContext, query: AdminUserQueryDto): Promise<AdminUserPageDto> {
    requireAdmin(auth);
    const where: Prisma.UserWhereInput = {
      AND: [
        query.state ? STATE_WHERE[query.state] : {},
        query.search
          ? {
              OR: [
                { name: { contains: query.search, mode: 'insensitive' } },
                { email: { contains: query.search, mode: 'insensitive' } },
              ],
            }
          : {},
      ],
    };
    const [total, users] = await Promise.all([
      this.prisma.user.count({ where }),
      this.prisma.user.findMany({ where, orderBy: [{ name: 'asc' }, { email: 'asc' }], ...skipTake(query) }),
    ]);
    return { ...pageMeta(query, total), items: users.map(mapAdminUser) };
  }

  async create(auth: AuthContext, dto: CreateAdminUserDto): Promise<CreatedAdminUserDto> {
    requireAdmin(auth);
    const email = normalizeEmail(dto.email);
    const passwordHash = dto.temporaryPassword ? await hashPassword(dto.temporaryPassword) : null;
    const { user, issued } = await this.prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
        throw AppError.duplicate('email', `A user with email ${email} already exists.`);
      }
      let user: User;
      try {
        user = await tx.user.create({
          data: {
            email,
            name: dto.name,
            timeZone: dto.timeZone ?? 'UTC',
            orgRole: dto.orgRole ?? OrgRole.MEMBER,
            canOpenAudits: dto.canOpenAudits ?? false,
            passwordHash,
            invitedAt: passwordHash ? null : this.clock.now(),
          },
        });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw AppError.duplicate('email', `A user with email ${email} already exists.`);
        }
        throw error;
      }
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'user',
        entityId: user.id,
        action: passwordHash ? 'created' : 'invited',
        // Never the hash: the log is readable by more people than the users table.
        changes: creationChanges({
          email,
          name: user.name,
          timeZone: user.timeZone,
          orgRole: user.orgRole,
          // Only when given: most people are made without it, and the log lists what was set.
          ...(user.canOpenAudits && { canOpenAudits: true }),
        }),
      });
      const issued: IssuedInvitation | null = passwordHash
        ? null
        : await this.invitations.issue(tx, { userId: user.id, auditId: null, role: null, invitedById: auth.user.id });
      return { user, issued };
    });
    return {
      ...mapAdminUser(user),
      invitation: issued ? await this.invitations.emailCommittedInvitation(issued) : null,
    };
  }

  /**
   * Renames, changes the org role, allows or stops opening audits, deactivates or reactivates. Deactivating ends the user's
   * sessions, revokes their API tokens and their pending links in the same transaction (and
   * the auth guard refuses an inactive user on every request, so nothing they hold works).
   */
  async update(auth: AuthContext, userId: string, dto: UpdateAdminUserDto): Promise<AdminUserDto> {
    requireAdmin(auth);
    if (userId === auth.user.id && (dto.active === false || dto.orgRole === OrgRole.MEMBER)) {
      throw AppError.rule(
        'You cannot deactivate yourself or give up your own admin role; ask another admin.',
        dto.active === false ? 'active' : 'orgRole',
      );
    }
    const user = await this.uow.run(async (tx, effects) => {
      const before = await findUser(tx, userId);
      const fields = { name: dto.name, orgRole: dto.orgRole, canOpenAudits: dto.canOpenAudits, active: dto.active };
      const changes = diffFields(before, fields);
      if (Object.keys(changes).length === 0) return before;
      const after = await tx.user.update({ where: { id: userId }, data: fields });
      const now = this.clock.now();
      if (changes.active && dto.active === false) await endAccess(tx, userId, now);
      if (changes.active) {
        // A deactivated user gets no reminders: their scheduled ones are cancelled now (and a
        // reactivated one's planned again), in every audit they work in. The CLI's
        // user:deactivate and user:activate re-plan the same way.
        await this.reminders.replanPerson(tx, effects, userId);
      }
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'user',
        entityId: userId,
        action: changes.active ? (dto.active ? 'reactivated' : 'deactivated') : 'updated',
        changes,
      });
      return after;
    });
    return mapAdminUser(user);
  }

  /** Emails the user a one-time link (24 h) to choose a new password; earlier links stop working. */
  async sendPasswordReset(auth: AuthContext, userId: string): Promise<LinkSentDto> {
    requireAdmin(auth);
    const issued = await this.prisma.$transaction(async (tx) => {
      const user = await findUser(tx, userId);
      const state = stateOf(user);
      if (state === UserState.INVITED)
        throw AppError.rule('This user has not accepted their invitation yet: resend the invitation instead.');
      if (state === UserState.DEACTIVATED) throw AppError.rule('This user is deactivated: reactivate them first.');
      const now = this.clock.now();
      await tx.passwordReset.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
      const secret = newSecret();
      const reset = await tx.passwordReset.create({
        data: {
          userId,
          requestedById: auth.user.id,
          tokenHash: hashSecret(secret),
          expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
        },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'user',
        entityId: userId,
        action: 'password_reset_requested',
        changes: { expiresAt: { before: null, after: reset.expiresAt.toISOString() } },
      });
      return { id: reset.id, secret, expiresAt: reset.expiresAt };
    });
    const mailSent = await this.mail.sendPasswordResetAfterCommit(issued.id, issued.secret);
    return { expiresAt: issued.expiresAt, mailSent };
  }

  /**
   * A fresh invitation link for a user an admin created by invitation who has not accepted yet
   * (an audit's lead counsel resends for their members); the old link stops working.
   */
  async resendInvitation(auth: AuthContext, userId: string): Promise<LinkSentDto> {
    requireAdmin(auth);
    const issued = await this.prisma.$transaction(async (tx) => {
      const user = await findUser(tx, userId);
      if (stateOf(user) !== UserState.INVITED)
        throw AppError.rule('This user has no pending invitation: their account is already active or deactivated.');
      return this.invitations.issue(tx, { userId, auditId: null, role: null, invitedById: auth.user.id });
    });
    return this.invitations.emailCommittedInvitation(issued);
  }

  /** Public: whose password a reset link is for. 404 unknown; 410 used, replaced or expired. */
  async showPasswordReset(secret: string): Promise<PasswordResetInfoDto> {
    const reset = await this.findUsableReset(this.prisma, secret);
    return { email: reset.user.email, name: reset.user.name, expiresAt: reset.expiresAt };
  }

  /**
   * Public: sets the new password and consumes the link (once, also under concurrent use);
   * every session ends and every API token is revoked, as a reset answers a suspected compromise.
   */
  async completePasswordReset(secret: string, dto: SetNewPasswordDto): Promise<void> {
    await this.findUsableReset(this.prisma, secret);
    const passwordHash = await hashPassword(dto.password);
    await this.prisma.$transaction(async (tx) => {
      const reset = await this.findUsableReset(tx, secret);
      const now = this.clock.now();
      const { count } = await tx.passwordReset.updateMany({
        where: { id: reset.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (count === 0)
        throw new AppError(ErrorCode.GONE, 'This password reset link has already been used; each link works once.');
      if (!reset.user.active) throw new AppError(ErrorCode.GONE, 'This account is deactivated.');
      await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
      const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId: reset.userId } });
      await tx.apiToken.updateMany({ where: { userId: reset.userId, revokedAt: null }, data: { revokedAt: now } });
      await recordActivity(tx, {
        actorId: reset.userId,
        auditId: null,
        entityType: 'user',
        entityId: reset.userId,
        action: 'password_reset',
        changes: { sessionsEnded: { before: null, after: sessionsEnded } },
      });
    });
  }

  private async findUsableReset(db: Tx | PrismaService, secret: string) {
    const reset = SECRET_SHAPE.test(secret)
      ? await db.passwordReset.findUnique({
          where: { tokenHash: hashSecret(secret) },
          include: { user: { select: { email: true, name: true, active: true } } },
        })
      : null;
    if (!reset)
      throw new AppError(ErrorCode.NOT_FOUND, 'This password reset link is not valid; check it was copied whole.');
    const decision = decideOneTimeLink(reset, this.clock.now(), 'password reset link');
    if (!decision.usable) throw new AppError(ErrorCode.GONE, decision.message, [], { reason: decision.reason });
    return reset;
  }
}

function requireAdmin(auth: AuthContext): void {
  if (auth.user.orgRole !== OrgRole.ADMIN) throw AppError.forbidden('Only org admins can manage users.');
}

async function findUser(tx: Tx, userId: string): Promise<User> {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw AppError.notFound('User');
  return user;
}
