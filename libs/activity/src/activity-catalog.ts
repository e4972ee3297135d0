// The activity log's vocabulary: every kind of thing an event is about (entity type), the
// actions recorded for each, and how people read them. Writers (`recordActivity` accepts only
// these pairs), the API's enums and the web UI's filter and labels all derive from this one
// catalog, as documenso's audit-log types do. No imports: the web UI bundles this file.
//
// Entity types and actions are stored in ActivityEvent rows: never rename one (old rows keep
// the old word); add new ones here.

/**
 * Where an entity type's events are kept: in an audit's history, about an account only, or
 * about what the whole organisation shares (the objection library, request templates).
 */
export type ActivityScope = 'audit' | 'account' | 'organisation';

interface EntityTypeEntry {
  label: string;
  scope: ActivityScope;
  actions: readonly string[];
  /**
   * For an account or organisation entity type: the actions of it recorded in an audit's history
   * all the same (a person invited into an audit gets their account there).
   */
  inAuditHistory?: readonly string[];
}

export const ACTIVITY_CATALOG = {
  audit: {
    label: 'Audit',
    scope: 'audit',
    actions: [
      'created',
      'updated',
      'status_changed',
      'deleted',
      'deadline_extended',
      'reminder_policy_changed',
      'legal_hold_placed',
      'legal_hold_lifted',
      // Counsel paused (with a reason) or resumed every reminder of the audit.
      'reminders_paused',
      'reminders_resumed',
      'designations_changed',
      // On the new audit made by copying another one (which is named in the changes).
      'copied',
    ],
  },
  // `created` is the demo seed's count of the members it added.
  // `reminders_turned_off`: by the member, in the app or with a digest's unsubscribe link.
  member: {
    label: 'Member',
    scope: 'audit',
    actions: [
      'added',
      'role_changed',
      'removed',
      'granted',
      'created',
      'reminders_turned_off',
      'reminders_turned_on',
      // The signer role for the audit (who certifies its response), given or taken back by lead counsel.
      'signer_granted',
      'signer_withdrawn',
    ],
  },
  // `reordered`: one event for the whole list (its entity id is the audit's).
  provision: { label: 'Provision', scope: 'audit', actions: ['created', 'updated', 'deleted', 'reordered'] },
  subject: { label: 'Subject', scope: 'audit', actions: ['created', 'updated', 'deleted', 'reordered'] },
  // `form_set`: a form given to the request (from a template or written for it); `form_revised`:
  // its fields changed (removed ones retire); `form_removed`: taken off before anyone answered it.
  request: {
    label: 'Request',
    scope: 'audit',
    actions: ['created', 'updated', 'deleted', 'reordered', 'form_set', 'form_revised', 'form_removed'],
  },
  // `created` is the demo seed's count of the cells it made (the grid makes them silently).
  response: { label: 'Response', scope: 'audit', actions: ['created', 'updated', 'status_changed'] },
  comment: { label: 'Comment', scope: 'audit', actions: ['created'] },
  evidence: {
    label: 'Evidence',
    scope: 'audit',
    actions: [
      'created',
      'uploaded',
      'version_uploaded',
      'updated',
      'deleted',
      'linked',
      'unlinked',
      'downloaded',
      'integrity_verified',
      'integrity_failed',
    ],
  },
  // The demand letter, the agreement and other papers of the audit itself (stored as evidence files).
  source_document: { label: 'Source document', scope: 'audit', actions: ['uploaded', 'downloaded', 'deleted'] },
  // The correspondence log with the other side; `uploaded`: a file attached to an entry.
  correspondence: {
    label: 'Correspondence',
    scope: 'audit',
    actions: ['created', 'updated', 'deleted', 'uploaded', 'attachment_removed', 'exported'],
  },
  invitation: { label: 'Invitation', scope: 'audit', actions: ['issued', 'accepted'] },
  extension: { label: 'Extension', scope: 'audit', actions: ['requested', 'granted', 'denied', 'withdrawn'] },
  reminder: { label: 'Reminder', scope: 'audit', actions: ['send_requested', 'retried'] },
  report: { label: 'Report', scope: 'audit', actions: ['queued', 'generated', 'failed'] },
  // The formal response to one request (disposition, outward text, objections raised), and a
  // subject's own disposition of it given or changed (`subject_set`) or cleared, named in the changes.
  disposition: { label: 'Disposition', scope: 'audit', actions: ['updated', 'subject_set', 'subject_cleared'] },
  // The response letter's own fields, and each letter generated (PDF or Word).
  response_letter: { label: 'Response letter', scope: 'audit', actions: ['updated', 'generated'] },
  objection: { label: 'Library objection', scope: 'organisation', actions: ['created', 'updated', 'deleted'] },
  production: {
    label: 'Production',
    scope: 'audit',
    actions: [
      'created',
      'updated',
      'document_added',
      'document_removed',
      'produce_requested',
      'produced',
      'failed',
      'downloaded',
      'integrity_verified',
      'integrity_failed',
      // The production log downloaded as CSV or XLSX (recorded against the audit's id).
      'exported',
    ],
  },
  // A produced volume released to the other side's counsel through an expiring link and a code
  // (`locked`: the fifth wrong code; `downloaded`: the recipient fetched the ZIP, with no actor).
  production_release: {
    label: 'Release to the other side',
    scope: 'audit',
    actions: ['created', 'revoked', 'locked', 'downloaded'],
  },
  // A submitted version of the formal response (its package), and each download and check of it.
  response_submission: {
    label: 'Submitted response',
    scope: 'audit',
    // `certified`: the officer's certification (signed electronically or a hand-signed scan);
    // its certificate and its signed scan are downloaded apart from the package.
    actions: [
      'submitted',
      'downloaded',
      'integrity_verified',
      'integrity_failed',
      'certified',
      'certificate_downloaded',
      'scan_downloaded',
    ],
  },
  privilege_log_entry: {
    label: 'Privilege log entry',
    scope: 'audit',
    actions: ['created', 'updated', 'deleted', 'exported'],
  },
  // A box counsel drew over a page of a PDF evidence version, burnt in when it is produced.
  redaction: { label: 'Redaction', scope: 'audit', actions: ['created', 'updated', 'deleted'] },
  // Recorded with no audit: a template outlives the audit it was saved from.
  request_template: { label: 'Request template', scope: 'organisation', actions: ['created', 'updated', 'deleted'] },
  // An audit form template of the organisation ("Data inventory"); requests keep copies of it.
  form_template: { label: 'Form template', scope: 'organisation', actions: ['created', 'updated', 'deleted'] },
  session: { label: 'Session', scope: 'account', actions: ['logged_in', 'logged_out'] },
  api_token: { label: 'API token', scope: 'account', actions: ['created', 'revoked'] },
  user: {
    label: 'User',
    scope: 'account',
    // Inviting someone new to an audit creates their account, recorded in that audit.
    inAuditHistory: ['invited'],
    actions: [
      'created',
      'invited',
      'updated',
      'profile_updated',
      'password_changed',
      'password_reset_requested',
      'password_reset',
      'activated',
      'deactivated',
      'reactivated',
    ],
  },
} as const satisfies Record<string, EntityTypeEntry>;

