import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { EvidenceIntegrityModule } from '@app/evidence';
import { QueueName } from '@app/queue';
import { EvidenceController, ResponseEvidenceController } from './evidence.controller';
import { EvidenceFilesService } from './evidence-files.service';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.EvidenceIntegrity }), EvidenceIntegrityModule],
  controllers: [EvidenceController, ResponseEvidenceController],
  providers: [EvidenceService, EvidenceFilesService],
  exports: [EvidenceFilesService],
})
export class EvidenceModule {}
