// The worker boots on its own module, reaches PostgreSQL and Redis, and reports both.
import { getQueueToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '@app/queue';
import { WorkerModule } from '../apps/worker/src/worker.module';

describe('worker', () => {
  it('boots, connects its queues to Redis and reports healthy', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.init();
    try {
      const health = await request(app.getHttpServer()).get('/health');
      expect(health.status).toBe(200);
      expect(health.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });

      const queue = app.get<Queue>(getQueueToken(QueueName.Reminders));
      // A round trip through Redis: the queue is reachable. (Not necessarily empty: the
      // reminders reconciler enqueues at start-up what other specs planned in this database.)
      expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: expect.any(Number), delayed: expect.any(Number) });
      // The reconciler's job scheduler is registered.
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain('reminders-reconcile');
    } finally {
      await app.close();
    }
  });
});
