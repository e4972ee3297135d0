import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService, type Prisma, UnitOfWork } from '@app/db';
import {
  AuditRole,
  AuditStatus,
  Clock,
  DONE_STATUSES,
  ReminderReason,
  ReminderStatus,
  reminderPolicyOf,
} from '@app/domain';
import { diffFields, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type {
  ReminderDto,
  ReminderListQueryDto,
  ReminderPageDto,
  ReminderPolicyDto,
  SendDigestNowDto,
} from './dto/reminder.dto';
import { ReminderPlannerService } from './reminder-planner.service';
import { mapReminder, reminderInclude } from './reminder.mapper';
import { remindersStopped } from './reminders-stopped';

/** An audit's reminders as users see and steer them; planning itself is ReminderPlannerService. */
@Injectable()
export class RemindersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly planner: ReminderPlannerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async list(auth: AuthContext, auditId: string, query: ReminderListQueryDto): Promise<ReminderPageDto> {
    await this.access.require(auth, auditId);
    const where: Prisma.ReminderWhereInput = { auditId, ...(query.status && { status: query.status }) };
    const [total, rows, audit, openItems] = await Promise.all([
      this.prisma.reminder.count({ where }),
      this.prisma.reminder.findMany({
        where,
        include: reminderInclude,
        orderBy: [{ sendAt: 'asc' }, { recipientId: 'asc' }, { id: 'asc' }],
        ...skipTake(query),
      }),
      this.prisma.audit.findUniqueOrThrow({
        where: { id: auditId },
        select: { status: true, remindersPausedAt: true, responseDeadline: true, deadlineTimeZone: true },
      }),
      this.prisma.response.count({ where: { auditId, status: { notIn: [...DONE_STATUSES] } } }),
    ]);
    const stopped = remindersStopped(
      { ...audit, paused: audit.remindersPausedAt !== null, openItems },
      this.clock.now(),
      this.config.REMINDER_QUIET_AFTER_DAYS,
    );
    return { ...pageMeta(query, total), items: rows.map(mapReminder), stopped };
  }

  async getPolicy(auth: AuthContext, auditId: string): Promise<ReminderPolicyDto> {
    await this.access.require(auth, auditId);
    const audit = await this.prisma.audit.findUniqueOrThrow({
      where: { id: auditId },
      select: { reminderPolicy: true },
    });
    return reminderPolicyOf(audit.reminderPolicy);
  }

  /** Replaces the policy and re-plans the audit's pending reminders in the same transaction. */
  async putPolicy(auth: AuthContext, auditId: string, dto: ReminderPolicyDto): Promise<ReminderPolicyDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const policy = {
      deadlineDaysBefore: [...new Set(dto.deadlineDaysBefore)].sort((a, b) => b - a),
      dueDateDaysBefore: [...new Set(dto.dueDateDaysBefore)].sort((a, b) => b - a),
      afterDueDaily: dto.afterDueDaily,
      escalateDaysBefore: dto.escalateDaysBefore,
      sendHour: dto.sendHour,
    };
    await this.uow.run(async (tx, effects) => {
      const audit = await tx.audit.findUniqueOrThrow({ where: { id: auditId }, select: { reminderPolicy: true } });
      const changes = diffFields(
        { reminderPolicy: reminderPolicyOf(audit.reminderPolicy) },
        { reminderPolicy: policy },
      );
      if (Object.keys(changes).length === 0) return;
      await tx.audit.update({ where: { id: auditId }, data: { reminderPolicy: policy } });
      await this.planner.replan(tx, effects, auditId);
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'audit',
        entityId: auditId,
        action: 'reminder_policy_changed',
        changes,
      });
    });
    return policy;
  }

  /** A digest of the member's open items in this audit, sent now (counsel only). */
  async sendNow(auth: AuthContext, auditId: string, dto: SendDigestNowDto): Promise<ReminderDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const row = await this.uow.run(async (tx, effects) => {
      const audit = await tx.audit.findUniqueOrThrow({
        where: { id: auditId },
        select: { status: true, remindersPausedAt: true },
      });
      if (audit.status !== AuditStatus.DRAFT && audit.status !== AuditStatus.OPEN) {
        throw AppError.rule(`This audit is ${audit.status}; nobody is reminded of it any more.`);
      }
      if (audit.remindersPausedAt) throw AppError.rule('Reminders of this audit are paused; resume them first.');
      const member = await tx.auditMember.findUnique({
        where: { auditId_userId: { auditId, userId: dto.userId } },
        select: { role: true, remindersOffAt: true, user: { select: { active: true } } },
      });
      if (!member) throw AppError.rule('This user is not a member of the audit.', 'userId');
      if (!member.user.active) throw AppError.rule('This user is deactivated; they get no reminders.', 'userId');
      if (member.remindersOffAt) throw AppError.rule('This member turned the reminders of this audit off.', 'userId');
      const open = { auditId, status: { notIn: [...DONE_STATUSES] } };
      const items = await tx.response.findMany({
        where:
          member.role === AuditRole.LEAD_COUNSEL
            ? open
            : { ...open, OR: [{ assigneeId: dto.userId }, { reviewerId: dto.userId }] },
        select: { id: true },
      });
      if (items.length === 0)
        throw AppError.rule('This member has no open items in the audit to remind them of.', 'userId');
      const created = await tx.reminder.create({
        data: {
          auditId,
          recipientId: dto.userId,
          sendAt: this.clock.now(),
          reasons: [ReminderReason.MANUAL],
          itemIds: items.map((i) => i.id),
        },
        include: reminderInclude,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'reminder',
        entityId: created.id,
        action: 'send_requested',
        changes: { recipientId: { before: null, after: dto.userId } },
      });
      this.planner.send(effects, [created]);
      return created;
    });
    return mapReminder(row);
  }

  /** Puts a FAILED reminder back to SCHEDULED and sends it at once. */
  async retry(auth: AuthContext, auditId: string, reminderId: string): Promise<ReminderDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const row = await this.uow.run(async (tx, effects) => {
      const current = await tx.reminder.findFirst({ where: { id: reminderId, auditId }, select: { status: true } });
      if (!current) throw AppError.notFound('Reminder');
      const { count } = await tx.reminder.updateMany({
        where: { id: reminderId, status: ReminderStatus.FAILED },
        // A fresh set of attempts, as its new job has: the send lease counts them.
        data: { status: ReminderStatus.SCHEDULED, attempts: 0, lastError: null },
      });
      if (count === 0) throw AppError.conflict(`Only a FAILED reminder can be retried; this one is ${current.status}.`);
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'reminder',
        entityId: reminderId,
        action: 'retried',
        changes: { status: { before: ReminderStatus.FAILED, after: ReminderStatus.SCHEDULED } },
      });
      const retried = await tx.reminder.findUniqueOrThrow({ where: { id: reminderId }, include: reminderInclude });
      this.planner.send(effects, [retried]);
      return retried;
    });
    return mapReminder(row);
  }
}
