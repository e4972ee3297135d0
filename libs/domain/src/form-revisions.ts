import { type FormColumn, type FormField, FORM_FIELD_TYPE_LABELS } from './audit-forms';

// What a revision of a form (a request's or a template's) changed, field by field, as the
// activity log records it: the list of active labels alone hid a changed unit, a new option
// or a field that came back.

/** One field's change as the activity log records it, readable as plain text on either side. */
export interface FormFieldChange {
  before: string | null;
  after: string | null;
  /** The field's label (its new one when renamed). */
  label: string;
}

/**
 * The per-field changes from `before` to `after`, under `form.<key>`, in the order of `after`
 * (then fields that are gone): a field added ("Added: Volume (Number, required)"), retired
 * ("Retired: Volume"), restored ("Restored: ..."), and for a kept field what differs in its
 * label, help, required, unit, options and columns, each side naming the field so the entry
 * reads on its own ("Volume (unit: records)" -> "Record count (unit: rows)"). Empty when
 * nothing a reader would see changed.
 */
export function formRevisionChanges(
  before: readonly FormField[],
  after: readonly FormField[],
): Record<string, FormFieldChange> {
  const earlier = new Map(before.map((f) => [f.key, f]));
  const later = new Map(after.map((f) => [f.key, f]));
  const changes: Record<string, FormFieldChange> = {};
  for (const field of after) {
    const old = earlier.get(field.key);
    const key = `form.${field.key}`;
    if (!old || old.retired) {
      if (field.retired) continue;
      changes[key] = {
        before: old ? `Retired: ${old.label}` : null,
        after: `${old ? 'Restored' : 'Added'}: ${field.label} (${summary(field)})`,
        label: field.label,
      };
    } else if (field.retired) {
      changes[key] = { before: `${old.label} (${summary(old)})`, after: `Retired: ${old.label}`, label: old.label };
    } else {
      const differing = ASPECTS.filter((a) => a.read(old) !== a.read(field));
      if (differing.length === 0) continue;
      const side = (f: FormField) => {
        const parts = differing.filter((a) => a.name !== 'label').map((a) => `${a.name}: ${a.read(f) || '—'}`);
        return parts.length ? `${f.label} (${parts.join('; ')})` : f.label;
      };
      changes[key] = { before: side(old), after: side(field), label: field.label };
    }
  }
  for (const old of before) {
    if (later.has(old.key) || old.retired) continue;
    changes[`form.${old.key}`] = { before: `${old.label} (${summary(old)})`, after: null, label: old.label };
  }
  return changes;
}

const list = (items: readonly string[] | undefined) => (items ?? []).join(', ');

const columnText = (c: FormColumn) =>
  `${c.label} (${[FORM_FIELD_TYPE_LABELS[c.type], c.required ? 'required' : null, c.unit ? `in ${c.unit}` : null, c.options?.length ? `choices ${list(c.options)}` : null].filter(Boolean).join(', ')})`;

/** The aspects of a kept field a revision may change, each as text to compare and show. */
const ASPECTS: { name: string; read: (f: FormField) => string }[] = [
  { name: 'label', read: (f) => f.label },
  { name: 'help', read: (f) => f.help?.trim() ?? '' },
  { name: 'required', read: (f) => (f.required ? 'yes' : 'no') },
  { name: 'unit', read: (f) => f.unit?.trim() ?? '' },
  { name: 'choices', read: (f) => list(f.options) },
  { name: 'columns', read: (f) => (f.columns ?? []).map(columnText).join('; ') },
];

/** A field as a new entry reads: its type, whether required, its unit, choices or columns. */
function summary(f: FormField): string {
  return [
    FORM_FIELD_TYPE_LABELS[f.type],
    f.required ? 'required' : 'optional',
    f.unit ? `in ${f.unit}` : null,
    f.options?.length ? `choices: ${list(f.options)}` : null,
    f.columns?.length ? `columns: ${f.columns.map((c) => c.label).join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}
