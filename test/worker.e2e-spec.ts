// The worker boots on its own module, reaches PostgreSQL and Redis, and reports both.
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { EvidenceIntegrityProcessor } from '../apps/worker/src/evidence-integrity/evidence-integrity.processor';
import { RemindersProcessor } from '../apps/worker/src/reminders/reminders.processor';
import { ReportProcessor } from '../apps/worker/src/reports/report.processor';
import { RECONCILE_JOB, SCHEDULED_RUN_RETENTION } from '@app/queue';
import { createTestWorker } from './support/worker';

/** Polls until `probe` gives a value (a hung worker still fails: after 60 s). */
async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('worker', () => {
  it('boots, connects its queues to Redis and reports healthy', async () => {
    const { app, queue, close } = await createTestWorker();
    try {
      const health = await request(app.getHttpServer()).get('/health');
      expect(health.status).toBe(200);
      expect(health.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });

      // A round trip through Redis: the queue is reachable.
      expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({
        waiting: expect.any(Number),
        delayed: expect.any(Number),
      });
      // The reconciler's job scheduler is registered.
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain('reminders-reconcile');
    } finally {
      await close();
    }
  });

  it("keeps only the last few runs of a job scheduler's job in Redis", async () => {
    const { queue, close } = await createTestWorker();
    try {
      const runs = SCHEDULED_RUN_RETENTION.removeOnComplete.count + 3;
      for (let run = 0; run < runs; run++) {
        // The scheduler keeps its next run waiting (delayed); running it now schedules the one after.
        const next = await waitFor(
          async () => (await queue.getDelayed()).find((job) => job.name === RECONCILE_JOB),
          'the next scheduled reconcile',
        );
        await next.promote();
        await waitFor(async () => ((await next.isCompleted()) ? true : undefined), 'a reconcile run');
      }
      const completed = (await queue.getCompleted(0, -1)).filter((job) => job.name === RECONCILE_JOB);
      expect(completed).toHaveLength(SCHEDULED_RUN_RETENTION.removeOnComplete.count);
    } finally {
      await close();
    }
  });

  it("logs a queue worker's error event (a lock lost with Redis's keys) under the processor's name", async () => {
    const { app, close } = await createTestWorker();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      for (const processor of [RemindersProcessor, ReportProcessor, EvidenceIntegrityProcessor]) {
        logged.mockClear();
        app.get(processor).worker.emit('error', new Error('could not renew lock for job digest-1'));
        // Without a listener BullMQ prints a bare "Unhandled error" to the console instead.
        expect(logged.mock.contexts.map((logger) => (logger as { context?: string }).context)).toEqual([
          processor.name,
        ]);
        expect(logged.mock.calls[0][0]).toBe('Queue worker error: could not renew lock for job digest-1');
      }
      expect((await request(app.getHttpServer()).get('/health')).status).toBe(200);
    } finally {
      logged.mockRestore();
      await close();
    }
  });
});
