import {
  type EvidenceKind,
  type ExtensionStatus,
  type ReportStatus,
  ResponseStatus as ResponseStatusValues,
  type SourceDocumentKind,
} from '@app/domain/enums';
import type { AuditRole, AuditStatus, ReminderStatus, ResponseStatus } from '../api/client';

export {
  RESPONSE_STATUS_LABEL as STATUS_LABEL,
  EXTENSION_STATUS_LABEL,
  REMINDER_STATUS_LABEL,
  REPORT_STATUS_LABEL,
} from '@app/domain/enums';

export const RESPONSE_STATUSES: ResponseStatus[] = Object.values(ResponseStatusValues);

/** Mantine colour per status; the grid, badges and charts use the same ones. */
export const STATUS_COLOR: Record<ResponseStatus, string> = {
  NOT_STARTED: 'gray',
  IN_PROGRESS: 'blue',
  IN_REVIEW: 'violet',
  CHANGES_REQUESTED: 'orange',
  APPROVED: 'teal',
  NOT_APPLICABLE: 'dark',
};

export const REMINDER_STATUS_COLOR: Record<ReminderStatus, string> = {
  SCHEDULED: 'blue',
  SENDING: 'violet',
  SENT: 'teal',
  CANCELLED: 'gray',
  FAILED: 'red',
};

export const EXTENSION_STATUS_COLOR: Record<ExtensionStatus, string> = {
  REQUESTED: 'blue',
  GRANTED: 'teal',
  DENIED: 'red',
  WITHDRAWN: 'gray',
};

export const REPORT_STATUS_COLOR: Record<ReportStatus, string> = {
  QUEUED: 'gray',
  RENDERING: 'blue',
  DONE: 'teal',
  FAILED: 'red',
};

export const ROLE_LABEL: Record<AuditRole, string> = {
  LEAD_COUNSEL: 'Lead counsel',
  COUNSEL: 'Counsel',
  CONTRIBUTOR: 'Contributor',
  VIEWER: 'Viewer',
};

/** The roles as a picker offers them. */
export const ROLE_OPTIONS = (Object.keys(ROLE_LABEL) as AuditRole[]).map((role) => ({
  value: role,
  label: ROLE_LABEL[role],
}));

/** What each role may do, shown where a role is chosen. */
export const ROLE_MEANING: Record<AuditRole, string> = {
  LEAD_COUNSEL: 'Everything, including members, status and legal hold',
  COUNSEL: 'Sets up the demand, assigns, reviews and approves',
  CONTRIBUTOR: 'Answers and uploads evidence for their responses',
  VIEWER: 'Reads only',
};

/** The button that moves a response to a status, worded as the action. */
export const MOVE_LABEL: Record<ResponseStatus, string> = {
  NOT_STARTED: 'Back to not started',
  IN_PROGRESS: 'Mark in progress',
  IN_REVIEW: 'Submit for review',
  CHANGES_REQUESTED: 'Request changes',
  APPROVED: 'Approve',
  NOT_APPLICABLE: 'Mark not applicable',
};

/** Fill of a status in bars, charts and legends (theme colour and shade, e.g. "teal.6"). */
export const STATUS_FILL: Record<ResponseStatus, string> = {
  NOT_STARTED: 'gray.4',
  IN_PROGRESS: 'blue.6',
  IN_REVIEW: 'violet.6',
  CHANGES_REQUESTED: 'orange.6',
  APPROVED: 'teal.6',
  NOT_APPLICABLE: 'dark.3',
};

/** The CSS variable of a "colour.shade" fill. */
export const fillVar = (fill: string) => `var(--mantine-color-${fill.replace('.', '-')})`;

export const AUDIT_STATUS_LABEL: Record<AuditStatus, string> = {
  DRAFT: 'Draft',
  OPEN: 'Open',
  SUBMITTED: 'Submitted',
  CLOSED: 'Closed',
};

/** What each audit status means for the team, in a sentence. */
export const AUDIT_STATUS_MEANING: Record<AuditStatus, string> = {
  DRAFT: 'The demand is being set up.',
  OPEN: 'The team is answering the requests.',
  SUBMITTED: 'The responses have been sent to the demanding party.',
  CLOSED: 'The audit is finished.',
};

/** The kinds of evidence record. */
export const EVIDENCE_KIND_LABEL: Record<EvidenceKind, string> = { FILE: 'File', LINK: 'Link', NOTE: 'Note' };

/** What a source document of the audit is. */
export const DOCUMENT_KIND_LABEL: Record<SourceDocumentKind, string> = {
  DEMAND_LETTER: 'Demand letter',
  AGREEMENT: 'Agreement',
  OTHER: 'Other correspondence',
};

export const ORG_ROLE_LABEL: Record<'ADMIN' | 'MEMBER', string> = { ADMIN: 'Admin', MEMBER: 'Member' };

/** What re-hashing stored bytes found (evidence, volumes, submitted packages). */
export const INTEGRITY_RESULT_LABEL: Record<'MATCH' | 'MISMATCH' | 'MISSING', string> = {
  MATCH: 'Intact',
  MISMATCH: 'Changed since upload',
  MISSING: 'File missing',
};

/** How the officer signed a certification. */
export const CERTIFICATION_METHOD_LABEL: Record<'ELECTRONIC' | 'WET_SIGNATURE', string> = {
  ELECTRONIC: 'Signed electronically',
  WET_SIGNATURE: 'Signed by hand (scan)',
};

/** The file formats of letters, reports and exports. */
export const FILE_FORMAT_LABEL: Record<'pdf' | 'docx' | 'csv' | 'xlsx', string> = {
  pdf: 'PDF',
  docx: 'Word',
  csv: 'CSV',
  xlsx: 'Excel',
};
