import type { AuditStatus, ExtensionStatus, FormField, FormValues, ResponseStatus } from '@app/domain';

// Everything a report shows, already read and shaped: the document builder is a pure
// function of this, so it can be tested and benchmarked without a database.

export const DEFAULT_CONFIDENTIALITY_LEGEND = 'PRIVILEGED & CONFIDENTIAL - ATTORNEY WORK PRODUCT';

export interface ReportOptions {
  /** Only these subjects (in the audit's order); all subjects when absent or empty. */
  subjectIds?: string[];
  /**
   * Print answers that are not approved yet. A report that prints any unapproved answer is
   * a draft and is watermarked DRAFT on every page; when false, such answers are withheld.
   */
  includeUnapproved: boolean;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface ReportExtension {
  requestedOn: Date;
  newDeadline: Date;
  status: ExtensionStatus;
  previousDeadline: Date | null;
  decidedOn: Date | null;
}

export interface ReportProvision {
  id: string;
  reference: string;
  title: string;
  text: string | null;
}

export interface ReportRequest {
  id: string;
  ordinal: number;
  title: string;
  text: string;
  provision: ReportProvision | null;
  /** The request's form (its fields, retired ones included), or null: free-text answers only. */
  form: { fields: FormField[] } | null;
}

export interface ReportFileVersion {
  number: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  lastVerifiedAt: Date | null;
  lastVerification: 'MATCH' | 'MISMATCH' | 'MISSING' | null;
}

export interface ReportEvidence {
  id: string;
  kind: 'FILE' | 'LINK' | 'NOTE';
  title: string;
  description: string | null;
  custodian: string | null;
  sourceSystem: string | null;
  collectedOn: Date | null;
  url: string | null;
  confidentiality: string;
  /** FILE evidence: the latest version (the report's "file"); null for LINK and NOTE. */
  file: ReportFileVersion | null;
  /** FILE evidence: earlier versions, newest first (listed in the evidence index). */
  earlierVersions: ReportFileVersion[];
}

export interface ReportResponse {
  id: string;
  subjectId: string;
  requestId: string;
  status: ResponseStatus;
  /** Null when there is none, or when it is withheld (see `answerWithheld`). */
  answer: string | null;
  /** The answer exists but is not approved and the options exclude unapproved answers. */
  answerWithheld: boolean;
  /** The values given in the request's form; null without a form or values, or when withheld. */
  formValues: FormValues | null;
  assignee: PersonRef | null;
  reviewer: PersonRef | null;
  approvedBy: PersonRef | null;
  approvedAt: Date | null;
  dueDate: Date | null;
  overdue: boolean;
  evidenceIds: string[];
}

export interface ReportSubject {
  id: string;
  name: string;
  product: string | null;
  description: string | null;
  owner: PersonRef | null;
}

export interface ReportActivityLine {
  actor: string;
  entityType: string;
  action: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

export interface ReportData {
  audit: {
    id: string;
    title: string;
    referenceCode: string;
    status: AuditStatus;
    demandingParty: string;
    demandingCounselName: string | null;
    demandingCounselFirm: string | null;
    demandingCounselEmail: string | null;
    respondingParty: string;
    agreementTitle: string;
    agreementVersion: string | null;
    auditClauseRef: string | null;
    letterDate: Date | null;
    receivedOn: Date;
    responseDeadline: Date;
    deadlineTimeZone: string;
    periodStart: Date | null;
    periodEnd: Date | null;
    confidentialityLegend: string;
    /** Members with a counsel role, for the cover ("counsel for the responding party"). */
    counsel: { name: string; role: string }[];
  };
  extensions: ReportExtension[];
  options: { subjectIds: string[] | null; includeUnapproved: boolean };
  /** Any printed answer is unapproved: the report is a draft. */
  draft: boolean;
  generatedAt: Date;
  generatedBy: string;
  subjects: ReportSubject[];
  requests: ReportRequest[];
  /** The cells of the chosen subjects, in subject then request order. */
  responses: ReportResponse[];
  evidence: ReportEvidence[];
  activity: ReportActivityLine[];
}