type Catalog = typeof ACTIVITY_CATALOG;

export type ActivityEntityType = keyof Catalog;

/** The actions recorded for an entity type (for all of them when none is given). */
export type ActivityAction<E extends ActivityEntityType = ActivityEntityType> = Catalog[E]['actions'][number];

/** Every entity type, in catalog order. */
export const ACTIVITY_ENTITY_TYPES = Object.keys(ACTIVITY_CATALOG) as ActivityEntityType[];

/**
 * The actions of an entity type an audit's history can hold: all of an audit's own entity
 * types, and for account or organisation ones those recorded in an audit (`inAuditHistory`).
 */
export function auditHistoryActions(type: ActivityEntityType): readonly ActivityAction[] {
  const entry: EntityTypeEntry = ACTIVITY_CATALOG[type];
  return (entry.scope === 'audit' ? entry.actions : (entry.inAuditHistory ?? [])) as readonly ActivityAction[];
}

/** The entity types an audit's history can hold (other account and organisation events are recorded with no audit). */
export const AUDIT_ACTIVITY_ENTITY_TYPES = ACTIVITY_ENTITY_TYPES.filter((type) => auditHistoryActions(type).length > 0);

/** Every action, once each, in catalog order. */
export const ACTIVITY_ACTIONS: ActivityAction[] = [
  ...new Set(ACTIVITY_ENTITY_TYPES.flatMap((type): readonly ActivityAction[] => ACTIVITY_CATALOG[type].actions)),
];

