import type { JobsOptions, Queue } from 'bullmq';
import { type EvidenceIntegrityJob, evidenceIntegrityJobId } from './queues';

// The contract between whoever asks for integrity checks (the API, the scheduled sweep) and
// the worker's evidence-integrity processor.

/** Re-hash every stored file of one audit (payload: EvidenceIntegrityJob). */
export const VERIFY_AUDIT_JOB = 'verify-audit';
/** Queue a VERIFY_AUDIT_JOB for every audit holding file evidence (no payload). */
export const INTEGRITY_SWEEP_JOB = 'sweep';
export const INTEGRITY_SWEEP_SCHEDULER_ID = 'evidence-integrity-sweep';

const verifyAuditOptions = (auditId: string): JobsOptions => ({
  // One pending check per audit: a manual request and the sweep coalesce.
  jobId: evidenceIntegrityJobId(auditId),
  // The results live on the versions and in the activity log; removing the job (failed ones
  // too: the worker logs why) frees its id, so the next sweep or request can queue it again.
  removeOnComplete: true,
  removeOnFail: true,
});

/** Adds one verify-audit job per audit; an audit whose check is already pending is left as is. */
export async function enqueueAuditVerifications(
  queue: Queue,
  auditIds: string[],
  requestedById: string | null,
): Promise<void> {
  const jobs = [...new Set(auditIds)].map((auditId) => ({
    name: VERIFY_AUDIT_JOB,
    data: { auditId, requestedById } satisfies EvidenceIntegrityJob,
    opts: verifyAuditOptions(auditId),
  }));
  for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
}
