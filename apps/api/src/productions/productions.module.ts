import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QueueName } from '@app/queue';
import { ProductionsController } from './productions.controller';
import { ProductionsService } from './productions.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Productions })],
  controllers: [ProductionsController],
  providers: [ProductionsService],
})
export class ProductionsModule {}
