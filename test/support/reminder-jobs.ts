// What BullMQ holds for reminder digests, in a shape specs compare with one toEqual: a job's
// existence alone says little (a job enqueued at the wrong time, or already active, also
// "exists"), so each digest is read as its state, delay and payload.
import type { Queue } from 'bullmq';
import { digestJobId } from '@app/queue';

export interface DigestKey {
  recipientId: string;
  sendAt: Date | string;
}

export interface DigestJobView {
  jobId: string;
  /** BullMQ's state ('delayed', 'waiting', 'active', ...), or null when there is no such job. */
  state: string | null;
  /** The delay the job was added with (ms), or null when there is no such job. */
  delay: number | null;
  data: { recipientId: string; sendAt: string } | null;
}

const idOf = (key: DigestKey) => digestJobId(key.recipientId, new Date(key.sendAt));

/** Reads the job of each digest as it is in Redis now. */
export async function digestJobs(queue: Queue, keys: DigestKey[]): Promise<DigestJobView[]> {
  return Promise.all(
    keys.map(async (key) => {
      const jobId = idOf(key);
      const job = await queue.getJob(jobId);
      return job
        ? { jobId, state: await job.getState(), delay: job.delay, data: job.data }
        : { jobId, state: null, delay: null, data: null };
    }),
  );
}

/**
 * What the job of each digest must look like when it was enqueued at `now` (the injected
 * clock's instant): delayed until its send time, carrying the recipient and the time.
 */
export const delayedDigests = (keys: DigestKey[], now: Date): DigestJobView[] =>
  keys.map((key) => {
    const sendAt = new Date(key.sendAt);
    return {
      jobId: idOf(key),
      state: 'delayed',
      delay: sendAt.getTime() - now.getTime(),
      data: { recipientId: key.recipientId, sendAt: sendAt.toISOString() },
    };
  });

/** What a digest whose job was removed (nothing left to send) looks like. */
export const noDigestJobs = (keys: DigestKey[]): DigestJobView[] =>
  keys.map((key) => ({ jobId: idOf(key), state: null, delay: null, data: null }));
