import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig, AppConfigModule, ClockModule } from '@app/config';
import { DbModule } from '@app/db';
import { HealthModule } from '@app/health';
import { ALL_QUEUES } from '@app/queue';
import { ReportsWorkerModule } from './reports/reports-worker.module';
import { StorageModule } from '@app/storage';
import { EvidenceIntegrityWorkerModule } from './evidence-integrity/evidence-integrity.module';
import { RemindersWorkerModule } from './reminders/reminders-worker.module';
import { ProductionsWorkerModule } from './productions/productions-worker.module';
import { CredentialsWorkerModule } from './credentials/credentials-worker.module';

/** The background worker: BullMQ processors live in one folder per queue under src/. */
@Module({
  imports: [
    AppConfigModule,
    DbModule.forRoot(),
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // BullMQ workers block on Redis; a null retry limit is what BullMQ requires of them.
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
    HealthModule,
    ReportsWorkerModule,
    StorageModule,
    EvidenceIntegrityWorkerModule,
    ClockModule,
    RemindersWorkerModule,
    ProductionsWorkerModule,
    CredentialsWorkerModule,
  ],
})
export class WorkerModule {}
