import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QueueName } from '@app/queue';
import { CredentialPurgeProcessor } from './credential-purge.processor';
import { CredentialPurgeService } from './credential-purge.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Credentials })],
  providers: [CredentialPurgeService, CredentialPurgeProcessor],
})
export class CredentialsWorkerModule {}
