import { Module, type OnModuleDestroy } from '@nestjs/common';
import { DocumentRenderPool } from '@app/documents';
import { PrivilegeLogController } from './privilege-log.controller';
import { PrivilegeLogService } from './privilege-log.service';

/** The PDF export renders off the API's thread, like the streamed report (one thread, a short queue). */
@Module({
  controllers: [PrivilegeLogController],
  providers: [
    PrivilegeLogService,
    { provide: DocumentRenderPool, useFactory: () => new DocumentRenderPool({ threads: 1, maxQueued: 4 }) },
  ],
})
export class PrivilegeLogModule implements OnModuleDestroy {
  constructor(private readonly renderPool: DocumentRenderPool) {}

  async onModuleDestroy(): Promise<void> {
    await this.renderPool.close();
  }
}
