import {
  activeFields,
  compareFormAnswers,
  type FormField,
  type FormValueContext,
  type FormValues,
  formValueText,
  isEmptyFormValue,
} from '@app/domain';

// How the report prints forms: one subject's answer as a table of field -> value, and the
// appendix comparing one request's answers across subjects. Pure; words and marks are decided
// here, the template only lays them out. Marks are words, not colours alone, so a printed
// black-and-white copy (and a screen reader) says the same.

/** A retired field's label in the report: its values were given while it was on the form. */
export const RETIRED_MARK = '(removed from the form)';
/** A field whose answers differ between subjects, in the comparison. */
export const DIFFERS_MARK = 'DIFFERS';
/** A required entry left empty, in the comparison. */
export const MISSING_MARK = 'EMPTY (required)';

export interface FormAnswerRow {
  label: string;
  value: string;
  retired: boolean;
}

const labelOf = (field: FormField) => (field.retired ? `${field.label} ${RETIRED_MARK}` : field.label);

/**
 * One subject's answer: every field on the form, in order, "—" where left empty; a retired
 * field only where this answer still holds a value for it.
 */
export function formAnswerRows(
  fields: readonly FormField[],
  values: FormValues | null,
  context: FormValueContext = {},
): FormAnswerRow[] {
  return fields
    .filter((f) => !f.retired || !isEmptyFormValue(values?.[f.key]))
    .map((f) => ({
      label: labelOf(f),
      value: formValueText(f, values?.[f.key], context) || '—',
      retired: !!f.retired,
    }));
}

/** One subject's column of a comparison. */
export interface ComparedAnswer {
  subject: string;
  values: FormValues | null;
  /** The answer exists but this report withholds it (not approved). */
  withheld: boolean;
  /** Not applicable to the subject: nothing is missing. */
  notApplicable: boolean;
  context?: FormValueContext;
}

export interface ComparisonCell {
  text: string;
  /** A required entry left empty (or a table row missing a required cell). */
  missing: boolean;
}

export interface ComparisonSlice {
  subjects: string[];
  /** `mark`: DIFFERS_MARK on a field answered differently, else null. */
  rows: { label: string; mark: string | null; retired: boolean; cells: ComparisonCell[] }[];
}

export interface FormComparisonView {
  heading: string;
  /** Which fields differ and which subjects left required entries empty, in words. */
  findings: string[];
  /** Subjects in slices of at most `perSlice` columns (as even as can be), so a wide form stays readable. */
  slices: ComparisonSlice[];
}

/**
 * One request's answers side by side: fields as rows (the active ones, then retired ones some
 * answer still holds), subjects as columns in slices of `perSlice`. A field differs when two
 * subjects answered it differently (`compareFormAnswers`); withheld answers take no part.
 */
export function formComparisonView(
  heading: string,
  fields: readonly FormField[],
  answers: readonly ComparedAnswer[],
  perSlice: number,
): FormComparisonView {
  const shown = fields.filter(
    (f) => !f.retired || answers.some((a) => !a.withheld && !isEmptyFormValue(a.values?.[f.key])),
  );
  const visible = answers.map((a) => (a.withheld ? null : a.values));
  const comparison = compareFormAnswers(
    shown,
    visible.map((values) => ({ values })),
  );
  const differing = new Set(comparison.differing);
  const missing = answers.map((a, i) =>
    a.withheld || a.notApplicable ? new Set<string>() : new Set(comparison.missing[i]),
  );

  const findings: string[] = [];
  const differs = shown.filter((f) => differing.has(f.key));
  findings.push(
    differs.length
      ? `Answered differently: ${differs.map((f) => f.label).join(', ')}.`
      : 'No field is answered differently by the subjects that answered it.',
  );
  const labels = new Map(activeFields(shown).map((f) => [f.key, f.label]));
  const gaps = answers.flatMap((a, i) =>
    missing[i].size ? [`${a.subject} (${[...missing[i]].map((k) => labels.get(k) ?? k).join(', ')})`] : [],
  );
  findings.push(gaps.length ? `Required entries empty: ${gaps.join('; ')}.` : 'No required entry is empty.');
  const withheld = answers.filter((a) => a.withheld).map((a) => a.subject);
  if (withheld.length) findings.push(`Withheld (not approved): ${withheld.join(', ')}.`);

  // As few slices as `perSlice` allows, of even widths (8 subjects: 4 + 4, not 6 + 2).
  const size = Math.ceil(answers.length / Math.max(1, Math.ceil(answers.length / perSlice)));
  const slices: ComparisonSlice[] = [];
  for (let start = 0; start < answers.length; start += size) {
    const slice = answers.slice(start, start + size);
    slices.push({
      subjects: slice.map((a) => a.subject),
      rows: shown.map((field) => ({
        label: labelOf(field),
        mark: differing.has(field.key) ? DIFFERS_MARK : null,
        retired: !!field.retired,
        cells: slice.map((a, j) => {
          if (a.withheld) return { text: 'Withheld', missing: false };
          const gap = missing[start + j].has(field.key);
          const text = formValueText(field, a.values?.[field.key], a.context);
          return {
            text: gap ? (text ? `${text}\n${MISSING_MARK}` : MISSING_MARK) : text || '—',
            missing: gap,
          };
        }),
      })),
    });
  }
  return { heading, findings, slices };
}
