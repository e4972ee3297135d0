import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { type AfterCommit, PrismaService, type Tx } from '@app/db';
import { Clock } from '@app/domain';
import { enqueueDigests, QueueName } from '@app/queue';
import {
  type DigestKey,
  enqueueReplanned,
  type PersonReplan,
  replanAudits,
  replanAuditsInBatches,
  replanPerson,
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
   * enqueue after commit (see `afterCommit`).
   */
  async replan(tx: Tx, effects: AfterCommit, auditId: string): Promise<ReplanResult> {
    const result = await replanAudits(tx, [auditId], this.clock.now(), this.planOptions());
    this.afterCommit(effects, [auditId], result);
    return result;
  }

  /**
   * Re-plans, in one `replanAudits` call, every audit still being worked on in which a person
   * has reminders (member, assignee or reviewer), in the caller's transaction: after the person
   * is deactivated or reactivated, or changes their zone or their own digest settings. The CLI
   * calls the same `replanPerson` of @app/reminders.
   */
  async replanPerson(tx: Tx, effects: AfterCommit, userId: string): Promise<PersonReplan> {
    const replanned = await replanPerson(tx, userId, this.clock.now(), this.planOptions());
    this.afterCommit(effects, replanned.auditIds, replanned);
    return replanned;
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
   * Registers the enqueue of re-planned audits once per transaction however often it re-plans
   * (`enqueueReplanned` after commit, with every re-planned audit and superseded digest in it).
   * A failure (Redis unreachable) is logged by the unit of work and the change stands.
   */
  private afterCommit(effects: AfterCommit, auditIds: string[], result: ReplanResult): void {
    effects.batch(
      'enqueue re-planned reminders',
      [{ auditIds, superseded: result.superseded }],
      (replans: { auditIds: string[]; superseded: DigestKey[] }[]) =>
        enqueueReplanned(
          this.prisma,
          this.queue,
          { auditIds: replans.flatMap((r) => r.auditIds), superseded: replans.flatMap((r) => r.superseded) },
          this.clock.now(),
          this.retryPolicy(),
        ),
    );
  }

  private planOptions() {
    return { quietAfterDays: this.config.REMINDER_QUIET_AFTER_DAYS };
  }

  private retryPolicy() {
    return { attempts: this.config.REMINDER_ATTEMPTS, retryDelayMs: this.config.REMINDER_RETRY_DELAY_MS };
  }
}
