// Reordering a whole list (provisions, subjects, requests) in one request: the list must be
// exactly the current one, the new order is kept, one activity event tells the story, and
// concurrent reorders never leave two rows on the same place.
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
} from '../support/factories';

describe('reordering the lists of an audit', () => {
  let t: TestApp;
  let lead: TestUser;
  let contributor: TestUser;
  let asLead: Agent;
  let asContributor: Agent;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    lead = await newUser(t.prisma, { label: 'order-lead' });
    contributor = await newUser(t.prisma, { label: 'order-contributor' });
    asLead = await tokenAgent(t.http, lead);
    asContributor = await tokenAgent(t.http, contributor);
  });
  afterAll(() => t.close());

  const reorderEvents = (auditId: string, entityType: string) =>
    t.prisma.activityEvent.findMany({ where: { auditId, entityType, action: 'reordered' } });

  it('renumbers requests in the new order, keeping the numbers the letter used, with one event', async () => {
    const audit = await newAuditViaApi(asLead);
    const a = await addRequest(asLead, audit.id, { title: 'Alpha', ordinal: 1 });
    const b = await addRequest(asLead, audit.id, { title: 'Beta', ordinal: 2 });
    const c = await addRequest(asLead, audit.id, { title: 'Gamma', ordinal: 5 });

    const res = await asLead.put(`/api/audits/${audit.id}/requests/order`).send({ ids: [c.id, a.id, b.id] });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { title: string; ordinal: number }) => `${r.ordinal} ${r.title}`)).toEqual([
      '1 Gamma',
      '2 Alpha',
      '5 Beta',
    ]);
    const listed = await asLead.get(`/api/audits/${audit.id}/requests`);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([c.id, a.id, b.id]);

    const events = await reorderEvents(audit.id, 'request');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entityId: audit.id,
      changes: { order: { before: ['1. Alpha', '2. Beta', '5. Gamma'], after: ['1. Gamma', '2. Alpha', '5. Beta'] } },
    });

    // The same order again changes nothing and records nothing.
    const again = await asLead.put(`/api/audits/${audit.id}/requests/order`).send({ ids: [c.id, a.id, b.id] });
    expect(again.status).toBe(200);
    expect(await reorderEvents(audit.id, 'request')).toHaveLength(1);
  });

  it('puts subjects and provisions in the new order', async () => {
    const audit = await newAuditViaApi(asLead);
    const s1 = await addSubject(asLead, audit.id, { name: 'One' });
    const s2 = await addSubject(asLead, audit.id, { name: 'Two' });
    const s3 = await addSubject(asLead, audit.id, { name: 'Three' });
    const subjects = await asLead.put(`/api/audits/${audit.id}/subjects/order`).send({ ids: [s3.id, s1.id, s2.id] });
    expect(subjects.status).toBe(200);
    expect(subjects.body.items.map((s: { name: string; position: number }) => `${s.position} ${s.name}`)).toEqual([
      '1 Three',
      '2 One',
      '3 Two',
    ]);
    expect((await reorderEvents(audit.id, 'subject'))[0].changes).toEqual({
      order: { before: ['One', 'Two', 'Three'], after: ['Three', 'One', 'Two'] },
    });

    const provision = async (reference: string) =>
      (await asLead.post(`/api/audits/${audit.id}/provisions`).send({ reference, title: `Clause ${reference}` })).body;
    const p1 = await provision('I');
    const p2 = await provision('II');
    const p3 = await provision('III');
    const provisions = await asLead
      .put(`/api/audits/${audit.id}/provisions/order`)
      .send({ ids: [p3.id, p1.id, p2.id] });
    expect(provisions.status).toBe(200);
    const p4 = await provision('A');
    // A provision added after the reorder follows the ordered ones.
    const listed = await asLead.get(`/api/audits/${audit.id}/provisions`);
    expect(listed.body.items.map((p: { reference: string }) => p.reference)).toEqual(['III', 'I', 'II', 'A']);
    expect(p4.reference).toBe('A');
    expect(await reorderEvents(audit.id, 'provision')).toHaveLength(1);
  });

  it('refuses a list that is not exactly the current one, and changes nothing', async () => {
    const audit = await newAuditViaApi(asLead);
    const a = await addRequest(asLead, audit.id);
    const b = await addRequest(asLead, audit.id);
    const other = await addRequest(asLead, (await newAuditViaApi(asLead)).id);
    const url = `/api/audits/${audit.id}/requests/order`;

    const missing = await asLead.put(url).send({ ids: [b.id] });
    expectProblem(missing, 409, 'CONFLICT', ['ids']);
    expect(missing.body.detail).toBe(
      'The new order must list every one of the requests exactly once: 1 of the requests are missing from it. Reload the list and try again.',
    );
    expect(missing.body.missingIds).toEqual([a.id]);

    const foreign = await asLead.put(url).send({ ids: [b.id, a.id, other.id] });
    expectProblem(foreign, 409, 'CONFLICT', ['ids']);
    expect(foreign.body.unknownIds).toEqual([other.id]);

    expectProblem(await asLead.put(url).send({ ids: [a.id, a.id, b.id] }), 400, 'VALIDATION_FAILED', ['ids']);
    expectProblem(await asLead.put(url).send({ ids: ['not-a-uuid'] }), 400, 'VALIDATION_FAILED', ['ids']);
    expectProblem(await asLead.put(url).send({}), 400, 'VALIDATION_FAILED', ['ids']);

    const listed = await asLead.get(`/api/audits/${audit.id}/requests`);
    expect(listed.body.items.map((r: { id: string; ordinal: number }) => [r.id, r.ordinal])).toEqual([
      [a.id, 1],
      [b.id, 2],
    ]);
    expect(await reorderEvents(audit.id, 'request')).toHaveLength(0);
  });

  it('is for counsel: a contributor gets 403', async () => {
    const audit = await newAuditViaApi(asLead);
    await addMember(asLead, audit.id, contributor, 'CONTRIBUTOR');
    const s = await addSubject(asLead, audit.id);
    const res = await asContributor.put(`/api/audits/${audit.id}/subjects/order`).send({ ids: [s.id] });
    expectProblem(res, 403, 'FORBIDDEN');
  });

  it('concurrent reorders run one after the other: every request ends on a distinct number', async () => {
    const audit = await newAuditViaApi(asLead);
    const requests = [];
    for (let i = 0; i < 6; i++) requests.push(await addRequest(asLead, audit.id));
    const ids = requests.map((r) => r.id);
    const orders = [[...ids].reverse(), [...ids.slice(3), ...ids.slice(0, 3)], [ids[1], ids[0], ...ids.slice(2)]];
    const results = await Promise.all(
      orders.map((order) => asLead.put(`/api/audits/${audit.id}/requests/order`).send({ ids: order })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);

    const rows = await t.prisma.auditRequest.findMany({ where: { auditId: audit.id }, orderBy: { ordinal: 'asc' } });
    expect(rows.map((r) => r.ordinal)).toEqual([1, 2, 3, 4, 5, 6]);
    // The list stands in one of the orders asked for, whole, never a mix of two.
    expect(orders).toContainEqual(rows.map((r) => r.id));

    const subjects = [];
    for (let i = 0; i < 4; i++) subjects.push(await addSubject(asLead, audit.id));
    const sIds = subjects.map((s) => s.id);
    const sResults = await Promise.all(
      [[...sIds].reverse(), sIds, [sIds[2], sIds[0], sIds[3], sIds[1]]].map((order) =>
        asLead.put(`/api/audits/${audit.id}/subjects/order`).send({ ids: order }),
      ),
    );
    expect(sResults.map((r) => r.status)).toEqual([200, 200, 200]);
    const positions = (await t.prisma.subject.findMany({ where: { auditId: audit.id } })).map((s) => s.position);
    expect(positions.sort()).toEqual([1, 2, 3, 4]);
  });
});
