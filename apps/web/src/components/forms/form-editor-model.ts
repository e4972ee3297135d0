// The form editor's draft, pure: fields as the editor holds them (a stable id per row for React
// and focus, choices as the text typed, whether the key is fixed), what is sent to the API, the
// key a label suggests, and where each problem (ours or the API's, `fields[2].options`) is shown.
import {
  checkFormDefinition,
  FORM_KEY_PATTERN,
  type FormColumn,
  type FormColumnType,
  type FormField,
  type FormFieldType,
  type FormProblem,
} from '@app/domain/audit-forms';

export interface EditorColumn {
  uid: string;
  key: string;
  /** Saved once: the key and type are fixed (answers are stored under the key, in the type). */
  saved: boolean;
  /** The key was typed by the person: it no longer follows the label. */
  keyTyped: boolean;
  label: string;
  type: FormColumnType;
  required: boolean;
  unit: string;
  /** The choices as typed, one per line. */
  choices: string;
}

export interface EditorField extends Omit<EditorColumn, 'type'> {
  type: FormFieldType;
  help: string;
  columns: EditorColumn[];
  /** Removed in this draft (it is retired when the draft is saved). */
  removedNow?: boolean;
  /** Saved columns removed in this draft: put back by their row, until the draft is saved. */
  removedColumns?: EditorColumn[];
}

/** The editor's whole state: the fields in order, and those retired (kept for their answers). */
export interface EditorFields {
  active: EditorField[];
  retired: EditorField[];
}

let nextUid = 0;
const uid = () => `form-row-${++nextUid}`;

const CHOICE_TYPES: readonly string[] = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE'];
export const hasChoices = (type: string) => CHOICE_TYPES.includes(type);

function columnOf(column: FormColumn): EditorColumn {
  return {
    uid: uid(),
    key: column.key,
    saved: true,
    keyTyped: true,
    label: column.label,
    type: column.type,
    required: column.required ?? false,
    unit: column.unit ?? '',
    choices: (column.options ?? []).join('\n'),
  };
}

function fieldOf(field: FormField): EditorField {
  return {
    ...columnOf({ ...field, type: 'SHORT_TEXT' }),
    type: field.type,
    help: field.help ?? '',
    // Retired columns stay on the saved form (their entries are kept); the editor leaves them
    // out, and the API keeps them retired when a revision does not name them.
    columns: (field.columns ?? []).filter((c) => !c.retired).map(columnOf),
  };
}

/** The editor's state for a saved definition (every key in it is fixed). */
export function editorFieldsOf(fields: readonly FormField[]): EditorFields {
  return {
    active: fields.filter((f) => !f.retired).map(fieldOf),
    retired: fields.filter((f) => f.retired).map(fieldOf),
  };
}

/** "1 field", "6 fields": the fields a form asks (retired ones ask nothing). */
export function fieldCount(fields: readonly { retired?: boolean }[]): string {
  return fieldCountText(fields.filter((f) => !f.retired).length);
}

export const fieldCountText = (n: number) => (n === 1 ? '1 field' : `${n} fields`);

export function newField(taken: readonly string[]): EditorField {
  return {
    uid: uid(),
    key: uniqueKey('field', taken),
    saved: false,
    keyTyped: false,
    label: '',
    type: 'SHORT_TEXT',
    required: false,
    unit: '',
    choices: '',
    help: '',
    columns: [],
  };
}

export function newColumn(taken: readonly string[]): EditorColumn {
  return {
    uid: uid(),
    key: uniqueKey('column', taken),
    saved: false,
    keyTyped: false,
    label: '',
    type: 'SHORT_TEXT',
    required: false,
    unit: '',
    choices: '',
  };
}

/** "Data held (categories)" -> "data_held_categories": what a key made from a label looks like. */
export function slugKey(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const started = /^[a-z]/.test(slug) ? slug : slug ? `f_${slug}` : '';
  return started.slice(0, 40).replace(/_+$/, '');
}

