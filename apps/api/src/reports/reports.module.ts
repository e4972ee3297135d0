import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QueueName } from '@app/queue';
import { ExportsController } from '../exports/exports.controller';
import { ExportsService } from '../exports/exports.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.Reports }),
  ],
  controllers: [ReportsController, ExportsController],
  providers: [ReportsService, ExportsService],
})
export class ReportsModule {}
