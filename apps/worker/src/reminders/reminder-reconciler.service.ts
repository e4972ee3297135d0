import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { Clock, ReminderStatus } from '@app/domain';
import { enqueueDigests, QueueName, RECONCILE_JOB, RECONCILE_SCHEDULER_ID } from '@app/queue';

/** A row claimed longer ago than this belongs to a worker that stopped while sending it. */
export const STUCK_SENDING_MS = 10 * 60_000;

/**
 * PostgreSQL holds the truth, Redis only the timers: this puts back a job for every
 * SCHEDULED (recipient, send time) whose job is missing (Redis restarted or flushed, or a
 * crash between commit and enqueue). Deterministic job ids make re-adding an existing job a
 * no-op. Runs at start-up and then on a BullMQ job scheduler.
 */
@Injectable()
export class ReminderReconcilerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderReconcilerService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(RECONCILE_SCHEDULER_ID, { every: this.config.REMINDER_RECONCILE_EVERY_MS }, { name: RECONCILE_JOB });
    await this.reconcile();
  }

  async reconcile(): Promise<{ enqueued: number; stuck: number }> {
    const now = this.clock.now();
    // Sent or not, nobody knows: FAILED lets counsel decide to retry, rather than risk a double.
    const stuck = await this.prisma.reminder.updateMany({
      where: { status: ReminderStatus.SENDING, claimedAt: { lt: new Date(now.getTime() - STUCK_SENDING_MS) } },
      data: { status: ReminderStatus.FAILED, lastError: 'The worker stopped while sending; whether it was delivered is unknown.' },
    });
    const keys = await this.prisma.reminder.findMany({
      where: { status: ReminderStatus.SCHEDULED },
      distinct: ['recipientId', 'sendAt'],
      select: { recipientId: true, sendAt: true },
    });
    await enqueueDigests(this.queue, keys, now, { attempts: this.config.REMINDER_ATTEMPTS, retryDelayMs: this.config.REMINDER_RETRY_DELAY_MS });
    if (keys.length || stuck.count) this.logger.log(`Reconciled ${keys.length} scheduled digests; ${stuck.count} stuck sends marked FAILED`);
    return { enqueued: keys.length, stuck: stuck.count };
  }
}
