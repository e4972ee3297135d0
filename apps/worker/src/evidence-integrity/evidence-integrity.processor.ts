import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PrismaService } from '@app/db';
import { type AuditVerification, EvidenceIntegrityService } from '@app/evidence';
import { type EvidenceIntegrityJob, QueueName } from '@app/queue';

/** Verifies every stored file of one audit; each version gets its result recorded. */
@Processor(QueueName.EvidenceIntegrity)
export class EvidenceIntegrityProcessor extends WorkerHost {
  private readonly logger = new Logger(EvidenceIntegrityProcessor.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly integrity: EvidenceIntegrityService,
  ) {
    super();
  }

  async process(job: Job<EvidenceIntegrityJob>): Promise<AuditVerification | { skipped: string }> {
    const { auditId, requestedById } = job.data;
    const audit = await this.prisma.audit.findUnique({ where: { id: auditId }, select: { id: true } });
    // The audit was deleted after the job was queued: nothing left to check.
    if (!audit) return { skipped: 'audit deleted' };
    const summary = await this.integrity.verifyAudit(auditId, requestedById);
    if (summary.mismatched + summary.missing > 0) {
      this.logger.error(`Audit ${auditId}: ${summary.mismatched} evidence files changed and ${summary.missing} missing since intake.`);
    }
    return summary;
  }
}
