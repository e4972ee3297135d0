import { Injectable } from '@nestjs/common';
import { hashPassword, hashSecret, newSecret, normalizeEmail } from '@app/accounts';
import { creationChanges, recordActivity } from '@app/activity';
import { type AfterCommit, PrismaService, type Tx, UnitOfWork } from '@app/db';
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
import type { MemberDto } from '../members/dto/member.dto';
import { MembersService } from '../members/members.service';
import {
  type AcceptInvitationDto,
  type InvitationDto,
  InvitationOutcome,
  type InvitationResultDto,
  type InvitationsResultDto,
  type InviteMemberDto,
  type InviteMembersDto,
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
    const outcome = await this.uow.run((tx, effects) =>
      this.inviteInTransaction(tx, effects, auth, auditId, dto, 'email'),
    );
    return this.emailOutcome(outcome);
  }

  /**
   * Lead counsel invite several people at once (a team pasted from an email), all or none: one
   * transaction, so a refused person leaves nobody half-invited. Every refusal is named at
   * once (`people[i].email`), so the whole list can be corrected in one go. The emails go
   * out after commit, one by one; each result says whether its email did.
   */
  async inviteMany(auth: AuthContext, auditId: string, dto: InviteMembersDto): Promise<InvitationsResultDto> {
    await this.access.require(auth, auditId, AuditRole.LEAD_COUNSEL);
    const people = dto.people.map((person) => ({ ...person, email: normalizeEmail(person.email) }));
    refuseRepeatedEmails(people);
    const outcomes = await this.uow.run(async (tx, effects) => {
      await this.refuseUninvitable(tx, auditId, people);
      const done: InvitedPerson[] = [];
      for (const [i, person] of people.entries())
        done.push(await this.inviteInTransaction(tx, effects, auth, auditId, person, `people[${i}].email`));
      return done;
    });
    const results: InvitationResultDto[] = [];
    for (const outcome of outcomes) results.push(await this.emailOutcome(outcome));
    return { results };
  }

  /** One person's invitation inside the caller's unit of work; `field` names their email in errors. */
  private async inviteInTransaction(
    tx: Tx,
    effects: AfterCommit,
    auth: AuthContext,
    auditId: string,
    dto: InviteMemberDto,
    field: string,
  ): Promise<InvitedPerson> {
    const email = normalizeEmail(dto.email);
    let user = await tx.user.findUnique({ where: { email }, select: { id: true, ...accountFields } });
    if (user && stateOf(user) === UserState.DEACTIVATED) throw AppError.rule(DEACTIVATED, field);
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
    const member = await this.members.addInTransaction(tx, effects, auth.user.id, auditId, user.id, dto.role, field);
    if (stateOf(user) === UserState.ACTIVE) return { member, issued: null };
    const issued = await this.issue(tx, { userId: user.id, auditId, role: dto.role, invitedById: auth.user.id });
    return { member, issued };
  }

  /**
   * Everyone of the list who cannot be invited, named together: members already, or holders
   * of a deactivated account. The per-person step checks again (under the same transaction),
   * which is what holds against a concurrent change; this is for the list's author.
   */
  private async refuseUninvitable(tx: Tx, auditId: string, people: InviteMemberDto[]): Promise<void> {
    const users = await tx.user.findMany({
      where: { email: { in: people.map((p) => p.email) } },
      select: { email: true, ...accountFields, memberships: { where: { auditId }, select: { userId: true } } },
    });
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const problems = people.flatMap((person, i) => {
      const user = byEmail.get(person.email);
      const field = `people[${i}].email`;
      if (user && stateOf(user) === UserState.DEACTIVATED) return [{ field, message: DEACTIVATED }];
      if (user && user.memberships.length > 0 && stateOf(user) === UserState.INVITED)
        return [
          {
            field,
            message: `${person.email} is already invited and has not accepted yet: resend the invitation from the members list.`,
          },
        ];
      if (user && user.memberships.length > 0)
        return [{ field, message: `${person.email} is already a member of the audit.` }];
      return [];
    });
    if (problems.length > 0) {
      const count = problems.length === 1 ? 'One person' : `${problems.length} people`;
      throw new AppError(ErrorCode.RULE_VIOLATION, `${count} of the list cannot be invited; nobody was.`, problems);
    }
  }

  private async emailOutcome({ member, issued }: InvitedPerson): Promise<InvitationResultDto> {
    return {
      outcome: issued ? InvitationOutcome.INVITED : InvitationOutcome.ADDED,
      member,
      invitation: issued ? await this.emailCommittedInvitation(issued) : null,
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

const DEACTIVATED = 'This person has a deactivated account; an org admin must reactivate it before they can be added.';

interface InvitedPerson {
  member: MemberDto;
  /** The link to email, when the person has no active account yet. */
  issued: IssuedInvitation | null;
}

/** The same address twice in one list is a pasting slip: named, with the row it repeats. */
function refuseRepeatedEmails(people: { email: string }[]): void {
  const firstRow = new Map<string, number>();
  const problems = people.flatMap(({ email }, i) => {
    const first = firstRow.get(email);
    if (first === undefined) {
      firstRow.set(email, i);
      return [];
    }
    return [{ field: `people[${i}].email`, message: `${email} is listed twice (also person ${first + 1}).` }];
  });
  if (problems.length > 0)
    throw new AppError(ErrorCode.VALIDATION_FAILED, problems.map((p) => p.message).join(' '), problems);
}

const gone = (message: string, reason = 'USED') => new AppError(ErrorCode.GONE, message, [], { reason });
