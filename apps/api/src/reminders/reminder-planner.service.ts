import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { PrismaService, type Tx } from '@app/db';
import { AuditRole, AuditStatus, Clock, DONE_STATUSES, ReminderStatus, planReminders, ReminderReason, reminderPolicyOf } from '@app/domain';
import { enqueueDigests, QueueName } from '@app/queue';

/** Audits in these states are chased; SUBMITTED and CLOSED ones have nothing left to remind of. */
const ACTIVE_AUDIT = new Set<string>([AuditStatus.DRAFT, AuditStatus.OPEN]);

const rowKey = (r: { recipientId: string; sendAt: Date; reasons: string[]; itemIds: string[] }) =>
  `${r.recipientId}|${r.sendAt.getTime()}|${[...r.reasons].sort().join(',')}|${[...r.itemIds].sort().join(',')}`;

/**
 * The one place that turns an audit's current state into reminder rows. Every change that
 * moves a send time (deadline, zone, status, due date, assignee, reviewer, membership, grid,
 * a granted extension) calls `replan` inside its own transaction, then `enqueue` after commit.
 */
@Injectable()
export class ReminderPlannerService {
  private readonly logger = new Logger(ReminderPlannerService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {}

  /**
   * Brings the audit's SCHEDULED rows in line with the plan: rows still wanted stay as they
   * are, superseded ones become CANCELLED (kept, so the history shows them), new ones are
   * inserted. Rows sent on demand (MANUAL) are not part of the plan and are left alone.
   */
  async replan(tx: Tx, auditId: string): Promise<{ created: number; cancelled: number }> {
    // Serialises replans of one audit: two concurrent changes would each insert their plan.
    await tx.$queryRaw`SELECT id FROM audits WHERE id = ${auditId}::uuid FOR UPDATE`;
    const audit = await tx.audit.findUniqueOrThrow({
      where: { id: auditId },
      select: {
        status: true,
        responseDeadline: true,
        deadlineTimeZone: true,
        reminderPolicy: true,
        members: { where: { role: AuditRole.LEAD_COUNSEL, user: { active: true } }, select: { userId: true, user: { select: { timeZone: true } } } },
      },
    });
    const items = ACTIVE_AUDIT.has(audit.status)
      ? await tx.response.findMany({
          where: { auditId, status: { notIn: [...DONE_STATUSES] } },
          select: {
            id: true, status: true, assigneeId: true, reviewerId: true, dueDate: true,
            assignee: { select: { timeZone: true } }, reviewer: { select: { timeZone: true } },
          },
        })
      : [];
    const zones = new Map<string, string>();
    for (const m of audit.members) zones.set(m.userId, m.user.timeZone);
    for (const i of items) {
      if (i.assigneeId && i.assignee) zones.set(i.assigneeId, i.assignee.timeZone);
      if (i.reviewerId && i.reviewer) zones.set(i.reviewerId, i.reviewer.timeZone);
    }
    const planned = planReminders({
      policy: reminderPolicyOf(audit.reminderPolicy),
      deadline: audit.responseDeadline,
      zone: audit.deadlineTimeZone,
      leadCounselIds: audit.members.map((m) => m.userId),
      items,
      zoneOf: (id) => zones.get(id) ?? 'UTC',
      now: this.clock.now(),
    });
    return this.applyPlan(tx, auditId, planned);
  }

  private async applyPlan(tx: Tx, auditId: string, planned: ReturnType<typeof planReminders>) {
    const existing = await tx.reminder.findMany({
      where: { auditId, status: ReminderStatus.SCHEDULED, NOT: { reasons: { has: ReminderReason.MANUAL } } },
      select: { id: true, recipientId: true, sendAt: true, reasons: true, itemIds: true },
    });
    const wanted = new Set(planned.map(rowKey));
    const kept = new Set<string>();
    const superseded: string[] = [];
    for (const row of existing) {
      const key = rowKey(row);
      if (wanted.has(key) && !kept.has(key)) kept.add(key);
      else superseded.push(row.id);
    }
    const fresh = planned.filter((p) => !kept.has(rowKey(p)));
    if (superseded.length) {
      await tx.reminder.updateMany({ where: { id: { in: superseded }, status: ReminderStatus.SCHEDULED }, data: { status: ReminderStatus.CANCELLED } });
    }
    if (fresh.length) {
      await tx.reminder.createMany({
        data: fresh.map((p) => ({ auditId, recipientId: p.recipientId, sendAt: p.sendAt, reasons: p.reasons, itemIds: p.itemIds })),
      });
    }
    return { created: fresh.length, cancelled: superseded.length };
  }

  /**
   * After commit: one delayed job per (recipient, send time) of the audit's SCHEDULED rows.
   * Jobs that exist already are left as they are (deterministic ids). When Redis is
   * unreachable the change still stands: the worker's reconciler enqueues what is missing.
   */
  async enqueue(auditId: string): Promise<void> {
    const keys = await this.prisma.reminder.findMany({
      where: { auditId, status: ReminderStatus.SCHEDULED },
      distinct: ['recipientId', 'sendAt'],
      select: { recipientId: true, sendAt: true },
    });
    await this.enqueueKeys(keys);
  }

  async enqueueKeys(keys: { recipientId: string; sendAt: Date }[]): Promise<void> {
    try {
      await enqueueDigests(this.queue, keys, this.clock.now(), {
        attempts: this.config.REMINDER_ATTEMPTS,
        retryDelayMs: this.config.REMINDER_RETRY_DELAY_MS,
      });
    } catch (error) {
      this.logger.warn(`Could not enqueue ${keys.length} reminder digests (the worker's reconciler will): ${(error as Error).message}`);
    }
  }
}
