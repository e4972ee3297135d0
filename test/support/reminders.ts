// Waiting helpers for the reminders specs: they poll for an outcome (a job done, a row's
// state) and never assert how long it took.
import type { Queue } from 'bullmq';

/** Waits until the job has run to its end: gone (removed on completion) or completed/failed. */
export async function jobGone(queue: Queue, jobId: string, timeoutMs = 45_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.getJob(jobId);
    if (!job || ['completed', 'failed'].includes(await job.getState())) return;
    if (Date.now() > until) throw new Error(`job ${jobId} still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `read` until `done` holds for its result (fails after `timeoutMs`). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 45_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until)
      throw new Error(`condition not met after ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
