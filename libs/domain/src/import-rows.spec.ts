import type { AuditRole } from './enums';
import {
  IMPORT_MAX_ROWS,
  ImportTableError,
  planRequestImport,
  planSubjectImport,
  readTable,
  REQUEST_COLUMNS,
  requestRowsFromTable,
  type RequestImportContext,
  type SubjectImportContext,
  splitNames,
  SUBJECT_COLUMNS,
  subjectRowsFromTable,
} from './import-rows';

const context = (overrides: Partial<RequestImportContext> = {}): RequestImportContext => ({
  provisions: [{ id: 'p1', reference: 'S 4.2' }],
  subjects: [
    { id: 's1', name: 'Bing Pages' },
    { id: 's2', name: 'Edge' },
  ],
  requests: [
    {
      id: 'r1',
      ordinal: 1,
      title: 'Installations',
      text: 'A list of installations.',
      provisionId: 'p1',
      appliesToAll: true,
      chosenSubjectIds: [],
      holdsWork: false,
    },
    {
      id: 'r2',
      ordinal: 2,
      title: 'Keys',
      text: 'Licence keys.',
      provisionId: null,
      appliesToAll: false,
      chosenSubjectIds: ['s2'],
      holdsWork: true,
    },
  ],
  underLegalHold: false,
  ...overrides,
});

const table = (...rows: string[][]) =>
  requestRowsFromTable(
    readTable([['Ordinal', 'Title', 'Text', 'Provision reference', 'Subjects'], ...rows], REQUEST_COLUMNS),
  );

describe('readTable', () => {
  it('finds the columns by heading or alias in any order and case, numbering rows as a spreadsheet does', () => {
    const rows = readTable(
      [
        ['', ''],
        ['TEXT', 'no.', 'Notes'],
        ['Send logs.', '3', 'ignored'],
        ['', ''],
        ['Send keys.', '4'],
      ],
      REQUEST_COLUMNS,
    );
    const absent = new Set(['title', 'provision', 'subjects', 'form']);
    expect(rows).toEqual([
      { row: 3, cells: { ordinal: '3', title: '', text: 'Send logs.', provision: '', subjects: '', form: '' }, absent },
      { row: 5, cells: { ordinal: '4', title: '', text: 'Send keys.', provision: '', subjects: '', form: '' }, absent },
    ]);
  });

  it('refuses a file without a required column, naming it and the template columns', () => {
    expect(() => readTable([['Title', 'Text']], REQUEST_COLUMNS)).toThrow(
      new ImportTableError(
        'The heading row has no "Ordinal" column. The columns are: Ordinal, Title, Text, Provision reference, Subjects, Form (download the template).',
      ),
    );
    expect(() => readTable([], SUBJECT_COLUMNS)).toThrow(ImportTableError);
  });

  it(`refuses more than ${IMPORT_MAX_ROWS} rows`, () => {
    const many = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [String(i + 1), 'text']);
    expect(() => readTable([['Ordinal', 'Text'], ...many], REQUEST_COLUMNS)).toThrow(
      `The file has ${IMPORT_MAX_ROWS + 1} rows; an import takes at most ${IMPORT_MAX_ROWS} rows.`,
    );
  });
});

describe('splitNames', () => {
  it('splits on semicolons, trims and drops blanks and repeats', () => {
    expect(splitNames('Bing; Edge ;; bing')).toEqual(['Bing', 'Edge']);
    expect(splitNames('')).toEqual([]);
  });
});

