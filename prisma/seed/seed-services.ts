import { Queue } from 'bullmq';
import { AppConfig, loadEnvironment } from '@app/config';
import { type ProductionJob, QueueName } from '@app/queue';
import { createBlobStore } from '@app/storage';
import type { SeedServices } from './demo-production';

/**
 * The storage and the productions queue of this environment (the same variables the API and
 * the worker read), for as long as `work` runs.
 */
export async function withSeedServices<T>(work: (services: SeedServices) => Promise<T>): Promise<T> {
  const config = Object.assign(new AppConfig(), loadEnvironment());
  const productions = new Queue<ProductionJob>(QueueName.Productions, {
    connection: { url: config.REDIS_URL },
    prefix: config.QUEUE_PREFIX,
  });
  try {
    return await work({ store: createBlobStore(config), productions });
  } finally {
    await productions.close();
  }
}
