import { Queue } from 'bullmq';
import { loadEnvironment } from '@app/config';
import type { PrismaClient, Tx } from '@app/db';
import { clockFrom } from '@app/domain';
import { QueueName } from '@app/queue';
import { type DigestKey, enqueueReplanned, type PlanOptions, replanAudits, replanPerson } from '@app/reminders';

/** What a re-plan touched: the audits, and the digests that lost rows. */
interface Replanned {
  auditIds: string[];
  superseded: DigestKey[];
}

/**
 * Runs a change and the re-plan of the reminders it moves in one transaction, then brings the
 * queued digest jobs in line: what the API's `ReminderPlannerService` and its after-commit
 * enqueue do, through the same functions of @app/reminders (the CLI starts no Nest container).
 * Without it a deactivated user's reminders would stay SCHEDULED and queued, and a new lead
 * counsel would get no escalations, until the next change to each audit.
 */
async function changeAndReplan<T>(
  prisma: PrismaClient,
  change: (tx: Tx) => Promise<T>,
  replan: (tx: Tx, changed: T, now: Date, options: PlanOptions) => Promise<Replanned>,
): Promise<T> {
  const config = loadEnvironment();
  // The API's clock (a replay clock when CLOCK_START is set, started at this command).
  const now = clockFrom(config.CLOCK_START ? new Date(config.CLOCK_START) : undefined).now();
  const options = { quietAfterDays: config.REMINDER_QUIET_AFTER_DAYS };
  const { changed, replanned } = await prisma.$transaction(
    async (tx) => {
      const changed = await change(tx);
      return { changed, replanned: await replan(tx, changed, now, options) };
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
  return changed;
}

/** A change to a person (deactivated, activated): every audit they have reminders in is re-planned. */
export const changePersonAndReplan = <T extends { id: string }>(prisma: PrismaClient, change: (tx: Tx) => Promise<T>) =>
  changeAndReplan(prisma, change, (tx, person, now, options) => replanPerson(tx, person.id, now, options));

/** A change to an audit (a member's role): that audit is re-planned. */
export const changeAuditAndReplan = <T extends { auditId: string }>(
  prisma: PrismaClient,
  change: (tx: Tx) => Promise<T>,
) =>
  changeAndReplan(prisma, change, async (tx, changed, now, options) => ({
    auditIds: [changed.auditId],
    ...(await replanAudits(tx, [changed.auditId], now, options)),
  }));
