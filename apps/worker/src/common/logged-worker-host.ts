import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/**
 * The base of every processor in the worker. BullMQ reports trouble that belongs to no job (a
 * lock it could not renew because Redis lost the job, a dropped connection) as the worker's
 * `error` event, and an EventEmitter with no `error` listener throws it from a timer: the whole
 * process would die. Here it is logged, and BullMQ's own retry and stalled-job checks recover.
 */
export abstract class LoggedWorkerHost extends WorkerHost {
  private readonly workerLogger = new Logger(this.constructor.name);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.workerLogger.error(`Queue worker error: ${error.message}`, error.stack);
  }
}
