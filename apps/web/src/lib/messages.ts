// The API's field errors in words a lawyer reads. The API names fields as its DTOs do
// (`demandingCounselEmail`) and class-validator words its messages for developers ("title
// must be a string"); every form shows them through `plainFieldErrors`, so the rewording
// happens here, once.
import type { ApiError } from '../api/client';
import { skippedTimeProblem } from './dates';

/** How a field is named on screen, and what to type into it ("Enter a title"). */
const FIELDS: Record<string, { label: string; what: string }> = {
  title: { label: 'Title', what: 'a title' },
  referenceCode: { label: 'Reference', what: 'a reference' },
  demandingParty: { label: 'Demanding party', what: 'the demanding party' },
  demandingCounselName: { label: 'Their counsel', what: "their counsel's name" },
  demandingCounselFirm: { label: "Counsel's firm", what: "their counsel's firm" },
  demandingCounselEmail: { label: "Counsel's email", what: "their counsel's email address" },
  respondingParty: { label: 'Responding party', what: 'the responding party' },
  respondingCounselName: { label: 'Responding counsel', what: "the responding party's counsel" },
  respondingCounselFirm: { label: "Responding counsel's firm", what: "the responding counsel's firm" },
  respondingCounselEmail: { label: "Responding counsel's email", what: "the responding counsel's email address" },
  submittedAt: { label: 'Submitted on', what: 'the day the response was submitted' },
  agreementTitle: { label: 'Agreement', what: 'the title of the agreement' },
  agreementVersion: { label: 'Agreement version', what: 'the version of the agreement' },
  auditClauseRef: { label: 'Audit clause', what: 'the audit clause' },
  letterDate: { label: 'Letter dated', what: 'the date of the letter' },
  receivedOn: { label: 'Received on', what: 'the day the demand was received' },
  responseDeadline: { label: 'Deadline date', what: 'the date and time of the deadline' },
  deadlineTimeZone: { label: 'Deadline time zone', what: 'a time zone' },
  periodStart: { label: 'Period covered from', what: 'the first day of the period' },
  periodEnd: { label: 'Period covered to', what: 'the last day of the period' },
  notes: { label: 'Notes', what: 'notes' },
  confidentialityLegend: { label: 'Confidentiality legend', what: 'a legend' },
  status: { label: 'Status', what: 'a status' },
  reference: { label: 'Reference', what: 'the clause reference, e.g. II.D' },
  text: { label: 'Text', what: 'the text' },
  name: { label: 'Name', what: 'a name' },
  product: { label: 'Product', what: 'the product' },
  description: { label: 'Description', what: 'a description' },
  ownerId: { label: 'Owner', what: 'an owner' },
  position: { label: 'Position', what: 'a position' },
  ordinal: { label: 'Number', what: 'the number of the request in the letter' },
  provisionId: { label: 'Cited provision', what: 'a provision' },
  appliesToAll: { label: 'Applies to', what: 'which subjects it applies to' },
  subjectIds: { label: 'Subjects', what: 'at least one subject' },
  userId: { label: 'Person', what: 'a person' },
  email: { label: 'Email', what: 'an email address' },
  role: { label: 'Role', what: 'a role' },
  defaultReviewerId: { label: 'Default reviewer', what: 'a default reviewer' },
  timeZone: { label: 'Time zone', what: 'a time zone' },
  password: { label: 'Password', what: 'a password' },
  signerName: { label: 'Signer’s name', what: 'the name of the person who signs' },
  signerTitle: { label: 'Signer’s title', what: 'the signer’s title, e.g. Chief Executive Officer' },
  signerEntity: { label: 'Signing for', what: 'the entity the signer certifies for' },
  canCertify: { label: 'Signer role', what: 'whether the member certifies the response' },
  currentPassword: { label: 'Current password', what: 'your current password' },
  newPassword: { label: 'New password', what: 'a new password' },
  temporaryPassword: { label: 'Temporary password', what: 'a temporary password' },
  orgRole: { label: 'Organisation role', what: 'an organisation role' },
  canOpenAudits: { label: 'May open audits', what: 'whether they may open audits' },
  kind: { label: 'Kind', what: 'the kind of document' },
  file: { label: 'File', what: 'a file' },
  documentDate: { label: 'Document dated', what: 'the date the document bears' },
  batesPrefix: { label: 'Bates prefix', what: 'a Bates prefix' },
  startNumber: { label: 'First number', what: 'the first Bates number' },
  padWidth: { label: 'Digits', what: 'the number of digits' },
  recipient: { label: 'Recipient', what: 'who receives the volume' },
  recipientName: { label: 'Recipient', what: "the recipient's name" },
  recipientEmail: { label: 'Their email', what: "the recipient's email address" },
  expiresAt: { label: 'Link works until', what: 'when the link stops working' },
  code: { label: 'Code', what: 'the code from the second email' },
  productionDate: { label: 'Production date', what: 'the production date' },
  deliveryMethod: { label: 'Delivery method', what: 'how the volume is delivered' },
  designation: { label: 'Designation', what: 'a designation' },
  labels: { label: 'Designations', what: 'the designations' },
  evidenceVersionId: { label: 'Document', what: 'a document' },
  documentType: { label: 'Type of document', what: 'the type of document, e.g. Email' },
  author: { label: 'Author', what: 'the author' },
  recipientsTo: { label: 'To', what: 'the recipients' },
  recipientsCc: { label: 'Cc', what: 'the copied recipients' },
  privilege: { label: 'Privilege asserted', what: 'the privilege asserted' },
  privilegeOther: { label: 'Which privilege', what: 'the privilege asserted' },
  treatment: { label: 'Withheld or redacted', what: 'whether it is withheld or redacted' },
  batesBegin: { label: 'First Bates number', what: 'the first Bates number' },
  batesEnd: { label: 'Last Bates number', what: 'the last Bates number' },
  requestIds: { label: 'Responds to', what: 'requests' },
  documentCount: { label: 'Number of documents', what: 'the number of documents' },
  dateFrom: { label: 'Earliest dated', what: 'the earliest date' },
  dateTo: { label: 'Latest dated', what: 'the latest date' },
  // A redaction box: where it lies on its page, in percent of the page on screen.
  page: { label: 'Page', what: 'a page' },
  x: { label: 'From the left edge', what: 'the distance from the left edge' },
  y: { label: 'From the top edge', what: 'the distance from the top edge' },
  width: { label: 'Width', what: 'the width' },
  height: { label: 'Height', what: 'the height' },
  // Fields the activity log records changes of (it names them by these labels too).
  answer: { label: 'Answer', what: 'an answer' },
  assigneeId: { label: 'Assignee', what: 'an assignee' },
  reviewerId: { label: 'Reviewer', what: 'a reviewer' },
  dueDate: { label: 'Internal due date', what: 'a due date' },
  approvedAt: { label: 'Approved at', what: 'the time of approval' },
  approvedById: { label: 'Approved by', what: 'who approved it' },
  statusReason: { label: 'Reason given', what: 'the reason' },
  reason: { label: 'Reason', what: 'the reason' },
  hour: { label: 'Hour', what: 'the hour of your digests' },
  days: { label: 'Days', what: 'at least one day' },
  vacationFrom: { label: 'Away from', what: 'the first day you are away' },
  vacationUntil: { label: 'Away until', what: 'the last day you are away' },
  liftReason: { label: 'Why the hold was lifted', what: 'why the hold is lifted' },
  legalHoldReason: { label: 'Legal hold reason', what: 'the reason for the hold' },
  legalHoldSince: { label: 'Legal hold since', what: 'when the hold began' },
  requestedOn: { label: 'Asked on', what: 'the day the extension was asked for' },
  newDeadline: { label: 'New deadline', what: 'the new deadline' },
  decidedOn: { label: 'Decided on', what: 'the day of the decision' },
  note: { label: 'Note', what: 'a note' },
  decisionNote: { label: 'Note on the decision', what: 'a note on the decision' },
  body: { label: 'Text', what: 'the text' },
  fileName: { label: 'File name', what: 'a file name' },
  mediaType: { label: 'File type', what: 'the file type' },
  sizeBytes: { label: 'Size', what: 'the size' },
  sha256: { label: 'SHA-256 fingerprint', what: 'the fingerprint' },
  version: { label: 'Version', what: 'the version' },
  responseId: { label: 'Response', what: 'a response' },
  responseIds: { label: 'Responses', what: 'the responses' },
  deletedAt: { label: 'Deleted at', what: 'the time of deletion' },
  importedFrom: { label: 'Imported from', what: 'the file imported' },
  packageSha256: { label: 'Package SHA-256', what: 'the package fingerprint' },
  files: { label: 'Files', what: 'the files' },
  result: { label: 'Result', what: 'the result' },
  differences: { label: 'Files that differ', what: 'the files that differ' },
  occurredAt: { label: 'Date and time', what: 'when it was sent, received or held' },
  direction: { label: 'Direction', what: 'whether it was received or sent' },
  channel: { label: 'Channel', what: 'how it came or went (letter, email, call, meeting)' },
  from: { label: 'From', what: 'who it came from' },
  to: { label: 'To', what: 'who it went to' },
  subject: { label: 'Subject', what: 'a subject' },
  summary: { label: 'Summary', what: 'a summary' },
  extensionId: { label: 'Extension', what: 'an extension recorded for this audit' },
  demandLetter: { label: 'Demand letter', what: 'whether it is the demand letter' },
  attachment: { label: 'Attachment', what: 'a file' },
  certificateSha256: { label: 'Certificate SHA-256', what: 'the certificate fingerprint' },
  scanSha256: { label: 'Signed scan SHA-256', what: 'the signed scan fingerprint' },
  range: { label: 'Bytes', what: 'the part of the file' },
  // A form's definition (the form editor places these on its inputs; `fields[2].options`).
  fields: { label: 'Fields', what: 'at least one field' },
  label: { label: 'Label', what: 'a label' },
  key: { label: 'Key', what: 'a key' },
  help: { label: 'Help text', what: 'help text' },
  unit: { label: 'Unit', what: 'a unit' },
  options: { label: 'Choices', what: 'the choices' },
  columns: { label: 'Columns', what: 'the columns' },
};

