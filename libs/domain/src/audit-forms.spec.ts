import {
  changedFormKeys,
  checkFormDefinition,
  checkFormValues,
  citeFormValues,
  compareFormAnswers,
  FORM_MAX_FIELDS,
  formAsNew,
  type FormField,
  formSummary,
  formValueText,
  mergeFormValues,
  missingRequired,
  reviseForm,
} from './audit-forms';
import { decideResponseUpdate, formAnswerState, type ResponseState } from './response-workflow';
import { AuditRole, ResponseStatus } from './enums';

const entities: FormField = {
  key: 'entities',
  label: 'Government entities',
  required: true,
  type: 'TABLE',
  columns: [
    { key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: true },
    { key: 'country', label: 'Country', type: 'SHORT_TEXT' },
    { key: 'received', label: 'Received Twitter data', type: 'YES_NO' },
    { key: 'period', label: 'Period', type: 'DATE_RANGE' },
  ],
};
const form_: FormField[] = [
  {
    key: 'categories',
    label: 'Data categories',
    required: true,
    type: 'MULTIPLE_CHOICE',
    options: ['Tweets', 'Profiles', 'DMs'],
  },
  { key: 'volume', label: 'Volume', required: false, type: 'NUMBER', unit: 'records' },
  { key: 'still_held', label: 'Still held', required: true, type: 'YES_NO' },
  { key: 'destroyed_on', label: 'Destroyed on', required: false, type: 'DATE' },
  { key: 'how', label: 'How destroyed', required: false, type: 'LONG_TEXT' },
  entities,
];

describe('checkFormDefinition', () => {
  it('accepts a well-formed form', () => {
    expect(checkFormDefinition(form_)).toEqual([]);
  });

  it('names repeated keys, choice fields without choices, tables without columns and misplaced units', () => {
    const problems = checkFormDefinition([
      { key: 'a', label: 'A', required: false, type: 'SHORT_TEXT', unit: 'kg' },
      { key: 'a', label: 'Again', required: false, type: 'SINGLE_CHOICE', options: ['Only'] },
      { key: 't', label: 'T', required: false, type: 'TABLE' },
      { key: 'm', label: 'M', required: false, type: 'MULTIPLE_CHOICE', options: ['x', 'X'] },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'fields[0].unit',
      'fields[1].key',
      'fields[1].options',
      'fields[2].columns',
      'fields[3].options',
    ]);
  });

  it('names repeated column keys of a table', () => {
    const table: FormField = {
      ...entities,
      columns: [entities.columns![0], { ...entities.columns![1], key: 'entity' }],
    };
    expect(checkFormDefinition([table])).toEqual([
      { field: 'fields[0].columns[1].key', message: 'Two columns of "Government entities" are keyed "entity".' },
    ]);
  });

  it('refuses a form whose every field is retired', () => {
    expect(checkFormDefinition([{ ...form_[0], retired: true }])).toEqual([
      { field: 'fields', message: 'A form needs at least one field.' },
    ]);
  });
});

describe('reviseForm', () => {
  it('retires the fields a revision leaves out, after the others, and brings a named one back', () => {
    const first = reviseForm(form_, form_.slice(1));
    expect(first.ok && first.fields.map((f) => [f.key, !!f.retired])).toEqual([
      ['volume', false],
      ['still_held', false],
      ['destroyed_on', false],
      ['how', false],
      ['entities', false],
      ['categories', true],
    ]);
    const back = first.ok ? reviseForm(first.fields, form_) : first;
    expect(back.ok && back.fields.filter((f) => f.retired)).toEqual([]);
  });

  it('refuses to change the type of a field or of a table column that answers may hold', () => {
    const retyped = reviseForm(form_, [{ ...form_[1], type: 'SHORT_TEXT', unit: null }]);
    expect(retyped.ok ? [] : retyped.problems.map((p) => p.field)).toEqual(['fields[0].type']);
    const column = { ...entities, columns: [{ ...entities.columns![2], type: 'SHORT_TEXT' as const }] };
    const recolumned = reviseForm(form_, [column]);
    expect(recolumned.ok ? [] : recolumned.problems.map((p) => p.field)).toEqual(['fields[0].columns[0].type']);
  });
});