describe('planRequestImport', () => {
  it('creates new ordinals, leaves identical rows unchanged and updates changed rows without work', () => {
    const decisions = planRequestImport(
      table(
        ['1', 'Installations', 'A list of installations.', 's 4.2', ''],
        ['3', '', 'Data flows. End to end.', '', 'edge; Bing Pages'],
        ['1', 'Installations', 'A list of all installations.', 'S 4.2', ''],
      ),
      context(),
    );
    expect(decisions.map((d) => [d.row, d.ordinal, d.outcome, d.reason])).toEqual([
      [2, 1, 'unchanged', null],
      [3, 3, 'created', null],
      [4, 1, 'refused', 'Row 4: request 1 is already on row 2.'],
    ]);
    expect(decisions[1].write).toEqual({
      ordinal: 3,
      title: 'Data flows',
      text: 'Data flows. End to end.',
      provisionId: null,
      appliesToAll: false,
      subjectIds: ['s2', 's1'],
    });
    const [changed] = planRequestImport(table(['1', '', 'A list of all installations.', 'S 4.2', '']), context());
    expect([changed.outcome, changed.requestId, changed.title, changed.write?.text]).toEqual([
      'updated',
      'r1',
      'Installations',
      'A list of all installations.',
    ]);
  });

  it('refuses a changed row whose request already holds work, and lets the unchanged one through', () => {
    const [same, changed] = planRequestImport(
      table(['2', 'Keys', 'Licence keys.', '', 'Edge'], ['2', 'Keys', 'Licence keys since 2022.', '', 'Edge']),
      context({ requests: context().requests.slice(1) }),
    );
    expect(same.outcome).toBe('unchanged');
    expect(changed.reason).toBe('Row 3: request 2 is already on row 2.');
    const [refused] = planRequestImport(table(['2', 'Keys', 'Licence keys since 2022.', '', 'Edge']), context());
    expect(refused.outcome).toBe('refused');
    expect(refused.reason).toMatch(
      /^Row 2: request 2 differs from the one in the audit, but its responses already hold work/,
    );
  });

  it('names the row and the value of every unreadable row', () => {
    const reasons = planRequestImport(
      table(
        ['', 'x', 'text', '', ''],
        ['two', 'x', 'text', '', ''],
        ['0', 'x', 'text', '', ''],
        ['4', 'x', '', '', ''],
        ['5', 'x', 'text', '9.9', ''],
        ['6', 'x', 'text', '', 'Edge; Teams'],
        ['7', 'x'.repeat(301), 'text', '', ''],
      ),
      context(),
    ).map((d) => d.reason);
    expect(reasons).toEqual([
      'Row 2: the ordinal is missing.',
      'Row 3: the ordinal "two" is not a whole number from 1 to 10,000.',
      'Row 4: the ordinal "0" is not a whole number from 1 to 10,000.',
      'Row 5: request 4 has no text.',
      'Row 6: the provision "9.9" is not in this audit.',
      'Row 7: the subject "Teams" is not in this audit.',
      'Row 8: the title is longer than 300 characters.',
    ]);
  });

  it('keeps the provision and subjects of an existing request when a pasted letter gives none', () => {
    const [kept] = planRequestImport(
      [{ row: 1, ordinal: '1', title: '', text: 'A list of installations.' }],
      context(),
    );
    expect([kept.outcome, kept.provisionReference]).toEqual(['unchanged', 'S 4.2']);
  });

  it('keeps the provision and subjects of existing requests when the file has no such columns', () => {
    const decisions = planRequestImport(
      requestRowsFromTable(
        readTable(
          [
            ['Ordinal', 'Text'],
            ['1', 'A list of installations.'],
            ['2', 'Licence keys.'],
          ],
          REQUEST_COLUMNS,
        ),
      ),
      context(),
    );
    // Request 1 keeps its provision; request 2 keeps its one subject (not widened to every
    // subject, which its work would have refused).
    expect(decisions.map((d) => [d.outcome, d.provisionReference, d.subjectNames])).toEqual([
      ['unchanged', 'S 4.2', []],
      ['unchanged', null, ['Edge']],
    ]);
  });

  it('under legal hold refuses a row that would take subjects away from a request', () => {
    const [narrowed] = planRequestImport(
      table(['1', 'Installations', 'A list of installations.', 'S 4.2', 'Edge']),
      context({ underLegalHold: true }),
    );
    expect(narrowed.reason).toBe(
      'Row 2: request 1 would apply to fewer subjects, which removes responses; the audit is under legal hold.',
    );
  });
});

