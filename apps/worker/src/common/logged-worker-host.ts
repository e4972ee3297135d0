import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';

/**
 * The base of every processor in the worker. BullMQ reports trouble that belongs to no job (a
 * lock it could not renew because Redis lost the job, a dropped connection) as the worker's
 * `error` event, and an EventEmitter with no `error` listener throws it from a timer: the whole
 * process would die. Here it is logged, and BullMQ's own retry and stalled-job checks recover.
 * Every failed attempt of a job is logged here too, whatever failed (the database, the mail
 * server, the job's own checks), with whether BullMQ will try it again.
 *
 * On a stop, the worker waits for the jobs it is running before anything they use closes: Nest
 * calls every `beforeApplicationShutdown` before any `onApplicationShutdown`, where the database
 * clients close (and where @nestjs/bullmq would close this worker, in no set order with them).
 */
export abstract class LoggedWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
  private readonly workerLogger = new Logger(this.constructor.name);

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.workerLogger.error(`Queue worker error: ${error.message}`, error.stack);
  }

  @OnWorkerEvent('failed')
  onJobFailed(job: Job | undefined, error: Error): void {
    if (!job) return this.workerLogger.warn(`A job failed: ${error.message}`);
    const attempts = job.opts.attempts ?? 1;
    const last = error instanceof UnrecoverableError || job.attemptsMade >= attempts;
    this.workerLogger.warn(
      `${job.name} ${job.id} failed (attempt ${job.attemptsMade} of ${attempts}${last ? ', the last' : ', to be retried'}): ${error.message}`,
    );
  }
}