describe('checkFormValues', () => {
  it('accepts a value of each type', () => {
    expect(
      checkFormValues(form_, {
        categories: ['Tweets', 'DMs'],
        volume: 1200,
        still_held: false,
        destroyed_on: '2023-05-30',
        how: 'Deleted from the cache and its backups.',
        entities: [{ entity: 'US Navy', country: 'US', received: true, period: { from: '2022-01-01', to: null } }],
      }),
    ).toEqual([]);
  });

  it.each([
    ['categories', ['Tweets', 'Likes'], 'takes choices among: Tweets, Profiles, DMs'],
    ['categories', ['Tweets', 'Tweets'], 'names a choice twice'],
    ['volume', '1200', 'takes a number'],
    ['still_held', 'no', 'takes yes or no'],
    ['destroyed_on', '2023-02-30', 'takes a real date'],
    ['entities', { entity: 'x' }, 'takes rows'],
  ])('refuses %s = %j, naming the field', (key, value, message) => {
    const [problem] = checkFormValues(form_, { [key]: value });
    expect(problem.field).toBe(`formValues.${key}`);
    expect(problem.message).toContain(message);
  });

  it('names the row and column of a bad table cell, and an unknown column', () => {
    expect(
      checkFormValues(form_, {
        entities: [{ entity: 'A' }, { period: { from: '2023-02-01', to: '2023-01-01' }, colour: 'red' }],
      }),
    ).toEqual([
      { field: 'formValues.entities[1].period', message: 'Row 2: "Period" ends before it starts.' },
      { field: 'formValues.entities[1].colour', message: '"Government entities" has no column "colour".' },
    ]);
  });

  it('refuses fields the form does not have and edits of retired fields; null clears', () => {
    const revised = reviseForm(form_, form_.slice(1));
    const fields = revised.ok ? revised.fields : [];
    expect(checkFormValues(fields, { nope: 'x', categories: ['Tweets'], volume: null })).toEqual([
      { field: 'formValues.nope', message: 'This form has no field "nope".' },
      {
        field: 'formValues.categories',
        message: '"Data categories" was removed from the form: its answer is kept as given.',
      },
    ]);
  });
});

describe('missingRequired', () => {
  it('lists required fields left empty and table rows missing a required column; retired fields ask nothing', () => {
    const problems = missingRequired(form_, { categories: [], entities: [{ entity: 'A' }, { country: 'US' }] });
    expect(problems.map((p) => p.field)).toEqual([
      'formValues.categories',
      'formValues.still_held',
      'formValues.entities[1].entity',
    ]);
    expect(missingRequired([{ ...form_[0], retired: true }], {})).toEqual([]);
  });

  it('counts a "No" answer as given', () => {
    expect(missingRequired([form_[2]], { still_held: false })).toEqual([]);
  });
});

describe('merging and changes', () => {
  it('merges sent values over stored ones and drops cleared ones', () => {
    expect(mergeFormValues({ volume: 3, how: 'x' }, { volume: null, still_held: true })).toEqual({
      how: 'x',
      still_held: true,
    });
  });

  it('sees a whitespace-only edit as a change, and the same table with keys reordered as none', () => {
    expect(changedFormKeys({ how: 'x' }, { how: 'x ' })).toEqual(['how']);
    expect(
      changedFormKeys({ entities: [{ entity: 'A', country: 'US' }] }, { entities: [{ country: 'US', entity: 'A' }] }),
    ).toEqual([]);
  });
});

describe('formValueText', () => {
  it('reads values as a lawyer would write them', () => {
    expect(formValueText(form_[0], ['Tweets', 'DMs'])).toBe('Tweets; DMs');
    expect(formValueText(form_[1], 1200000)).toBe('1,200,000 records');
    expect(formValueText(form_[2], false)).toBe('No');
    expect(formValueText(form_[3], '2023-06-07')).toBe('7 Jun 2023');
    expect(
      formValueText(entities, [{ entity: 'US Navy', received: true, period: { from: '2022-01-01', to: null } }]),
    ).toBe('Entity: US Navy; Received Twitter data: Yes; Period: 1 Jan 2022 – open');
    expect(formValueText(form_[1], null)).toBe('');
  });
});

describe('compareFormAnswers', () => {
  it('flags fields answered differently and required fields left empty, per subject', () => {
    const result = compareFormAnswers(form_, [
      { values: { categories: ['Tweets'], still_held: false, volume: 10 } },
      { values: { categories: ['Tweets'], still_held: true } },
      { values: null },
    ]);
    expect(result.differing).toEqual(['still_held']);
    expect(result.missing).toEqual([['entities'], ['entities'], ['categories', 'still_held', 'entities']]);
  });
});