/** How people read an entity type, e.g. "API token". */
export const ACTIVITY_ENTITY_TYPE_LABEL = Object.fromEntries(
  ACTIVITY_ENTITY_TYPES.map((type) => [type, ACTIVITY_CATALOG[type].label]),
) as Record<ActivityEntityType, string>;

/** How people read an action, whatever it was done to. */
export const ACTIVITY_ACTION_LABEL: Record<ActivityAction, string> = {
  created: 'Created',
  updated: 'Updated',
  deleted: 'Deleted',
  status_changed: 'Status changed',
  deadline_extended: 'Deadline extended',
  reminder_policy_changed: 'Reminder policy changed',
  legal_hold_placed: 'Legal hold placed',
  legal_hold_lifted: 'Legal hold lifted',
  reminders_paused: 'Reminders paused',
  reminders_resumed: 'Reminders resumed',
  added: 'Added',
  role_changed: 'Role changed',
  reminders_turned_off: 'Turned reminders off',
  reminders_turned_on: 'Turned reminders on',
  removed: 'Removed',
  granted: 'Granted',
  uploaded: 'Uploaded',
  version_uploaded: 'New version uploaded',
  linked: 'Linked to a response',
  unlinked: 'Unlinked from a response',
  downloaded: 'Downloaded',
  integrity_verified: 'Integrity verified',
  integrity_failed: 'Integrity check failed',
  requested: 'Requested',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
  send_requested: 'Sending requested',
  retried: 'Retried',
  queued: 'Queued',
  generated: 'Generated',
  failed: 'Failed',
  logged_in: 'Logged in',
  logged_out: 'Logged out',
  revoked: 'Revoked',
  locked: 'Locked after wrong codes',
  password_reset: 'Password reset',
  activated: 'Activated',
  deactivated: 'Deactivated',
  reactivated: 'Reactivated',
  invited: 'Invited',
  issued: 'Link sent',
  accepted: 'Accepted',
  profile_updated: 'Profile updated',
  password_changed: 'Password changed',
  password_reset_requested: 'Password reset requested',
  designations_changed: 'Production designations changed',
  document_added: 'Document added',
  document_removed: 'Document removed',
  produce_requested: 'Production requested',
  produced: 'Produced',
  subject_set: 'Set for one subject',
  subject_cleared: 'Cleared for one subject',
  exported: 'Exported',
  copied: 'Copied from another audit',
  reordered: 'Reordered',
  submitted: 'Submitted',
  certified: 'Certified',
  certificate_downloaded: 'Certificate downloaded',
  scan_downloaded: 'Signed scan downloaded',
  attachment_removed: 'Attachment removed',
  signer_granted: 'Signer role given',
  signer_withdrawn: 'Signer role withdrawn',
  form_set: 'Form given',
  form_revised: 'Form revised',
  form_removed: 'Form removed',
};

/** Whether an action is recorded for an entity type. */
export function isActivityAction<E extends ActivityEntityType>(type: E, action: string): action is ActivityAction<E> {
  return (ACTIVITY_CATALOG[type].actions as readonly string[]).includes(action);
}

// The fields events record, and how each one's values read. Writers record plain JSON (a
// calendar day as "YYYY-MM-DD" or as that day's midnight UTC, an instant as ISO text, a code
// as its enum key); only the field says which it is, so the UI reads values by this table,
// never by their shape. A field recorded by a new write belongs here (the web's test of the
// table renders every entry and fails on a value that would show raw).

