// An activity event's changes as a lawyer reads them. The catalog says what each recorded
// field is (`activityField`: a calendar day, an instant, a code of a known set, ...); this file
// turns its values into the words the rest of the UI uses for them. A field the catalog does
// not know still never shows raw: codes read as words, objects as named values.
import {
  activityField,
  type ActivityCodeSet,
  type ActivityEntityType,
  type ActivityField,
} from '@app/activity/activity-catalog';
import { CORRESPONDENCE_CHANNEL_LABEL, CORRESPONDENCE_DIRECTION_LABEL } from '@app/domain/correspondence';
import { RESPONSE_STATUS_LABEL } from '@app/domain/enums';
import { DISPOSITION_LABEL } from '@app/domain/formal-response';
import { PRIVILEGE_LABEL, PRODUCTION_STATUS_LABEL, TREATMENT_LABEL } from '@app/domain/productions';
import { REDACTION_REASON_LABEL } from '@app/domain/redactions';
import { formatDay, formatInstant } from './dates';
import { formatBytes } from './format';
import { fieldLabel } from './messages';
import {
  AUDIT_STATUS_LABEL,
  CERTIFICATION_METHOD_LABEL,
  DOCUMENT_KIND_LABEL,
  EVIDENCE_KIND_LABEL,
  EXTENSION_STATUS_LABEL,
  FILE_FORMAT_LABEL,
  INTEGRITY_RESULT_LABEL,
  ORG_ROLE_LABEL,
  REMINDER_STATUS_LABEL,
  REPORT_STATUS_LABEL,
  ROLE_LABEL,
} from './status';
import { plural } from './words';

/** Each code set's labels, the ones the screens that set or show those values use. */
export const ACTIVITY_CODE_LABELS: Record<ActivityCodeSet, Readonly<Record<string, string>>> = {
  auditRole: ROLE_LABEL,
  auditStatus: AUDIT_STATUS_LABEL,
  certificationMethod: CERTIFICATION_METHOD_LABEL,
  correspondenceChannel: CORRESPONDENCE_CHANNEL_LABEL,
  correspondenceDirection: CORRESPONDENCE_DIRECTION_LABEL,
  disposition: DISPOSITION_LABEL,
  evidenceKind: EVIDENCE_KIND_LABEL,
  extensionStatus: EXTENSION_STATUS_LABEL,
  fileFormat: FILE_FORMAT_LABEL,
  integrityResult: INTEGRITY_RESULT_LABEL,
  orgRole: ORG_ROLE_LABEL,
  privilege: PRIVILEGE_LABEL,
  privilegeTreatment: TREATMENT_LABEL,
  productionStatus: PRODUCTION_STATUS_LABEL,
  redactionReason: REDACTION_REASON_LABEL,
  reminderStatus: REMINDER_STATUS_LABEL,
  // A report downloaded as it was rendered, rather than queued for the worker.
  reportDelivery: { streamed: 'Straight to the browser' },
  reportStatus: REPORT_STATUS_LABEL,
  responseStatus: RESPONSE_STATUS_LABEL,
  sourceDocumentKind: DOCUMENT_KIND_LABEL,
};

/** What reading a value needs besides it: the people the event names, and the reader's zone. */
export interface ReadingContext {
  names: ReadonlyMap<string, string>;
  timeZone: string;
}

/** One changed field as shown: its label and both values in words. */
export interface ReadChange {
  field: string;
  label: string;
  before: string;
  after: string;
  /** Two texts that differ only in spaces, tabs or line breaks. */
  whitespaceOnly: boolean;
}

const NONE = '—';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;

/** "NO_RESPONSIVE_INFORMATION" -> "No responsive information": a code no label was written for. */
const codeWords = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');

/** A recorded scalar as text (a string, number or boolean; anything else has no text of its own). */
const scalarText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const percent = (fraction: unknown) =>
  typeof fraction === 'number' ? `${(fraction * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%` : NONE;

