// Audit forms (issue 18): counsel keep form templates, give a request a form (a copy of a
// template, revised later without losing answers), subjects answer it field by field with the
// response's version check and status rules, and counsel compare one request across subjects,
// on screen and as a spreadsheet.
import ExcelJS from 'exceljs';
import { Prisma } from '@app/db';
import { createTestApp, type TestApp } from '../support/app';
import { type Body, sleep } from '../support/bytes';
import { multipart } from '../support/multipart';
import { getPdf } from '../support/pdf';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  grid,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
  uid,
} from '../support/factories';

const DATA_INVENTORY = [
  {
    key: 'categories',
    label: 'Categories of data',
    required: true,
    type: 'MULTIPLE_CHOICE',
    options: ['Tweets', 'Profiles', 'Direct messages'],
  },
  { key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' },
  { key: 'period', label: 'Period held', required: false, type: 'DATE_RANGE' },
  { key: 'still_held', label: 'Still held', required: true, type: 'YES_NO' },
  { key: 'destroyed_on', label: 'Destroyed on', required: false, type: 'DATE' },
  { key: 'how', label: 'How it was destroyed', required: false, type: 'LONG_TEXT', help: 'Method and who did it.' },
  { key: 'purpose', label: 'Purpose', required: false, type: 'SINGLE_CHOICE', options: ['Analytics', 'Advertising'] },
  { key: 'system', label: 'System of record', required: false, type: 'SHORT_TEXT' },
  {
    key: 'recipients',
    label: 'Government entities',
    required: false,
    type: 'TABLE',
    columns: [
      { key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: true },
      { key: 'country', label: 'Country', type: 'SHORT_TEXT' },
      { key: 'received', label: 'Received data', type: 'YES_NO' },
    ],
  },
  { key: 'proof', label: 'Supporting evidence', required: false, type: 'EVIDENCE' },
];

describe('audit forms', () => {
  let t: TestApp;
  let lead: TestUser;
  let counsel: TestUser;
  let contributor: TestUser;
  let asLead: Agent;
  let asCounsel: Agent;
  let asContributor: Agent;
  let auditId: string;
  let subjectA: Body;
  let subjectB: Body;
  let templateId: string;
  let templateName: string;
  let requestId: string;
  let cellA: Body;
  let cellB: Body;
  let evidenceId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    [lead, counsel, contributor] = await Promise.all(
      ['form-lead', 'form-counsel', 'form-contributor'].map((label) => newUser(t.prisma, { label })),
    );
    [asLead, asCounsel, asContributor] = await Promise.all(
      [lead, counsel, contributor].map((u) => tokenAgent(t.http, u)),
    );
    auditId = (await newAuditViaApi(asLead)).id;
    await addMember(asLead, auditId, counsel, 'COUNSEL');
    await addMember(asLead, auditId, contributor, 'CONTRIBUTOR');
    subjectA = await addSubject(asLead, auditId, { name: `Bing ${uid()}` });
    subjectB = await addSubject(asLead, auditId, { name: `Xbox ${uid()}` });
  });
  afterAll(() => t.close());

  const a = () => `/api/audits/${auditId}`;
  const formPath = () => `${a()}/requests/${requestId}/form`;
  const patch = (cell: Body, body: Body) => asLead.patch(`${a()}/responses/${cell.id}`).send(body);
  const read = async (cell: Body) => {
    const res = await asLead.get(`${a()}/responses/${cell.id}`);
    expect(res.status).toBe(200);
    return res.body as Body;
  };

  describe('templates', () => {
    it('are saved by counsel, not by people who are counsel nowhere', async () => {
      templateName = `Data inventory ${uid()}`;
      const refused = await asContributor
        .post('/api/form-templates')
        .send({ name: templateName, fields: DATA_INVENTORY });
      expectProblem(refused, 403, 'FORBIDDEN');
      expect(refused.body.detail).toMatch(/form templates/);

      const saved = await asCounsel
        .post('/api/form-templates')
        .send({ name: templateName, description: 'What data is held, and for how long.', fields: DATA_INVENTORY });
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({ name: templateName, version: 1, usedBy: 0 });
      expect(saved.body.fields.map((f: Body) => f.key)).toEqual(DATA_INVENTORY.map((f) => f.key));
      expect(saved.body.fields[1]).toEqual({
        key: 'volume',
        label: 'Volume',
        required: true,
        type: 'NUMBER',
        unit: 'records',
      });
      templateId = saved.body.id;

      const listed = await asContributor.get('/api/form-templates');
      expect(listed.status).toBe(200);
      expect(listed.body.find((x: Body) => x.id === templateId)).toMatchObject({ name: templateName, usedBy: 0 });
      expect((await asContributor.get(`/api/form-templates/${templateId}`)).body.name).toBe(templateName);

      expectProblem(
        await asCounsel.post('/api/form-templates').send({ name: templateName, fields: DATA_INVENTORY }),
        409,
        'DUPLICATE',
        ['name'],
      );
    });

    it('refuse a bad definition, naming the field at fault', async () => {
      const name = `Bad ${uid()}`;
      // What class-validator says: a key that is not a key, a type that is not a type.
      const shape = await asCounsel.post('/api/form-templates').send({
        name,
        fields: [
          { key: 'Data Held', label: 'Data held', required: true, type: 'SHORT_TEXT' },
          { key: 'x', label: 'X', required: false, type: 'COLOUR' },
        ],
      });
      expectProblem(shape, 400, 'VALIDATION_FAILED', ['fields[0].key', 'fields[1].type']);
      // What checkFormDefinition says: a choice needs choices, keys are unique, a table its columns.
      const rules = await asCounsel.post('/api/form-templates').send({
        name,
        fields: [
          { key: 'purpose', label: 'Purpose', required: true, type: 'SINGLE_CHOICE', options: ['Only one'] },
          { key: 'purpose', label: 'Purpose again', required: false, type: 'SHORT_TEXT' },
          { key: 'entities', label: 'Entities', required: false, type: 'TABLE' },
        ],
      });
      expectProblem(rules, 400, 'VALIDATION_FAILED', ['fields[0].options', 'fields[1].key', 'fields[2].columns']);
      expect(rules.body.errors.find((e: Body) => e.field === 'fields[0].options').message).toBe(
        'Give "Purpose" at least two choices.',
      );
    });

    it('are revised with the version read: removed fields retire, a stale version is a 409', async () => {
      const name = `Retention ${uid()}`;
      const saved = (
        await asCounsel.post('/api/form-templates').send({
          name,
          fields: [
            { key: 'kept_for', label: 'Kept for', required: true, type: 'SHORT_TEXT' },
            { key: 'deleted', label: 'Deleted', required: false, type: 'YES_NO' },
          ],
        })
      ).body as Body;
      const revised = await asCounsel.put(`/api/form-templates/${saved.id}`).send({
        name: `${name} (v2)`,
        version: 1,
        fields: [{ key: 'kept_for', label: 'Retention period', required: true, type: 'SHORT_TEXT' }],
      });
      expect(revised.status).toBe(200);
      expect(revised.body).toMatchObject({ name: `${name} (v2)`, version: 2 });
      expect(revised.body.fields).toEqual([
        { key: 'kept_for', label: 'Retention period', required: true, type: 'SHORT_TEXT' },
        { key: 'deleted', label: 'Deleted', required: false, type: 'YES_NO', retired: true },
      ]);

      const stale = await asCounsel
        .put(`/api/form-templates/${saved.id}`)
        .send({ name, version: 1, fields: [{ key: 'kept_for', label: 'Kept', required: true, type: 'SHORT_TEXT' }] });
      expectProblem(stale, 409, 'VERSION_CONFLICT', ['version']);
      expect(stale.body.currentVersion).toBe(2);

      // A field keeps its type for life: its answers could not be re-read.
      const retyped = await asCounsel
        .put(`/api/form-templates/${saved.id}`)
        .send({ name, version: 2, fields: [{ key: 'kept_for', label: 'Kept', required: true, type: 'NUMBER' }] });
      expectProblem(retyped, 400, 'VALIDATION_FAILED', ['fields[0].type']);

      const events = await t.prisma.activityEvent.findMany({
        where: { entityType: 'form_template', entityId: saved.id },
        orderBy: { id: 'asc' },
      });
      expect(events.map((e) => e.action)).toEqual(['created', 'updated']);
      // Field by field: what was renamed and what retired, each entry naming its field.
      expect(events[1].changes).toEqual({
        name: { before: name, after: `${name} (v2)` },
        'form.kept_for': { before: 'Kept for', after: 'Retention period', label: 'Retention period' },
        'form.deleted': { before: 'Deleted (Yes or no, optional)', after: 'Retired: Deleted', label: 'Deleted' },
      });

      expectProblem(await asContributor.delete(`/api/form-templates/${saved.id}`), 403, 'FORBIDDEN');
      expect((await asCounsel.delete(`/api/form-templates/${saved.id}`)).status).toBe(204);
      expectProblem(await asCounsel.get(`/api/form-templates/${saved.id}`), 404, 'NOT_FOUND');
    });
  });

  describe("a request's form", () => {
    it('is a copy of the template picked when the request is created', async () => {
      expectProblem(
        await asLead.post(`${a()}/requests`).send({
          title: 'Data held',
          text: 'Describe the data.',
          formTemplateId: '00000000-0000-4000-8000-000000000000',
        }),
        422,
        'RULE_VIOLATION',
        ['formTemplateId'],
      );
      const request = await addRequest(asLead, auditId, {
        title: 'Data held',
        text: 'Describe the Twitter data held.',
        formTemplateId: templateId,
      });
      requestId = request.id;
      const form = await asContributor.get(formPath());
      expect(form.status).toBe(200);
      expect(form.body).toMatchObject({ requestId, templateId, templateName, version: 1, answeredCount: 0 });
      expect(form.body.fields).toHaveLength(DATA_INVENTORY.length);
      expect((await asLead.get(`/api/form-templates/${templateId}`)).body.usedBy).toBe(1);

      const bare = await addRequest(asLead, auditId, { title: 'No form' });
      expectProblem(await asLead.get(`${a()}/requests/${bare.id}/form`), 404, 'NOT_FOUND');

      [cellA] = await grid(asLead, auditId, { subjectId: subjectA.id, requestId });
      [cellB] = await grid(asLead, auditId, { subjectId: subjectB.id, requestId });
      const detail = await read(cellA);
      expect(detail.form.version).toBe(1);
      expect(detail.form.fields.map((f: Body) => f.key)).toEqual(DATA_INVENTORY.map((f) => f.key));
      expect(detail.formValues).toBeNull();
      expect((await read({ id: (await grid(asLead, auditId, { requestId: bare.id }))[0].id })).form).toBeNull();
    });

    it('is given to a request by counsel only, from a template or from fields, not both', async () => {
      const other = await addRequest(asLead, auditId, { title: 'Contacts' });
      const path = `${a()}/requests/${other.id}/form`;
      const fields = [{ key: 'contact', label: 'Contact', required: true, type: 'SHORT_TEXT' }];
      expectProblem(await asContributor.put(path).send({ fields }), 403, 'FORBIDDEN');
      expectProblem(await asLead.put(path).send({ fields, templateId }), 400, 'VALIDATION_FAILED', ['templateId']);
      const given = await asLead.put(path).send({ fields });
      expect(given.status).toBe(200);
      expect(given.body).toMatchObject({ templateId: null, templateName: null, version: 1, fields });
      expectProblem(await asLead.put(path).send({ fields }), 400, 'VALIDATION_FAILED', ['version']);
      expectProblem(await asLead.delete(path).query({ version: 2 }), 409, 'VERSION_CONFLICT', ['version']);
      expect((await asLead.delete(path).query({ version: 1 })).status).toBe(204);
      expectProblem(await asLead.get(path), 404, 'NOT_FOUND');
    });
  });

  describe('the request list', () => {
    it("sums up each request's form: fields in use, required ones, version and template", async () => {
      const list = async () => {
        const res = await asContributor.get(`${a()}/requests`).query({ pageSize: 500 });
        expect(res.status).toBe(200);
        return new Map((res.body.items as Body[]).map((r) => [r.title, r]));
      };
      const before = await list();
      expect(before.get('Data held')!.form).toEqual({
        fieldCount: DATA_INVENTORY.length,
        requiredCount: 3,
        version: 1,
        templateName,
      });
      expect(before.get('No form')!.form).toBeNull();

      // A request created from a template says so in its answer.
      const created = await asLead.post(`${a()}/requests`).send({
        title: 'Storage sites',
        text: 'Where is the data stored?',
        formTemplateId: templateId,
      });
      expect(created.status).toBe(201);
      expect(created.body.form).toEqual({
        fieldCount: DATA_INVENTORY.length,
        requiredCount: 3,
        version: 1,
        templateName,
      });

      // Retired fields are not counted; a written form has no template; a removed one reads null.
      const path = `${a()}/requests/${created.body.id}/form`;
      const revised = await asLead.put(path).send({ version: 1, fields: DATA_INVENTORY.slice(1, 3) });
      expect(revised.status).toBe(200);
      expect((await list()).get('Storage sites')!.form).toEqual({
        fieldCount: 2,
        requiredCount: 1,
        version: 2,
        templateName,
      });
      const other = await addRequest(asLead, auditId, { title: 'Written here' });
      const written = await asLead
        .put(`${a()}/requests/${other.id}/form`)
        .send({ fields: [{ key: 'who', label: 'Who', required: false, type: 'SHORT_TEXT' }] });
      expect(written.status).toBe(200);
      expect((await list()).get('Written here')!.form).toEqual({
        fieldCount: 1,
        requiredCount: 0,
        version: 1,
        templateName: null,
      });
      expect((await asLead.delete(`${a()}/requests/${other.id}/form`).query({ version: 1 })).status).toBe(204);
      expect((await list()).get('Written here')!.form).toBeNull();
    });
  });

  describe('the request import', () => {
    it('gives each new request the form its Form column names, and refuses an unknown one with the row', async () => {
      const rows = [
        ['Ordinal', 'Title', 'Text', 'Form'],
        ['41', 'Storage', 'Where is the data stored?', templateName.toUpperCase()],
        ['42', 'Access', 'Which entities had access?', 'No such form'],
        ['43', 'Notes', 'Anything else.', ''],
      ];
      const file = Buffer.from(rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n'), 'utf8');
      const form = multipart([], { fileName: 'requests.csv', content: file, contentType: 'text/csv' });
      const res = await asLead.post(`${a()}/requests/import`).set('Content-Type', form.contentType).send(form.body);
      expect(res.status).toBe(200);
      expect(res.body.counts).toEqual({ created: 2, updated: 0, unchanged: 0, refused: 1 });
      const [storage, access, notes] = res.body.rows as Body[];
      expect(storage).toMatchObject({ outcome: 'created', formTemplateName: templateName.toUpperCase() });
      expect(access).toMatchObject({
        outcome: 'refused',
        reason: 'Row 3: there is no form template named "No such form".',
      });
      expect(notes).toMatchObject({ outcome: 'created', formTemplateName: null });
      const given = await asLead.get(`${a()}/requests/${storage.requestId}/form`);
      expect(given.status).toBe(200);
      expect(given.body).toMatchObject({ templateId, templateName, version: 1 });
      expectProblem(await asLead.get(`${a()}/requests/${notes.requestId}/form`), 404, 'NOT_FOUND');
      const events = await asLead.get(`${a()}/activity`).query({ entityType: 'request', entityId: storage.requestId });
      expect((events.body.items as Body[]).map((e) => e.action).sort()).toEqual(['created', 'form_set']);
    });
  });

  describe('filling in', () => {
    it('takes a value of each kind, partially, and reads them back', async () => {
      const note = await asLead
        .post(`${a()}/evidence`)
        .send({ kind: 'NOTE', title: 'Retention statement', body: 'Deleted monthly.', responseIds: [cellA.id] });
      expect(note.status).toBe(201);
      evidenceId = note.body.id;

      const first = await patch(cellA, {
        version: cellA.version,
        formValues: {
          categories: ['Tweets', 'Profiles'],
          volume: 1200,
          period: { from: '2022-01-01', to: '2023-03-31' },
          still_held: false,
          destroyed_on: '2023-06-07',
          how: 'Overwritten by the nightly job.\nConfirmed by IT.',
        },
      });
      expect(first.status).toBe(200);
      const second = await patch(cellA, {
        version: first.body.version,
        formValues: {
          purpose: 'Analytics',
          system: 'Cosmos',
          recipients: [{ entity: 'Federal agency', country: 'US', received: true }],
          proof: [evidenceId],
        },
      });
      expect(second.status).toBe(200);
      expect(second.body.formValues).toEqual({
        categories: ['Tweets', 'Profiles'],
        volume: 1200,
        period: { from: '2022-01-01', to: '2023-03-31' },
        still_held: false,
        destroyed_on: '2023-06-07',
        how: 'Overwritten by the nightly job.\nConfirmed by IT.',
        purpose: 'Analytics',
        system: 'Cosmos',
        recipients: [{ entity: 'Federal agency', country: 'US', received: true }],
        proof: [evidenceId],
      });
      expect((await read(cellA)).formValues).toEqual(second.body.formValues);
      // null clears one value; the others stay.
      const cleared = await patch(cellA, { version: second.body.version, formValues: { system: null } });
      expect(cleared.status).toBe(200);
      expect(cleared.body.formValues.system).toBeUndefined();
      expect(cleared.body.formValues.volume).toBe(1200);
      cellA = cleared.body;
      expect((await asLead.get(formPath())).body.answeredCount).toBe(1);
    });

    it('refuses a bad value naming formValues.<key>, and evidence not linked to the response', async () => {
      const bad = await patch(cellA, { version: cellA.version, formValues: { volume: 'lots', nope: 1 } });
      expectProblem(bad, 400, 'VALIDATION_FAILED', ['formValues.nope', 'formValues.volume']);
      expect(bad.body.errors.find((e: Body) => e.field === 'formValues.volume').message).toBe(
        '"Volume" takes a number.',
      );
      const cell = await patch(cellA, {
        version: cellA.version,
        formValues: { recipients: [{ entity: 'Agency', received: 'maybe' }] },
      });
      expectProblem(cell, 400, 'VALIDATION_FAILED', ['formValues.recipients[0].received']);
      expectProblem(
        await patch(cellB, { version: cellB.version, formValues: { proof: [evidenceId] } }),
        400,
        'VALIDATION_FAILED',
        ['formValues.proof'],
      );
      expect((await read(cellA)).version).toBe(cellA.version);
    });

    it('refuses a stale version without saving anything', async () => {
      const stale = await patch(cellA, { version: cellA.version - 1, formValues: { volume: 5 } });
      expectProblem(stale, 409, 'VERSION_CONFLICT', ['version']);
      expect((await read(cellA)).formValues.volume).toBe(1200);
    });

    it('refuses review while required entries are empty, each named, and takes it once they are filled', async () => {
      const refused = await patch(cellB, {
        version: cellB.version,
        status: 'IN_REVIEW',
        formValues: { categories: ['Tweets'], recipients: [{ country: 'DE' }] },
      });
      expectProblem(refused, 422, 'RULE_VIOLATION', [
        'formValues.recipients[0].entity',
        'formValues.still_held',
        'formValues.volume',
      ]);
      expect(refused.body.errors).toContainEqual({
        field: 'formValues.volume',
        message: 'Answer "Volume": it is required.',
      });
      expect((await read(cellB)).formValues).toBeNull();

      const filled = await patch(cellB, {
        version: cellB.version,
        status: 'IN_REVIEW',
        formValues: { categories: ['Tweets'], volume: 800, still_held: true },
      });
      expect(filled.status).toBe(200);
      expect(filled.body.status).toBe('IN_REVIEW');
      // The free-text answer is optional with a form: it stays as notes.
      expect(filled.body.answer).toBeNull();
      cellB = filled.body;
    });

    it('records field-level before and after, as the values read, with the field labels', async () => {
      const res = await asLead
        .get(`${a()}/activity`)
        .query({ entityType: 'response', entityId: cellA.id, pageSize: 50 });
      expect(res.status).toBe(200);
      const changes = (res.body.items as Body[]).map((e) => e.changes as Body);
      const all = Object.assign({}, ...changes.reverse()) as Body;
      expect(all['formValues.volume']).toEqual({ before: null, after: '1,200 records', label: 'Volume' });
      expect(all['formValues.period']).toEqual({
        before: null,
        after: '1 Jan 2022 – 31 Mar 2023',
        label: 'Period held',
      });
      expect(all['formValues.still_held']).toEqual({ before: null, after: 'No', label: 'Still held' });
      expect(all['formValues.proof']).toEqual({
        before: null,
        after: 'Retention statement',
        label: 'Supporting evidence',
      });
      expect(all['formValues.recipients']).toEqual({
        before: null,
        after: 'Entity: Federal agency; Country: US; Received data: Yes',
        label: 'Government entities',
      });
      expect(all['formValues.system']).toEqual({ before: 'Cosmos', after: null, label: 'System of record' });
    });
  });

  describe('removal racing an edit', () => {
    /** Holds a transaction open until `release()`; `isLocked` settles once it holds its row lock. */
    function lockGate() {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      return { held, release, locked, isLocked };
    }

    /** Polls pg_stat_activity (up to 100 times, 50 ms apart) until a statement like `pattern` waits on a lock. */
    async function untilLockWait(pattern: string) {
      for (let i = 0; i < 100; i++) {
        const [{ waiting }] = await t.prisma.$queryRaw<{ waiting: number }[]>`
          SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query ILIKE ${pattern}`;
        if (waiting > 0) return;
        await sleep(50);
      }
    }

    it('waits for an edit holding the form, then sees its answers and refuses the removal', async () => {
      const other = await addRequest(asLead, auditId, { title: 'Retention' });
      const path = `${a()}/requests/${other.id}/form`;
      const fields = [{ key: 'kept', label: 'Kept until', required: false, type: 'SHORT_TEXT' }];
      expect((await asLead.put(path).send({ fields })).status).toBe(200);
      const [cell] = await grid(asLead, auditId, { subjectId: subjectA.id, requestId: other.id });
      // An edit as ResponsesService.update makes it: the form row share-locked, then values written.
      const { held, release, locked, isLocked } = lockGate();
      const edit = t.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1 AS locked FROM request_forms WHERE request_id = ${other.id}::uuid FOR SHARE`;
          locked();
          await held;
          await tx.response.update({ where: { id: cell.id }, data: { formValues: { kept: '2030' } } });
        },
        { timeout: 60_000 },
      );
      await isLocked;
      const removal = asLead
        .delete(path)
        .query({ version: 1 })
        .then((res) => res);
      // The removal waits for the edit's lock (a lock wait in pg_stat_activity); without the
      // lock it would have answered 204 by now, before the values were written.
      await untilLockWait('%request_forms%FOR UPDATE%');
      release();
      await edit;
      expectProblem(await removal, 422, 'RULE_VIOLATION');
      expect((await asLead.get(path)).status).toBe(200);
    });

    it('makes an edit wait for a removal holding the form, then refuses the values as formless', async () => {
      const other = await addRequest(asLead, auditId, { title: 'Backups' });
      const path = `${a()}/requests/${other.id}/form`;
      const fields = [{ key: 'copies', label: 'Copies', required: false, type: 'NUMBER' }];
      expect((await asLead.put(path).send({ fields })).status).toBe(200);
      const [cell] = await grid(asLead, auditId, { subjectId: subjectA.id, requestId: other.id });
      // A removal as RequestFormsService.remove makes it: the form row locked for update, then deleted.
      const { held, release, locked, isLocked } = lockGate();
      const removal = t.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1 AS locked FROM request_forms WHERE request_id = ${other.id}::uuid FOR UPDATE`;
          await tx.requestForm.delete({ where: { requestId: other.id } });
          locked();
          await held;
        },
        { timeout: 60_000 },
      );
      await isLocked;
      const edit = patch(cell, { version: cell.version, formValues: { copies: 3 } }).then((res) => res);
      await untilLockWait('%request_forms%FOR SHARE%');
      release();
      await removal;
      // Without the lock the edit read the form before the removal committed, and saved values with no form.
      expectProblem(await edit, 400, 'VALIDATION_FAILED', ['formValues']);
      expect((await read(cell)).formValues).toBeNull();
    });

    it('refuses a new form while a response still holds answers to an earlier one, naming the subject', async () => {
      const other = await addRequest(asLead, auditId, { title: 'Leftovers' });
      const [cell] = await grid(asLead, auditId, { subjectId: subjectB.id, requestId: other.id });
      // Values without a form, as a removal that raced an edit before the lock could leave them.
      await t.prisma.response.update({ where: { id: cell.id }, data: { formValues: { kept: 2030 } } });
      const path = `${a()}/requests/${other.id}/form`;
      const fields = [{ key: 'kept', label: 'Kept until', required: false, type: 'DATE' }];
      const refused = await asLead.put(path).send({ fields });
      expectProblem(refused, 422, 'RULE_VIOLATION', ['fields']);
      expect(refused.body.detail).toContain(subjectB.name);
      expectProblem(await asLead.put(path).send({ templateId }), 422, 'RULE_VIOLATION', ['templateId']);
      expectProblem(await asLead.get(path), 404, 'NOT_FOUND');
    });
  });

  describe('revising an answered form', () => {
    it('retires a removed field: its value stays readable and can no longer be edited', async () => {
      const current = (await asLead.get(formPath())).body as Body;
      const kept = DATA_INVENTORY.filter((f) => f.key !== 'system' && f.key !== 'how');
      expectProblem(
        await asLead.put(formPath()).send({ version: current.version + 1, fields: kept }),
        409,
        'VERSION_CONFLICT',
        ['version'],
      );
      const revised = await asLead.put(formPath()).send({ version: current.version, fields: kept });
      expect(revised.status).toBe(200);
      expect(revised.body.version).toBe(current.version + 1);
      expect(revised.body.fields.slice(-2)).toEqual([
        expect.objectContaining({ key: 'how', retired: true }),
        expect.objectContaining({ key: 'system', retired: true }),
      ]);
      const detail = await read(cellA);
      expect(detail.form.fields.find((f: Body) => f.key === 'how').retired).toBe(true);
      expect(detail.formValues.how).toBe('Overwritten by the nightly job.\nConfirmed by IT.');
      expectProblem(
        await patch(cellA, { version: detail.version, formValues: { how: 'Shredded.' } }),
        400,
        'VALIDATION_FAILED',
        ['formValues.how'],
      );
      expectProblem(await asLead.delete(formPath()).query({ version: revised.body.version }), 422, 'RULE_VIOLATION');

      const [event] = await t.prisma.activityEvent.findMany({
        where: { entityType: 'request', entityId: requestId, action: 'form_revised' },
        orderBy: { id: 'desc' },
        take: 1,
      });
      expect(event.changes).toEqual({
        'form.how': {
          before: 'How it was destroyed (Long text, optional)',
          after: 'Retired: How it was destroyed',
          label: 'How it was destroyed',
        },
        'form.system': {
          before: 'System of record (Short text, optional)',
          after: 'Retired: System of record',
          label: 'System of record',
        },
      });
    });
  });

  describe('answers a form no longer asks for', () => {
    // Can a response keep values nobody can clear? A form with answers cannot be removed (above),
    // a removal and an edit never interleave (the race tests), and neither a new template nor an
    // import takes a key away: every value stays under a field of the request's form, and null
    // clears it, retired or not. Values left on a request with no form would be stuck (an edit of
    // a formless request takes no formValues), so each path that could leave them is walked here.
    it('are kept under the form a template replaced, refused by an import, and cleared by null', async () => {
      const request = await addRequest(asLead, auditId, { title: 'Sites', text: 'Where is it kept?', ordinal: 90 });
      const path = `${a()}/requests/${request.id}/form`;
      const site = { key: 'site', label: 'Site', required: false, type: 'SHORT_TEXT' };
      expect((await asLead.put(path).send({ fields: [site] })).status).toBe(200);
      const [cell] = await grid(asLead, auditId, { subjectId: subjectA.id, requestId: request.id });
      const filled = await patch(cell, { version: cell.version, formValues: { site: 'Leeds' } });
      expect(filled.status).toBe(200);

      // Replaced by a template: the old field retires, its value still under the form's keys.
      const replaced = await asLead.put(path).send({ version: 1, templateId });
      expect(replaced.status).toBe(200);
      expect(replaced.body.fields.at(-1)).toMatchObject({ key: 'site', retired: true });
      expect(replaced.body.answeredCount).toBe(1);

      // An import naming another template, whose "site" is a number, leaves the form alone.
      const other = await asLead.post('/api/form-templates').send({
        name: `Sites as numbers ${uid()}`,
        fields: [{ key: 'site', label: 'Site number', required: false, type: 'NUMBER' }],
      });
      expect(other.status).toBe(201);
      const rows = [
        ['Ordinal', 'Title', 'Text', 'Form'],
        ['90', 'Sites', 'Where is it kept?', other.body.name],
      ];
      const file = Buffer.from(rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n'), 'utf8');
      const upload = multipart([], { fileName: 'requests.csv', content: file, contentType: 'text/csv' });
      const imported = await asLead
        .post(`${a()}/requests/import`)
        .set('Content-Type', upload.contentType)
        .send(upload.body);
      expect(imported.status).toBe(200);
      expect(imported.body.rows[0]).toMatchObject({ outcome: 'unchanged', requestId: request.id });
      const form = (await asLead.get(path)).body as Body;
      expect(form).toMatchObject({ templateId, version: 2 });
      expect(form.fields.find((f: Body) => f.key === 'site')).toMatchObject({ type: 'SHORT_TEXT', retired: true });

      // While it holds the answer the form stays; null clears the retired value, and the log keeps what it said.
      expectProblem(await asLead.delete(path).query({ version: 2 }), 422, 'RULE_VIOLATION');
      const held = await read(cell);
      expect(held.formValues).toEqual({ site: 'Leeds' });
      const cleared = await patch(cell, { version: held.version, formValues: { site: null } });
      expect(cleared.status).toBe(200);
      expect(cleared.body.formValues).toBeNull();
      const [event] = await t.prisma.activityEvent.findMany({
        where: { entityType: 'response', entityId: cell.id },
        orderBy: { id: 'desc' },
        take: 1,
      });
      expect(event.changes).toEqual({ 'formValues.site': { before: 'Leeds', after: null, label: 'Site' } });
      expect((await asLead.delete(path).query({ version: 2 })).status).toBe(204);
      expect(
        await t.prisma.response.count({ where: { requestId: request.id, formValues: { not: Prisma.DbNull } } }),
      ).toBe(0);
    });
  });

  describe('comparison', () => {
    it('puts every subject in a row, flags differing fields and empty required ones', async () => {
      const res = await asContributor.get(`${formPath()}/comparison`);
      expect(res.status).toBe(200);
      const body = res.body as Body;
      expect(body.request).toEqual({ id: requestId, ordinal: expect.any(Number), title: 'Data held' });
      // Active fields, then the retired one an answer still holds ("how"; "system" was cleared).
      expect(body.fields.map((f: Body) => f.key)).toEqual([
        ...DATA_INVENTORY.map((f) => f.key).filter((k) => k !== 'system' && k !== 'how'),
        'how',
      ]);
      const rowOf = (subject: Body) => body.rows.find((r: Body) => r.subject.id === subject.id);
      expect(rowOf(subjectA)).toMatchObject({ responseId: cellA.id, status: 'IN_PROGRESS', missing: [] });
      expect(rowOf(subjectB)).toMatchObject({
        responseId: cellB.id,
        subject: { id: subjectB.id, name: subjectB.name },
        status: 'IN_REVIEW',
        values: { categories: ['Tweets'], volume: 800, still_held: true },
        missing: [],
      });
      expect(body.differing).toEqual(['categories', 'volume', 'still_held']);

      // A required field emptied (by counsel, who may reopen it) shows as missing.
      const emptied = await patch(cellB, {
        version: cellB.version,
        status: 'IN_PROGRESS',
        formValues: { still_held: null },
      });
      expect(emptied.status).toBe(200);
      cellB = emptied.body;
      const again = (await asContributor.get(`${formPath()}/comparison`)).body as Body;
      expect(again.rows.find((r: Body) => r.subject.id === subjectB.id).missing).toEqual(['still_held']);
      expect(again.differing).toEqual(['categories', 'volume']);
    });

    it('exports the comparison as a spreadsheet: a row per subject, values as they read', async () => {
      const res = await getPdf(asContributor, `${formPath()}/comparison.xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename=".+-request-\d+-form-comparison-2023-05-25\.xlsx"$/,
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body);
      const sheet = book.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual([
        'Subject',
        'Status',
        'Categories of data',
        'Volume',
        'Period held',
        'Still held',
        'Destroyed on',
        'Purpose',
        'Government entities',
        'Supporting evidence',
        'How it was destroyed (retired)',
        'Required and empty',
        'Differs from other subjects in',
      ]);
      const rowOf = (name: string) => {
        for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === name) return sheet.getRow(r);
        throw new Error(`no row for ${name}`);
      };
      const cell = (name: string, column: string) => rowOf(name).getCell(header.indexOf(column) + 1).value ?? '';
      expect(sheet.rowCount).toBe(3);
      expect(cell(subjectA.name, 'Categories of data')).toBe('Tweets; Profiles');
      expect(cell(subjectA.name, 'Volume')).toBe('1,200 records');
      expect(cell(subjectA.name, 'Period held')).toBe('1 Jan 2022 – 31 Mar 2023');
      expect(cell(subjectA.name, 'Still held')).toBe('No');
      expect(cell(subjectA.name, 'Destroyed on')).toBe('7 Jun 2023');
      expect(cell(subjectA.name, 'Government entities')).toBe(
        'Entity: Federal agency; Country: US; Received data: Yes',
      );
      expect(cell(subjectA.name, 'Supporting evidence')).toBe('Retention statement');
      expect(cell(subjectA.name, 'How it was destroyed (retired)')).toBe(
        'Overwritten by the nightly job.\nConfirmed by IT.',
      );
      expect(cell(subjectA.name, 'Status')).toBe('In progress');
      expect(cell(subjectB.name, 'Volume')).toBe('800 records');
      expect(cell(subjectB.name, 'Still held')).toBe('');
      expect(cell(subjectB.name, 'Required and empty')).toBe('Still held');
      expect(cell(subjectB.name, 'Differs from other subjects in')).toBe('Categories of data; Volume');
    });

    it('is for members of the audit only', async () => {
      const outsider = await tokenAgent(t.http, await newUser(t.prisma, { label: 'form-outsider' }));
      expectProblem(await outsider.get(`${formPath()}/comparison`), 404, 'NOT_FOUND');
      expectProblem(await outsider.get(`${formPath()}/comparison.xlsx`), 404, 'NOT_FOUND');
      expectProblem(await outsider.get(formPath()), 404, 'NOT_FOUND');
    });
  });
});