/** A family of coded values, read by the labels the rest of the UI shows for them. */
export type ActivityCodeSet =
  | 'auditRole'
  | 'auditStatus'
  | 'certificationMethod'
  | 'correspondenceChannel'
  | 'correspondenceDirection'
  | 'disposition'
  | 'evidenceKind'
  | 'extensionStatus'
  | 'fileFormat'
  | 'integrityResult'
  | 'orgRole'
  | 'privilege'
  | 'privilegeTreatment'
  | 'productionStatus'
  | 'redactionReason'
  | 'reminderStatus'
  | 'reportDelivery'
  | 'reportStatus'
  | 'responseStatus'
  | 'sourceDocumentKind';

/**
 * How a recorded value reads. `text`: as typed (names, titles, fingerprints); `day`: a
 * calendar day, never shifted by a zone; `instant`: a moment, in the reader's zone; `number`;
 * `bytes`: a size; `yesNo`; `person`: a user's id, named; `record`: the id of something
 * else, named by the field `namedBy` where the event records it (the line is then left out)
 * or else by its `noun`; `code`: one of `codes`; `list`: texts; `objections`: the library
 * objections raised (each with its title, cited provision and note); `box`: a redaction box
 * in fractions of the page; `document`: a produced document (its file name); `byteRange`: the
 * part of a file downloaded (none: all of it); `address`: a network address; `settings`:
 * named options (a report's, a reminder policy).
 */
export type ActivityValueKind =
  | 'text'
  | 'day'
  | 'instant'
  | 'number'
  | 'bytes'
  | 'yesNo'
  | 'person'
  | 'record'
  | 'code'
  | 'list'
  | 'objections'
  | 'box'
  | 'document'
  | 'byteRange'
  | 'address'
  | 'settings';

export interface ActivityField {
  kind: ActivityValueKind;
  /** The field's name on screen, where the form's label for it does not fit a log line. */
  label?: string;
  /** For `code`: which codes. */
  codes?: ActivityCodeSet;
  /** For `record`: what it is ("provision"), read "a provision" (a list: "2 provisions"). */
  noun?: string;
  /** For `record`: the field of the same event that names the record in words. */
  namedBy?: string;
}

const text: ActivityField = { kind: 'text' };
const day: ActivityField = { kind: 'day' };
const instant: ActivityField = { kind: 'instant' };
const number: ActivityField = { kind: 'number' };
const yesNo: ActivityField = { kind: 'yesNo' };
const person: ActivityField = { kind: 'person' };
const list: ActivityField = { kind: 'list' };
const code = (codes: ActivityCodeSet, label?: string): ActivityField => ({ kind: 'code', codes, label });
const record = (noun: string, namedBy?: string, label?: string): ActivityField => ({
  kind: 'record',
  noun,
  namedBy,
  label,
});
const fileFormat = code('fileFormat', 'Format');

