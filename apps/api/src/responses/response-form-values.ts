import { Prisma, type Tx } from '@app/db';
import {
  changedFormKeys,
  checkFormValues,
  type FormAnswerState,
  type FormField,
  type FormProblem,
  type FormValues,
  formValueText,
  mergeFormValues,
  missingRequired,
} from '@app/domain';
import type { Changes } from '@app/activity';
import { AppError } from '../common/app-error';
import { formProblemsError } from '../form-templates/form-definition';

/** What an edit does to a response's form values, worked out inside the edit's transaction. */
export interface FormEdit {
  /** For decideResponseUpdate: whether any value changes, and what required entries stay empty. */
  state: FormAnswerState;
  /** What to store, when a value changes (DbNull once every value is cleared). */
  write: Prisma.InputJsonValue | typeof Prisma.DbNull | undefined;
  /** Field-level before/after for the activity log: `formValues.<key>`, values as they read, the field's label. */
  changes: Changes;
}

/**
 * Checks and merges the form values an edit sends (partial: only the keys sent change, null
 * clears one) over the stored ones. Values must fit their fields (400 naming
 * `formValues.<key>`), and evidence must be evidence linked to this response.
 */
export async function formEdit(
  tx: Tx,
  response: { id: string; formValues: Prisma.JsonValue },
  fields: readonly FormField[],
  sent: Record<string, unknown> | undefined,
): Promise<FormEdit> {
  const stored = (response.formValues as FormValues | null) ?? null;
  if (sent === undefined) {
    return { state: { changed: false, missing: missingRequired(fields, stored) }, write: undefined, changes: {} };
  }
  const problems = checkFormValues(fields, sent);
  if (problems.length === 0) problems.push(...(await evidenceProblems(tx, response.id, fields, sent)));
  if (problems.length) throw formProblemsError(problems);

  const values = sent as FormValues;
  const keys = changedFormKeys(stored, values);
  const merged = mergeFormValues(stored, values);
  const titles = await evidenceTitles(tx, fields, [stored, merged]);
  const context = { evidenceTitle: (id: string) => titles.get(id) };
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const changes: Changes = {};
  for (const key of keys) {
    const field = byKey.get(key)!;
    changes[`formValues.${key}`] = {
      before: formValueText(field, stored?.[key], context) || null,
      after: formValueText(field, merged[key], context) || null,
      label: field.label,
    };
  }
  return {
    state: { changed: keys.length > 0, missing: missingRequired(fields, merged) },
    write:
      keys.length === 0 ? undefined : Object.keys(merged).length ? (merged as Prisma.InputJsonValue) : Prisma.DbNull,
    changes,
  };
}

/** No form, but values sent: refused by name rather than dropped. */
export const noForm = () => AppError.invalid('formValues', 'This request has no form: answer it in the answer text.');

async function evidenceProblems(
  tx: Tx,
  responseId: string,
  fields: readonly FormField[],
  sent: Record<string, unknown>,
): Promise<FormProblem[]> {
  const evidenceFields = fields.filter((f) => f.type === 'EVIDENCE' && Array.isArray(sent[f.key]));
  const ids = evidenceFields.flatMap((f) => sent[f.key] as string[]);
  if (ids.length === 0) return [];
  const linked = await tx.evidenceResponse.findMany({
    where: { responseId, evidenceId: { in: ids }, evidence: { deletedAt: null } },
    select: { evidenceId: true },
  });
  const known = new Set(linked.map((l) => l.evidenceId));
  return evidenceFields
    .filter((f) => (sent[f.key] as string[]).some((id) => !known.has(id)))
    .map((f) => ({
      field: `formValues.${f.key}`,
      message: `"${f.label}" takes evidence linked to this response: link it to the response first.`,
    }));
}

async function evidenceTitles(
  tx: Tx,
  fields: readonly FormField[],
  values: (FormValues | null)[],
): Promise<Map<string, string>> {
  const ids = fields
    .filter((f) => f.type === 'EVIDENCE')
    .flatMap((f) => values.flatMap((v) => (Array.isArray(v?.[f.key]) ? (v[f.key] as string[]) : [])));
  if (ids.length === 0) return new Map();
  const rows = await tx.evidence.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } });
  return new Map(rows.map((r) => [r.id, r.title]));
}
