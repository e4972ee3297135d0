// Copying an audit as a new demand: the copy holds exactly the structure (provisions,
// subjects, requests with their citations and subjects), the team and who does which cell,
// and none of the work (answers, statuses, comments, evidence, history). Lead counsel only.
import { Prisma } from '@app/db';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  cell,
  expectProblem,
  grid,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
  uid,
} from '../support/factories';

describe('copying an audit as a new one', () => {
  let t: TestApp;
  let lead: TestUser;
  let counsel: TestUser;
  let contributor: TestUser;
  let viewer: TestUser;
  let admin: TestUser;
  let outsider: TestUser;
  let asLead: Agent;
  let asCounsel: Agent;
  let asContributor: Agent;
  let asAdmin: Agent;
  let asOutsider: Agent;
  let source: { id: string; title: string; referenceCode: string };
  const ids: Record<string, string> = {};

  const newDemand = (overrides: Record<string, unknown> = {}) => {
    const id = uid();
    return {
      title: `Second demand ${id}`,
      referenceCode: `COPY-${id}`,
      letterDate: '2024-01-10',
      receivedOn: '2024-01-12',
      responseDeadline: '2024-02-14T17:00',
      deadlineTimeZone: 'Europe/London',
      ...overrides,
    };
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    [lead, counsel, contributor, viewer, outsider] = await Promise.all(
      ['copy-lead', 'copy-counsel', 'copy-contributor', 'copy-viewer', 'copy-outsider'].map((label) =>
        newUser(t.prisma, { label }),
      ),
    );
    admin = await newUser(t.prisma, { label: 'copy-admin', orgRole: 'ADMIN' });
    [asLead, asCounsel, asContributor, asAdmin, asOutsider] = await Promise.all(
      [lead, counsel, contributor, admin, outsider].map((u) => tokenAgent(t.http, u)),
    );

    source = await newAuditViaApi(asLead, {
      demandingParty: 'Oracle America, Inc.',
      respondingParty: 'Acme Ltd',
      agreementTitle: 'Oracle Master Agreement',
      agreementVersion: 'v2019',
      responseDeadline: '2023-06-07T17:00',
      deadlineTimeZone: 'America/New_York',
      notes: 'Internal notes stay with the first demand.',
    });
    const a = `/api/audits/${source.id}`;
    await addMember(asLead, source.id, counsel, 'COUNSEL');
    await addMember(asLead, source.id, contributor, 'CONTRIBUTOR');
    await addMember(asLead, source.id, viewer, 'VIEWER');
    const audit = (await asLead.post(`${a}/provisions`).send({ reference: '12.3', title: 'Audit rights' })).body;
    const records = (await asLead.post(`${a}/provisions`).send({ reference: '4.1', title: 'Records', text: 'Keep.' }))
      .body;
    const ebs = await addSubject(asLead, source.id, { name: 'E-Business Suite', ownerId: contributor.id });
    const dw = await addSubject(asLead, source.id, { name: 'Data warehouse', product: 'Exadata' });
    const r1 = await addRequest(asLead, source.id, { title: 'Deployments', provisionId: audit.id });
    const r2 = await addRequest(asLead, source.id, {
      title: 'Processor counts',
      provisionId: records.id,
      appliesToAll: false,
      subjectIds: [dw.id],
    });
    const r3 = await addRequest(asLead, source.id, { title: 'Named users', ordinal: 7 });
    Object.assign(ids, { ebs: ebs.id, dw: dw.id, r1: r1.id, r2: r2.id, r3: r3.id });

    const cells = await grid(asLead, source.id);
    const assigned = cell(cells, ebs.id, r1.id);
    const edit = await asLead.patch(`${a}/responses/${assigned.id}`).send({
      version: assigned.version,
      assigneeId: contributor.id,
      reviewerId: counsel.id,
      dueDate: '2023-06-01',
    });
    expect(edit.status).toBe(200);
    const answered = cell(cells, dw.id, r2.id);
    const answer = await asLead
      .patch(`${a}/responses/${answered.id}`)
      .send({ version: answered.version, assigneeId: contributor.id, answer: '48 processors.', status: 'IN_PROGRESS' });
    expect(answer.status).toBe(200);
    expect((await asLead.post(`${a}/responses/${answered.id}/comments`).send({ body: 'Check' })).status).toBe(201);
    const note = await asLead
      .post(`${a}/evidence`)
      .send({ kind: 'NOTE', title: 'Statement', body: 'We run 48.', responseIds: [answered.id] });
    expect(note.status).toBe(201);
  });
  afterAll(() => t.close());

  it('copies the structure, the team and the assignments, and none of the work, in a DRAFT', async () => {
    const demand = newDemand();
    const res = await asLead.post(`/api/audits/${source.id}/copy`).send(demand);
    expect(res.status).toBe(201);
    const copy = res.body;
    expect(copy).toMatchObject({
      title: demand.title,
      referenceCode: demand.referenceCode,
      status: 'DRAFT',
      letterDate: '2024-01-10',
      receivedOn: '2024-01-12',
      responseDeadline: '2024-02-14T17:00:00.000Z',
      deadlineTimeZone: 'Europe/London',
      demandingParty: 'Oracle America, Inc.',
      respondingParty: 'Acme Ltd',
      agreementTitle: 'Oracle Master Agreement',
      agreementVersion: 'v2019',
      notes: null,
      submittedAt: null,
      myRole: 'LEAD_COUNSEL',
    });
    const c = `/api/audits/${copy.id}`;

    const provisions = (await asLead.get(`${c}/provisions`)).body.items;
    expect(
      provisions.map((p: { reference: string; title: string; text: string | null }) => [p.reference, p.title, p.text]),
    ).toEqual([
      ['12.3', 'Audit rights', null],
      ['4.1', 'Records', 'Keep.'],
    ]);
    const subjects = (await asLead.get(`${c}/subjects`)).body.items;
    expect(
      subjects.map((s: { name: string; position: number; product: string | null; owner: unknown }) => [
        s.name,
        s.position,
        s.product,
        s.owner,
      ]),
    ).toEqual([
      ['E-Business Suite', 1, null, { id: contributor.id, name: contributor.name }],
      ['Data warehouse', 2, 'Exadata', null],
    ]);
    const dwCopy = subjects[1].id;
    const requests = (await asLead.get(`${c}/requests`)).body.items;
    expect(
      requests.map(
        (r: { ordinal: number; title: string; provision: { reference: string } | null; subjectIds: string[] }) => [
          r.ordinal,
          r.title,
          r.provision?.reference ?? null,
          r.subjectIds,
        ],
      ),
    ).toEqual([
      [1, 'Deployments', '12.3', []],
      [2, 'Processor counts', '4.1', [dwCopy]],
      [7, 'Named users', null, []],
    ]);
    // New rows, not the original's.
    expect(requests.map((r: { id: string }) => r.id)).not.toContain(ids.r1);
    expect(subjects.map((s: { id: string }) => s.id)).not.toContain(ids.ebs);

    const members = (await asLead.get(`${c}/members`)).body.items;
    expect(members.map((m: { userId: string; role: string }) => `${m.userId} ${m.role}`).sort()).toEqual(
      [
        `${lead.id} LEAD_COUNSEL`,
        `${counsel.id} COUNSEL`,
        `${contributor.id} CONTRIBUTOR`,
        `${viewer.id} VIEWER`,
      ].sort(),
    );

    const cells = await grid(asLead, copy.id);
    expect(cells).toHaveLength(5);
    const described = cells.map((x) => ({
      at: `${x.subject.name} x ${x.request.ordinal}`,
      status: x.status,
      answer: x.answer,
      assignee: x.assignee?.id ?? null,
      reviewer: x.reviewer?.id ?? null,
      dueDate: x.dueDate,
      version: x.version,
      commentCount: x.commentCount,
    }));
    const blank = { status: 'NOT_STARTED', answer: null, version: 1, commentCount: 0 };
    expect(described).toEqual([
      // Due six days before the deadline day then, so six days before the new one.
      { at: 'E-Business Suite x 1', ...blank, assignee: contributor.id, reviewer: counsel.id, dueDate: '2024-02-08' },
      // Never assigned by hand: it started with its app's owner, as new cells do.
      { at: 'E-Business Suite x 7', ...blank, assignee: contributor.id, reviewer: null, dueDate: null },
      { at: 'Data warehouse x 1', ...blank, assignee: null, reviewer: null, dueDate: null },
      // The answer, status and comment stay behind; the assignment comes along.
      { at: 'Data warehouse x 2', ...blank, assignee: contributor.id, reviewer: null, dueDate: null },
      { at: 'Data warehouse x 7', ...blank, assignee: null, reviewer: null, dueDate: null },
    ]);

    const counts = {
      answers: await t.prisma.response.count({ where: { auditId: copy.id, answer: { not: null } } }),
      comments: await t.prisma.comment.count({ where: { response: { auditId: copy.id } } }),
      evidence: await t.prisma.evidence.count({ where: { auditId: copy.id } }),
      reports: await t.prisma.report.count({ where: { auditId: copy.id } }),
      extensions: await t.prisma.auditExtension.count({ where: { auditId: copy.id } }),
      invitations: await t.prisma.invitation.count({ where: { auditId: copy.id } }),
    };
    expect(counts).toEqual({ answers: 0, comments: 0, evidence: 0, reports: 0, extensions: 0, invitations: 0 });
    const activity = await t.prisma.activityEvent.findMany({ where: { auditId: copy.id } });
    expect(activity.map((e) => `${e.entityType} ${e.action}`)).toEqual(['audit copied']);
    expect(activity[0].changes).toMatchObject({
      copiedFrom: { before: null, after: `${source.title} (${source.referenceCode})` },
      copiedFromAuditId: { before: null, after: source.id },
      requests: { before: null, after: 3 },
      responses: { before: null, after: 5 },
    });

    // The original keeps its work.
    const original = await grid(asLead, source.id);
    expect(cell(original, ids.dw, ids.r2)).toMatchObject({ answer: '48 processors.', status: 'IN_PROGRESS' });
    expect(await t.prisma.evidence.count({ where: { auditId: source.id } })).toBe(1);
  });

  it('takes the parties given for the new demand', async () => {
    const res = await asLead.post(`/api/audits/${source.id}/copy`).send(
      newDemand({
        demandingParty: 'Oracle Corporation UK',
        demandingCounselName: 'J. Smith',
        periodStart: '2023-01-01',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      demandingParty: 'Oracle Corporation UK',
      demandingCounselName: 'J. Smith',
      respondingParty: 'Acme Ltd',
      periodStart: '2023-01-01',
    });
  });

  it('is for lead counsel: counsel and contributors get 403, non-members 404, an org admin may', async () => {
    const before = await t.prisma.audit.count();
    expectProblem(await asCounsel.post(`/api/audits/${source.id}/copy`).send(newDemand()), 403, 'FORBIDDEN');
    expectProblem(await asContributor.post(`/api/audits/${source.id}/copy`).send(newDemand()), 403, 'FORBIDDEN');
    const hidden = await asOutsider.post(`/api/audits/${source.id}/copy`).send(newDemand());
    expectProblem(hidden, 404, 'NOT_FOUND');
    expect(await t.prisma.audit.count()).toBe(before);

    const byAdmin = await asAdmin.post(`/api/audits/${source.id}/copy`).send(newDemand());
    expect(byAdmin.status).toBe(201);
    // The admin was no member of the original: they lead the copy, beside its team.
    const members = (await asAdmin.get(`/api/audits/${byAdmin.body.id}/members`)).body.items;
    expect(members.find((m: { userId: string }) => m.userId === admin.id)).toMatchObject({ role: 'LEAD_COUNSEL' });
    expect(members).toHaveLength(5);
  });

  it('refuses bad input with a 4xx naming the fields, and writes nothing', async () => {
    const before = await t.prisma.audit.count();
    const copy = (body: Record<string, unknown>) => asLead.post(`/api/audits/${source.id}/copy`).send(body);
    expectProblem(await copy({}), 400, 'VALIDATION_FAILED', [
      'deadlineTimeZone',
      'receivedOn',
      'referenceCode',
      'responseDeadline',
      'title',
    ]);
    expectProblem(
      await copy(newDemand({ deadlineTimeZone: 'Mars/Olympus', letterDate: '2024-02-30', demandingParty: null })),
      400,
      'VALIDATION_FAILED',
      ['deadlineTimeZone', 'demandingParty', 'letterDate'],
    );
    expectProblem(await copy(newDemand({ receivedOn: '2024-03-01' })), 400, 'VALIDATION_FAILED', ['receivedOn']);
    expectProblem(await copy(newDemand({ referenceCode: source.referenceCode })), 409, 'DUPLICATE', ['referenceCode']);
    expectProblem(await asLead.post(`/api/audits/not-a-uuid/copy`).send(newDemand()), 400, 'VALIDATION_FAILED', [
      'auditId',
    ]);
    expect(await t.prisma.audit.count()).toBe(before);
  });

  it("carries each request's form as it now reads, from its template where that still exists, and no answers", async () => {
    const src = await newAuditViaApi(asLead);
    const a = `/api/audits/${src.id}`;
    const subject = await addSubject(asLead, src.id, { name: 'Warehouse' });
    const templateFields = [
      { key: 'held', label: 'Data held', required: true, type: 'LONG_TEXT' },
      {
        key: 'hosts',
        label: 'Hosts',
        required: false,
        type: 'TABLE',
        columns: [
          { key: 'host', label: 'Host', type: 'SHORT_TEXT', required: true },
          { key: 'site', label: 'Site', type: 'SHORT_TEXT' },
        ],
      },
    ];
    const template = await asLead
      .post('/api/form-templates')
      .send({ name: `Inventory ${uid()}`, fields: templateFields });
    expect(template.status).toBe(201);
    const gone = await asLead.post('/api/form-templates').send({ name: `Gone ${uid()}`, fields: templateFields });
    expect(gone.status).toBe(201);
    const fromTemplate = await addRequest(asLead, src.id, { title: 'Inventory', formTemplateId: template.body.id });
    await addRequest(asLead, src.id, { title: 'Old inventory', formTemplateId: gone.body.id });
    const written = await addRequest(asLead, src.id, { title: 'Contacts' });
    const bare = await addRequest(asLead, src.id, { title: 'Free text' });
    const contact = { key: 'contact', label: 'Contact', required: false, type: 'SHORT_TEXT' };
    const given = await asLead.put(`${a}/requests/${written.id}/form`).send({ fields: [contact] });
    expect(given.status).toBe(200);

    // Answered, then revised: a field and a column retire, their answers kept in the original.
    const [answered] = await grid(asLead, src.id, { subjectId: subject.id, requestId: fromTemplate.id });
    const values = { held: 'Order history.', hosts: [{ host: 'db1', site: 'Leeds' }] };
    const fill = await asLead
      .patch(`${a}/responses/${answered.id}`)
      .send({ version: answered.version, formValues: values, status: 'IN_PROGRESS' });
    expect(fill.status).toBe(200);
    const revised = await asLead.put(`${a}/requests/${fromTemplate.id}/form`).send({
      version: 1,
      fields: [{ ...templateFields[1], columns: [templateFields[1].columns![0]] }],
    });
    expect(revised.status).toBe(200);
    expect(revised.body.fields.map((f: { key: string; retired?: boolean }) => [f.key, !!f.retired])).toEqual([
      ['hosts', false],
      ['held', true],
    ]);
    expect((await asLead.delete(`/api/form-templates/${gone.body.id}`)).status).toBe(204);

    const res = await asLead.post(`/api/audits/${src.id}/copy`).send(newDemand());
    expect(res.status).toBe(201);
    const c = `/api/audits/${res.body.id}`;
    const requests = (await asLead.get(`${c}/requests`)).body.items as { id: string; title: string }[];
    const copied = Object.fromEntries(requests.map((r) => [r.title, r.id]));
    const formOf = (title: string) => asLead.get(`${c}/requests/${copied[title]}/form`);

    // Only what the form now asks: the retired field and column answered earlier questions of the original.
    const inventory = await formOf('Inventory');
    expect(inventory.status).toBe(200);
    expect(inventory.body).toMatchObject({
      templateId: template.body.id,
      templateName: template.body.name,
      version: 1,
      answeredCount: 0,
      fields: [{ ...templateFields[1], columns: [templateFields[1].columns![0]] }],
    });
    const old = await formOf('Old inventory');
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ templateId: null, templateName: null, fields: templateFields });
    expect((await formOf('Contacts')).body).toMatchObject({ templateId: null, fields: [contact] });
    expectProblem(await formOf('Free text'), 404, 'NOT_FOUND');
    expect(bare.id).not.toBe(copied['Free text']);

    // Never the answers.
    const cells = await grid(asLead, res.body.id);
    expect(cells.length).toBe(4);
    expect(await t.prisma.response.count({ where: { auditId: res.body.id, formValues: { not: Prisma.DbNull } } })).toBe(
      0,
    );
    expect((await asLead.get(`${c}/responses/${cells[0].id}`)).body.formValues).toBeNull();
    const [event] = await t.prisma.activityEvent.findMany({ where: { auditId: res.body.id } });
    expect(event.changes).toMatchObject({ forms: { before: null, after: 3 } });
    expect(await t.prisma.activityEvent.count({ where: { auditId: res.body.id } })).toBe(1);
    // The original keeps its form, its revision and its answers.
    expect((await asLead.get(`${a}/responses/${answered.id}`)).body.formValues).toEqual(values);
  });

  it('copies an audit with nothing in it', async () => {
    const empty = await newAuditViaApi(asLead);
    const res = await asLead.post(`/api/audits/${empty.id}/copy`).send(newDemand());
    expect(res.status).toBe(201);
    expect(await grid(asLead, res.body.id)).toEqual([]);
  });
});