/** Fields that mean the same whatever the event is about. */
export const ACTIVITY_FIELDS = {
  // The audit: its demand, parties and dates.
  title: text,
  referenceCode: text,
  demandingParty: text,
  demandingCounselName: text,
  demandingCounselFirm: text,
  demandingCounselEmail: text,
  respondingParty: text,
  respondingCounselName: text,
  respondingCounselFirm: text,
  respondingCounselEmail: text,
  agreementTitle: text,
  agreementVersion: text,
  auditClauseRef: text,
  letterDate: day,
  receivedOn: day,
  responseDeadline: instant,
  deadlineTimeZone: text,
  periodStart: day,
  periodEnd: day,
  submittedAt: day,
  notes: text,
  confidentialityLegend: text,
  statusReason: text,
  defaultReviewerId: person,
  legalHoldReason: text,
  legalHoldSince: instant,
  liftReason: text,
  remindersPaused: yesNo,
  pausedSince: instant,
  reason: text,
  reminderPolicy: { kind: 'settings', label: 'Reminder policy' },
  designations: list,
  copiedFrom: { kind: 'text', label: 'Copied from' },
  copiedFromAuditId: record('audit', 'copiedFrom', 'Copied from audit'),
  template: { kind: 'text', label: 'Request template' },
  source: { kind: 'text', label: 'Recorded by' },
  // Counts of what a write made or carried over.
  count: { kind: 'number', label: 'How many' },
  provisions: { kind: 'number', label: 'Provisions' },
  subjects: { kind: 'number', label: 'Subjects' },
  requests: { kind: 'number', label: 'Requests' },
  forms: { kind: 'number', label: 'Forms' },
  formAnswers: { kind: 'number', label: 'Form answers' },
  members: { kind: 'number', label: 'Members' },
  responses: { kind: 'number', label: 'Responses' },
  responsesCreated: { kind: 'number', label: 'Grid cells made' },
  documents: { kind: 'number', label: 'Documents' },
  entries: { kind: 'number', label: 'Entries' },
  volumes: { kind: 'number', label: 'Volumes' },
  files: { kind: 'number', label: 'Files' },
  pageCount: { kind: 'number', label: 'Pages' },
  usedBy: { kind: 'number', label: 'Requests using it' },
  sessionsEnded: { kind: 'number', label: 'Sessions ended' },
  otherSessionsEnded: { kind: 'number', label: 'Other sessions ended' },
  failedCodeAttempts: { kind: 'number', label: 'Wrong codes entered' },
  // People and membership.
  userId: person,
  recipientId: { kind: 'person', label: 'Sent to' },
  role: code('auditRole'),
  canCertify: yesNo,
  remindersOff: { kind: 'yesNo', label: 'Reminders off' },
  email: text,
  name: text,
  timeZone: text,
  orgRole: code('orgRole'),
  active: { kind: 'yesNo', label: 'Active' },
  canOpenAudits: yesNo,
  expiresAt: instant,
  // A member's own reminder settings: their digest's hour and weekdays (ISO, 1 = Monday), and the days away.
  reminderHour: { kind: 'number', label: 'Digest hour' },
  reminderDays: { kind: 'list', label: 'Digest days' },
  remindersPausedFrom: { kind: 'day', label: 'Away from' },
  remindersPausedUntil: { kind: 'day', label: 'Away until' },
  // Structure: provisions, subjects, requests and their forms.
  reference: text,
  text,
  description: text,
  product: text,
  ownerId: person,
  position: number,
  ordinal: number,
  order: { kind: 'list', label: 'New order' },
  provisionId: record('provision'),
  appliesToAll: { kind: 'yesNo', label: 'Applies to every subject' },
  subjectIds: record('subject'),
  importedFrom: text,
  formTemplate: { kind: 'text', label: 'Form template' },
  fields: list,
  // A grid cell.
  answer: text,
  assigneeId: person,
  reviewerId: person,
  dueDate: day,
  approvedAt: instant,
  approvedById: person,
  responseId: record('response'),
  responseIds: record('response'),
  body: text,
  // Evidence and files.
  url: { kind: 'text', label: 'Link' },
  custodian: { kind: 'text', label: 'Custodian' },
  collectedOn: { kind: 'day', label: 'Collected on' },
  version: number,
  fileName: text,
  mediaType: text,
  sizeBytes: { kind: 'bytes' },
  sha256: text,
  expectedSha256: { kind: 'text', label: 'SHA-256 at upload' },
  actualSha256: { kind: 'text', label: 'SHA-256 now' },
  range: { kind: 'byteRange', label: 'Part downloaded' },
  deletedAt: instant,
  differences: list,
  matchesCertification: { kind: 'yesNo', label: 'Matches the certified package' },
  // The formal response.
  disposition: code('disposition'),
  responseText: { kind: 'text', label: 'Response text' },
  objections: { kind: 'objections', label: 'Objections' },
  subject: text,
  firmName: { kind: 'text', label: 'Firm' },
  firmAddress: { kind: 'text', label: 'Firm address' },
  addresseeAddress: { kind: 'text', label: 'Addressee address' },
  preliminaryStatement: { kind: 'text', label: 'Preliminary statement' },
  generalObjections: { kind: 'text', label: 'General objections' },
  signerName: text,
  signerTitle: text,
  draft: { kind: 'yesNo', label: 'Draft' },
  format: fileFormat,
  // Submissions and their certification.
  packageSha256: text,
  certificateSha256: text,
  scanSha256: text,
  signer: { kind: 'text', label: 'Signed by' },
  method: code('certificationMethod', 'How it was signed'),
  clientAddress: { kind: 'address', label: 'Signed from' },
  note: text,
  // Extensions.
  newDeadline: instant,
  requestedOn: day,
  decidedOn: day,
  decisionNote: { kind: 'text', label: 'Note on the decision' },
  // Correspondence.
  occurredAt: instant,
  direction: code('correspondenceDirection'),
  channel: code('correspondenceChannel'),
  from: text,
  to: text,
  extensionId: record('extension'),
  demandLetter: yesNo,
  attachment: record('attachment', 'title'),
  attachments: record('attachment'),
  // Productions and their release.
  batesPrefix: text,
  startNumber: number,
  padWidth: number,
  recipient: text,
  productionDate: day,
  deliveryMethod: text,
  designation: text,
  document: { kind: 'document', label: 'Document' },
  batesBegin: text,
  batesEnd: text,
  batesRange: { kind: 'text', label: 'Bates numbers' },
  zipSha256: { kind: 'text', label: 'ZIP SHA-256' },
  error: { kind: 'text', label: 'What went wrong' },
  productionId: record('volume', 'volume'),
  volume: { kind: 'text', label: 'Volume' },
  recipientName: text,
  recipientEmail: text,
  revokedAt: { kind: 'instant', label: 'Revoked at' },
  downloadId: record('download', 'clientAddress'),
  // A release sent again: the revoked link names its replacement, the new one the link it replaces.
  sentAgainAs: record('new link', undefined, 'Sent again as'),
  sendsAgain: record('earlier link', undefined, 'Sends again'),
  // The privilege log.
  documentType: text,
  privilege: code('privilege'),
  treatment: code('privilegeTreatment'),
  evidenceVersionId: record('document'),
  // Not recorded by the log's writers today, but days wherever they are recorded.
  documentDate: day,
  dateFrom: day,
  dateTo: day,
  // A redaction box.
  evidenceId: record('evidence file'),
  page: number,
  box: { kind: 'box', label: 'Box' },
  // Reports.
  options: { kind: 'settings', label: 'Options' },
  delivery: code('reportDelivery', 'Delivered'),
  // Request templates.
  fromAuditId: record('audit', undefined, 'Saved from'),
} as const satisfies Record<string, ActivityField>;