describe('planSubjectImport', () => {
  const members = new Map([
    ['ann@example.com', { userId: 'u1', role: 'COUNSEL' as const }],
    ['vic@example.com', { userId: 'u2', role: 'VIEWER' as const }],
  ]);
  const rows = (...data: string[][]) =>
    subjectRowsFromTable(readTable([['Name', 'Product', 'Owner email'], ...data], SUBJECT_COLUMNS));

  it('creates, updates and leaves unchanged by name; refuses owners who are not working members', () => {
    const decisions = planSubjectImport(
      rows(
        ['Bing Pages', 'Bing', 'ANN@example.com'],
        ['edge', 'Edge browser', ''],
        ['Teams', '', ''],
        ['Outlook', '', 'nobody@example.com'],
        ['Word', '', 'vic@example.com'],
        ['teams', '', ''],
        ['', 'x', ''],
      ),
      {
        subjects: [
          { id: 's1', name: 'Bing Pages', product: 'Bing', ownerId: 'u1' },
          { id: 's2', name: 'Edge', product: null, ownerId: null },
        ],
        members,
      },
    );
    expect(decisions.map((d) => [d.row, d.name, d.outcome, d.reason])).toEqual([
      [2, 'Bing Pages', 'unchanged', null],
      [3, 'Edge', 'updated', null],
      [4, 'Teams', 'created', null],
      [
        5,
        'Outlook',
        'refused',
        'Row 5: the owner nobody@example.com must be a member of this audit whose account is active.',
      ],
      [6, 'Word', 'refused', 'Row 6: the owner vic@example.com must be a member who can write (a viewer cannot).'],
      [7, 'teams', 'refused', 'Row 7: the subject "teams" is already on row 4.'],
      [8, '', 'refused', 'Row 8: the name is missing.'],
    ]);
    expect(decisions[1].write).toEqual({ name: 'Edge', product: 'Edge browser', ownerId: null });
  });

  it('refuses a deactivated account as a new owner, and leaves a subject it already owns unchanged', () => {
    const withLeaver: SubjectImportContext['members'] = new Map<
      string,
      { userId: string; role: AuditRole; active?: boolean }
    >([...members, ['sam@example.com', { userId: 'u3', role: 'CONTRIBUTOR' as const, active: false }]]);
    const decisions = planSubjectImport(
      rows(['Bing Pages', 'Bing', 'sam@example.com'], ['Edge', '', 'sam@example.com']),
      {
        subjects: [
          { id: 's1', name: 'Bing Pages', product: 'Bing', ownerId: 'u3' },
          { id: 's2', name: 'Edge', product: null, ownerId: null },
        ],
        members: withLeaver,
      },
    );
    expect(decisions.map((d) => [d.name, d.outcome, d.reason])).toEqual([
      ['Bing Pages', 'unchanged', null],
      ['Edge', 'refused', 'Row 3: the owner sam@example.com must be a member of this audit whose account is active.'],
    ]);
  });

  it('leaves what a column the file does not have says as it is; an empty cell in one it has clears it', () => {
    const subjects = [
      { id: 's1', name: 'Bing Pages', product: 'Bing', ownerId: 'u1' },
      { id: 's2', name: 'Edge', product: 'Edge browser', ownerId: 'u1' },
    ];
    const ownersOnly = subjectRowsFromTable(
      readTable(
        [
          ['Name', 'Owner email'],
          ['Bing Pages', 'ann@example.com'],
          ['Edge', ''],
        ],
        SUBJECT_COLUMNS,
      ),
    );
    const decisions = planSubjectImport(ownersOnly, { subjects, members });
    expect(decisions.map((d) => [d.name, d.outcome, d.product, d.write])).toEqual([
      ['Bing Pages', 'unchanged', 'Bing', null],
      ['Edge', 'updated', 'Edge browser', { name: 'Edge', product: 'Edge browser', ownerId: null }],
    ]);

    const productsOnly = subjectRowsFromTable(
      readTable(
        [
          ['Name', 'Product'],
          ['Edge', 'Edge'],
        ],
        SUBJECT_COLUMNS,
      ),
    );
    const [edge] = planSubjectImport(productsOnly, { subjects, members });
    expect([edge.outcome, edge.ownerEmail, edge.write]).toEqual([
      'updated',
      'ann@example.com',
      { name: 'Edge', product: 'Edge', ownerId: 'u1' },
    ]);
  });
});

describe('planRequestImport: the Form column', () => {
  const templates = { formTemplates: [{ id: 'ft1', name: 'Data inventory' }] };
  const withForm = (...rows: string[][]) =>
    requestRowsFromTable(
      readTable([['Ordinal', 'Title', 'Text', 'Provision reference', 'Subjects', 'Form'], ...rows], REQUEST_COLUMNS),
    );

  it('gives a new request a copy of the template named, in any case and spacing', () => {
    const [row] = planRequestImport(
      withForm(['7', 'Data', 'List the data.', '', '', ' data  INVENTORY']),
      context(templates),
    );
    expect(row).toMatchObject({ outcome: 'created', formTemplateName: 'data  INVENTORY', formTemplateId: 'ft1' });
  });

  it('refuses a row naming a template that does not exist, with the reason', () => {
    const [row] = planRequestImport(withForm(['7', 'Data', 'List the data.', '', '', 'Retention']), context(templates));
    expect(row).toMatchObject({
      outcome: 'refused',
      reason: 'Row 2: there is no form template named "Retention".',
      formTemplateId: null,
    });
  });

  it('refuses a row whose Form could name either of two templates differing only by case, naming both', () => {
    const twins = { formTemplates: [...templates.formTemplates, { id: 'ft2', name: 'Data Inventory' }] };
    const [row] = planRequestImport(
      withForm(['7', 'Data', 'List the data.', '', '', 'data inventory']),
      context(twins),
    );
    expect(row).toMatchObject({
      outcome: 'refused',
      reason:
        'Row 2: the form "data inventory" could be "Data inventory" or "Data Inventory"; rename one of these templates so their names differ by more than capitals or spaces.',
      formTemplateId: null,
    });
  });

  it('gives a form to an existing request that has none (work in its answers is no bar), and leaves a form it has alone', () => {
    const same = ['2', 'Keys', 'Licence keys.', '', 'Edge', 'Data inventory'];
    const [gains] = planRequestImport(withForm(same), context(templates));
    expect(gains).toMatchObject({ outcome: 'updated', requestId: 'r2', formTemplateId: 'ft1' });
    const base = context(templates);
    const requests = base.requests.map((r) => (r.id === 'r2' ? { ...r, hasForm: true } : r));
    const [keeps] = planRequestImport(withForm(same), { ...base, requests });
    expect(keeps).toMatchObject({ outcome: 'unchanged', formTemplateId: null });
  });
});
