import type { FormField } from './audit-forms';
import { formRevisionChanges } from './form-revisions';

const volume: FormField = { key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' };
const purpose: FormField = {
  key: 'purpose',
  label: 'Purpose',
  required: false,
  type: 'SINGLE_CHOICE',
  options: ['Analytics', 'Advertising'],
};
const recipients: FormField = {
  key: 'recipients',
  label: 'Recipients',
  required: false,
  type: 'TABLE',
  columns: [{ key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: true }],
};

describe('formRevisionChanges', () => {
  it('records added, retired and restored fields, each naming the field', () => {
    const changes = formRevisionChanges(
      [volume, { ...purpose, retired: true }],
      [{ ...purpose }, recipients, { ...volume, retired: true }],
    );
    expect(changes).toEqual({
      'form.purpose': {
        before: 'Retired: Purpose',
        after: 'Restored: Purpose (One choice, optional, choices: Analytics, Advertising)',
        label: 'Purpose',
      },
      'form.recipients': {
        before: null,
        after: 'Added: Recipients (Table, optional, columns: Entity)',
        label: 'Recipients',
      },
      'form.volume': { before: 'Volume (Number, required, in records)', after: 'Retired: Volume', label: 'Volume' },
    });
  });

  it('records what changed in a kept field, before and after, and nothing for an unchanged one', () => {
    const changes = formRevisionChanges(
      [volume, purpose, recipients],
      [
        { ...volume, label: 'Record count', unit: 'rows', help: 'Best estimate.' },
        { ...purpose, options: ['Analytics', 'Advertising', 'Security'], required: true },
        recipients,
      ],
    );
    expect(changes).toEqual({
      'form.volume': {
        before: 'Volume (help: —; unit: records)',
        after: 'Record count (help: Best estimate.; unit: rows)',
        label: 'Record count',
      },
      'form.purpose': {
        before: 'Purpose (required: no; choices: Analytics, Advertising)',
        after: 'Purpose (required: yes; choices: Analytics, Advertising, Security)',
        label: 'Purpose',
      },
    });
  });

  it('records a renamed field by its two labels, and a changed table column', () => {
    const changes = formRevisionChanges(
      [volume, recipients],
      [
        { ...volume, label: 'Records held' },
        { ...recipients, columns: [{ key: 'entity', label: 'Entity', type: 'SHORT_TEXT' }] },
      ],
    );
    expect(changes).toEqual({
      'form.volume': { before: 'Volume', after: 'Records held', label: 'Records held' },
      'form.recipients': {
        before: 'Recipients (columns: Entity (Short text, required))',
        after: 'Recipients (columns: Entity (Short text))',
        label: 'Recipients',
      },
    });
  });

  it('is empty when nothing changed, retired fields included', () => {
    const fields = [volume, { ...purpose, retired: true }];
    expect(
      formRevisionChanges(
        fields,
        fields.map((f) => ({ ...f })),
      ),
    ).toEqual({});
  });
});
