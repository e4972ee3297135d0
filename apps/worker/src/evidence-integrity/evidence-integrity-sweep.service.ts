import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { EvidenceKind } from '@app/domain';
import {
  enqueueAuditVerifications,
  INTEGRITY_SWEEP_JOB,
  INTEGRITY_SWEEP_SCHEDULER_ID,
  QueueName,
  SCHEDULED_RUN_RETENTION,
} from '@app/queue';

/** Audits read per query while sweeping, so a large installation is not loaded at once. */
const SWEEP_BATCH = 1000;

/**
 * The scheduled integrity check: a BullMQ job scheduler runs the sweep every
 * EVIDENCE_INTEGRITY_SWEEP_EVERY_MS, and the sweep queues the per-audit verify job for every
 * audit holding live file evidence (the processor does the hashing, one audit per job).
 */
@Injectable()
export class EvidenceIntegritySweepService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EvidenceIntegritySweepService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.EvidenceIntegrity) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.EVIDENCE_INTEGRITY_SWEEP_EVERY_MS;
    // The scheduler lives in Redis: turning the sweep off must remove the one a past start made.
    if (every === 0) {
      await this.queue.removeJobScheduler(INTEGRITY_SWEEP_SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      INTEGRITY_SWEEP_SCHEDULER_ID,
      { every },
      {
        name: INTEGRITY_SWEEP_JOB,
        opts: SCHEDULED_RUN_RETENTION,
      },
    );
  }

  /** Queues a check of every audit holding file evidence; returns how many audits. */
  async sweep(): Promise<{ audits: number }> {
    let audits = 0;
    let cursor: string | undefined;
    for (;;) {
      const batch = await this.prisma.audit.findMany({
        where: { evidence: { some: { kind: EvidenceKind.FILE, deletedAt: null, versions: { some: {} } } } },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: SWEEP_BATCH,
        ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      });
      if (batch.length === 0) break;
      await enqueueAuditVerifications(
        this.queue,
        batch.map((a) => a.id),
        null,
      );
      audits += batch.length;
      cursor = batch[batch.length - 1].id;
      if (batch.length < SWEEP_BATCH) break;
    }
    this.logger.log(`Integrity sweep: queued checks of ${audits} audits`);
    return { audits };
  }
}
