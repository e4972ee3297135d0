import { Module, type OnModuleDestroy } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { DocumentRenderPool } from '@app/documents';
import { QueueName } from '@app/queue';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/**
 * The API renders streamed reports on one worker thread: layout is synchronous native code,
 * and on the API's thread it would stall every other request while it runs. One thread leaves
 * the other core of a small machine to the API; a few more requests may wait, past that the
 * route answers 503 (BUSY) at once.
 */
export const reportRenderPool = () => new DocumentRenderPool({ threads: 1, maxQueued: 4 });

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Reports })],
  controllers: [ReportsController],
  providers: [ReportsService, { provide: DocumentRenderPool, useFactory: reportRenderPool }],
  // Shared with the response letter: one render thread for every document the API renders.
  exports: [DocumentRenderPool],
})
export class ReportsModule implements OnModuleDestroy {
  constructor(private readonly renderPool: DocumentRenderPool) {}

  async onModuleDestroy(): Promise<void> {
    await this.renderPool.close();
  }
}
