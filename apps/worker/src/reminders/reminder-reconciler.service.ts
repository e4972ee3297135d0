import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { AuditStatus, Clock, DONE_STATUSES, REPLAN_HORIZON_AFTER_MS, ReminderStatus } from '@app/domain';
import {
  digestJobId,
  enqueueDigests,
  QueueName,
  RECONCILE_JOB,
  RECONCILE_SCHEDULER_ID,
  SCHEDULED_RUN_RETENTION,
} from '@app/queue';
import { closeDigestRows, type DigestKey, enqueueReplanned, replanAuditsInBatches } from '@app/reminders';
import { DeliveryReceipts } from './delivery-receipts';
import { LATE_AFTER_MS } from './digest-sender.service';

/** What became of the sends whose lease ran out (see settleExpiredSends). */
export interface ExpiredSends {
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Audits re-planned per round of a reconcile run (stale plans first, then the oldest): a run
 * goes round after round until none is left or HORIZON_RUN_BUDGET_MS has passed.
 */
export const HORIZON_AUDITS_PER_RUN = 200;

/**
 * How far ahead a reconcile run looks for SCHEDULED digests without a job: an hour, or ten
 * runs when they are further apart. A run reads only what comes due in that window (through
 * the (status, send_at) index), not every planned row; a digest further out gets its job
 * back from a later run, long before it is due, since runs come far more often than that.
 */
export const reconcileWindowMs = (everyMs: number): number => Math.max(60 * 60_000, 10 * everyMs);
const HORIZON_BATCH = 50;

/** How long a run goes on re-planning stale plans, round after round, before leaving the rest to the next run. */
const HORIZON_RUN_BUDGET_MS = 20_000;

/**
 * PostgreSQL holds the truth, Redis only the timers: this puts back a job for every
 * SCHEDULED (recipient, send time) coming due within its window (reconcileWindowMs) whose job
 * is missing (Redis restarted or flushed, or a crash between commit and enqueue). Deterministic job ids make re-adding an existing job a
 * no-op. It also moves the post-due planning window forward (`extendHorizon`, on the scheduled
 * runs only). Runs at start-up and then on a BullMQ job scheduler.
 *
 * That scheduler lives in Redis too, so a flush removes it with the jobs: each worker also
 * checks on a timer of its own (not in Redis) that it is there, and puts it back and reconciles
 * at once when it is not, so a Redis loss is repaired without restarting the worker.
 */
@Injectable()
export class ReminderReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReminderReconcilerService.name);
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    private readonly receipts: DeliveryReceipts,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
    // Start-up puts lost jobs back at once; the horizon top-up waits for the scheduled runs, so
    // a worker that was down for days (every audit stale) still starts in seconds. A database
    // that is down now must not stop the worker from starting: the scheduled runs do this
    // once it is back, and /health says it is down meanwhile.
    await this.reconcile({ extendHorizon: false }).catch((error: unknown) =>
      this.logger.warn(
        `Could not reconcile reminders at start-up (the scheduled runs will): ${(error as Error).message}`,
      ),
    );
    this.watchdog = setInterval(() => {
      this.restoreIfLost().catch((error: unknown) =>
        this.logger.warn(`Could not check the reconcile schedule in Redis: ${(error as Error).message}`),
      );
    }, this.config.REMINDER_RECONCILE_EVERY_MS);
    this.watchdog.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.watchdog);
  }

  /** Puts the reconcile schedule back, and reconciles now, if Redis lost it; true when it did. */
  async restoreIfLost(): Promise<boolean> {
    if (await this.queue.getJobScheduler(RECONCILE_SCHEDULER_ID)) return false;
    this.logger.warn('The reconcile schedule was missing from Redis (flushed or restarted): restoring it');
    await this.schedule();
    await this.reconcile({ extendHorizon: false });
    return true;
  }

  private schedule() {
    return this.queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: this.config.REMINDER_RECONCILE_EVERY_MS },
      { name: RECONCILE_JOB, opts: SCHEDULED_RUN_RETENTION },
    );
  }

  async reconcile(
    opts: { extendHorizon?: boolean } = {},
  ): Promise<{ enqueued: number; stuck: ExpiredSends; replanned: number }> {
    const now = this.clock.now();
    const stuck = await this.settleExpiredSends(now);
    // Planning that fails (the database gone for a moment) must not stop the jobs from being put back.
    const replanned =
      opts.extendHorizon === false
        ? 0
        : await this.extendHorizon(now).catch((error: unknown) => {
            this.logger.warn(`Could not re-plan stale reminder plans (the next run will): ${(error as Error).message}`);
            return 0;
          });
    const keys = await this.prisma.reminder.findMany({
      where: {
        status: ReminderStatus.SCHEDULED,
        sendAt: { lte: new Date(now.getTime() + reconcileWindowMs(this.config.REMINDER_RECONCILE_EVERY_MS)) },
      },
      distinct: ['recipientId', 'sendAt'],
      select: { recipientId: true, sendAt: true },
    });
    // Delays count from now, not from the run's start: re-planning may have taken up to
    // HORIZON_RUN_BUDGET_MS, and a digest due meanwhile must not wait that much longer.
    await enqueueDigests(this.queue, keys, this.clock.now(), this.retryPolicy());
    if (keys.length || stuck.delivered || stuck.retried || stuck.failed || replanned) {
      this.logger.log(
        `Reconciled ${keys.length} scheduled digests; stopped sends: ${stuck.delivered} recorded as delivered, ` +
          `${stuck.retried} to send again, ${stuck.failed} marked FAILED; ${replanned} audits re-planned`,
      );
    }
    return { enqueued: keys.length, stuck, replanned };
  }

  /**
   * Rows still SENDING after their lease belong to a worker that stopped mid-send. A digest the
   * server accepted (its receipt is in Redis) is recorded as SENT; one that was not goes back
   * to SCHEDULED while it has attempts left (sent again, with the same Message-ID), and is
   * FAILED after the last, for counsel to retry.
   */
  private async settleExpiredSends(now: Date): Promise<ExpiredSends> {
    const expired = await this.prisma.reminder.findMany({
      where: {
        status: ReminderStatus.SENDING,
        claimedAt: { lt: new Date(now.getTime() - this.config.REMINDER_SEND_LEASE_MS) },
      },
      select: { id: true, auditId: true, recipientId: true, sendAt: true, attempts: true, claimedAt: true },
    });
    if (expired.length === 0) return { delivered: 0, retried: 0, failed: 0 };
    const jobIdOf = (row: { recipientId: string; sendAt: Date }) => digestJobId(row.recipientId, row.sendAt);
    const receipts = await this.receipts.find([...new Set(expired.map(jobIdOf))]);
    const delivered = expired.filter((row) => receipts.has(jobIdOf(row)));
    for (const row of delivered) {
      await closeDigestRows(
        this.prisma,
        [row],
        {
          status: ReminderStatus.SENT,
          sentAt: row.claimedAt,
          messageId: receipts.get(jobIdOf(row)),
          lastError: null,
          late: (row.claimedAt?.getTime() ?? now.getTime()) - row.sendAt.getTime() > LATE_AFTER_MS,
        },
        ReminderStatus.SENDING,
      );
    }
    const undelivered = expired.filter((row) => !receipts.has(jobIdOf(row)));
    const again = undelivered.filter((row) => row.attempts < this.config.REMINDER_ATTEMPTS).map((row) => row.id);
    const retried = await this.prisma.reminder.updateMany({
      where: { id: { in: again }, status: ReminderStatus.SENDING },
      data: {
        status: ReminderStatus.SCHEDULED,
        lastError: 'The worker stopped while sending, before the mail server accepted it; sending again.',
      },
    });
    const lastTries = undelivered.filter((row) => !again.includes(row.id));
    const failed = await closeDigestRows(
      this.prisma,
      lastTries,
      {
        status: ReminderStatus.FAILED,
        lastError: 'The worker stopped while sending, on the last attempt; no sign the mail server accepted it.',
      },
      ReminderStatus.SENDING,
    );
    return { delivered: delivered.length, retried: retried.count, failed };
  }

  /**
   * Only each person's next digest is stored, so an audit one of whose digests went out (its
   * plan marked stale by the sender: null) needs its next planned; those come first. Audits
   * nobody touched for REPLAN_HORIZON_AFTER_MS are re-planned too, as a safety net (post-due
   * chasing is looked for within AFTER_DUE_WINDOW_DAYS of the plan). Rows still wanted stay, so
   * this only adds what is new, and queues it.
   * A digest's next is at least a day after it (one hour of the recipient's, on another day),
   * so planning it a few runs later is never late.
   */
  async extendHorizon(now: Date): Promise<number> {
    const started = Date.now();
    let replanned = 0;
    // Every stale plan is planned again this run, whatever REMINDER_RECONCILE_EVERY_MS is (a
    // morning's digests make thousands stale at once): rounds of HORIZON_AUDITS_PER_RUN, until
    // none is left or the run has taken HORIZON_RUN_BUDGET_MS (the next run goes on).
    for (;;) {
      const audits = await this.prisma.audit.findMany({
        where: {
          status: { in: [AuditStatus.DRAFT, AuditStatus.OPEN] },
          // Past the quiet period nothing is planned any more: re-planning would change nothing
          // (a day's margin: the period ends with a calendar day of the audit's zone).
          responseDeadline: {
            gt: new Date(now.getTime() - (this.config.REMINDER_QUIET_AFTER_DAYS + 1) * 86_400_000),
          },
          OR: [
            { remindersPlannedAt: null },
            { remindersPlannedAt: { lt: new Date(now.getTime() - REPLAN_HORIZON_AFTER_MS) } },
          ],
          responses: { some: { status: { notIn: [...DONE_STATUSES] } } },
        },
        orderBy: [{ remindersPlannedAt: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
        take: HORIZON_AUDITS_PER_RUN,
        select: { id: true },
      });
      if (audits.length === 0) break;
      const { planned, superseded } = await this.replanEach(
        audits.map((a) => a.id),
        now,
      );
      replanned += planned.length;
      // As after a change through the API: each new digest's job at once, the superseded ones'
      // removed. A failure here is repaired by later runs (the window) and stale jobs send nothing.
      try {
        const queuedAt = this.clock.now(); // the rounds before took time (see reconcile)
        await enqueueReplanned(
          this.prisma,
          this.queue,
          { auditIds: planned, superseded },
          queuedAt,
          this.retryPolicy(),
        );
      } catch (error) {
        this.logger.warn(`Could not queue the re-planned reminders (later runs will): ${(error as Error).message}`);
      }
      if (audits.length < HORIZON_AUDITS_PER_RUN || Date.now() - started > HORIZON_RUN_BUDGET_MS) break;
    }
    return replanned;
  }

  /**
   * Re-plans the audits in small batches (a batch holds its audits' row locks, and a user's
   * change to one of them waits). A batch that fails is re-planned an audit at a time, so one
   * audit that cannot be planned holds up no other: it is logged and its plan stamped as if
   * done, so it is not picked first again on every run (the daily top-up tries it again).
   */
  private async replanEach(auditIds: string[], now: Date): Promise<{ planned: string[]; superseded: DigestKey[] }> {
    const options = { quietAfterDays: this.config.REMINDER_QUIET_AFTER_DAYS };
    try {
      const result = await replanAuditsInBatches(this.prisma, auditIds, now, options, HORIZON_BATCH);
      return { planned: auditIds, superseded: result.superseded };
    } catch {
      const planned: string[] = [];
      const superseded: DigestKey[] = [];
      for (const id of auditIds) {
        try {
          superseded.push(...(await replanAuditsInBatches(this.prisma, [id], now, options)).superseded);
          planned.push(id);
        } catch (error) {
          this.logger.error(`Could not plan the reminders of audit ${id}: ${(error as Error).message}`);
          await this.prisma.audit.updateMany({ where: { id }, data: { remindersPlannedAt: now } });
        }
      }
      return { planned, superseded };
    }
  }

  private retryPolicy() {
    return { attempts: this.config.REMINDER_ATTEMPTS, retryDelayMs: this.config.REMINDER_RETRY_DELAY_MS };
  }
}
