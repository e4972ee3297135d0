// Audit forms: a request may carry a form, ordered typed fields that every subject answers in
// the same shape, so counsel can check each answer for completeness and compare one request
// across subjects. Pure: what a form may look like, what a value of each field type may be,
// what is still missing, how a revision keeps the answers already given, and how a value reads.
//
// A form's definition keeps every field it ever had: removing a field retires it, so the values
// given for it stay readable (shown as retired) and no answer is ever orphaned or corrupted.

/** The kinds of field a form offers. */
export const FORM_FIELD_TYPES = [
  'SHORT_TEXT',
  'LONG_TEXT',
  'DATE',
  'DATE_RANGE',
  'NUMBER',
  'YES_NO',
  'SINGLE_CHOICE',
  'MULTIPLE_CHOICE',
  'TABLE',
  'EVIDENCE',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** The kinds of column a table field offers: the scalar field types. */
export const FORM_COLUMN_TYPES = ['SHORT_TEXT', 'DATE', 'DATE_RANGE', 'NUMBER', 'YES_NO', 'SINGLE_CHOICE'] as const;
export type FormColumnType = (typeof FORM_COLUMN_TYPES)[number];

/** What a person reads for each type, e.g. in a form editor or an error message. */
export const FORM_FIELD_TYPE_LABELS: Record<FormFieldType, string> = {
  SHORT_TEXT: 'Short text',
  LONG_TEXT: 'Long text',
  DATE: 'Date',
  DATE_RANGE: 'Date range',
  NUMBER: 'Number',
  YES_NO: 'Yes or no',
  SINGLE_CHOICE: 'One choice',
  MULTIPLE_CHOICE: 'Several choices',
  TABLE: 'Table',
  EVIDENCE: 'Evidence',
};

/** A field's key: stable across revisions, what values are stored under and letters cite. */
export const FORM_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/** Fields in use on one form; retired ones come on top (see FORM_MAX_STORED_FIELDS). */
export const FORM_MAX_FIELDS = 60;
/** Columns in use in one table field; retired ones come on top. */
export const FORM_MAX_COLUMNS = 12;
/** What a definition may carry in all, retired fields and columns included. */
export const FORM_MAX_STORED_FIELDS = 4 * FORM_MAX_FIELDS;
export const FORM_MAX_STORED_COLUMNS = 4 * FORM_MAX_COLUMNS;
/**
 * Keys a value could not be stored under safely: values live in plain JSON objects, where
 * these name what every object inherits.
 */
const RESERVED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
export const FORM_MAX_OPTIONS = 50;
export const FORM_MAX_TABLE_ROWS = 200;
export const FORM_MAX_TEXT = 20_000;
export const FORM_MAX_SHORT_TEXT = 500;
export const FORM_MAX_LABEL = 200;
export const FORM_MAX_HELP = 2_000;

export interface FormColumn {
  key: string;
  label: string;
  type: FormColumnType;
  required?: boolean;
  /** For NUMBER: what the number counts, e.g. "records" or "GB". */
  unit?: string | null;
  /** For SINGLE_CHOICE: the choices offered. */
  options?: string[];
  /** Set when a revision removed the column: its entries are kept and shown, no longer edited. */
  retired?: boolean;
}

export interface FormField {
  key: string;
  label: string;
  help?: string | null;
  required: boolean;
  type: FormFieldType;
  /** For NUMBER: what the number counts. */
  unit?: string | null;
  /** For SINGLE_CHOICE and MULTIPLE_CHOICE: the choices offered. */
  options?: string[];
  /** For TABLE: its columns. */
  columns?: FormColumn[];
  /** Set when a revision removed the field: its values are kept and shown, no longer edited. */
  retired?: boolean;
}

/** Both ends are calendar days (YYYY-MM-DD); either may be open. */
export interface DateRange {
  from: string | null;
  to: string | null;
}
export type FormCellValue = string | number | boolean | DateRange | null;
export type FormTableRow = Record<string, FormCellValue>;
/**
 * A field's value by type: text, DATE and SINGLE_CHOICE a string; NUMBER a number; YES_NO a
 * boolean; DATE_RANGE a DateRange; MULTIPLE_CHOICE and EVIDENCE (evidence ids) string arrays;
 * TABLE an array of rows keyed by column key. null, or no entry, is unanswered.
 */
export type FormValue = FormCellValue | string[] | FormTableRow[];
export type FormValues = Record<string, FormValue>;

/** A problem with a definition or a value, named by the path a client sent it under. */
export interface FormProblem {
  field: string;
  message: string;
}

export const activeFields = (fields: readonly FormField[]): FormField[] => fields.filter((f) => !f.retired);
export const activeColumns = (field: FormField): FormColumn[] => (field.columns ?? []).filter((c) => !c.retired);

/**
 * The form a new request starts with when it takes over another's (a copied audit): the
 * fields in use, tables with their columns in use. Retired fields and columns are there only
 * so that answers given to them stay readable, and a new request has no answers; carried over,
 * they would print as "removed" on a form that never asked them.
 */
export function formAsNew(fields: readonly FormField[]): FormField[] {
  return activeFields(fields).map((f) => (f.type === 'TABLE' ? { ...f, columns: activeColumns(f) } : { ...f }));
}

/** What a list of requests says about a form: the fields it asks, and how many of them must be answered. */
export function formSummary(fields: readonly FormField[]): { fieldCount: number; requiredCount: number } {
  const active = activeFields(fields);
  return { fieldCount: active.length, requiredCount: active.filter((f) => f.required).length };
}

/**
 * A value stored under `key`, read as the object's own entry only: a key such as `constructor`
 * must read as unanswered, never as what every object inherits.
 */
export function ownValue<T>(values: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return values && Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Definitions

/**
 * What class-validator cannot say about a definition: keys unique, choices where a choice is
 * asked, columns where a table is, a unit only on numbers. Paths are `fields[i]...`.
 */
export function checkFormDefinition(fields: readonly FormField[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const seen = new Set<string>();
  const active = activeFields(fields).length;
  if (active === 0) problems.push({ field: 'fields', message: 'A form needs at least one field.' });
  if (active > FORM_MAX_FIELDS) {
    problems.push({ field: 'fields', message: `A form takes at most ${FORM_MAX_FIELDS} fields in use.` });
  }
  fields.forEach((field, i) => {
    const at = `fields[${i}]`;
    if (seen.has(field.key)) problems.push({ field: `${at}.key`, message: `Two fields are keyed "${field.key}".` });
    if (RESERVED_KEYS.has(field.key)) problems.push(reservedKey(`${at}.key`, field.key));
    seen.add(field.key);
    problems.push(...checkShape(field, at, field.type));
    if (field.type === 'TABLE') {
      const columns = activeColumns(field).length;
      if (columns === 0) problems.push({ field: `${at}.columns`, message: `Give "${field.label}" its columns.` });
      if (columns > FORM_MAX_COLUMNS) {
        const message = `"${field.label}" takes at most ${FORM_MAX_COLUMNS} columns in use.`;
        problems.push({ field: `${at}.columns`, message });
      }
      const columnKeys = new Set<string>();
      field.columns?.forEach((column, j) => {
        const colAt = `${at}.columns[${j}]`;
        if (columnKeys.has(column.key)) {
          const message = `Two columns of "${field.label}" are keyed "${column.key}".`;
          problems.push({ field: `${colAt}.key`, message });
        }
        if (RESERVED_KEYS.has(column.key)) problems.push(reservedKey(`${colAt}.key`, column.key));
        columnKeys.add(column.key);
        problems.push(...checkShape(column, colAt, column.type));
      });
    } else if (field.columns?.length) {
      problems.push({ field: `${at}.columns`, message: 'Only a table field has columns.' });
    }
  });
  return problems;
}

const reservedKey = (field: string, key: string): FormProblem => ({
  field,
  message: `"${key}" cannot be used as a key: choose another word.`,
});

function checkShape(
  item: { label: string; unit?: string | null; options?: string[] },
  at: string,
  type: FormFieldType,
): FormProblem[] {
  const problems: FormProblem[] = [];
  const choice = type === 'SINGLE_CHOICE' || type === 'MULTIPLE_CHOICE';
  if (choice) {
    const options = item.options ?? [];
    if (options.length < 2)
      problems.push({ field: `${at}.options`, message: `Give "${item.label}" at least two choices.` });
    if (new Set(options.map((o) => o.trim().toLowerCase())).size !== options.length) {
      problems.push({ field: `${at}.options`, message: `The choices of "${item.label}" repeat.` });
    }
  } else if (item.options?.length) {
    problems.push({ field: `${at}.options`, message: 'Only a choice field has choices.' });
  }
  if (item.unit && type !== 'NUMBER')
    problems.push({ field: `${at}.unit`, message: 'Only a number field has a unit.' });
  return problems;
}

/**
 * The definition a revision leads to. Fields the revision leaves out are kept, retired, after
 * the others (their values stay readable); a retired field the revision names again comes back.
 * A field keeps its type for life: values given as a date cannot be re-read as a number, so a
 * revision that changes one is refused (retire it and add a field under a new key instead).
 */
export function reviseForm(
  previous: readonly FormField[],
  next: readonly FormField[],
): { ok: true; fields: FormField[] } | { ok: false; problems: FormProblem[] } {
  const before = new Map(previous.map((f) => [f.key, f]));
  const problems: FormProblem[] = [];
  next.forEach((field, i) => {
    const old = before.get(field.key);
    if (old && old.type !== field.type) {
      problems.push({
        field: `fields[${i}].type`,
        message: `"${old.label}" was a ${FORM_FIELD_TYPE_LABELS[old.type].toLowerCase()} field and answers may hold such values: remove it and add a new field instead.`,
      });
    }
    if (old?.type === 'TABLE' && field.type === 'TABLE') {
      // Retired columns included: a key keeps its type for life, whatever revision removed it.
      const oldColumns = new Map((old.columns ?? []).map((c) => [c.key, c]));
      field.columns?.forEach((column, j) => {
        const was = oldColumns.get(column.key);
        if (was && was.type !== column.type) {
          problems.push({
            field: `fields[${i}].columns[${j}].type`,
            message: `The column "${was.label}" keeps its type: add a column under a new key instead.`,
          });
        }
      });
    }
  });
  if (problems.length) return { ok: false, problems };
  const named = new Set(next.map((f) => f.key));
  const fields = [
    ...next.map((f) => {
      const old = before.get(f.key);
      const columns =
        f.type === 'TABLE' ? reviseColumns(old?.type === 'TABLE' ? old.columns : undefined, f.columns) : f.columns;
      return { ...f, retired: undefined, columns };
    }),
    ...previous.filter((f) => !named.has(f.key)).map((f) => ({ ...f, retired: true })),
  ].map(withoutUndefined);
  return { ok: true, fields };
}

/**
 * A table's columns after a revision: as with fields, a column the revision leaves out is kept,
 * retired, after the others (its entries stay readable), and one named again comes back.
 */
function reviseColumns(previous: readonly FormColumn[] | undefined, next: readonly FormColumn[] | undefined) {
  // Columns sent back retired count as left out.
  const live = (next ?? []).filter((c) => !c.retired);
  const named = new Set(live.map((c) => c.key));
  return [
    ...live.map((c) => ({ ...c, retired: undefined })),
    ...(previous ?? []).filter((c) => !named.has(c.key)).map((c) => ({ ...c, retired: true })),
  ].map(withoutUndefined);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// Values

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar day, YYYY-MM-DD. */
export function isCalendarDayString(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Unanswered: null, blank text, an empty list or table, a range with neither end. */
export function isEmptyFormValue(value: FormValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return isEmptyRange(value);
  return false;
}

const isEmptyRange = (range: DateRange) => !range.from && !range.to;

/**
 * Checks the values an edit sends, field by field (paths `formValues.<key>`): the field exists
 * and is not retired, and the value fits its type. Only what the edit changes is checked against
 * the form as it is now: a value, a choice or a table entry already stored (`stored`) stays
 * acceptable after a revision withdrew its choice or retired its column, so it never blocks
 * saving the rest (a table is sent whole, and its rows may move).
 */
export function checkFormValues(
  fields: readonly FormField[],
  sent: Record<string, unknown>,
  stored: FormValues | null = null,
): FormProblem[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const problems: FormProblem[] = [];
  for (const [key, value] of Object.entries(sent)) {
    const path = `formValues.${key}`;
    const field = byKey.get(key);
    const before = ownValue(stored, key) ?? null;
    if (!field) {
      problems.push({ field: path, message: `This form has no field "${key}".` });
      continue;
    }
    if (value === null || canonical(value as FormValue) === canonical(before)) continue;
    if (field.retired) {
      const message = `"${field.label}" was removed from the form: its answer is kept as given.`;
      problems.push({ field: path, message });
      continue;
    }
    const problem = valueProblem(field, withoutKept(field, value, before));
    if (problem) problems.push({ field: path, message: problem });
    if (!problem && field.type === 'TABLE') {
      problems.push(...tableProblems(field, value as unknown[], Array.isArray(before) ? before : [], path));
    }
  }
  return problems;
}

/** A multiple choice's value less the choices it already held: those stay acceptable. */
function withoutKept(field: FormField, value: unknown, before: FormValue): unknown {
  if (field.type !== 'MULTIPLE_CHOICE' || !Array.isArray(value) || !Array.isArray(before)) return value;
  const kept = new Set(before as unknown[]);
  const fresh = (value as unknown[]).filter((v) => !kept.has(v));
  // Repeats are still refused: checked on the whole value.
  return new Set(value).size === value.length ? fresh : value;
}

function valueProblem(field: FormField | FormColumn, value: unknown): string | null {
  const label = `"${field.label}"`;
  switch (field.type) {
    case 'SHORT_TEXT':
      if (typeof value !== 'string') return `${label} takes text.`;
      if (value.length > FORM_MAX_SHORT_TEXT) return `${label} takes at most ${FORM_MAX_SHORT_TEXT} characters.`;
      if (/[\r\n]/.test(value)) return `${label} takes one line.`;
      return null;
    case 'LONG_TEXT':
      if (typeof value !== 'string') return `${label} takes text.`;
      return value.length > FORM_MAX_TEXT ? `${label} takes at most ${FORM_MAX_TEXT} characters.` : null;
    case 'DATE':
      return isCalendarDayString(value) ? null : `${label} takes a real date (YYYY-MM-DD).`;
    case 'DATE_RANGE':
      return rangeProblem(label, value);
    case 'NUMBER':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${label} takes a number.`;
    case 'YES_NO':
      return typeof value === 'boolean' ? null : `${label} takes yes or no.`;
    case 'SINGLE_CHOICE':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? null
        : `${label} takes one of: ${(field.options ?? []).join(', ')}.`;
    case 'MULTIPLE_CHOICE': {
      const options = field.options ?? [];
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && options.includes(v))) {
        return `${label} takes choices among: ${options.join(', ')}.`;
      }
      return new Set(value).size === value.length ? null : `${label} names a choice twice.`;
    }
    case 'EVIDENCE':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && UUID.test(v))) {
        return `${label} takes evidence of this response.`;
      }
      return new Set(value).size === value.length ? null : `${label} names the same evidence twice.`;
    case 'TABLE':
      if (!Array.isArray(value) || !value.every((row) => row && typeof row === 'object' && !Array.isArray(row))) {
        return `${label} takes rows.`;
      }
      return value.length > FORM_MAX_TABLE_ROWS ? `${label} takes at most ${FORM_MAX_TABLE_ROWS} rows.` : null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function rangeProblem(label: string, value: unknown): string | null {
  const shape = `${label} takes a date range: a start and an end date (YYYY-MM-DD), either may be open.`;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return shape;
  const { from, to, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) return shape;
  for (const end of [from, to]) if (end !== null && end !== undefined && !isCalendarDayString(end)) return shape;
  if (typeof from === 'string' && typeof to === 'string' && from > to) return `${label} ends before it starts.`;
  return null;
}

function tableProblems(field: FormField, rows: unknown[], storedRows: unknown[], path: string): FormProblem[] {
  const columns = new Map((field.columns ?? []).map((c) => [c.key, c]));
  // The entries each column already holds, in any row: rows may be added, removed or reordered.
  const kept = (key: string) =>
    new Set(storedRows.map((row) => canonical((ownValue(row as FormTableRow, key) ?? null) as FormValue)));
  const problems: FormProblem[] = [];
  rows.forEach((row, r) => {
    for (const [key, cell] of Object.entries(row as Record<string, unknown>)) {
      const at = `${path}[${r}].${key}`;
      const column = columns.get(key);
      if (!column) {
        problems.push({ field: at, message: `"${field.label}" has no column "${key}".` });
        continue;
      }
      if (cell === null || cell === '' || kept(key).has(canonical(cell as FormValue))) continue;
      if (column.retired) {
        const message = `Row ${r + 1}: the column "${column.label}" was removed from the form: its entries are kept as given.`;
        problems.push({ field: at, message });
        continue;
      }
      const problem = valueProblem(column, cell);
      if (problem) problems.push({ field: at, message: `Row ${r + 1}: ${problem}` });
    }
  });
  return problems;
}

/**
 * What still stops an answer from going to review: each required field left empty, and in
 * tables each row that leaves a required column empty. Retired fields ask nothing.
 */
export function missingRequired(fields: readonly FormField[], values: FormValues | null): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const field of activeFields(fields)) {
    const value = ownValue(values, field.key);
    const path = `formValues.${field.key}`;
    if (field.required && isEmptyFormValue(value)) {
      problems.push({ field: path, message: `Answer "${field.label}": it is required.` });
      continue;
    }
    if (field.type === 'TABLE' && Array.isArray(value)) {
      const required = activeColumns(field).filter((c) => c.required);
      (value as FormTableRow[]).forEach((row, r) => {
        for (const column of required) {
          if (isEmptyFormValue(ownValue(row, column.key))) {
            problems.push({
              field: `${path}[${r}].${column.key}`,
              message: `"${field.label}", row ${r + 1}: fill in "${column.label}".`,
            });
          }
        }
      });
    }
  }
  return problems;
}

/**
 * The values after an edit: the sent ones over the stored ones. An empty value (null, blank
 * text, an empty list or table, an open range) clears its field: only answers are stored.
 */
export function mergeFormValues(stored: FormValues | null, sent: FormValues): FormValues {
  const merged: FormValues = { ...(stored ?? {}) };
  for (const [key, value] of Object.entries(sent)) {
    if (isEmptyFormValue(value)) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** The keys whose value an edit really changes (a whitespace-only edit of text counts). */
export function changedFormKeys(stored: FormValues | null, sent: FormValues): string[] {
  const comparable = (value: FormValue | undefined) => (isEmptyFormValue(value) ? null : value);
  return Object.keys(sent).filter(
    (key) => canonical(comparable(ownValue(stored, key))) !== canonical(comparable(ownValue(sent, key))),
  );
}

/** A value in a form that compares equal for equal answers: object keys sorted, text trimmed. */
function canonical(value: FormValue | undefined): string {
  return JSON.stringify(normalise(value ?? null));
}

function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Reading values

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar day as a lawyer writes it: "7 Jun 2023". */
export function formDayText(day: string): string {
  if (!isCalendarDayString(day)) return day;
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** A column's label as a table's text reads it: a retired column says so. */
const retiredLabel = (column: FormColumn) =>
  column.retired ? `${column.label} (removed from the form)` : column.label;

/** Names for what a value refers to, where it is not self-describing (evidence ids). */
export interface FormValueContext {
  evidenceTitle?: (id: string) => string | undefined;
}

/**
 * One value as text, for the report, the comparison's export, the activity log and citations in
 * the letter. Empty is "". Tables read one row per line, "Column: value" pairs separated by "; ".
 */
export function formValueText(
  field: FormField | FormColumn,
  value: FormValue | undefined,
  context: FormValueContext = {},
): string {
  if (isEmptyFormValue(value)) return '';
  switch (field.type) {
    case 'DATE':
      return formDayText(value as string);
    case 'DATE_RANGE': {
      const { from, to } = value as DateRange;
      return `${from ? formDayText(from) : 'open'} – ${to ? formDayText(to) : 'open'}`;
    }
    case 'NUMBER': {
      const number = (value as number).toLocaleString('en-US', { maximumFractionDigits: 6 });
      return field.unit ? `${number} ${field.unit}` : number;
    }
    case 'YES_NO':
      return value ? 'Yes' : 'No';
    case 'MULTIPLE_CHOICE':
      return (value as string[]).join('; ');
    case 'EVIDENCE':
      return (value as string[]).map((id) => context.evidenceTitle?.(id) ?? id).join('; ');
    case 'TABLE': {
      const columns = field.columns ?? [];
      return (value as FormTableRow[])
        .map((row) =>
          columns
            .map((c) => [retiredLabel(c), formValueText(c, ownValue(row, c.key) ?? null, context)] as const)
            .filter(([, text]) => text !== '')
            .map(([label, text]) => `${label}: ${text}`)
            .join('; '),
        )
        .join('\n');
    }
    default:
      // Text and single choices are strings; anything else here is a value of the wrong type.
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing subjects

export interface FormComparisonRow {
  values: FormValues | null;
}

export interface FormComparison {
  /** Keys of fields answered differently by at least two subjects. */
  differing: string[];
  /** Per row, in the order given: keys of required fields (or table cells) still empty. */
  missing: string[][];
}

/**
 * Compares one request's answers across subjects: a field differs when two subjects gave
 * different answers (unanswered is flagged as missing where required, not as a difference).
 */
export function compareFormAnswers(fields: readonly FormField[], rows: readonly FormComparisonRow[]): FormComparison {
  const differing = fields
    .filter((field) => {
      const answers = new Set(
        rows
          .map((row) => ownValue(row.values, field.key))
          .filter((v) => !isEmptyFormValue(v))
          .map((v) => canonical(v)),
      );
      return answers.size > 1;
    })
    .map((f) => f.key);
  const missing = rows.map((row) =>
    missingRequired(fields, row.values).map((p) => p.field.replace(/^formValues\./, '').replace(/\[\d+\]\..*$/, '')),
  );
  return { differing, missing: missing.map((keys) => [...new Set(keys)]) };
}

// ---------------------------------------------------------------------------------------------
// Citing values in the letter

/** A citation in letter text: `{{key}}` names a field of the request's form. */
const CITATION = /\{\{\s*([a-z][a-z0-9_]{0,39})\s*\}\}/g;

/**
 * Letter text with its citations of form values replaced by the values as given (`{{key}}`);
 * a citation of a field the form does not have, or left unanswered, reads "[not answered]" so
 * counsel see the gap in the draft instead of a silently empty sentence.
 */
export function citeFormValues(
  text: string,
  fields: readonly FormField[],
  values: FormValues | null,
  context: FormValueContext = {},
): string {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return text.replace(CITATION, (_match, key: string) => {
    const field = byKey.get(key);
    const answer = field ? formValueText(field, ownValue(values, key), context).replace(/\n/g, '; ') : '';
    return answer || '[not answered]';
  });
}

/** The keys a letter text cites, in order of first appearance. */
export function citedFormKeys(text: string): string[] {
  return [...new Set([...text.matchAll(CITATION)].map((m) => m[1]))];
}
