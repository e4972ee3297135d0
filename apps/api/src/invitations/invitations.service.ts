import { Injectable } from '@nestjs/common';
import { hashPassword, hashSecret, newSecret, normalizeEmail } from '@app/accounts';
import { creationChanges, recordActivity } from '@app/activity';
import { PrismaService, type Tx, UnitOfWork } from '@app/db';
import {
  AuditRole,
  Clock,
  decideOneTimeLink,
  INVITATION_TTL_MS,
  type OneTimeLinkDecision,
  UserState,
  userState,
} from '@app/domain';
import { AppError, ErrorCode } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { mapUser } from '../auth/auth.mapper';
import { AuthService } from '../auth/auth.service';
import type { UserDto } from '../auth/dto/auth.dto';
import { AuditAccessService } from '../access/audit-access.service';
import { AccountMailService } from '../account-mail/account-mail.service';
import { MembersService } from '../members/members.service';
import {
  type AcceptInvitationDto,
  type InvitationDto,
  InvitationOutcome,
  type InvitationResultDto,
  type InviteMemberDto,
  type LinkSentDto,
} from './dto/invitation.dto';

export interface IssuedInvitation {
  id: string;
  /** The secret for the link; only its SHA-256 is stored. */
  secret: string;
  expiresAt: Date;
}

const accountFields = { active: true, invitedAt: true, passwordHash: true } as const;
const stateOf = (u: { active: boolean; invitedAt: Date | null; passwordHash: string | null }) =>
  userState({ active: u.active, invitedAt: u.invitedAt, hasPassword: u.passwordHash !== null });

