// The worker boots on its own module, reaches PostgreSQL and Redis, and reports both.
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { EvidenceIntegrityProcessor } from '../apps/worker/src/evidence-integrity/evidence-integrity.processor';
import { RemindersProcessor } from '../apps/worker/src/reminders/reminders.processor';
import { ReportProcessor } from '../apps/worker/src/reports/report.processor';
import { createTestWorker } from './support/worker';

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
