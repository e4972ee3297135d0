import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { LoggedWorkerHost } from '../common/logged-worker-host';
import { PrismaService } from '@app/db';
import { type AuditVerification, EvidenceIntegrityService } from '@app/evidence';
import { type EvidenceIntegrityJob, INTEGRITY_SWEEP_JOB, QueueName, VERIFY_AUDIT_JOB } from '@app/queue';
import { EvidenceIntegritySweepService } from './evidence-integrity-sweep.service';

/** The evidence-integrity queue: per-audit checks (each version gets its result recorded) and the scheduled sweep. */
@Processor(QueueName.EvidenceIntegrity)
export class EvidenceIntegrityProcessor extends LoggedWorkerHost {
  private readonly logger = new Logger(EvidenceIntegrityProcessor.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly integrity: EvidenceIntegrityService,
    private readonly sweeper: EvidenceIntegritySweepService,
  ) {
    super();
  }

  async process(job: Job): Promise<AuditVerification | { skipped: string } | { audits: number }> {
    if (job.name === INTEGRITY_SWEEP_JOB) return this.sweeper.sweep();
    if (job.name === VERIFY_AUDIT_JOB) return this.verifyAudit(job.data as EvidenceIntegrityJob);
    throw new Error(`Unknown job ${job.name} on the ${QueueName.EvidenceIntegrity} queue`);
  }

  private async verifyAudit({
    auditId,
    requestedById,
  }: EvidenceIntegrityJob): Promise<AuditVerification | { skipped: string }> {
    const audit = await this.prisma.audit.findUnique({ where: { id: auditId }, select: { id: true } });
    // The audit was deleted after the job was queued: nothing left to check.
    if (!audit) return { skipped: 'audit deleted' };
    const summary = await this.integrity.verifyAudit(auditId, requestedById);
    if (summary.mismatched + summary.missing > 0) {
      this.logger.error(
        `Audit ${auditId}: ${summary.mismatched} evidence files changed and ${summary.missing} missing since intake.`,
      );
    }
    return summary;
  }
}
