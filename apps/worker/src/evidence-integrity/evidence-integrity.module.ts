import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { EvidenceIntegrityModule as IntegrityLibModule } from '@app/evidence';
import { QueueName } from '@app/queue';
import { EvidenceIntegrityProcessor } from './evidence-integrity.processor';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.EvidenceIntegrity }), IntegrityLibModule],
  providers: [EvidenceIntegrityProcessor],
})
export class EvidenceIntegrityWorkerModule {}
