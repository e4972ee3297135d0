import { Injectable } from '@nestjs/common';
import { type AfterCommit, PrismaService, type Tx, UnitOfWork } from '@app/db';
import { AuditRole, Clock, DONE_STATUSES } from '@app/domain';
import { normalizeEmail } from '@app/accounts';
import { recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, type PageQueryDto, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import type { AddMemberDto, MemberDto, MemberPageDto, MemberQueryDto, UpdateMemberDto } from './dto/member.dto';
import { mapMember, memberInclude, type MemberRow } from './member.mapper';

@Injectable()
export class MembersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly reminders: ReminderPlannerService,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, auditId: string, query: MemberQueryDto & PageQueryDto): Promise<MemberPageDto> {
    await this.access.require(auth, auditId);
    const where = { auditId, ...(query.role ? { role: query.role } : {}) };
    const [total, rows] = await Promise.all([
      this.prisma.auditMember.count({ where }),
      this.prisma.auditMember.findMany({
        where,
        include: memberInclude,
        orderBy: [{ role: 'asc' }, { user: { name: 'asc' } }],
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map(mapMember) };
  }

  async add(auth: AuthContext, auditId: string, dto: AddMemberDto): Promise<MemberDto> {
    await this.access.require(auth, auditId, AuditRole.LEAD_COUNSEL);
    return this.uow.run(async (tx, effects) => {
      const user = await tx.user.findUnique({
        where: dto.userId ? { id: dto.userId } : { email: normalizeEmail(dto.email!) },
        select: { id: true, active: true },
      });
      const field = dto.userId ? 'userId' : 'email';
      if (!user || !user.active) throw AppError.rule(`No active user has this ${field}.`, field);
      return this.addInTransaction(tx, effects, auth.user.id, auditId, user.id, dto.role, field);
    });
  }

  /**
   * Adds a user to the audit inside the caller's unit of work (also used by invitations); a new
   * lead counsel re-plans the audit, whose enqueue runs after commit through `effects`.
   */
  async addInTransaction(
    tx: Tx,
    effects: AfterCommit,
    actorId: string,
    auditId: string,
    userId: string,
    role: AuditRole,
    field: string,
  ): Promise<MemberDto> {
    const existing = await tx.auditMember.findUnique({ where: { auditId_userId: { auditId, userId } } });
    if (existing) throw AppError.duplicate(field, 'This user is already a member of the audit.');
    const member = await tx.auditMember.create({ data: { auditId, userId, role }, include: memberInclude });
    await recordActivity(tx, {
      actorId,
      auditId,
      entityType: 'member',
      entityId: userId,
      action: 'added',
      changes: { role: { before: null, after: role } },
    });
    // A new lead counsel receives escalations.
    if (role === AuditRole.LEAD_COUNSEL) await this.reminders.replan(tx, effects, auditId);
    return mapMember(member);
  }

  async update(auth: AuthContext, auditId: string, userId: string, dto: UpdateMemberDto): Promise<MemberDto> {
    await this.access.require(auth, auditId, AuditRole.LEAD_COUNSEL);
    return this.uow.run(async (tx, effects) => {
      const current = await this.findMember(tx, auditId, userId);
      const role = dto.role ?? current.role;
      const canCertify = dto.canCertify ?? current.canCertify;
      if (current.role === role && current.canCertify === canCertify) return mapMember(current);
      if (current.role !== role) {
        if (current.role === AuditRole.LEAD_COUNSEL) await this.ensureAnotherLead(tx, auditId, userId);
        if (role === AuditRole.VIEWER) await this.ensureNoOpenWork(tx, auditId, userId, 'made a viewer');
      }
      const member = await tx.auditMember.update({
        where: { auditId_userId: { auditId, userId } },
        data: { role, canCertify },
        include: memberInclude,
      });
      if (current.canCertify !== canCertify)
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'member',
          entityId: userId,
          action: canCertify ? 'signer_granted' : 'signer_withdrawn',
          changes: { canCertify: { before: current.canCertify, after: canCertify } },
        });
      if (current.role !== role) {
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'member',
          entityId: userId,
          action: 'role_changed',
          changes: { role: { before: current.role, after: role } },
        });
        // Lead counsel receives escalations: gaining or losing the role moves them.
        await this.reminders.replan(tx, effects, auditId);
      }
      return mapMember(member);
    });
  }

  async remove(auth: AuthContext, auditId: string, userId: string): Promise<void> {
    await this.access.require(auth, auditId, AuditRole.LEAD_COUNSEL);
    await this.uow.run(async (tx, effects) => {
      const current = await this.findMember(tx, auditId, userId);
      if (current.role === AuditRole.LEAD_COUNSEL) await this.ensureAnotherLead(tx, auditId, userId);
      await this.ensureNoOpenWork(tx, auditId, userId, 'removed');
      await tx.auditMember.delete({ where: { auditId_userId: { auditId, userId } } });
      // An invitation to this audit must not let them in any more.
      await tx.invitation.updateMany({
        where: { userId, auditId, acceptedAt: null, revokedAt: null },
        data: { revokedAt: this.clock.now() },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'member',
        entityId: userId,
        action: 'removed',
        changes: { role: { before: current.role, after: null } },
      });
      // New cells must not name a reviewer who left: the audit then has no default reviewer.
      const cleared = await tx.audit.updateMany({
        where: { id: auditId, defaultReviewerId: userId },
        data: { defaultReviewerId: null },
      });
      if (cleared.count > 0)
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'audit',
          entityId: auditId,
          action: 'updated',
          changes: { defaultReviewerId: { before: userId, after: null } },
        });
      await this.reminders.replan(tx, effects, auditId);
    });
  }

  private async findMember(tx: Tx, auditId: string, userId: string): Promise<MemberRow> {
    const member = await tx.auditMember.findUnique({
      where: { auditId_userId: { auditId, userId } },
      include: memberInclude,
    });
    if (!member) throw AppError.notFound('Member');
    return member;
  }

  private async ensureAnotherLead(tx: Tx, auditId: string, userId: string): Promise<void> {
    const others = await tx.auditMember.count({
      where: { auditId, role: AuditRole.LEAD_COUNSEL, userId: { not: userId } },
    });
    if (others === 0) throw AppError.conflict('An audit must keep at least one lead counsel.');
  }

  /** Work is never left without an owner: reassign open responses first. */
  private async ensureNoOpenWork(tx: Tx, auditId: string, userId: string, what: string): Promise<void> {
    const open = await tx.response.count({
      where: { auditId, status: { notIn: [...DONE_STATUSES] }, OR: [{ assigneeId: userId }, { reviewerId: userId }] },
    });
    if (open > 0) {
      throw AppError.conflict(
        `This member is assignee or reviewer of ${open} open responses; reassign them before the member is ${what}.`,
        { openResponses: open },
      );
    }
    const owned = await tx.subject.count({ where: { auditId, ownerId: userId } });
    if (owned > 0)
      throw AppError.conflict(`This member owns ${owned} subjects; change their owner before the member is ${what}.`);
  }
}