/** "approvedById" -> "Approved by": a field no label was written for still reads as words. */
const humanized = (field: string) => {
  const words = field
    .replace(/Ids?$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The on-screen name of an API field ("demandingCounselEmail" -> "Counsel's email"). */
export const fieldLabel = (field: string): string => FIELDS[baseField(field)]?.label ?? humanized(baseField(field));

const baseField = (field: string) => field.replace(/[[.].*$/, '');

/** Vacation dates in the wrong order, as the reminder settings say it before sending and after the API refuses. */
export const VACATION_ORDER_PROBLEM = 'The last day away must be on or after the first';

/** Rules that turn a developer's message into a plain one; the first that matches wins. */
const REWRITES: { test: RegExp; say: (what: string, match: RegExpExecArray) => string }[] = [
  // Messages about one rule of the API, before the generic ones they would also match.
  { test: /^periodEnd must not be before periodStart/, say: () => 'The period cannot end before it starts' },
  {
    test: /^receivedOn must not be after the response deadline/,
    say: () => 'The demand cannot be received after its deadline',
  },
  {
    test: /^letterDate must not be after receivedOn/,
    say: () => 'The letter cannot be dated after the day it was received',
  },
  {
    test: /^newDeadline must be later than the deadline in force/,
    say: () => 'The new deadline must be later than the deadline now in force',
  },
  {
    test: /^subjectIds (is required|must name at least one)/,
    say: () => 'Choose at least one subject, or make the request apply to all',
  },
  { test: /is in the future \(today is/, say: () => 'This day is still to come: enter today or an earlier day' },
  { test: /^vacationUntil must be on or after vacationFrom/, say: () => VACATION_ORDER_PROBLEM },
  {
    test: /^decidedOn .* is before the extension was asked for/,
    say: () => 'The decision cannot be dated before the extension was asked for',
  },
  // Productions and the privilege log: messages that name the API's fields.
  {
    test: /^name may hold letters/,
    say: () => 'Use letters, digits, dots, hyphens and underscores only (it names the files in the volume)',
  },
  {
    test: /^batesPrefix must be/,
    say: () => 'Use 1 to 30 capital letters, digits, hyphens or underscores, starting with a letter or digit',
  },
  {
    test: /printable Latin characters/,
    say: () => 'Use 1 to 80 plain Latin characters (it is stamped on every page in a standard PDF font)',
  },
  { test: /needs documentCount/, say: () => 'Enter how many documents the entry covers' },
  { test: /^dateTo must not be before dateFrom/, say: () => 'The latest date cannot be before the earliest' },
  { test: /when privilege is OTHER/, say: () => 'Say which privilege is asserted' },
  {
    test: /redacted document needs the Bates number/,
    say: () => 'Enter the Bates number the redacted document was produced under',
  },
  // A redaction box (`redactionBoxProblem` in libs/domain, the API's words too); the screen
  // shows the box in percent of the page, the API takes fractions.
  { test: /^page must be between 1 and (\d+)/, say: (_, m) => `Choose a page from 1 to ${m[1]}` },
  { test: /^[xy] must be at least 0 and below 1/, say: () => 'Enter a value from 0 to just under 100%' },
  {
    test: /^(width|height) must keep the box on the page/,
    say: (_, m) => `Make the box at least 0.2% ${m[1] === 'width' ? 'wide' : 'high'}, and keep it on the page`,
  },
  { test: /withheld document has no Bates numbers/, say: () => 'A withheld document has no Bates numbers' },
  // "newDeadline 2026-03-08T02:30 is not a date-time that exists in America/New_York." (extensions)
  // and "responseDeadline 2026-03-08T02:30 does not exist in America/New_York (…)" (audits):
  // the skipped hour and the time to choose instead, as the form says it before sending.
  {
    test: /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})\S* (?:is not a date-time that exists|does not exist) in ([^\s.(]+)|does not exist in|is not a date-time that exists in/,
    say: (_, m) =>
      (m[1] && m[2] && skippedTimeProblem(m[1], m[2])) ||
      'This date and time do not exist in the chosen time zone: enter a real date, or a time the clocks do not skip',
  },
  {
    test: /happens twice that day/,
    say: () => 'This time happens twice that day, as the clocks go back: choose which of the two you mean',
  },
  { test: /should not be empty|must be a string|is required$/, say: (what) => `Enter ${what}` },
  { test: /needs at least (\d+) characters/, say: (_, m) => `Use at least ${m[1]} characters` },
  { test: /must be an email/, say: () => 'Enter an email address like name@firm.com' },
  { test: /must be a real date/, say: () => 'Enter a real date' },
  { test: /must be a date-time/, say: () => 'Enter a real date and a time' },
  { test: /time-?zone/i, say: () => 'Choose a time zone from the list' },
  {
    test: /shorter than or equal to (\d+)/,
    say: (_, m) => `Keep this to ${Number(m[1]).toLocaleString('en-US')} characters or fewer`,
  },
  { test: /must not be less than (\d+)/, say: (_, m) => `Enter a number of ${m[1]} or more` },
  {
    test: /must not be greater than (\d+)/,
    say: (_, m) => `Enter a number no larger than ${Number(m[1]).toLocaleString('en-US')}`,
  },
  { test: /integer number|must be a number/, say: () => 'Enter a whole number' },
  {
    test: /must be a UUID|does not name|names a subject that is not|names no evidence version|names requests that are not/,
    say: (what) => `Choose ${what} from the list`,
  },
  { test: /must be one of the following values/, say: (what) => `Choose ${what} from the list` },
  { test: /is not a known field/, say: () => 'This field is not accepted here' },
];

/** One API field message as a person would say it. Messages already written for people pass through. */
export function plainMessage(field: string, message: string): string {
  const what = FIELDS[baseField(field)]?.what ?? 'a value';
  for (const rule of REWRITES) {
    const match = rule.test.exec(message);
    if (match) return rule.say(what, match);
  }
  return message.replace(/\.$/, '');
}

/** The API's field errors of a failed write, reworded, keyed by the API's field name. */
export function plainFieldErrors(error: unknown): Record<string, string> {
  // Checked by shape: the client imports this file (to word its errors), so no import back.
  if (!isProblemError(error)) return {};
  return Object.fromEntries(
    (error.problem.errors ?? []).map((e) => [baseField(e.field), plainMessage(e.field, e.message)]),
  );
}

const isProblemError = (error: unknown): error is ApiError =>
  error instanceof Error && 'problem' in error && typeof error.problem === 'object' && error.problem !== null;

/** ISO weekdays (1 = Monday ... 7 = Sunday) as the reminder settings show them. */
export const WEEKDAY_LABEL: Record<number, string> = {
  1: 'Mon',
  2: 'Tue',
  3: 'Wed',
  4: 'Thu',
  5: 'Fri',
  6: 'Sat',
  7: 'Sun',
};
