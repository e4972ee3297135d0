import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { LoggedWorkerHost } from '../common/logged-worker-host';
import { type DigestJobData, QueueName, RECONCILE_JOB, SEND_DIGEST_JOB } from '@app/queue';
import { DigestSenderService } from './digest-sender.service';
import { ReminderReconcilerService } from './reminder-reconciler.service';

/** The reminders queue: digest sends (delayed jobs) and the periodic reconcile. */
@Processor(QueueName.Reminders, { concurrency: 16 })
export class RemindersProcessor extends LoggedWorkerHost {
  constructor(
    private readonly digests: DigestSenderService,
    private readonly reconciler: ReminderReconcilerService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === RECONCILE_JOB) return this.reconciler.reconcile();
    if (job.name === SEND_DIGEST_JOB) {
      // attemptsMade counts the failures before this run.
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return this.digests.send(job.data as DigestJobData, lastAttempt);
    }
    throw new Error(`Unknown job ${job.name} on the reminders queue`);
  }
}
