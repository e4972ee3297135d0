// Importing a request list (a pasted letter, CSV, XLSX built here with exceljs) and a subject
// list into an audit, on the real app and database: previews write nothing, imports create
// requests with their grid cells and activity, re-imports change nothing, rows that cannot be
// taken are refused with their row number, hostile files get a 4xx naming the limit.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  type Agent,
  expectProblem,
  grid,
  newAuditViaApi,
  newUser,
  type Res,
  type TestUser,
  tokenAgent,
} from '../support/factories';
import { multipart } from '../support/multipart';

const NOW = '2024-02-12T15:00:00Z';

/** A letter of the kind a licensor's counsel sends: letterhead, preamble, numbered items with sub-items, closing. */
const LETTER = `HALVORSEN & PIKE LLP
12 Quay Street, Bristol

12 February 2024

Re: Audit under clause 12.4 of the Mapping Data Licence of 1 July 2020

Dear Ms Okafor,

We act for Tessellate Maps Ltd. Under clause 12.4 of the Licence we ask your client
to provide, within 30 days of this letter:

1. A list of every product or service that displays or
   stores Licensed Data, with the date each was first released.
2. The number of monthly active users of each such product
   since 1 July 2020.
3) All agreements under which Licensed Data was passed to a third party, including:
   (a) sub-licences;
   (b) data processing agreements; and
   (c) any reseller arrangement.

4. Your records of the deletion of Licensed Data on the expiry of any trial period.

Yours sincerely,

Harriet Pike
Partner`;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Requests');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csv = (rows: string[][]) =>
  Buffer.from(rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'), 'utf8');

describe('importing a request list and a subject list', () => {
  let t: TestApp;
  let lead: TestUser;
  let colleague: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let asLead: Agent;
  let auditId: string;
  let base: string;

  const sendFile = (path: string, file: Buffer, fileName: string, contentType = 'application/octet-stream') => {
    const form = multipart([], { fileName, content: file, contentType });
    return asLead.post(path).set('Content-Type', form.contentType).send(form.body);
  };
  const importFile = (file: Buffer, fileName: string, dryRun = false): Promise<Res> =>
    sendFile(`${base}/requests/import${dryRun ? '?dryRun=true' : ''}`, file, fileName);
  const requests = () =>
    t.prisma.auditRequest.findMany({
      where: { auditId },
      orderBy: { ordinal: 'asc' },
      include: { provision: true, chosenSubjects: { include: { subject: true } } },
    });
  const counts = async () => ({
    requests: await t.prisma.auditRequest.count({ where: { auditId } }),
    responses: await t.prisma.response.count({ where: { auditId } }),
    subjects: await t.prisma.subject.count({ where: { auditId } }),
    activity: await t.prisma.activityEvent.count({ where: { auditId } }),
  });
  const outcomes = (res: Res) =>
    (res.body.rows as { row: number; ordinal: number; outcome: string; reason: string | null }[]).map((r) => [
      r.row,
      r.ordinal,
      r.outcome,
      r.reason,
    ]);

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    lead = await newUser(t.prisma, { label: 'import-lead' });
    colleague = await newUser(t.prisma, { label: 'import-colleague' });
    viewer = await newUser(t.prisma, { label: 'import-viewer' });
    outsider = await newUser(t.prisma, { label: 'import-outsider' });
    asLead = await tokenAgent(t.http, lead);
  });
  // Each test starts from its own audit (two systems, one provision, a counsel and a viewer),
  // so none relies on what an earlier one imported: a test that needs the letter imports it.
  beforeEach(async () => {
    auditId = (
      await newAuditViaApi(asLead, { responseDeadline: '2024-03-13T17:00', deadlineTimeZone: 'Europe/London' })
    ).id;
    base = `/api/audits/${auditId}`;
    await addMember(asLead, auditId, colleague, 'COUNSEL');
    await addMember(asLead, auditId, viewer, 'VIEWER');
    expect((await asLead.post(`${base}/provisions`).send({ reference: '12.4', title: 'Audit' })).status).toBe(201);
    for (const name of ['Atlas Web', 'Atlas Mobile'])
      expect((await asLead.post(`${base}/subjects`).send({ name })).status).toBe(201);
  });
  afterAll(() => t.close());

  /** The four requests of LETTER, imported as the import test checks in detail. */
  const importLetter = async () => {
    const res = await asLead.post(`${base}/requests/import`).send({ text: LETTER });
    expect(res.body.counts).toEqual({ created: 4, updated: 0, unchanged: 0, refused: 0 });
  };

  it('previews a pasted letter without writing: its items, the preamble and closing it left out', async () => {
    const before = await counts();
    const res = await asLead.post(`${base}/requests/import?dryRun=true`).send({ text: LETTER });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      source: 'paste',
      counts: { created: 4, updated: 0, unchanged: 0, refused: 0 },
    });
    expect(res.body.ignoredPreamble).toMatch(/^HALVORSEN & PIKE LLP\n/);
    expect(res.body.ignoredPreamble).toMatch(/within 30 days of this letter:$/);
    expect(res.body.ignoredClosing).toBe('Yours sincerely,\n\nHarriet Pike\nPartner');
    expect(res.body.rows.map((r: { ordinal: number; title: string }) => [r.ordinal, r.title])).toEqual([
      [
        1,
        'A list of every product or service that displays or stores Licensed Data, with the date each was first released',
      ],
      [2, 'The number of monthly active users of each such product since 1 July 2020'],
      [3, 'All agreements under which Licensed Data was passed to a third party, including'],
      [4, 'Your records of the deletion of Licensed Data on the expiry of any trial period'],
    ]);
    expect(res.body.rows[2].text).toBe(
      'All agreements under which Licensed Data was passed to a third party, including:\n(a) sub-licences;\n(b) data processing agreements; and\n(c) any reseller arrangement.',
    );
    expect(res.body.rows.every((r: { outcome: string }) => r.outcome === 'created')).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('imports the letter: requests with their full text, a cell per subject, an event each, reminders planned', async () => {
    const plannedBefore = (await t.prisma.audit.findUniqueOrThrow({ where: { id: auditId } })).remindersPlannedAt;
    const res = await asLead.post(`${base}/requests/import`).send({ text: LETTER });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, counts: { created: 4, updated: 0, unchanged: 0, refused: 0 } });

    const rows = await requests();
    expect(rows.map((r) => [r.ordinal, r.appliesToAll, r.provisionId])).toEqual([
      [1, true, null],
      [2, true, null],
      [3, true, null],
      [4, true, null],
    ]);
    expect(rows[1].text).toBe('The number of monthly active users of each such product since 1 July 2020.');
    expect(res.body.rows.map((r: { requestId: string }) => r.requestId)).toEqual(rows.map((r) => r.id));
    const cells = await grid(asLead, auditId);
    expect(cells.map((c) => `${c.subject.name} R${c.request.ordinal}`).sort()).toEqual(
      ['Atlas Mobile', 'Atlas Web'].flatMap((s) => [1, 2, 3, 4].map((n) => `${s} R${n}`)).sort(),
    );
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'request', action: 'created' },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.entityId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(events.every((e) => e.actorId === lead.id)).toBe(true);
    expect(events.map((e) => (e.changes as Record<string, { after: unknown }>).importedFrom.after)).toEqual(
      Array(4).fill('paste'),
    );
    const planned = (await t.prisma.audit.findUniqueOrThrow({ where: { id: auditId } })).remindersPlannedAt;
    expect(planned).not.toBeNull();
    expect(planned).not.toEqual(plannedBefore);
  });

  it('re-importing the same letter changes nothing', async () => {
    await importLetter();
    const before = await counts();
    const res = await asLead.post(`${base}/requests/import`).send({ text: LETTER });
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ created: 0, updated: 0, unchanged: 4, refused: 0 });
    expect(await counts()).toEqual(before);
  });

  it('imports a CSV: new and changed rows written, bad rows refused with their row number and why', async () => {
    await importLetter();
    const file = csv([
      ['Ordinal', 'Title', 'Text', 'Provision reference', 'Subjects'],
      ['5', 'Data sources', 'Every source of the Licensed Data you hold, by product.', '12.4', 'Atlas Mobile'],
      ['1', '', 'A list of every product or service that displays, caches or stores Licensed Data.', '', ''],
      ['6', 'Caches', 'Caching policies.', '9.9', ''],
      ['seven', 'Logs', 'Access logs.', '', ''],
      ['8', 'Backups', 'Backup schedules.', '', 'Atlas Web; Atlas Desktop'],
      ['5', 'Again', 'Twice.', '', ''],
      ['9', 'Empty', '', '', ''],
    ]);
    const preview = await importFile(file, 'requests.csv', true);
    expect(preview.status).toBe(200);
    const expected = [
      [2, 5, 'created', null],
      [3, 1, 'updated', null],
      [4, 6, 'refused', 'Row 4: the provision "9.9" is not in this audit.'],
      [5, null, 'refused', 'Row 5: the ordinal "seven" is not a whole number from 1 to 10,000.'],
      [6, 8, 'refused', 'Row 6: the subject "Atlas Desktop" is not in this audit.'],
      [7, 5, 'refused', 'Row 7: request 5 is already on row 2.'],
      [8, 9, 'refused', 'Row 8: request 9 has no text.'],
    ];
    expect(outcomes(preview)).toEqual(expected);
    expect(preview.body.source).toBe('csv');
    expect(await t.prisma.auditRequest.count({ where: { auditId } })).toBe(4);

    const res = await importFile(file, 'requests.csv');
    expect(res.status).toBe(200);
    expect(outcomes(res)).toEqual(expected);
    expect(res.body.counts).toEqual({ created: 1, updated: 1, unchanged: 0, refused: 5 });
    const rows = await requests();
    expect(rows.map((r) => r.ordinal)).toEqual([1, 2, 3, 4, 5]);
    const five = rows.find((r) => r.ordinal === 5)!;
    expect([
      five.title,
      five.provision?.reference,
      five.appliesToAll,
      five.chosenSubjects.map((c) => c.subject.name),
    ]).toEqual(['Data sources', '12.4', false, ['Atlas Mobile']]);
    // An empty title keeps the request's own; the text is replaced.
    expect([rows[0].title, rows[0].text]).toEqual([
      'A list of every product or service that displays or stores Licensed Data, with the date each was first released',
      'A list of every product or service that displays, caches or stores Licensed Data.',
    ]);
    const cells = await grid(asLead, auditId, { requestId: five.id });
    expect(cells.map((c) => c.subject.name)).toEqual(['Atlas Mobile']);
    const update = await t.prisma.activityEvent.findFirstOrThrow({
      where: { auditId, entityId: rows[0].id, action: 'updated' },
    });
    expect(update.changes).toMatchObject({
      text: { after: 'A list of every product or service that displays, caches or stores Licensed Data.' },
      importedFrom: { after: 'csv' },
    });
  });

  it('imports an XLSX; a changed row whose request already holds work is refused, and the request kept', async () => {
    await importLetter();
    const [cell] = await grid(asLead, auditId, { requestId: (await requests())[1].id });
    const answered = await asLead
      .patch(`${base}/responses/${cell.id}`)
      .send({ version: cell.version, answer: 'Atlas Web had 41,000 monthly users in 2023.' });
    expect(answered.status).toBe(200);

    const file = await xlsx([
      ['Ordinal', 'Title', 'Text', 'Provision reference', 'Subjects'],
      [2, '', 'The number of daily and monthly active users of each product.', '', ''],
      [6, 'Trials', 'Every trial licence granted and its end date.', '12.4', ''],
    ]);
    const res = await importFile(file, 'requests.xlsx');
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('xlsx');
    expect(outcomes(res)).toEqual([
      [
        2,
        2,
        'refused',
        'Row 2: request 2 differs from the one in the audit, but its responses already hold work (an answer, evidence, comments or a status beyond Not started); change it in the audit instead.',
      ],
      [3, 6, 'created', null],
    ]);
    const rows = await requests();
    expect(rows.find((r) => r.ordinal === 2)!.text).toBe(
      'The number of monthly active users of each such product since 1 July 2020.',
    );
    expect(rows.find((r) => r.ordinal === 6)!.provision?.reference).toBe('12.4');

    const before = await counts();
    const again = await importFile(file, 'requests.xlsx');
    expect(again.body.counts).toEqual({ created: 0, updated: 0, unchanged: 1, refused: 1 });
    expect(await counts()).toEqual(before);
  });

  it('reads a date cell of an XLSX as its day, in the preview and in the saved request', async () => {
    const file = await xlsx([
      ['Ordinal', 'Title', 'Text'],
      [7, 'Records from', new Date(Date.UTC(2026, 0, 5))],
    ]);
    const preview = await importFile(file, 'requests.xlsx', true);
    expect(preview.status).toBe(200);
    expect(preview.body.rows[0]).toMatchObject({ ordinal: 7, title: 'Records from', text: '2026-01-05' });
    expect((await importFile(file, 'requests.xlsx')).body.counts).toMatchObject({ created: 1 });
    expect((await requests()).map((r) => [r.ordinal, r.text])).toEqual([[7, '2026-01-05']]);
  });

  it('two identical imports sent at once create the requests once', async () => {
    const file = csv([
      ['Ordinal', 'Text'],
      ['10', 'Server locations.'],
      ['11', 'Data retention schedules.'],
    ]);
    const [a, b] = await Promise.all([importFile(file, 'same.csv'), importFile(file, 'same.csv')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.counts, b.body.counts]).toEqual(
      expect.arrayContaining([
        { created: 2, updated: 0, unchanged: 0, refused: 0 },
        { created: 0, updated: 0, unchanged: 2, refused: 0 },
      ]),
    );
    expect(await t.prisma.auditRequest.count({ where: { auditId, ordinal: { in: [10, 11] } } })).toBe(2);
    expect(await t.prisma.response.count({ where: { auditId, request: { ordinal: { in: [10, 11] } } } })).toBe(4);
  });

  it('refuses hostile or unreadable input with a 4xx naming the field or the limit, and writes nothing', async () => {
    const before = await counts();
    const tooBig = await importFile(Buffer.alloc(2 * 1024 * 1024 + 10, 'a'), 'big.csv');
    expectProblem(tooBig, 413, 'PAYLOAD_TOO_LARGE', ['file']);
    expect(tooBig.body.detail).toBe('The file is larger than the import limit of 2 MB.');

    const long = csv([['Ordinal', 'Text'], ...Array.from({ length: 1001 }, (_, i) => [String(i + 1), 'x'])]);
    const tooLong = await importFile(long, 'long.csv');
    expectProblem(tooLong, 400, 'VALIDATION_FAILED', ['file']);
    expect(tooLong.body.detail).toBe('The file has 1001 rows; an import takes at most 1000 rows.');

    const binary = await importFile(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe]), 'letter.pdf');
    expectProblem(binary, 400, 'VALIDATION_FAILED', ['file']);

    const noColumn = await importFile(
      csv([
        ['Title', 'Text'],
        ['Logs', 'Access logs.'],
      ]),
      'cols.csv',
    );
    expectProblem(noColumn, 400, 'VALIDATION_FAILED', ['file']);
    expect(noColumn.body.detail).toMatch(/^The heading row has no "Ordinal" column\./);

    const notXlsx = await importFile(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200)]), 'broken.xlsx');
    expectProblem(notXlsx, 400, 'VALIDATION_FAILED', ['file']);

    expectProblem(await asLead.post(`${base}/requests/import`).send({}), 400, 'VALIDATION_FAILED', ['text']);
    const prose = await asLead.post(`${base}/requests/import`).send({ text: 'Dear Sir, please send everything.' });
    expectProblem(prose, 400, 'VALIDATION_FAILED', ['text']);
    expect(prose.body.detail).toMatch(/^No numbered items were found/);
    const huge = await asLead.post(`${base}/requests/import`).send({ text: `1. ${'x'.repeat(200_001)}` });
    expectProblem(huge, 400, 'VALIDATION_FAILED', ['text']);
    expectProblem(
      await asLead.post(`${base}/requests/import`).send({ text: '1. x', provisionId: 'y' }),
      400,
      'VALIDATION_FAILED',
      ['provisionId'],
    );
    const noFile = multipart([['note', 'no file']]);
    expectProblem(
      await asLead.post(`${base}/requests/import`).set('Content-Type', noFile.contentType).send(noFile.body),
      400,
      'VALIDATION_FAILED',
      ['file'],
    );
    // A form takes the file only: a text field beside it is refused by name, as on evidence uploads.
    const withField = (path: string, field: string, file: Buffer) => {
      const form = multipart([[field, 'x']], { fileName: 'list.csv', content: file, contentType: 'text/csv' });
      return asLead.post(path).set('Content-Type', form.contentType).send(form.body);
    };
    const requestRows = csv([
      ['Ordinal', 'Title', 'Text'],
      ['40', 'Extra', 'Sent with a stray field.'],
    ]);
    const subjectRows = csv([['Name'], ['Stray field app']]);
    const stray = await withField(`${base}/requests/import`, 'provisionId', requestRows);
    expectProblem(stray, 400, 'VALIDATION_FAILED', ['provisionId']);
    expect(stray.body.errors[0].message).toBe('provisionId is not a known field');
    expectProblem(await withField(`${base}/subjects/import`, 'dryRun', subjectRows), 400, 'VALIDATION_FAILED', [
      'dryRun',
    ]);
    const asViewer = await tokenAgent(t.http, viewer);
    expectProblem(await asViewer.post(`${base}/requests/import`).send({ text: LETTER }), 403, 'FORBIDDEN');
    const asOutsider = await tokenAgent(t.http, outsider);
    expectProblem(await asOutsider.post(`${base}/requests/import`).send({ text: LETTER }), 404, 'NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('refuses a workbook that would unpack to more than the limit (a zip bomb) before reading it', async () => {
    // A ZIP whose central directory declares one 100 MB entry: checked before any unpacking.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(100 * 1024 * 1024, 24);
    central.writeUInt16LE(name.length, 28);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(local.length, 16);
    const res = await importFile(Buffer.concat([local, central, name, eocd]), 'bomb.xlsx');
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE', ['file']);
  });

  it('serves the templates, and a filled-in template imports', async () => {
    await importLetter();
    const csvTemplate = await asLead.get(`${base}/requests/import-template?format=csv`);
    expect(csvTemplate.status).toBe(200);
    expect(csvTemplate.headers['content-disposition']).toBe('attachment; filename="requests-import-template.csv"');
    expect(parse(csvTemplate.text, { bom: true })).toEqual([
      ['Ordinal', 'Title', 'Text', 'Provision reference', 'Subjects', 'Form'],
    ]);
    const xlsxTemplate = await asLead
      .get(`${base}/subjects/import-template?format=xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsxTemplate.headers['content-type']).toBe(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxTemplate.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Subjects', 'How to fill']);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'Product', 'Owner email']);

    sheet.addRow(['Atlas Desktop', 'Atlas', colleague.email.toUpperCase()]);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await sendFile(`${base}/subjects/import`, filled, 'subjects.xlsx', XLSX_TYPE);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ created: 1, updated: 0, unchanged: 0, refused: 0 });
    const desktop = await t.prisma.subject.findFirstOrThrow({ where: { auditId, name: 'Atlas Desktop' } });
    expect([desktop.product, desktop.ownerId]).toEqual(['Atlas', colleague.id]);
    expect(await t.prisma.response.count({ where: { subjectId: desktop.id } })).toBe(
      await t.prisma.auditRequest.count({ where: { auditId, appliesToAll: true } }),
    );
    expectProblem(await asLead.get(`${base}/requests/import-template?format=pdf`), 400, 'VALIDATION_FAILED', [
      'format',
    ]);
  });

  it('imports subjects from a CSV: preview first, owners must be working members, re-import unchanged', async () => {
    const file = csv([
      ['Name', 'Product', 'Owner email'],
      ['Atlas Web', 'Atlas', lead.email],
      ['Atlas Kiosk', '', ''],
      ['Atlas TV', '', viewer.email],
      ['Atlas Car', '', 'nobody@example.com'],
      ['', 'Atlas', ''],
    ]);
    const before = await counts();
    const preview = await sendFile(`${base}/subjects/import?dryRun=true`, file, 'subjects.csv', 'text/csv');
    expect(preview.status).toBe(200);
    const expected = [
      [2, 'Atlas Web', 'updated', null],
      [3, 'Atlas Kiosk', 'created', null],
      [4, 'Atlas TV', 'refused', `Row 4: the owner ${viewer.email} must be a member who can write (a viewer cannot).`],
      [
        5,
        'Atlas Car',
        'refused',
        'Row 5: the owner nobody@example.com must be a member of this audit whose account is active.',
      ],
      [6, '', 'refused', 'Row 6: the name is missing.'],
    ];
    const subjectOutcomes = (res: Res) =>
      (res.body.rows as { row: number; name: string; outcome: string; reason: string | null }[]).map((r) => [
        r.row,
        r.name,
        r.outcome,
        r.reason,
      ]);
    expect(subjectOutcomes(preview)).toEqual(expected);
    expect(await counts()).toEqual(before);

    const res = await sendFile(`${base}/subjects/import`, file, 'subjects.csv', 'text/csv');
    expect(subjectOutcomes(res)).toEqual(expected);
    const web = await t.prisma.subject.findFirstOrThrow({ where: { auditId, name: 'Atlas Web' } });
    expect([web.product, web.ownerId]).toEqual(['Atlas', lead.id]);
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'subject', entityId: web.id },
      select: { action: true, entityId: true },
    });
    expect(events).toEqual(expect.arrayContaining([{ action: 'updated', entityId: web.id }]));

    const again = await sendFile(`${base}/subjects/import`, file, 'subjects.csv', 'text/csv');
    expect(again.body.counts).toEqual({ created: 0, updated: 0, unchanged: 2, refused: 3 });
    const json = await asLead.post(`${base}/subjects/import`).send({ text: 'Atlas' });
    // A JSON body on a route that takes a file upload is refused by its type, before any field is read.
    expectProblem(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});
