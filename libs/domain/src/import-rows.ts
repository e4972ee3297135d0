// Importing request and subject lists: reading a table's rows (from a CSV or XLSX file, or
// the items of a pasted letter) and deciding, row by row, what an import does with each one:
// create, update, leave unchanged, or refuse with a reason a person can act on. Pure: the
// caller loads what exists in the audit and writes what was decided.

import { type AuditRole } from './enums';
import { workingMemberProblem } from './audit-access';
import { titleFromText } from './letter-split';

/** The most rows (or pasted items) one import takes. */
export const IMPORT_MAX_ROWS = 1000;
/** The largest file an import takes, in bytes. */
export const IMPORT_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** The longest pasted letter an import takes, in characters. */
export const IMPORT_MAX_PASTE_CHARS = 200_000;

const MAX_ORDINAL = 10_000;
const MAX_TITLE = 300;
const MAX_TEXT = 50_000;
const MAX_NAME = 200;

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'refused';

/** A table's columns: what the template calls them, and other headings people use for them. */
export interface ImportColumn<K extends string> {
  key: K;
  header: string;
  aliases: readonly string[];
  required: boolean;
}

export const REQUEST_COLUMNS = [
  {
    key: 'ordinal',
    header: 'Ordinal',
    aliases: ['no', 'no.', 'number', '#', 'request no', 'request number', 'item'],
    required: true,
  },
  { key: 'title', header: 'Title', aliases: ['heading', 'short title'], required: false },
  { key: 'text', header: 'Text', aliases: ['request', 'request text', 'description', 'full text'], required: true },
  {
    key: 'provision',
    header: 'Provision reference',
    aliases: ['provision', 'reference', 'clause', 'section'],
    required: false,
  },
  { key: 'subjects', header: 'Subjects', aliases: ['subject', 'applies to', 'apps'], required: false },
  // The name of a form template: a request without a form gets a copy of it.
  { key: 'form', header: 'Form', aliases: ['form template', 'questionnaire'], required: false },
] as const satisfies readonly ImportColumn<string>[];

export const SUBJECT_COLUMNS = [
  { key: 'name', header: 'Name', aliases: ['subject', 'subject name', 'app', 'app name'], required: true },
  { key: 'product', header: 'Product', aliases: [], required: false },
  { key: 'owner', header: 'Owner email', aliases: ['owner', 'owner e-mail', 'email'], required: false },
] as const satisfies readonly ImportColumn<string>[];

type ColumnKey<C extends readonly ImportColumn<string>[]> = C[number]['key'];

export interface TableRow<K extends string> {
  /** The row's number as a spreadsheet shows it (the heading is row 1). */
  row: number;
  /** Each column's text; '' for an empty cell, and for a column the file does not have. */
  cells: Record<K, string>;
  /** The optional columns the file does not have (the same set on every row). */
  absent: ReadonlySet<K>;
}

/** Why a whole file cannot be read as a table (named to the person, not per row). */
export class ImportTableError extends Error {}

const headerKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Reads a table whose first non-empty row names the columns (the template's headings or their
 * aliases, in any order and case). Empty rows are skipped; other columns are ignored.
 */
