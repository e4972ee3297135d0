import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@app/config';

/** How long a receipt is kept: far longer than any send lease. */
const RECEIPT_TTL_SECONDS = 7 * 86_400;

/**
 * Which digests the mail server accepted, written to Redis (under the install's queue prefix)
 * the moment the server says yes, before PostgreSQL is told. When recording the send in the
 * database fails, or the worker dies between the two, the reconciler finds the receipt and
 * records the digest as SENT instead of sending it again. Only a Redis flush in the same
 * minutes leaves it to the older rule: sent again, with the same Message-ID.
 */
@Injectable()
export class DeliveryReceipts implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    // One reconnection try per command: a receipt is best effort, never a reason to wait.
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
    this.prefix = `${config.QUEUE_PREFIX}:reminders:delivered:`;
  }

  async record(jobId: string, messageId: string): Promise<void> {
    await this.redis.set(this.prefix + jobId, messageId, 'EX', RECEIPT_TTL_SECONDS);
  }

  /** The Message-ID each of these digests was accepted with, for those that were. */
  async find(jobIds: string[]): Promise<Map<string, string>> {
    if (jobIds.length === 0) return new Map();
    const values = await this.redis.mget(...jobIds.map((id) => this.prefix + id));
    return new Map(jobIds.flatMap((id, i): [string, string][] => (values[i] ? [[id, values[i]]] : [])));
  }

  /** After the sends in flight have finished (LoggedWorkerHost): they record their receipts here. */
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
