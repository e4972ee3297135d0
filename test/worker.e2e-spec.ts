// The worker boots on its own module, reaches PostgreSQL and Redis, and reports both.
import request from 'supertest';
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
});
