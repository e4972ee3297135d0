import type { FormField } from '@app/domain';
import { DIFFERS_MARK, formAnswerRows, formComparisonView, MISSING_MARK, RETIRED_MARK } from './form-view';

const fields: FormField[] = [
  { key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' },
  { key: 'held', label: 'Still held', required: false, type: 'YES_NO' },
  { key: 'old', label: 'Old question', required: false, type: 'SHORT_TEXT', retired: true },
];

describe('form answers in the report', () => {
  it('prints every field in order, "—" where empty, and a retired field only where it holds a value', () => {
    expect(formAnswerRows(fields, { volume: 12 })).toEqual([
      { label: 'Volume', value: '12 records', retired: false },
      { label: 'Still held', value: '—', retired: false },
    ]);
    expect(formAnswerRows(fields, { old: 'kept' }).at(-1)).toEqual({
      label: `Old question ${RETIRED_MARK}`,
      value: 'kept',
      retired: true,
    });
  });

  it('compares subjects in slices: differing fields marked, required gaps flagged, withheld and not applicable answers neither', () => {
    const view = formComparisonView(
      'R1. Data',
      fields,
      [
        { subject: 'A', values: { volume: 1, held: true }, withheld: false, notApplicable: false },
        { subject: 'B', values: { volume: 2, held: true }, withheld: false, notApplicable: false },
        { subject: 'C', values: null, withheld: false, notApplicable: false },
        { subject: 'D', values: null, withheld: true, notApplicable: false },
        { subject: 'E', values: null, withheld: false, notApplicable: true },
      ],
      3,
    );
    expect(view.slices.map((s) => s.subjects)).toEqual([
      ['A', 'B', 'C'],
      ['D', 'E'],
    ]);
    const eight = Array.from({ length: 8 }, (_, i) => ({
      subject: `S${i}`,
      values: null,
      withheld: false,
      notApplicable: false,
    }));
    expect(formComparisonView('R', fields, eight, 6).slices.map((s) => s.subjects.length)).toEqual([4, 4]);
    // The retired field is left out: no answer holds a value for it.
    expect(view.slices[0].rows.map((r) => [r.label, r.mark, r.cells.map((c) => c.text)])).toEqual([
      ['Volume', DIFFERS_MARK, ['1 records', '2 records', MISSING_MARK]],
      ['Still held', null, ['Yes', 'Yes', '—']],
    ]);
    expect(view.slices[1].rows[0].cells).toEqual([
      { text: 'Withheld', missing: false },
      { text: '—', missing: false },
    ]);
    expect(view.findings).toEqual([
      'Answered differently: Volume.',
      'Required entries empty: C (Volume).',
      'Withheld (not approved): D.',
    ]);
  });
});
