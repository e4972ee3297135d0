import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '@app/config';
import { QueueName } from '@app/queue';
import { ExportsController } from '../exports/exports.controller';
import { ExportsService } from '../exports/exports.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [
    // The API only adds jobs; the worker (apps/worker) processes them.
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ connection: { url: config.REDIS_URL } }),
    }),
    BullModule.registerQueue({ name: QueueName.Reports }),
  ],
  controllers: [ReportsController, ExportsController],
  providers: [ReportsService, ExportsService],
})
export class ReportsModule {}
