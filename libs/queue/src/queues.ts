// Queue names are a persisted contract with Redis: never rename one in place.
export enum QueueName {
  /** Deadline reminders (the reminders feature fills this queue). */
  Reminders = 'reminders',
  /** PDF reports rendered in the background (apps/worker/src/reports). */
  Reports = 'reports',
  /** Re-hashes every stored evidence file of an audit and records the result on each version. */
  EvidenceIntegrity = 'evidence-integrity',
  /** Builds production volumes: stamps, load files, the ZIP (apps/worker/src/productions). */
  Productions = 'productions',
  /** Deletes expired login sessions and dead API tokens on a schedule (apps/worker/src/credentials). */
  Credentials = 'credentials',
}

/**
 * What a job scheduler's runs (the reminders reconcile, the integrity sweep, the credential
 * purge) leave in Redis: the last few, to see when one last ran or why it failed. Each run is a
 * new job, so without a bound a run a minute piles up half a million jobs a year.
 */
export const SCHEDULED_RUN_RETENTION = {
  removeOnComplete: { count: 10 },
  removeOnFail: { count: 50 },
} as const;

/** The scheduled purge of expired sessions and expired or revoked API tokens (no payload). */
export const CREDENTIAL_PURGE_JOB = 'purge-expired';
export const CREDENTIAL_PURGE_SCHEDULER_ID = 'credential-purge';

/** A production job carries the volume's id only: the Production row is the source of truth. */
export interface ProductionJob {
  productionId: string;
}

/** One job per run of a volume: a retry after a failure is a new run (Production.runs). */
export const productionJobId = (productionId: string, run: number): string => `production-${productionId}-${run}`;

/** A report job carries the report's id only: the Report row is the source of truth. */
export interface ReportJob {
  reportId: string;
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);

/** Payload of an evidence-integrity job: ids only, the database is the source of truth. */
export interface EvidenceIntegrityJob {
  auditId: string;
  /** Who asked (null for a scheduled run). */
  requestedById: string | null;
}

/** One pending check per audit: asking again while one waits adds nothing. (BullMQ refuses ':' in custom ids.) */
export const evidenceIntegrityJobId = (auditId: string): string => `verify-audit-${auditId}`;
