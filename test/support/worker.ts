// Boots the worker for e2e specs from its real module, as main.ts does, with the spec's clock
// and settings.
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { AppConfig, loadEnvironment } from '@app/config';
import { PrismaService } from '@app/db';
import { Clock, ReminderStatus, SystemClock } from '@app/domain';
import { QueueName } from '@app/queue';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface TestWorker {
  app: INestApplication;
  /** The reminders queue. */
  queue: Queue;
  close: () => Promise<void>;
}

export interface TestWorkerOptions {
  /** The worker's clock (the real one when omitted). */
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
    .useValue(Object.assign(new AppConfig(), loadEnvironment(), opts.env))
    .compile();
  const queue = moduleRef.get<Queue>(getQueueToken(QueueName.Reminders));
  if (!opts.keepPendingReminders) await parkPendingReminders(moduleRef.get(PrismaService));
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.init();
  return { app, queue, close: () => app.close() };
}

async function parkPendingReminders(prisma: PrismaService): Promise<void> {
  await prisma.reminder.updateMany({
    where: { status: { in: [ReminderStatus.SCHEDULED, ReminderStatus.SENDING] } },
    data: { status: ReminderStatus.CANCELLED },
  });
}