/** Fields whose meaning (and codes) depend on what the event is about, e.g. a status. */
export const ACTIVITY_ENTITY_FIELDS: { readonly [E in ActivityEntityType]?: Readonly<Record<string, ActivityField>> } =
  {
    audit: { status: code('auditStatus') },
    response: { status: code('responseStatus') },
    evidence: { kind: code('evidenceKind'), result: code('integrityResult') },
    source_document: { kind: code('sourceDocumentKind') },
    extension: { status: code('extensionStatus') },
    reminder: { status: code('reminderStatus') },
    report: { status: code('reportStatus') },
    production: { status: code('productionStatus'), result: code('integrityResult') },
    response_submission: { result: code('integrityResult') },
    redaction: { reason: code('redactionReason') },
    disposition: { subject: { kind: 'text', label: 'For subject' } },
  };

/**
 * How a field an event of `entityType` records reads: the entity type's own entry, else the
 * shared one. Undefined for a field no write records.
 */
export function activityField(entityType: ActivityEntityType, field: string): ActivityField | undefined {
  const own = ACTIVITY_ENTITY_FIELDS[entityType]?.[field];
  if (own) return own;
  // A form's answer (`formValues.<key>`) and a form field's revision (`form.<key>`), each
  // recorded as the words the form shows, with the form's own label.
  if (field.startsWith('formValues.') || field.startsWith('form.')) return text;
  return (ACTIVITY_FIELDS as Record<string, ActivityField>)[field];
}
