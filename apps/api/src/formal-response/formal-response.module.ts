import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { FormalResponseController } from './formal-response.controller';
import { FormalResponseService } from './formal-response.service';

// The letter renders on the reports' DocumentRenderPool (one thread for the API's documents).
@Module({
  imports: [ReportsModule],
  controllers: [FormalResponseController],
  providers: [FormalResponseService],
  exports: [FormalResponseService],
})
export class FormalResponseModule {}