describe('citeFormValues', () => {
  it('replaces citations with the values given, and marks gaps', () => {
    expect(
      citeFormValues('Microsoft holds {{categories}} ({{ volume }}); destroyed {{destroyed_on}}; {{nope}}.', form_, {
        categories: ['Tweets'],
        volume: 5,
      }),
    ).toBe('Microsoft holds Tweets (5 records); destroyed [not answered]; [not answered].');
  });
});

describe('decideResponseUpdate with a form', () => {
  const state: ResponseState = {
    status: ResponseStatus.IN_PROGRESS,
    answer: null,
    assigneeId: 'u1',
    reviewerId: 'u2',
    dueDate: null,
    answeredById: 'u1',
    subjectOwnerId: null,
  };
  const actor = { userId: 'u1', role: AuditRole.CONTRIBUTOR };
  const counsel = { userId: 'c1', role: AuditRole.LEAD_COUNSEL };
  const filled = { categories: ['Tweets'], still_held: false, entities: [{ entity: 'US Navy' }] };

  it('refuses review while required fields are empty, naming each', () => {
    const form = formAnswerState(form_, { categories: ['Tweets'] }, { categories: ['Tweets'] }, false);
    const decision = decideResponseUpdate(state, { status: ResponseStatus.IN_REVIEW }, actor, new Map(), form);
    expect(decision).toMatchObject({ ok: false, reason: 'ANSWER_REQUIRED' });
    expect(!decision.ok && decision.problems?.map((p) => p.field)).toEqual([
      'formValues.still_held',
      'formValues.entities',
    ]);
  });

  it('sends a complete form to review without notes', () => {
    const form = formAnswerState(form_, filled, filled, false);
    const decision = decideResponseUpdate(state, { status: ResponseStatus.IN_REVIEW }, actor, new Map(), form);
    expect(decision).toEqual({ ok: true, status: ResponseStatus.IN_REVIEW, approval: 'keep' });
  });

  it('refuses review of a form with nothing given and no notes, even when no field is required', () => {
    const optional = form_.map((f) => ({ ...f, required: false }));
    const blank = formAnswerState(optional, null, null, false);
    const move = { status: ResponseStatus.IN_REVIEW };
    expect(decideResponseUpdate(state, move, actor, new Map(), blank)).toMatchObject({
      ok: false,
      reason: 'ANSWER_REQUIRED',
      field: 'answer',
    });
    const noted = { ...state, answer: 'Nothing was held.' };
    expect(decideResponseUpdate(noted, move, actor, new Map(), blank)).toMatchObject({ ok: true });
  });

  it('lets counsel restaff an answer in review although a later revision added a required field', () => {
    const inReview = { ...state, status: ResponseStatus.IN_REVIEW };
    const revised = [...form_, { key: 'notice', label: 'Notice given', required: true, type: 'YES_NO' as const }];
    const form = formAnswerState(revised, filled, filled, false);
    expect(decideResponseUpdate(inReview, { dueDate: '2023-06-01' }, counsel, new Map(), form)).toMatchObject({
      ok: true,
    });
    // The assignee fills other entries in as they go; emptying a filled one is refused.
    const more = { ...filled, volume: 3 };
    expect(
      decideResponseUpdate(inReview, {}, actor, new Map(), formAnswerState(revised, filled, more, true)),
    ).toMatchObject({ ok: true, status: ResponseStatus.IN_REVIEW });
    const emptied = { ...filled, still_held: null } as unknown as typeof filled;
    const refused = decideResponseUpdate(
      inReview,
      {},
      actor,
      new Map(),
      formAnswerState(revised, filled, emptied, true),
    );
    expect(!refused.ok && refused.problems?.map((p) => p.field)).toEqual(['formValues.still_held']);
  });

  it('treats a form edit of an approved response as an answer edit that needs reopening', () => {
    const approved = { ...state, status: ResponseStatus.APPROVED };
    const form = formAnswerState(form_, filled, { ...filled, volume: 4 }, true);
    const decision = decideResponseUpdate(approved, {}, actor, new Map(), form);
    expect(decision).toMatchObject({ ok: false, reason: 'INVALID_TRANSITION' });
  });
});

