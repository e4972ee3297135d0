// The domain's vocabulary, kept free of the ORM so the rules below can be unit-tested
// alone. The Prisma enums carry the same values (checked in enums.spec.ts).

export const AuditStatus = {
  DRAFT: 'DRAFT',
  OPEN: 'OPEN',
  SUBMITTED: 'SUBMITTED',
  CLOSED: 'CLOSED',
} as const;
export type AuditStatus = (typeof AuditStatus)[keyof typeof AuditStatus];

export const AuditRole = {
  LEAD_COUNSEL: 'LEAD_COUNSEL',
  COUNSEL: 'COUNSEL',
  CONTRIBUTOR: 'CONTRIBUTOR',
  VIEWER: 'VIEWER',
} as const;
export type AuditRole = (typeof AuditRole)[keyof typeof AuditRole];

/** A role as a sentence names it ("you are lead counsel on ..."): emails and their footers. */
export const AUDIT_ROLE_WORDS: Record<AuditRole, string> = {
  LEAD_COUNSEL: 'lead counsel',
  COUNSEL: 'counsel',
  CONTRIBUTOR: 'contributor',
  VIEWER: 'viewer',
};

export const OrgRole = { ADMIN: 'ADMIN', MEMBER: 'MEMBER' } as const;
export type OrgRole = (typeof OrgRole)[keyof typeof OrgRole];

export const ResponseStatus = {
  NOT_STARTED: 'NOT_STARTED',
  IN_PROGRESS: 'IN_PROGRESS',
  IN_REVIEW: 'IN_REVIEW',
  CHANGES_REQUESTED: 'CHANGES_REQUESTED',
  APPROVED: 'APPROVED',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
} as const;
export type ResponseStatus = (typeof ResponseStatus)[keyof typeof ResponseStatus];

/** How people read each status: one wording for the web UI, the report and the exports. */
export const RESPONSE_STATUS_LABEL: Record<ResponseStatus, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  IN_REVIEW: 'In review',
  CHANGES_REQUESTED: 'Changes requested',
  APPROVED: 'Approved',
  NOT_APPLICABLE: 'Not applicable',
};

export const ReminderStatus = {
  SCHEDULED: 'SCHEDULED',
  /** Claimed by a worker that is sending it. */
  SENDING: 'SENDING',
  SENT: 'SENT',
  CANCELLED: 'CANCELLED',
  FAILED: 'FAILED',
} as const;
export type ReminderStatus = (typeof ReminderStatus)[keyof typeof ReminderStatus];

/** A deadline reminder's state as people read it (its status filter and its badges alike). */
export const REMINDER_STATUS_LABEL: Record<ReminderStatus, string> = {
  SCHEDULED: 'Planned',
  SENDING: 'Sending',
  SENT: 'Sent',
  CANCELLED: 'Cancelled',
  FAILED: 'Failed',
};

export const ExtensionStatus = {
  REQUESTED: 'REQUESTED',
  GRANTED: 'GRANTED',
  DENIED: 'DENIED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type ExtensionStatus = (typeof ExtensionStatus)[keyof typeof ExtensionStatus];

/** An extension of the deadline as people read it: the web UI, the audit report and the exports. */
export const EXTENSION_STATUS_LABEL: Record<ExtensionStatus, string> = {
  REQUESTED: 'Requested',
  GRANTED: 'Granted',
  DENIED: 'Denied',
  WITHDRAWN: 'Withdrawn',
};

export const ReportStatus = { QUEUED: 'QUEUED', RENDERING: 'RENDERING', DONE: 'DONE', FAILED: 'FAILED' } as const;
export type ReportStatus = (typeof ReportStatus)[keyof typeof ReportStatus];

/** A generated report's state as people read it (the Report page, the activity log). */
export const REPORT_STATUS_LABEL: Record<ReportStatus, string> = {
  QUEUED: 'Waiting to start',
  RENDERING: 'Being prepared',
  DONE: 'Ready',
  FAILED: 'Failed',
};

/** A response in one of these states owes no more work. */
export const DONE_STATUSES: readonly ResponseStatus[] = [ResponseStatus.APPROVED, ResponseStatus.NOT_APPLICABLE];

export const isDone = (status: ResponseStatus): boolean => DONE_STATUSES.includes(status);

export const EvidenceKind = { FILE: 'FILE', LINK: 'LINK', NOTE: 'NOTE' } as const;
export type EvidenceKind = (typeof EvidenceKind)[keyof typeof EvidenceKind];

/** What a source document of an audit is: the demand letter, the agreement, or other correspondence. */
export const SourceDocumentKind = { DEMAND_LETTER: 'DEMAND_LETTER', AGREEMENT: 'AGREEMENT', OTHER: 'OTHER' } as const;
export type SourceDocumentKind = (typeof SourceDocumentKind)[keyof typeof SourceDocumentKind];

export const ConfidentialityLevel = {
  INTERNAL: 'INTERNAL',
  CONFIDENTIAL: 'CONFIDENTIAL',
  HIGHLY_CONFIDENTIAL: 'HIGHLY_CONFIDENTIAL',
  PRIVILEGED: 'PRIVILEGED',
} as const;
export type ConfidentialityLevel = (typeof ConfidentialityLevel)[keyof typeof ConfidentialityLevel];

/** The outcome of re-hashing a stored evidence file against its SHA-256 at intake. */
export const IntegrityResult = { MATCH: 'MATCH', MISMATCH: 'MISMATCH', MISSING: 'MISSING' } as const;
export type IntegrityResult = (typeof IntegrityResult)[keyof typeof IntegrityResult];
