import { Queue } from 'bullmq';
import { loadEnvironment } from '@app/config';
import type { PrismaClient, Tx } from '@app/db';
import { clockFrom } from '@app/domain';
import { QueueName } from '@app/queue';
import { enqueueReplanned, replanPerson } from '@app/reminders';

/**
 * Runs a change to a person and the re-plan of their reminders in one transaction, then brings
 * the queued digest jobs in line: what the API's `ReminderPlannerService.replanPerson` and its
 * after-commit enqueue do, through the same `replanPerson` and `enqueueReplanned` of
 * @app/reminders (the CLI starts no Nest container). Without it a deactivated user's reminders
 * would stay SCHEDULED and their jobs queued until the next change to each audit.
 */
export async function changePersonAndReplan<T extends { id: string }>(
  prisma: PrismaClient,
  change: (tx: Tx) => Promise<T>,
): Promise<T> {
  const config = loadEnvironment();
  // The API's clock (a replay clock when CLOCK_START is set, started at this command).
  const now = clockFrom(config.CLOCK_START ? new Date(config.CLOCK_START) : undefined).now();
  const { person, replanned } = await prisma.$transaction(
    async (tx) => {
      const person = await change(tx);
      const replanned = await replanPerson(tx, person.id, now, {
        quietAfterDays: config.REMINDER_QUIET_AFTER_DAYS,
      });
      return { person, replanned };
    },
    { timeout: 60_000 },
  );
  const queue = new Queue(QueueName.Reminders, {
    connection: { url: config.REDIS_URL },
    prefix: config.QUEUE_PREFIX,
  });
  try {
    await enqueueReplanned(prisma, queue, replanned, now, {
      attempts: config.REMINDER_ATTEMPTS,
      retryDelayMs: config.REMINDER_RETRY_DELAY_MS,
    });
  } catch (error) {
    // The change has committed and stands, as in the API: the worker's reconciler enqueues
    // what is missing, and a job left for a digest with no row sends nothing.
    console.error(
      `warning: reminders re-planned, but their queued jobs were not updated (${error instanceof Error ? error.message : String(error)}); the worker will catch up.`,
    );
  } finally {
    await queue.close();
  }
  return person;
}