/** `base`, or `base_2`, `base_3`... whichever no other row has. */
export function uniqueKey(base: string, taken: readonly string[]): string {
  const root = base || 'field';
  if (!taken.includes(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${root.slice(0, 40 - suffix.length)}${suffix}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** A row's new label, and the key following it while the key is neither saved nor typed. */
export function relabelled<T extends EditorColumn | EditorField>(row: T, label: string, otherKeys: string[]): T {
  if (row.saved || row.keyTyped) return { ...row, label };
  return { ...row, label, key: uniqueKey(slugKey(label) || row.key, otherKeys) };
}

const choicesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function columnOut(column: EditorColumn): FormColumn {
  return {
    key: column.key,
    label: column.label.trim(),
    type: column.type,
    required: column.required,
    ...(column.type === 'NUMBER' && column.unit.trim() && { unit: column.unit.trim() }),
    ...(hasChoices(column.type) && { options: choicesOf(column.choices) }),
  };
}

/** The fields as the API takes them: the active ones in order (those left out are retired). */
export function formFieldsOf(active: readonly EditorField[]): FormField[] {
  return active.map((field) => ({
    ...columnOut({ ...field, type: 'SHORT_TEXT' }),
    required: field.required,
    type: field.type,
    ...(field.help.trim() && { help: field.help.trim() }),
    ...(field.type === 'NUMBER' && field.unit.trim() && { unit: field.unit.trim() }),
    ...(hasChoices(field.type) && { options: choicesOf(field.choices) }),
    ...(field.type === 'TABLE' && { columns: field.columns.map(columnOut) }),
  }));
}

/**
 * What stops the definition from being saved, checked here before it is sent: the rules the API
 * applies (`checkFormDefinition`, shared) and the plain ones it leaves to its validation (a label,
 * a key of the right shape), under the paths the API would use.
 */
export function definitionProblems(active: readonly EditorField[]): FormProblem[] {
  const fields = formFieldsOf(active);
  const problems: FormProblem[] = [];
  const plain = (item: { label: string; key: string }, at: string) => {
    if (!item.label) problems.push({ field: `${at}.label`, message: 'Enter a label.' });
    if (!FORM_KEY_PATTERN.test(item.key))
      problems.push({
        field: `${at}.key`,
        message: 'A key starts with a small letter and holds small letters, digits and underscores (up to 40).',
      });
  };
  fields.forEach((field, i) => {
    plain(field, `fields[${i}]`);
    field.columns?.forEach((column, j) => plain(column, `fields[${i}].columns[${j}]`));
  });
  return [...problems, ...checkFormDefinition(fields)];
}

/** Where a problem is shown: next to an input of a row (`<uid>.<input>`), or above the fields. */
export interface PlacedProblems {
  /** `<row uid>.<input>` -> message; input is label, key, type, help, unit, choices, columns or row. */
  byInput: Record<string, string>;
  /** Problems of the form as a whole, or of a path no input answers to. */
  general: string[];
}

const INPUT_OF: Record<string, string> = {
  label: 'label',
  key: 'key',
  type: 'type',
  help: 'help',
  unit: 'unit',
  options: 'choices',
  required: 'required',
  columns: 'columns',
};

/**
 * Places problems named by the API's paths (`fields[2].options`, `fields[1].columns[0].label`,
 * `fields[3].options[1]`) on the inputs of the rows they were sent as: `active` is the list the
 * paths count in, the one sent.
 */
export function placeProblems(problems: readonly FormProblem[], active: readonly EditorField[]): PlacedProblems {
  const placed: PlacedProblems = { byInput: {}, general: [] };
  for (const problem of problems) {
    const match = /^fields\[(\d+)\](?:\.columns\[(\d+)\])?(?:\.([a-zA-Z]+))?/.exec(problem.field);
    const field = match ? active[Number(match[1])] : undefined;
    const column = field && match?.[2] !== undefined ? field.columns[Number(match[2])] : undefined;
    const row = match?.[2] !== undefined ? column : field;
    if (!row) {
      placed.general.push(problem.message);
      continue;
    }
    const input = `${row.uid}.${INPUT_OF[match?.[3] ?? ''] ?? 'row'}`;
    // The first problem of an input is the one to fix first; the others follow once it is.
    placed.byInput[input] ??= problem.message;
  }
  return placed;
}
