// Boots the worker for e2e specs from its real module, as main.ts does, with the spec's clock
// and settings.
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { AppConfig, loadEnvironment } from '@app/config';
import { PrismaService } from '@app/db';
import { Clock, ReminderStatus, SystemClock } from '@app/domain';
import { QueueName, RECONCILE_JOB } from '@app/queue';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { eventually } from './eventually';

export interface TestWorker {
  app: INestApplication;
  /** The reminders queue. */
  queue: Queue;
  close: () => Promise<void>;
}

/**
 * How often a worker on a spec's held clock reconciles on its own schedule (and checks that
 * schedule), unless the spec sets REMINDER_RECONCILE_EVERY_MS. Such specs move the clock by
 * hours at a time and run the reconciler themselves. A scheduled run in the middle of that
 * plans and picks digests by the instant it read when it began, which the spec may have left
 * by the time it queues them: jobs the spec does not expect, at times it has moved past. Six
 * minutes apart, no scheduled run comes while a spec file runs, and the window a run
 * reconciles is still the default hour.
 */
export const HELD_CLOCK_RECONCILE_EVERY_MS = 6 * 60_000;

export interface TestWorkerOptions {
  /** The worker's clock (the real one when omitted): a spec's held clock, see HELD_CLOCK_RECONCILE_EVERY_MS. */
  clock?: Clock;
  /** Settings that differ from the validated environment (e.g. STORAGE_DIR). */
  env?: Partial<AppConfig>;
  /** Leave pending reminders alone: for a second worker joining a spec's first one. */
  keepPendingReminders?: boolean;
}

/**
 * Spec files share one test database (not one queue: each has its own prefix), and many of them
 * plan reminders (all due long ago on the real clock). The worker's reconciler would enqueue and
 * send every one of them at start-up and
 * starve the spec's own jobs, so they are cancelled before it boots: their jobs, if any are
 * left in Redis, then find nothing to send. (The queue is not obliterated here: that would
 * pull locked jobs from under a worker the spec already runs.)
 */
export async function createTestWorker(opts: TestWorkerOptions = {}): Promise<TestWorker> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(opts.clock ?? new SystemClock())
    .overrideProvider(AppConfig)
    .useValue(
      Object.assign(
        new AppConfig(),
        loadEnvironment(),
        opts.clock ? { REMINDER_RECONCILE_EVERY_MS: HELD_CLOCK_RECONCILE_EVERY_MS } : {},
        opts.env,
      ),
    )
    .compile();
  const queue = moduleRef.get<Queue>(getQueueToken(QueueName.Reminders));
  if (!opts.keepPendingReminders) await parkPendingReminders(moduleRef.get(PrismaService));
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.init();
  // Its start puts the reconcile schedule in place, which runs at once: a spec on a held clock
  // starts once that run is over (it reads the clock the spec is about to move; a spec that
  // obliterated the queue under it left BullMQ failing to finish it). On the real clock the
  // run goes on beside the spec, as in production; it can take long in a run's shared
  // database, whose audits it re-plans.
  if (opts.clock) await reconcileRunsDone(queue);
  return { app, queue, close: () => app.close() };
}

/** Waits until no reconcile run is queued or running on the reminders queue. */
export async function reconcileRunsDone(queue: Queue): Promise<void> {
  await eventually(
    async () =>
      (await queue.getJobs(['active', 'waiting', 'prioritized']))
        .filter((job) => job.name === RECONCILE_JOB)
        .map((job) => job.id),
    (runs) => runs.length === 0,
  );
}

async function parkPendingReminders(prisma: PrismaService): Promise<void> {
  await prisma.reminder.updateMany({
    where: { status: { in: [ReminderStatus.SCHEDULED, ReminderStatus.SENDING] } },
    data: { status: ReminderStatus.CANCELLED },
  });
}
