import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { EvidenceIntegrityModule as IntegrityLibModule } from '@app/evidence';
import { QueueName } from '@app/queue';
import { EvidenceIntegritySweepService } from './evidence-integrity-sweep.service';
import { EvidenceIntegrityProcessor } from './evidence-integrity.processor';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.EvidenceIntegrity }), IntegrityLibModule],
  providers: [EvidenceIntegritySweepService, EvidenceIntegrityProcessor],
})
export class EvidenceIntegrityWorkerModule {}
