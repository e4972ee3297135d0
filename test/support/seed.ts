// The demo seed's services (storage, the productions queue) taken from a test app, so the
// seeded files land in the app's own storage and the volume on the spec's own queue prefix.
import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@app/queue';
import { BlobStore } from '@app/storage';
import type { SeedServices } from '../../prisma/seed/demo-production';
import type { TestApp } from './app';

export const seedServicesOf = (t: TestApp): SeedServices => ({
  store: t.app.get(BlobStore),
  productions: t.app.get(getQueueToken(QueueName.Productions)),
});
