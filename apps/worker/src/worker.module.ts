import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig, AppConfigModule } from '@app/config';
import { DbModule } from '@app/db';
import { HealthModule } from '@app/health';
import { ALL_QUEUES } from '@app/queue';
import { ReportsWorkerModule } from './reports/reports-worker.module';
import { StorageModule } from '@app/storage';
import { Clock, SystemClock } from '@app/domain';
import { EvidenceIntegrityWorkerModule } from './evidence-integrity/evidence-integrity.module';

/** The one Clock of the worker (the API has its ClockModule); tests override it. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
class WorkerClockModule {}

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
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
    HealthModule,
    ReportsWorkerModule,
    WorkerClockModule,
    StorageModule,
    EvidenceIntegrityWorkerModule,
  ],
})
export class WorkerModule {}
