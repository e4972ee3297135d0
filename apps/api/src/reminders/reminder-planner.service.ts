import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { type AfterCommit, PrismaService, type Tx } from '@app/db';
import { AuditStatus, Clock, ReminderStatus } from '@app/domain';
import { digestJobId, enqueueDigests, QueueName } from '@app/queue';
import {
  type DigestKey,
  removeSupersededDigestJobs,
  replanAudits,
  replanAuditsInBatches,
  type ReplanResult,
} from '@app/reminders';

/**
 * The API's side of reminder planning. Every change that moves a send time (deadline, zone,
 * status, due date, assignee, reviewer, membership, grid, a granted extension, the policy)
 * runs in a `UnitOfWork` and calls `replan(tx, effects, auditId)` inside it: the rows are
 * written in the transaction by `replanAudits` (@app/reminders, shared with the worker), and
 * the BullMQ jobs are added after commit.
 */
@Injectable()
export class ReminderPlannerService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {}

  /**
   * Re-plans one audit in the caller's transaction (see replanAudits) and registers its
   * enqueue after commit: once per audit however often the transaction re-plans it, with
   * the superseded digests of every re-plan.
   */
  async replan(tx: Tx, effects: AfterCommit, auditId: string): Promise<ReplanResult> {
    const result = await replanAudits(tx, [auditId], this.clock.now(), this.planOptions());
    effects.batch(`enqueue the reminders of audit ${auditId}`, result.superseded, (superseded) =>
      this.enqueue(auditId, superseded),
    );
    return result;
  }

  /**
   * Re-plans every audit still being worked on in which a person has reminders (member,
   * assignee or reviewer), in id order, in the caller's transaction: after a change to the
   * person's own digest settings.
   */
  async replanPerson(tx: Tx, effects: AfterCommit, userId: string): Promise<void> {
    const audits = await tx.audit.findMany({
      where: {
        status: { in: [AuditStatus.DRAFT, AuditStatus.OPEN] },
        OR: [
          { members: { some: { userId } } },
          { responses: { some: { OR: [{ assigneeId: userId }, { reviewerId: userId }] } } },
        ],
      },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    for (const audit of audits) await this.replan(tx, effects, audit.id);
  }

  /** After commit, adds the jobs of these digests (a manual send, a retry). */
  send(effects: AfterCommit, keys: DigestKey[]): void {
    effects.add(`enqueue ${keys.length} reminder digests`, () =>
      enqueueDigests(this.queue, keys, this.clock.now(), this.retryPolicy()),
    );
  }

  /** Re-plans many audits in batches (a transaction per batch), e.g. after an import; enqueues nothing. */
  replanMany(auditIds: string[], batchSize?: number): Promise<ReplanResult> {
    return replanAuditsInBatches(this.prisma, auditIds, this.clock.now(), this.planOptions(), batchSize);
  }

  /**
   * One delayed job per (recipient, send time) of the audit's SCHEDULED rows, and the jobs of
   * `superseded` digests left with no row removed. Jobs that exist already are left as they
   * are (deterministic ids). A failure (Redis unreachable) is logged by the unit of work and
   * the change stands: the worker's reconciler enqueues what is missing, and a stale job
   * sends nothing.
   */
  private async enqueue(auditId: string, superseded: DigestKey[]): Promise<void> {
    const keys = await this.prisma.reminder.findMany({
      where: { auditId, status: ReminderStatus.SCHEDULED },
      distinct: ['recipientId', 'sendAt'],
      select: { recipientId: true, sendAt: true },
    });
    const now = this.clock.now();
    await enqueueDigests(this.queue, keys, now, this.retryPolicy());
    const unique = new Map(superseded.map((k) => [digestJobId(k.recipientId, k.sendAt), k]));
    await removeSupersededDigestJobs(this.prisma, this.queue, [...unique.values()], now, this.retryPolicy());
  }

  private planOptions() {
    return { quietAfterDays: this.config.REMINDER_QUIET_AFTER_DAYS };
  }

  private retryPolicy() {
    return { attempts: this.config.REMINDER_ATTEMPTS, retryDelayMs: this.config.REMINDER_RETRY_DELAY_MS };
  }
}