export function readTable<C extends readonly ImportColumn<string>[]>(
  cells: readonly (readonly string[])[],
  columns: C,
): TableRow<ColumnKey<C>>[] {
  const headerIndex = cells.findIndex((row) => row.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw new ImportTableError('The file is empty: it has no heading row and no rows.');
  const headings = cells[headerIndex].map(headerKey);
  const where = new Map<string, number>();
  for (const column of columns) {
    const names = [column.header, ...column.aliases].map(headerKey);
    const index = headings.findIndex((h) => names.includes(h));
    if (index >= 0) where.set(column.key, index);
  }
  const missing = columns.filter((c) => c.required && !where.has(c.key)).map((c) => `"${c.header}"`);
  if (missing.length) {
    throw new ImportTableError(
      `The heading row has no ${missing.join(' or ')} column. The columns are: ${columns.map((c) => c.header).join(', ')} (download the template).`,
    );
  }
  const absent = new Set(columns.filter((c) => !where.has(c.key)).map((c) => c.key as ColumnKey<C>));
  const rows: TableRow<ColumnKey<C>>[] = [];
  for (let i = headerIndex + 1; i < cells.length; i++) {
    const line = cells[i];
    if (!line.some((c) => c.trim() !== '')) continue;
    const record = Object.fromEntries(
      columns.map((c) => [c.key, where.has(c.key) ? (line[where.get(c.key)!] ?? '').trim() : '']),
    ) as Record<ColumnKey<C>, string>;
    rows.push({ row: i + 1, cells: record, absent });
  }
  if (rows.length > IMPORT_MAX_ROWS) {
    throw new ImportTableError(`The file has ${rows.length} rows; an import takes at most ${IMPORT_MAX_ROWS} rows.`);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Requests

/** One request as an import reads it, before it is checked against the audit. */
export interface RequestImportRow {
  /** Spreadsheet row number, or the item's place in a pasted letter. */
  row: number;
  /** As written: checked by planRequestImport. */
  ordinal: string;
  /** Empty: made from the text (and an existing request keeps its own). */
  title: string;
  text: string;
  /** Undefined: not given (a pasted letter), so an existing request keeps its provision. Null: none. */
  provisionReference?: string | null;
  /** Undefined: not given, so an existing request keeps its subjects. Empty: every subject. */
  subjectNames?: string[];
  /** The form template whose copy a request without a form gets; null or undefined: none. */
  formTemplateName?: string | null;
}

export function requestRowsFromTable(rows: TableRow<ColumnKey<typeof REQUEST_COLUMNS>>[]): RequestImportRow[] {
  // As for subjects: a column the file leaves out says nothing, so an existing request keeps its
  // provision and its subjects (a list of ordinals and texts must not widen a request to every
  // subject); an empty cell in a column the file has clears the value.
  return rows.map(({ row, cells, absent }) => ({
    row,
    ordinal: cells.ordinal,
    title: cells.title,
    text: cells.text,
    ...(!absent.has('provision') && { provisionReference: cells.provision || null }),
    ...(!absent.has('subjects') && { subjectNames: splitNames(cells.subjects) }),
    formTemplateName: cells.form || null,
  }));
}

/** "Bing; Edge ;; Bing" -> ["Bing", "Edge"]. */
export function splitNames(cell: string): string[] {
  const seen = new Set<string>();
  return cell
    .split(';')
    .map((n) => n.trim())
    .filter((n) => n && !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
}

export interface ExistingRequest {
  id: string;
  ordinal: number;
  title: string;
  text: string;
  provisionId: string | null;
  appliesToAll: boolean;
  chosenSubjectIds: string[];
  /** Any of its responses holds work (an answer, evidence, comments, a status beyond Not started). */
  holdsWork: boolean;
  /** It has a form already (a Form named for it then leaves that form alone). */
  hasForm?: boolean;
}

export interface RequestImportContext {
  requests: readonly ExistingRequest[];
  provisions: readonly { id: string; reference: string }[];
  subjects: readonly { id: string; name: string }[];
  /** Under legal hold no response may be removed, so no import may narrow a request's subjects. */
  underLegalHold: boolean;
  /** The organisation's form templates, which a Form column names. */
  formTemplates?: readonly { id: string; name: string }[];
}

/** What an import does with one row; the values are what would be written. */
export interface RequestImportDecision {
  row: number;
  ordinal: number | null;
  title: string;
  text: string;
  provisionReference: string | null;
  subjectNames: string[];
  outcome: ImportOutcome;
  /** Why a row is refused ("Row 4: ..."), or null. */
  reason: string | null;
  /** The request it updates or leaves unchanged. */
  requestId: string | null;
  /** What to write (created and updated rows only). */
  write: RequestWrite | null;
  /** The form template named, as written (null: none). */
  formTemplateName: string | null;
  /** The template whose copy the request gets as its form (named, and the request has none yet). */
  formTemplateId: string | null;
}

export interface RequestWrite {
  ordinal: number;
  title: string;
  text: string;
  provisionId: string | null;
  appliesToAll: boolean;
  subjectIds: string[];
}

/** Case and spacing do not tell two references or names apart ("S 4.2" is "s  4.2"). */
const looseKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

function parseOrdinal(text: string): number | null {
  const trimmed = text.trim().replace(/^(?:request\s*)?(?:no\.?\s*|#\s*)?/i, '');
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= MAX_ORDINAL ? value : null;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Decides each row of a request import, keyed by ordinal: a new ordinal is created; an
 * existing one is unchanged when the row says what the request already says, updated when
 * it differs and none of its responses holds work, refused otherwise. Rows that cannot be
 * read (no ordinal, no text, an unknown provision or subject, an ordinal given twice) are
 * refused with a reason naming the row.
 */
export function planRequestImport(
  rows: readonly RequestImportRow[],
  context: RequestImportContext,
): RequestImportDecision[] {
  const provisions = new Map(context.provisions.map((p) => [looseKey(p.reference), p]));
  const provisionRefs = new Map(context.provisions.map((p) => [p.id, p.reference]));
  const subjects = new Map(context.subjects.map((s) => [looseKey(s.name), s]));
  const subjectNames = new Map(context.subjects.map((s) => [s.id, s.name]));
  const existing = new Map(context.requests.map((r) => [r.ordinal, r]));
  // Several templates per loose key: names that differ only by case or spacing ("Data inventory"
  // and "Data Inventory") cannot be told apart by the Form column, so such a row is refused.
  const templates = new Map<string, { id: string; name: string }[]>();
  for (const t of context.formTemplates ?? []) {
    templates.set(looseKey(t.name), [...(templates.get(looseKey(t.name)) ?? []), t]);
  }
  const firstRowOf = new Map<number, number>();

  return rows.map((input): RequestImportDecision => {
    const text = input.text.trim();
    const ordinal = parseOrdinal(input.ordinal);
    const current = ordinal === null ? undefined : existing.get(ordinal);
    const base = {
      row: input.row,
      ordinal,
      title: input.title.trim() || current?.title || titleFromText(text),
      text,
      provisionReference:
        input.provisionReference === undefined
          ? current?.provisionId
            ? (provisionRefs.get(current.provisionId) ?? null)
            : null
          : input.provisionReference?.trim() || null,
      subjectNames:
        input.subjectNames === undefined
          ? current && !current.appliesToAll
            ? current.chosenSubjectIds.map((id) => subjectNames.get(id) ?? id)
            : []
          : input.subjectNames,
      requestId: current?.id ?? null,
      formTemplateName: input.formTemplateName?.trim() || null,
    };
    const refuse = (why: string): RequestImportDecision => ({
      ...base,
      outcome: 'refused',
      reason: `Row ${input.row}: ${why}`,
      write: null,
      formTemplateId: null,
    });

    if (ordinal === null) {
      return refuse(
        input.ordinal.trim()
          ? `the ordinal "${input.ordinal.trim()}" is not a whole number from 1 to ${MAX_ORDINAL.toLocaleString('en')}.`
          : 'the ordinal is missing.',
      );
    }
    const earlier = firstRowOf.get(ordinal);
    if (earlier !== undefined) return refuse(`request ${ordinal} is already on row ${earlier}.`);
    firstRowOf.set(ordinal, input.row);
    if (!text) return refuse(`request ${ordinal} has no text.`);
    if (text.length > MAX_TEXT) return refuse(`the text is longer than ${MAX_TEXT.toLocaleString('en')} characters.`);
    if (base.title.length > MAX_TITLE) return refuse(`the title is longer than ${MAX_TITLE} characters.`);

    let provisionId: string | null = null;
    if (base.provisionReference !== null) {
      const provision = provisions.get(looseKey(base.provisionReference));
      if (!provision) return refuse(`the provision "${base.provisionReference}" is not in this audit.`);
      provisionId = provision.id;
    }
    const subjectIds: string[] = [];
    for (const name of base.subjectNames) {
      const subject = subjects.get(looseKey(name));
      if (!subject) return refuse(`the subject "${name}" is not in this audit.`);
      subjectIds.push(subject.id);
    }
    let formTemplateId: string | null = null;
    if (base.formTemplateName !== null) {
      const [template, ...others] = templates.get(looseKey(base.formTemplateName)) ?? [];
      if (!template) return refuse(`there is no form template named "${base.formTemplateName}".`);
      if (others.length > 0) {
        const names = [template, ...others].map((t) => `"${t.name}"`);
        return refuse(
          `the form "${base.formTemplateName}" could be ${names.slice(0, -1).join(', ')} or ${names.at(-1)}; rename one of these templates so their names differ by more than capitals or spaces.`,
        );
      }
      // A request that has a form keeps it (revise it in the audit): answers may hold values.
      if (!current?.hasForm) formTemplateId = template.id;
    }
    const write: RequestWrite = {
      ordinal,
      title: base.title,
      text,
      provisionId,
      appliesToAll: subjectIds.length === 0,
      subjectIds,
    };
    if (!current) return { ...base, outcome: 'created', reason: null, write, formTemplateId };

    const unchanged =
      current.title === write.title &&
      current.text === write.text &&
      current.provisionId === write.provisionId &&
      current.appliesToAll === write.appliesToAll &&
      (write.appliesToAll || sameSet(current.chosenSubjectIds, write.subjectIds));
    if (unchanged && formTemplateId === null) {
      return { ...base, outcome: 'unchanged', reason: null, write: null, formTemplateId };
    }
    // Only a form to give: the request changes in nothing else, so work in its responses is no bar.
    if (unchanged) return { ...base, outcome: 'updated', reason: null, write, formTemplateId };
    if (current.holdsWork) {
      return refuse(
        `request ${ordinal} differs from the one in the audit, but its responses already hold work (an answer, evidence, comments or a status beyond Not started); change it in the audit instead.`,
      );
    }
    const before = current.appliesToAll ? context.subjects.map((s) => s.id) : current.chosenSubjectIds;
    const after = write.appliesToAll ? context.subjects.map((s) => s.id) : write.subjectIds;
    if (context.underLegalHold && before.some((id) => !after.includes(id))) {
      return refuse(
        `request ${ordinal} would apply to fewer subjects, which removes responses; the audit is under legal hold.`,
      );
    }
    return { ...base, outcome: 'updated', reason: null, write, formTemplateId };
  });
}

// ---------------------------------------------------------------------------------------
// Subjects

export interface SubjectImportRow {
  row: number;
  name: string;
  /** Undefined when the file has no Product column: an existing subject keeps its product. */
  product?: string;
  /** Undefined when the file has no owner column: an existing subject keeps its owner. */
  ownerEmail?: string;
}

export function subjectRowsFromTable(rows: TableRow<ColumnKey<typeof SUBJECT_COLUMNS>>[]): SubjectImportRow[] {
  // A column left out of the file is not part of the import (a list of names and owners says
  // nothing of products); an empty cell in a column the file has clears the value.
  return rows.map(({ row, cells, absent }) => ({
    row,
    name: cells.name,
    ...(!absent.has('product') && { product: cells.product }),
    ...(!absent.has('owner') && { ownerEmail: cells.owner }),
  }));
}

export interface SubjectImportContext {
  subjects: readonly { id: string; name: string; product: string | null; ownerId: string | null }[];
  /**
   * The audit's members by e-mail address (lower case), with their role and whether their
   * account is active (absent: active).
   */
  members: ReadonlyMap<string, { userId: string; role: AuditRole; active?: boolean }>;
}

export interface SubjectImportDecision {
  row: number;
  name: string;
  product: string | null;
  ownerEmail: string | null;
  outcome: ImportOutcome;
  reason: string | null;
  subjectId: string | null;
  write: { name: string; product: string | null; ownerId: string | null } | null;
}

/**
 * Decides each row of a subject import, keyed by name (case and spacing aside): a new name is
 * created, an existing one updated when its product or owner differs, unchanged otherwise.
 * The owner must be a member who can hold work.
 */
export function planSubjectImport(
  rows: readonly SubjectImportRow[],
  context: SubjectImportContext,
): SubjectImportDecision[] {
  const existing = new Map(context.subjects.map((s) => [looseKey(s.name), s]));
  const emailOf = new Map([...context.members].map(([email, m]) => [m.userId, email]));
  const firstRowOf = new Map<string, number>();
  return rows.map((input): SubjectImportDecision => {
    const name = input.name.trim();
    const current = existing.get(looseKey(name));
    const base = {
      row: input.row,
      name,
      product: input.product === undefined ? (current?.product ?? null) : input.product.trim() || null,
      ownerEmail:
        input.ownerEmail === undefined
          ? (emailOf.get(current?.ownerId ?? '') ?? null)
          : input.ownerEmail.trim().toLowerCase() || null,
      subjectId: current?.id ?? null,
    };
    const refuse = (why: string): SubjectImportDecision => ({
      ...base,
      outcome: 'refused',
      reason: `Row ${input.row}: ${why}`,
      write: null,
    });
    if (!name) return refuse('the name is missing.');
    if (name.length > MAX_NAME) return refuse(`the name is longer than ${MAX_NAME} characters.`);
    if (base.product && base.product.length > MAX_NAME)
      return refuse(`the product is longer than ${MAX_NAME} characters.`);
    const earlier = firstRowOf.get(looseKey(name));
    if (earlier !== undefined) return refuse(`the subject "${name}" is already on row ${earlier}.`);
    firstRowOf.set(looseKey(name), input.row);

    // Kept as it is when the file has no owner column (not checked again: it was when set).
    let ownerId: string | null = input.ownerEmail === undefined ? (current?.ownerId ?? null) : null;
    if (input.ownerEmail !== undefined && base.ownerEmail) {
      const member = context.members.get(base.ownerEmail);
      // The subject's owner named again is kept as they are, not checked again (their account
      // may have been deactivated since: the row is then unchanged, not refused). A new owner
      // must be able to hold work, which a deactivated account cannot.
      const keptOwner = member !== undefined && member.userId === current?.ownerId;
      const role = member && member.active !== false ? member.role : null;
      const problem = keptOwner ? null : workingMemberProblem(role, 'the owner');
      if (problem) return refuse(problem.replace('the owner', `the owner ${base.ownerEmail}`));
      ownerId = member!.userId;
    }
    const write = { name: current?.name ?? name, product: base.product, ownerId };
    if (!current) return { ...base, outcome: 'created', reason: null, write };
    if (current.product === write.product && current.ownerId === write.ownerId)
      return { ...base, name: current.name, outcome: 'unchanged', reason: null, write: null };
    return { ...base, name: current.name, outcome: 'updated', reason: null, write };
  });
}
