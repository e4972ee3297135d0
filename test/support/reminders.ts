// The reminders stack for e2e specs: the real API and one or more real workers (each from
// WorkerModule, as main.ts boots it) sharing one RunningClock, and the reminders queue.
import type { Queue } from 'bullmq';
import { FixedClock } from '@app/domain';

/**
 * A clock that runs forward in real time from an instant a spec sets: delayed jobs fire
 * after real seconds, and planning, delays and lateness all read the same "now".
 */
export class RunningClock extends FixedClock {
  private base: number;
  private setAt: number;

  constructor(start: Date | string) {
    super(new Date(start));
    this.base = new Date(start).getTime();
    this.setAt = Date.now();
  }

  override now(): Date {
    return new Date(this.base + (Date.now() - this.setAt));
  }

  override set(instant: Date | string): void {
    this.base = new Date(instant).getTime();
    this.setAt = Date.now();
  }
}

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
