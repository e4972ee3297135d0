import type { JobsOptions, Queue } from 'bullmq';

// The contract between whoever enqueues reminder digests (API, reconciler) and the worker.

export const SEND_DIGEST_JOB = 'send-digest';
export const RECONCILE_JOB = 'reconcile';
export const RECONCILE_SCHEDULER_ID = 'reminders-reconcile';

/** One digest: every SCHEDULED reminder row of one recipient at one send time. */
export interface DigestJobData {
  recipientId: string;
  /** ISO instant. */
  sendAt: string;
}

/**
 * Deterministic: adding the same digest twice yields one job (BullMQ ignores an add whose
 * id exists). BullMQ forbids ':' in custom ids.
 */
export const digestJobId = (recipientId: string, sendAt: Date): string => `digest-${recipientId}-${sendAt.getTime()}`;

/**
 * The Message-ID of a recipient's digest at one send time: the same on every attempt, and
 * recorded on the rows before sending, so a message that went out before a failure is
 * recognisable as the digest it is (in the rows, in the recipient's mailbox, in server logs).
 */
export const digestMessageId = (recipientId: string, sendAt: Date, host: string): string =>
  `<${digestJobId(recipientId, sendAt)}@${host}>`;

export interface DigestRetryPolicy {
  attempts: number;
  retryDelayMs: number;
}

/** Adds one delayed job per (recipient, sendAt); delays are measured on the app's clock. */
export async function enqueueDigests(
  queue: Queue,
  keys: { recipientId: string; sendAt: Date }[],
  now: Date,
  retry: DigestRetryPolicy,
): Promise<void> {
  const unique = new Map(keys.map((k) => [digestJobId(k.recipientId, k.sendAt), k]));
  const jobs = [...unique].map(([jobId, k]) => ({
    name: SEND_DIGEST_JOB,
    data: { recipientId: k.recipientId, sendAt: k.sendAt.toISOString() } satisfies DigestJobData,
    opts: {
      jobId,
      delay: Math.max(0, k.sendAt.getTime() - now.getTime()),
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.retryDelayMs },
      // PostgreSQL keeps the outcome; freeing the id lets a manual retry enqueue it again.
      removeOnComplete: true,
      removeOnFail: true,
    } satisfies JobsOptions,
  }));
  for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
}
