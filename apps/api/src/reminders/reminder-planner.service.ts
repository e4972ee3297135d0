import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { PrismaService, type Tx } from '@app/db';
import { Clock, ReminderStatus } from '@app/domain';
import { enqueueDigests, QueueName } from '@app/queue';
import {
  type DigestKey,
  removeSupersededDigestJobs,
  replanAudits,
  replanAuditsInBatches,
  type ReplanResult,
} from '@app/reminders';

/**
 * The API's side of reminder planning. Every change that moves a send time (deadline, zone,
 * status, due date, assignee, reviewer, membership, grid, a granted extension) calls `replan`
 * inside its own transaction, then `enqueue` after commit with what `replan` returned. The
 * rows themselves are written by `replanAudits` (@app/reminders), shared with the worker.
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

  /** Re-plans one audit in the caller's transaction (see replanAudits). */
  replan(tx: Tx, auditId: string): Promise<ReplanResult> {
    return replanAudits(tx, [auditId], this.clock.now());
  }

  /** Re-plans many audits in batches (a transaction per batch), e.g. after an import; enqueues nothing. */
  replanMany(auditIds: string[], batchSize?: number): Promise<ReplanResult> {
    return replanAuditsInBatches(this.prisma, auditIds, this.clock.now(), batchSize);
  }

  /**
   * After commit: one delayed job per (recipient, send time) of the audit's SCHEDULED rows,
   * and the jobs of `superseded` digests left with no row removed. Jobs that exist already
   * are left as they are (deterministic ids). When Redis is unreachable the change still
   * stands: the worker's reconciler enqueues what is missing, and a stale job sends nothing.
   */
  async enqueue(auditId: string, superseded: DigestKey[] = []): Promise<void> {
    const keys = await this.prisma.reminder.findMany({
      where: { auditId, status: ReminderStatus.SCHEDULED },
      distinct: ['recipientId', 'sendAt'],
      select: { recipientId: true, sendAt: true },
    });
    await this.enqueueKeys(keys);
    try {
      await removeSupersededDigestJobs(this.prisma, this.queue, superseded, this.clock.now(), this.retryPolicy());
    } catch (error) {
      this.logger.warn(
        `Could not remove ${superseded.length} superseded reminder jobs (harmless: they find nothing to send): ${(error as Error).message}`,
      );
    }
  }

  async enqueueKeys(keys: DigestKey[]): Promise<void> {
    try {
      await enqueueDigests(this.queue, keys, this.clock.now(), this.retryPolicy());
    } catch (error) {
      this.logger.warn(
        `Could not enqueue ${keys.length} reminder digests (the worker's reconciler will): ${(error as Error).message}`,
      );
    }
  }

  private retryPolicy() {
    return { attempts: this.config.REMINDER_ATTEMPTS, retryDelayMs: this.config.REMINDER_RETRY_DELAY_MS };
  }
}