describe('keys, retired columns and kept values', () => {
  it('refuses keys an object inherits, and reads them as unanswered', () => {
    const inherited: FormField = { key: 'constructor', label: 'C', required: true, type: 'SHORT_TEXT' };
    expect(checkFormDefinition([inherited]).map((p) => p.field)).toEqual(['fields[0].key']);
    expect(missingRequired([inherited], { other: 'x' }).map((p) => p.field)).toEqual(['formValues.constructor']);
    expect(citeFormValues('{{constructor}}', [inherited], {})).toBe('[not answered]');
  });

  it('retires a column a revision leaves out; its entries stay readable and may not be changed', () => {
    const revised = reviseForm(form_, [{ ...entities, columns: entities.columns!.slice(0, 2) }]);
    const table = revised.ok ? revised.fields[0] : entities;
    expect(table.columns!.map((c) => [c.key, !!c.retired])).toEqual([
      ['entity', false],
      ['country', false],
      ['received', true],
      ['period', true],
    ]);
    const stored = { entities: [{ entity: 'Navy', received: true }] };
    expect(formValueText(table, stored.entities)).toBe(
      'Entity: Navy; Received Twitter data (removed from the form): Yes',
    );
    // Rows sent back keep the entry (even moved to another row); a new entry is refused.
    const moved = [{ entity: 'Army' }, { entity: 'Navy', received: true }];
    expect(checkFormValues([table], { entities: moved }, stored)).toEqual([]);
    expect(checkFormValues([table], { entities: [{ entity: 'Navy', received: false }] }, stored)).toEqual([
      {
        field: 'formValues.entities[0].received',
        message: 'Row 1: the column "Received Twitter data" was removed from the form: its entries are kept as given.',
      },
    ]);
    expect(
      missingRequired([{ ...table, columns: table.columns!.map((c) => ({ ...c, required: true })) }], stored),
    ).toHaveLength(1);
    // A key keeps its type after its column was retired.
    const back = revised.ok
      ? reviseForm(revised.fields, [{ ...entities, columns: [{ ...entities.columns![2], type: 'DATE' }] }])
      : revised;
    expect(back.ok).toBe(false);
  });

  it('keeps a choice a revision withdrew acceptable where it was already given', () => {
    const narrowed = { ...form_[0], options: ['Tweets', 'Profiles'] };
    const stored = { categories: ['Tweets', 'DMs'] };
    expect(checkFormValues([narrowed], { categories: ['DMs', 'Tweets', 'Profiles'] }, stored)).toEqual([]);
    expect(checkFormValues([narrowed], { categories: ['DMs'] }, { categories: ['Tweets'] })).toHaveLength(1);
  });

  it('stores no empty values: an empty list, blank text or an open range clears the field', () => {
    expect(mergeFormValues({ how: 'x', categories: ['Tweets'] }, { how: '  ', categories: [] })).toEqual({});
    expect(changedFormKeys({}, { how: '', categories: [] })).toEqual([]);
  });

  it('counts only fields in use against the limit', () => {
    const many: FormField[] = Array.from({ length: FORM_MAX_FIELDS + 5 }, (_, i) => ({
      key: `f${i}`,
      label: `F${i}`,
      required: false,
      type: 'SHORT_TEXT',
      retired: i < 5,
    }));
    expect(checkFormDefinition(many)).toEqual([]);
    expect(checkFormDefinition(many.map((f) => ({ ...f, retired: false })))[0].field).toBe('fields');
  });
});

describe('formAsNew and formSummary', () => {
  const fields: FormField[] = [
    { key: 'held', label: 'Data held', required: true, type: 'LONG_TEXT' },
    { key: 'old', label: 'Old question', required: true, type: 'SHORT_TEXT', retired: true },
    {
      key: 'hosts',
      label: 'Hosts',
      required: false,
      type: 'TABLE',
      columns: [
        { key: 'host', label: 'Host', type: 'SHORT_TEXT', required: true },
        { key: 'site', label: 'Site', type: 'SHORT_TEXT', retired: true },
      ],
    },
  ];

  it('keeps only the fields and columns in use, leaving the original alone', () => {
    expect(formAsNew(fields)).toEqual([
      fields[0],
      { ...fields[2], columns: [{ key: 'host', label: 'Host', type: 'SHORT_TEXT', required: true }] },
    ]);
    expect(fields[2].columns).toHaveLength(2);
  });

  it('counts the fields in use and the required ones among them', () => {
    expect(formSummary(fields)).toEqual({ fieldCount: 2, requiredCount: 1 });
    expect(formSummary([])).toEqual({ fieldCount: 0, requiredCount: 0 });
  });
});
