import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { ReportsModule } from '../reports/reports.module';
import { CorrespondenceController } from './correspondence.controller';
import { CorrespondenceService } from './correspondence.service';

// Attachments are stored like evidence; the PDF export renders on the reports' pool.
@Module({
  imports: [EvidenceModule, ReportsModule],
  controllers: [CorrespondenceController],
  providers: [CorrespondenceService],
})
export class CorrespondenceModule {}
