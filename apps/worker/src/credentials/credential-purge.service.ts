import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { Clock } from '@app/domain';
import { CREDENTIAL_PURGE_JOB, CREDENTIAL_PURGE_SCHEDULER_ID, QueueName, SCHEDULED_RUN_RETENTION } from '@app/queue';

/**
 * The scheduled purge of dead credentials: a BullMQ job scheduler runs it every
 * CREDENTIAL_PURGE_EVERY_MS. The API already refuses them; deleting them keeps the tables to
 * what can still log someone in (the activity log keeps each login, logout and revocation).
 */
@Injectable()
export class CredentialPurgeService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CredentialPurgeService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Credentials) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.CREDENTIAL_PURGE_EVERY_MS;
    // The scheduler lives in Redis: turning the purge off must remove the one a past start made.
    if (every === 0) {
      await this.queue.removeJobScheduler(CREDENTIAL_PURGE_SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      CREDENTIAL_PURGE_SCHEDULER_ID,
      { every },
      {
        name: CREDENTIAL_PURGE_JOB,
        opts: SCHEDULED_RUN_RETENTION,
      },
    );
  }

  /**
   * Deletes sessions past their idle expiry or their absolute maximum (SESSION_MAX_HOURS after
   * the login), and API tokens that expired or were revoked.
   */
  async purge(): Promise<{ sessions: number; apiTokens: number }> {
    const now = this.clock.now();
    const loggedInBefore = new Date(now.getTime() - this.config.SESSION_MAX_HOURS * 3_600_000);
    const sessions = await this.prisma.session.deleteMany({
      where: { OR: [{ expiresAt: { lte: now } }, { createdAt: { lte: loggedInBefore } }] },
    });
    const apiTokens = await this.prisma.apiToken.deleteMany({
      where: { OR: [{ expiresAt: { lte: now } }, { revokedAt: { not: null } }] },
    });
    this.logger.log(`Credential purge: ${sessions.count} sessions and ${apiTokens.count} API tokens deleted`);
    return { sessions: sessions.count, apiTokens: apiTokens.count };
  }
}
