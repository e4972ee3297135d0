import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QueueName } from '@app/queue';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Reports })],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
