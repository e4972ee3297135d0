// Request templates: an audit's request list saved for the organisation, a new audit started
// from it (same requests, same cited provisions), renamed and deleted by the right people.
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  type Agent,
  auditInput,
  expectProblem,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
  uid,
} from '../support/factories';

describe('request templates', () => {
  let t: TestApp;
  let lead: TestUser;
  let counsel: TestUser;
  let contributor: TestUser;
  let admin: TestUser;
  let asLead: Agent;
  let asCounsel: Agent;
  let asContributor: Agent;
  let asAdmin: Agent;
  let auditId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    [lead, counsel, contributor] = await Promise.all(
      ['tpl-lead', 'tpl-counsel', 'tpl-contributor'].map((label) => newUser(t.prisma, { label })),
    );
    admin = await newUser(t.prisma, { label: 'tpl-admin', orgRole: 'ADMIN' });
    [asLead, asCounsel, asContributor, asAdmin] = await Promise.all(
      [lead, counsel, contributor, admin].map((u) => tokenAgent(t.http, u)),
    );
    const audit = await newAuditViaApi(asLead);
    auditId = audit.id;
    await addMember(asLead, auditId, counsel, 'COUNSEL');
    await addMember(asLead, auditId, contributor, 'CONTRIBUTOR');
    const a = `/api/audits/${auditId}`;
    const p1 = (await asLead.post(`${a}/provisions`).send({ reference: 'VII', title: 'Audit', text: 'May audit.' }))
      .body;
    const p2 = (await asLead.post(`${a}/provisions`).send({ reference: 'II.D', title: 'Rate limits' })).body;
    // Not cited by any request: not saved with the template.
    await asLead.post(`${a}/provisions`).send({ reference: 'IX', title: 'Notices' });
    await addRequest(asLead, auditId, { title: 'Use case', text: 'Describe the use case.', provisionId: p1.id });
    await addRequest(asLead, auditId, { title: 'Data held', text: 'List the data.', provisionId: p2.id, ordinal: 3 });
    await addRequest(asLead, auditId, { title: 'Contacts', text: 'Name a contact.' });
  });
  afterAll(() => t.close());

  const save = (agent: Agent, body: Record<string, unknown>, id = auditId) =>
    agent.post(`/api/audits/${id}/request-templates`).send(body);

  it('round trip: save from an audit, start a new audit from it, the requests and cited provisions match', async () => {
    const name = `Developer agreement ${uid()}`;
    const saved = await save(asCounsel, { name, description: 'The usual first letter.' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      name,
      description: 'The usual first letter.',
      createdBy: { id: counsel.id, name: counsel.name },
      requestCount: 3,
      provisionCount: 2,
      // In the audit's order of provisions (by clause until someone reorders them).
      provisions: [
        { reference: 'II.D', title: 'Rate limits', text: null },
        { reference: 'VII', title: 'Audit', text: 'May audit.' },
      ],
      items: [
        { ordinal: 1, title: 'Use case', text: 'Describe the use case.', provisionReference: 'VII' },
        { ordinal: 3, title: 'Data held', text: 'List the data.', provisionReference: 'II.D' },
        { ordinal: 4, title: 'Contacts', text: 'Name a contact.', provisionReference: null },
      ],
    });
    const listed = await asContributor.get('/api/request-templates').query({ pageSize: 500 });
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((x: { id: string }) => x.id === saved.body.id)).toMatchObject({
      name,
      requestCount: 3,
      provisionCount: 2,
    });
    const shown = await asContributor.get(`/api/request-templates/${saved.body.id}`);
    expect(shown.body).toEqual(saved.body);

    // Anyone may open an audit, so anyone may start one from a template.
    const asNewcomer = await tokenAgent(t.http, await newUser(t.prisma, { label: 'tpl-newcomer' }));
    const fresh = await asNewcomer.post('/api/audits').send(auditInput({ templateId: saved.body.id }));
    expect(fresh.status).toBe(201);
    const f = `/api/audits/${fresh.body.id}`;
    const requests = (await asNewcomer.get(`${f}/requests`)).body.items;
    expect(
      requests.map(
        (r: {
          ordinal: number;
          title: string;
          text: string;
          provision: { reference: string } | null;
          appliesToAll: boolean;
        }) => [r.ordinal, r.title, r.text, r.provision?.reference ?? null, r.appliesToAll],
      ),
    ).toEqual([
      [1, 'Use case', 'Describe the use case.', 'VII', true],
      [3, 'Data held', 'List the data.', 'II.D', true],
      [4, 'Contacts', 'Name a contact.', null, true],
    ]);
    const provisions = (await asNewcomer.get(`${f}/provisions`)).body.items;
    expect(
      provisions.map((p: { reference: string; title: string; text: string | null }) => [p.reference, p.title, p.text]),
    ).toEqual([
      ['II.D', 'Rate limits', null],
      ['VII', 'Audit', 'May audit.'],
    ]);
    const events = await t.prisma.activityEvent.findMany({ where: { auditId: fresh.body.id } });
    expect(events.map((e) => `${e.entityType} ${e.action}`)).toEqual(['audit created']);
    expect(events[0].changes).toMatchObject({
      template: { before: null, after: name },
      requests: { before: null, after: 3 },
      provisions: { before: null, after: 2 },
    });
    const templateEvents = await t.prisma.activityEvent.findMany({
      where: { entityType: 'request_template', entityId: saved.body.id },
    });
    expect(templateEvents.map((e) => [e.action, e.auditId, e.actorId])).toEqual([['created', null, counsel.id]]);
  });

  it('renames and deletes: counsel rename, only the creator or an org admin deletes', async () => {
    const saved = (await save(asLead, { name: `Licence review ${uid()}` })).body;
    const url = `/api/request-templates/${saved.id}`;
    const renamed = await asCounsel.patch(url).send({ name: 'Licence review (2024)', description: 'Updated.' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Licence review (2024)', description: 'Updated.', requestCount: 3 });

    expectProblem(await asContributor.patch(url).send({ name: 'Mine now' }), 403, 'FORBIDDEN');
    expectProblem(await asContributor.delete(url), 403, 'FORBIDDEN');
    const notCreator = await asCounsel.delete(url);
    expectProblem(notCreator, 403, 'FORBIDDEN');
    expect(notCreator.body.detail).toBe('Only the person who saved this template, or an org admin, may delete it.');

    // An audit made from it keeps its requests when the template goes.
    const fresh = (await asLead.post('/api/audits').send(auditInput({ templateId: saved.id }))).body;
    expect((await asLead.delete(url)).status).toBe(204);
    expectProblem(await asLead.get(url), 404, 'NOT_FOUND');
    expect((await asLead.get(`/api/audits/${fresh.id}/requests`)).body.total).toBe(3);

    const byAdmin = (await save(asLead, { name: `Admin removes ${uid()}` })).body;
    expect((await asAdmin.delete(`/api/request-templates/${byAdmin.id}`)).status).toBe(204);
    const actions = await t.prisma.activityEvent.findMany({
      where: { entityType: 'request_template', entityId: saved.id },
      orderBy: { id: 'asc' },
    });
    expect(actions.map((e) => e.action)).toEqual(['created', 'updated', 'deleted']);
    expect(actions[1].changes).toEqual({
      name: { before: saved.name, after: 'Licence review (2024)' },
      description: { before: null, after: 'Updated.' },
    });
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const before = {
      templates: await t.prisma.requestTemplate.count(),
      audits: await t.prisma.audit.count(),
    };
    expectProblem(await save(asLead, {}), 400, 'VALIDATION_FAILED', ['name']);
    expectProblem(await save(asLead, { name: '   ', description: 5 }), 400, 'VALIDATION_FAILED', [
      'description',
      'name',
    ]);
    const name = `Taken ${uid()}`;
    const first = await save(asLead, { name });
    expectProblem(await save(asLead, { name }), 409, 'DUPLICATE', ['name']);
    expectProblem(
      await asLead.patch(`/api/request-templates/${first.body.id}`).send({ name: null }),
      400,
      'VALIDATION_FAILED',
      ['name'],
    );
    expectProblem(await save(asContributor, { name: `Contributor ${uid()}` }), 403, 'FORBIDDEN');
    const empty = await newAuditViaApi(asLead);
    expectProblem(await save(asLead, { name: `Empty ${uid()}` }, empty.id), 422, 'RULE_VIOLATION');

    expectProblem(await asLead.post('/api/audits').send(auditInput({ templateId: 'nope' })), 400, 'VALIDATION_FAILED', [
      'templateId',
    ]);
    expectProblem(
      await asLead.post('/api/audits').send(auditInput({ templateId: '00000000-0000-4000-8000-000000000000' })),
      422,
      'RULE_VIOLATION',
      ['templateId'],
    );
    expectProblem(await asLead.get('/api/request-templates/not-a-uuid'), 400, 'VALIDATION_FAILED', ['templateId']);
    expect({
      templates: await t.prisma.requestTemplate.count(),
      audits: await t.prisma.audit.count(),
    }).toEqual({ templates: before.templates + 1, audits: before.audits + 1 });
  });
});
