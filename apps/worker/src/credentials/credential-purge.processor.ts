import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { CREDENTIAL_PURGE_JOB, QueueName } from '@app/queue';
import { LoggedWorkerHost } from '../common/logged-worker-host';
import { CredentialPurgeService } from './credential-purge.service';

/** The credentials queue: the scheduled purge of expired sessions and dead API tokens. */
@Processor(QueueName.Credentials)
export class CredentialPurgeProcessor extends LoggedWorkerHost {
  constructor(private readonly purger: CredentialPurgeService) {
    super();
  }

  async process(job: Job): Promise<{ sessions: number; apiTokens: number }> {
    if (job.name === CREDENTIAL_PURGE_JOB) return this.purger.purge();
    throw new Error(`Unknown job ${job.name} on the ${QueueName.Credentials} queue`);
  }
}