/** What a link secret from a URL may look like (newSecret: 43 base64url characters). */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * Invitations: lead counsel invite a person to an audit by email; an org admin invites one to
 * the organisation (AdminUsersService). The person gets an account in the INVITED state and a
 * one-time link, valid 7 days, to choose their name, zone and password.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
    private readonly members: MembersService,
    private readonly mail: AccountMailService,
    private readonly auth: AuthService,
  ) {}

  /**
   * Lead counsel: a known active user becomes a member at once; anyone else (unknown, or
   * invited and not yet accepted) becomes a member in the INVITED state and is emailed a
   * fresh link (an earlier link of theirs stops working).
   */
  async invite(auth: AuthContext, auditId: string, dto: InviteMemberDto): Promise<InvitationResultDto> {
    await this.access.require(auth, auditId, AuditRole.LEAD_COUNSEL);
    const email = normalizeEmail(dto.email);
    const outcome = await this.uow.run(async (tx, effects) => {
      let user = await tx.user.findUnique({ where: { email }, select: { id: true, ...accountFields } });
      if (user && stateOf(user) === UserState.DEACTIVATED) {
        throw AppError.rule(
          'This person has a deactivated account; an org admin must reactivate it before they can be added.',
          'email',
        );
      }
      if (!user) {
        const created = await tx.user.create({
          data: { email, name: dto.name || email.split('@')[0], invitedAt: this.clock.now() },
          select: { id: true, name: true, ...accountFields },
        });
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'user',
          entityId: created.id,
          action: 'invited',
          changes: creationChanges({ email, name: created.name }),
        });
        user = created;
      }
      // A new lead counsel re-plans the audit; its reminders are enqueued after commit.
      const member = await this.members.addInTransaction(
        tx,
        effects,
        auth.user.id,
        auditId,
        user.id,
        dto.role,
        'email',
      );
      if (stateOf(user) === UserState.ACTIVE) return { member, issued: null };
      const issued = await this.issue(tx, { userId: user.id, auditId, role: dto.role, invitedById: auth.user.id });
      return { member, issued };
    });
    return {
      outcome: outcome.issued ? InvitationOutcome.INVITED : InvitationOutcome.ADDED,
      member: outcome.member,
      invitation: outcome.issued ? await this.emailCommittedInvitation(outcome.issued) : null,
    };
  }

  /** Lead counsel: a fresh link for a member who has not accepted yet; the old link stops working. */
  async resend(auth: AuthContext, auditId: string, userId: string): Promise<LinkSentDto> {
    await this.access.require(auth, auditId, AuditRole.LEAD_COUNSEL);
    const issued = await this.prisma.$transaction(async (tx) => {
      const member = await tx.auditMember.findUnique({
        where: { auditId_userId: { auditId, userId } },
        select: { role: true, user: { select: accountFields } },
      });
      if (!member) throw AppError.notFound('Member');
      if (stateOf(member.user) !== UserState.INVITED) {
        throw AppError.rule('This member has no pending invitation: their account is already active or deactivated.');
      }
      return this.issue(tx, { userId, auditId, role: member.role, invitedById: auth.user.id });
    });
    return this.emailCommittedInvitation(issued);
  }

  /**
   * Creates a one-time link for an invited user in the caller's transaction and revokes any
   * earlier one, so a user holds at most one working invitation. The email goes after commit.
   */
  async issue(
    tx: Tx,
    input: { userId: string; auditId: string | null; role: AuditRole | null; invitedById: string },
  ): Promise<IssuedInvitation> {
    const now = this.clock.now();
    await tx.invitation.updateMany({
      where: { userId: input.userId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const secret = newSecret();
    const invitation = await tx.invitation.create({
      data: { ...input, tokenHash: hashSecret(secret), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    });
    await recordActivity(tx, {
      actorId: input.invitedById,
      auditId: input.auditId,
      entityType: 'invitation',
      entityId: invitation.id,
      action: 'issued',
      changes: {
        userId: { before: null, after: input.userId },
        role: { before: null, after: input.role },
        expiresAt: { before: null, after: invitation.expiresAt.toISOString() },
      },
    });
    return { id: invitation.id, secret, expiresAt: invitation.expiresAt };
  }

  /**
   * Emails the link of an invitation whose transaction has committed. Deliberately not a
   * UnitOfWork effect: the caller answers with whether the mail went out (`mailSent`), and
   * an effect's result does not come back. A failed send keeps the invitation (resend it).
   */
  async emailCommittedInvitation(issued: IssuedInvitation): Promise<LinkSentDto> {
    const mailSent = await this.mail.sendInvitationAfterCommit(issued.id, issued.secret);
    return { expiresAt: issued.expiresAt, mailSent };
  }

  /** Public: what the invitation page shows. Unknown link: 404; used, replaced or expired: 410. */
  async show(secret: string): Promise<InvitationDto> {
    const invitation = await this.findUsable(this.prisma, secret);
    return {
      email: invitation.user.email,
      name: invitation.user.name,
      invitedBy: invitation.invitedBy?.name ?? null,
      audit:
        invitation.audit && invitation.role
          ? { title: invitation.audit.title, referenceCode: invitation.audit.referenceCode, role: invitation.role }
          : null,
      expiresAt: invitation.expiresAt,
    };
  }

  /**
   * Public: sets the invited user's name, zone and password, consumes the link (exactly once,
   * also when two requests race: the claim is one conditional UPDATE) and logs them in.
   */
  async accept(secret: string, dto: AcceptInvitationDto): Promise<{ secret: string; user: UserDto }> {
    // Check before the slow hash, so a dead link answers at once.
    await this.findUsable(this.prisma, secret);
    const passwordHash = await hashPassword(dto.password);
    return this.prisma.$transaction(async (tx) => {
      const invitation = await this.findUsable(tx, secret);
      const now = this.clock.now();
      const { count } = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (count === 0) throw gone('This invitation has already been used; each link works once.');
      if (stateOf(invitation.user) !== UserState.INVITED) {
        throw gone('This account is no longer waiting for an invitation to be accepted; log in instead.');
      }
      const user = await tx.user.update({
        where: { id: invitation.userId },
        data: { name: dto.name, timeZone: dto.timeZone, passwordHash },
      });
      await recordActivity(tx, {
        actorId: user.id,
        auditId: invitation.auditId,
        entityType: 'invitation',
        entityId: invitation.id,
        action: 'accepted',
        changes: {
          name: { before: invitation.user.name, after: dto.name },
          timeZone: { before: null, after: dto.timeZone },
        },
      });
      const sessionSecret = await this.auth.openSession(tx, user.id);
      return { secret: sessionSecret, user: mapUser(user) };
    });
  }

  private async findUsable(db: Tx | PrismaService, secret: string) {
    const invitation = SECRET_SHAPE.test(secret)
      ? await db.invitation.findUnique({
          where: { tokenHash: hashSecret(secret) },
          include: {
            user: { select: { email: true, name: true, ...accountFields } },
            invitedBy: { select: { name: true } },
            audit: { select: { title: true, referenceCode: true } },
          },
        })
      : null;
    if (!invitation)
      throw new AppError(ErrorCode.NOT_FOUND, 'This invitation link is not valid; check it was copied whole.');
    const decision: OneTimeLinkDecision = decideOneTimeLink(
      { expiresAt: invitation.expiresAt, usedAt: invitation.acceptedAt, revokedAt: invitation.revokedAt },
      this.clock.now(),
      'invitation',
    );
    if (!decision.usable) throw gone(decision.message, decision.reason);
    return invitation;
  }
}

const gone = (message: string, reason = 'USED') => new AppError(ErrorCode.GONE, message, [], { reason });
