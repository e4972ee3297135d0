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