const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** A value whose field says nothing of it (a field no write was catalogued for): read by its shape. */
function readUnknown(value: unknown, context: ReadingContext): string {
  if (isEmpty(value)) return NONE;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (Array.isArray(value))
    return value.length === 0 ? 'None' : value.map((item) => readUnknown(item, context)).join(', ');
  const record = asRecord(value);
  if (record) return readSettings(record, context);
  const text = scalarText(value);
  if (context.names.has(text)) return context.names.get(text)!;
  if (ID.test(text)) return 'a record';
  if (INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return formatInstant(text, context.timeZone);
  if (DAY.test(text)) return formatDay(text);
  if (CODE.test(text)) return codeWords(text);
  return text;
}

/** Named options ("Include unapproved: Yes; Send hour: 9"), never their JSON. */
function readSettings(settings: Record<string, unknown>, context: ReadingContext): string {
  const entries = Object.entries(settings).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return NONE;
  return entries.map(([key, v]) => `${fieldLabel(key)}: ${readUnknown(v, context)}`).join('; ');
}

/** One library objection raised: its title, the provision it cites and the note added. */
function readObjection(value: unknown): string {
  const objection = asRecord(value) ?? {};
  // Recorded before the log kept titles: only the ids are known.
  const title = typeof objection.title === 'string' ? objection.title : 'An objection from the library';
  const citing = typeof objection.provision === 'string' ? ` (citing ${objection.provision})` : '';
  const note = typeof objection.note === 'string' && objection.note ? `: ${objection.note}` : '';
  return `${title}${citing}${note}`;
}

/** "0-1023" -> "bytes 0–1,023"; nothing recorded means the whole file was sent. */
function readByteRange(value: unknown): string {
  if (isEmpty(value)) return 'Whole file';
  const text = scalarText(value);
  const [start, end] = text.split('-').map(Number);
  return Number.isFinite(start) && Number.isFinite(end)
    ? `Bytes ${start.toLocaleString('en-US')}–${end.toLocaleString('en-US')}`
    : text;
}

/** How one recorded value of a catalogued field reads. */
export function readFieldValue(entry: ActivityField | undefined, value: unknown, context: ReadingContext): string {
  if (!entry) return readUnknown(value, context);
  if (entry.kind === 'byteRange') return readByteRange(value);
  if (isEmpty(value)) return NONE;
  switch (entry.kind) {
    case 'day': {
      // A calendar day is recorded as "YYYY-MM-DD" or as its midnight UTC: the day is the first
      // ten characters either way, and is never moved into the reader's zone.
      const text = scalarText(value);
      return DAY.test(text.slice(0, 10)) ? formatDay(text.slice(0, 10)) : readUnknown(value, context);
    }
    case 'instant':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? formatInstant(value, context.timeZone)
        : readUnknown(value, context);
    case 'number':
      return typeof value === 'number' ? value.toLocaleString('en-US') : readUnknown(value, context);
    case 'bytes':
      return typeof value === 'number' ? formatBytes(value) : readUnknown(value, context);
    case 'yesNo':
      return value === true ? 'Yes' : value === false ? 'No' : readUnknown(value, context);
    case 'person':
      return typeof value === 'string' ? (context.names.get(value) ?? 'someone no longer known') : NONE;
    case 'record': {
      const noun = entry.noun ?? 'record';
      if (Array.isArray(value)) return value.length === 0 ? 'None' : plural(value.length, noun);
      return withArticle(noun);
    }
    case 'code': {
      const label = entry.codes && ACTIVITY_CODE_LABELS[entry.codes][scalarText(value)];
      return label ?? (typeof value === 'string' ? codeWords(value) : readUnknown(value, context));
    }
    case 'list':
      return Array.isArray(value)
        ? value.length === 0
          ? 'None'
          : value.map((item) => (typeof item === 'string' ? item : readUnknown(item, context))).join(', ')
        : readUnknown(value, context);
    case 'objections':
      return Array.isArray(value)
        ? value.length === 0
          ? 'None'
          : value.map(readObjection).join('; ')
        : readUnknown(value, context);
    case 'box': {
      const box = asRecord(value);
      return box
        ? `${percent(box.width)} wide, ${percent(box.height)} high, ${percent(box.x)} from the left, ${percent(box.y)} from the top`
        : readUnknown(value, context);
    }
    case 'document': {
      const document = asRecord(value);
      return typeof document?.fileName === 'string' ? document.fileName : 'a document';
    }
    case 'address':
      return typeof value === 'string' ? `IP address ${value}` : readUnknown(value, context);
    case 'settings': {
      const settings = asRecord(value);
      return settings ? readSettings(settings, context) : readUnknown(value, context);
    }
    case 'text':
      return typeof value === 'string' ? value : readUnknown(value, context);
  }
}

/**
 * An event's changes as lines to show, in the order recorded. A record's id is left out where
 * the event names the same record in words (`namedBy`: a copy's source audit by its title).
 */
export function readChanges(
  entityType: ActivityEntityType,
  changes: Readonly<Record<string, { before: unknown; after: unknown; label?: string }>> | null | undefined,
  context: ReadingContext,
): ReadChange[] {
  if (!changes) return [];
  return Object.entries(changes).flatMap(([field, change]): ReadChange[] => {
    const entry = activityField(entityType, field);
    if (entry?.namedBy && entry.namedBy in changes) return [];
    return [
      {
        field,
        label: change.label ?? entry?.label ?? fieldLabel(field),
        before: entry?.kind === 'byteRange' ? NONE : readFieldValue(entry, change.before, context),
        after: readFieldValue(entry, change.after, context),
        whitespaceOnly: onlyWhitespaceDiffers(change.before, change.after),
      },
    ];
  });
}

/** Two texts that differ only in spaces, tabs or line breaks. */
export const onlyWhitespaceDiffers = (before: unknown, after: unknown): boolean =>
  typeof before === 'string' &&
  typeof after === 'string' &&
  before !== after &&
  before.replace(/\s+/g, '') === after.replace(/\s+/g, '');
