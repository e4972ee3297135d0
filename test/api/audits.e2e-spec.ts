// Audits: opening one, listing mine, editing it, and the rules on its status, its deadline
// (a wall-clock time in a named zone) and its reference code.
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  type Agent,
  auditInput,
  expectProblem,
  login,
  newAuditViaApi,
  newUser,
  type TestUser,
  uid,
} from '../support/factories';

describe('audits', () => {
  let t: TestApp;
  let lead: TestUser;
  let counsel: TestUser;
  let contributor: TestUser;
  let asLead: Agent;
  let asCounsel: Agent;
  let asContributor: Agent;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-20T12:00:00Z' });
    lead = await newUser(t.prisma, { label: 'lead' });
    counsel = await newUser(t.prisma, { label: 'counsel' });
    contributor = await newUser(t.prisma, { label: 'contrib' });
    [asLead, asCounsel, asContributor] = await Promise.all(
      [lead, counsel, contributor].map((u) => login(t.http, u.email)),
    );
  });
  afterAll(() => t.close());

  /** An audit of the lead's, with the counsel and the contributor as members. */
  async function teamAudit(overrides: Record<string, unknown> = {}) {
    const audit = await newAuditViaApi(asLead, overrides);
    await addMember(asLead, audit.id, counsel, 'COUNSEL');
    await addMember(asLead, audit.id, contributor, 'CONTRIBUTOR');
    return audit;
  }

  describe('POST /api/audits', () => {
    it('stores a wall-clock deadline in its zone as the instant it means, and shows it back in that zone', async () => {
      const input = auditInput({
        title: '  Developer Agreement compliance audit  ',
        demandingCounselName: 'Alex Counsel',
        demandingCounselEmail: 'alex@licensor.example.com',
        letterDate: '2023-05-18',
        periodStart: '2021-05-01',
        periodEnd: '2023-04-30',
        agreementVersion: 'effective 10 March 2020',
        auditClauseRef: 'VII',
        notes: 'Received by email and post.',
      });
      const res = await asLead.post('/api/audits').send(input);

      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        title: 'Developer Agreement compliance audit',
        referenceCode: input.referenceCode,
        status: 'DRAFT',
        demandingParty: 'Licensor Corp',
        demandingCounselName: 'Alex Counsel',
        demandingCounselFirm: null,
        demandingCounselEmail: 'alex@licensor.example.com',
        respondingParty: 'Licensee Inc',
        respondingCounselName: null,
        respondingCounselFirm: null,
        respondingCounselEmail: null,
        agreementTitle: 'Developer Agreement',
        agreementVersion: 'effective 10 March 2020',
        auditClauseRef: 'VII',
        letterDate: '2023-05-18',
        receivedOn: '2023-05-18',
        responseDeadline: '2023-06-07T21:00:00.000Z',
        responseDeadlineLocal: '2023-06-07T17:00:00.000-04:00',
        deadlineTimeZone: 'America/New_York',
        defaultReviewerId: null,
        periodStart: '2021-05-01',
        periodEnd: '2023-04-30',
        notes: 'Received by email and post.',
        submittedAt: null,
        confidentialityLegend: null,
        effectiveConfidentialityLegend: 'PRIVILEGED & CONFIDENTIAL - ATTORNEY WORK PRODUCT',
        myRole: 'LEAD_COUNSEL',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });

      const stored = await t.prisma.audit.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(stored.responseDeadline.toISOString()).toBe('2023-06-07T21:00:00.000Z');
      expect(stored.deadlineTimeZone).toBe('America/New_York');
      expect(stored.createdById).toBe(lead.id);

      const again = await asLead.get(`/api/audits/${res.body.id}`);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(res.body);
    });

    it('makes the creator its lead counsel, and records a "created" event', async () => {
      const audit = await newAuditViaApi(asLead);

      const members = await asLead.get(`/api/audits/${audit.id}/members`);
      expect(members.status).toBe(200);
      expect(members.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
      expect(members.body.items).toEqual([
        {
          userId: lead.id,
          name: lead.name,
          email: lead.email,
          timeZone: 'UTC',
          role: 'LEAD_COUNSEL',
          canCertify: false,
          state: 'ACTIVE',
          addedAt: expect.any(String),
        },
      ]);

      const activity = await asLead.get(`/api/audits/${audit.id}/activity`).query({ entityType: 'audit' });
      expect(activity.status).toBe(200);
      expect(activity.body.items).toEqual([
        {
          id: expect.stringMatching(/^\d+$/),
          occurredAt: expect.any(String),
          actor: { id: lead.id, name: lead.name },
          entityType: 'audit',
          entityId: audit.id,
          action: 'created',
          changes: expect.objectContaining({
            title: { before: null, after: audit.title },
            referenceCode: { before: null, after: audit.referenceCode },
            responseDeadline: { before: null, after: '2023-06-07T21:00:00.000Z' },
            deadlineTimeZone: { before: null, after: 'America/New_York' },
          }),
          // The audit itself: no subject or request, and its changes name no person.
          subject: null,
          request: null,
          people: [],
        },
      ]);
    });

    it('accepts an instant with an offset as it is', async () => {
      const audit = await newAuditViaApi(asLead, {
        responseDeadline: '2023-06-08T02:30:00+05:30',
        deadlineTimeZone: 'Europe/London',
      });
      expect(audit.responseDeadline).toBe('2023-06-07T21:00:00.000Z');
      expect(audit.responseDeadlineLocal).toBe('2023-06-07T22:00:00.000+01:00');
    });

    it('refuses a duplicate reference code with 409 naming referenceCode, and creates nothing', async () => {
      const first = await newAuditViaApi(asLead);
      const res = await asLead
        .post('/api/audits')
        .send(auditInput({ referenceCode: first.referenceCode, title: 'Second' }));
      expectProblem(res, 409, 'DUPLICATE', ['referenceCode']);
      expect(await t.prisma.audit.count({ where: { referenceCode: first.referenceCode } })).toBe(1);
    });

    it('concurrent creates with one reference code: one wins, the others get 409 naming referenceCode (never 500)', async () => {
      const referenceCode = `RACE-${uid()}`;
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          asLead.post('/api/audits').send(auditInput({ referenceCode, title: `Race ${i}` })),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const res of results.filter((r) => r.status === 409))
        expectProblem(res, 409, 'DUPLICATE', ['referenceCode']);
      expect(await t.prisma.audit.count({ where: { referenceCode } })).toBe(1);
    });

    it('refuses a period that ends before it starts, naming periodEnd', async () => {
      const input = auditInput({ periodStart: '2023-04-30', periodEnd: '2021-05-01' });
      const res = await asLead.post('/api/audits').send(input);
      expectProblem(res, 400, 'VALIDATION_FAILED', ['periodEnd']);
      expect(await t.prisma.audit.count({ where: { referenceCode: input.referenceCode as string } })).toBe(0);
    });

    it('names every missing required field', async () => {
      const res = await asLead.post('/api/audits').send({});
      expectProblem(res, 400, 'VALIDATION_FAILED', [
        'agreementTitle',
        'deadlineTimeZone',
        'demandingParty',
        'receivedOn',
        'referenceCode',
        'respondingParty',
        'responseDeadline',
        'title',
      ]);
      // A date left out is said to be missing, not malformed ("Enter the day ..." on screen).
      const messages = Object.fromEntries(
        (res.body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]),
      );
      expect(messages).toMatchObject({
        receivedOn: 'receivedOn should not be empty',
        responseDeadline: 'responseDeadline should not be empty',
      });
      const malformed = await asLead.post('/api/audits').send(auditInput({ receivedOn: '18/05/2023' }));
      expect(malformed.body.errors).toEqual([
        { field: 'receivedOn', message: 'receivedOn must be a real date as YYYY-MM-DD' },
      ]);
    });
  });

  describe('GET /api/audits', () => {
    it("pages through the caller's audits only, soonest deadline first, with progress", async () => {
      const user = await newUser(t.prisma, { label: 'lister' });
      const asUser = await login(t.http, user.email);
      const later = await newAuditViaApi(asUser, { responseDeadline: '2023-07-01T12:00' });
      const soonest = await newAuditViaApi(asUser, { responseDeadline: '2023-06-01T12:00' });
      const middle = await newAuditViaApi(asUser, { responseDeadline: '2023-06-15T12:00' });
      // Someone else's audit, and one the user is only a viewer of.
      await newAuditViaApi(asLead, { responseDeadline: '2023-06-02T12:00' });
      const viewed = await newAuditViaApi(asLead, { responseDeadline: '2023-06-20T12:00' });
      await addMember(asLead, viewed.id, user, 'VIEWER');

      const page1 = await asUser.get('/api/audits').query({ page: 1, pageSize: 2 });
      expect(page1.status).toBe(200);
      expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 4 });
      expect(page1.body.items.map((a: { id: string }) => a.id)).toEqual([soonest.id, middle.id]);
      expect(page1.body.items[0]).toMatchObject({
        referenceCode: soonest.referenceCode,
        myRole: 'LEAD_COUNSEL',
        progress: { total: 0, done: 0, overdue: 0, percentComplete: 0 },
      });

      const page2 = await asUser.get('/api/audits').query({ page: 2, pageSize: 2 });
      expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: 4 });
      expect(page2.body.items.map((a: { id: string; myRole: string }) => [a.id, a.myRole])).toEqual([
        [viewed.id, 'VIEWER'],
        [later.id, 'LEAD_COUNSEL'],
      ]);

      const page3 = await asUser.get('/api/audits').query({ page: 3, pageSize: 2 });
      expect(page3.body).toEqual({ page: 3, pageSize: 2, total: 4, items: [] });

      const defaults = await asUser.get('/api/audits');
      expect(defaults.body).toMatchObject({ page: 1, pageSize: 50, total: 4 });
    });

    it('filters by status', async () => {
      const user = await newUser(t.prisma, { label: 'filter' });
      const asUser = await login(t.http, user.email);
      const open = await newAuditViaApi(asUser);
      await newAuditViaApi(asUser);
      expect((await asUser.patch(`/api/audits/${open.id}`).send({ status: 'OPEN' })).status).toBe(200);

      const res = await asUser.get('/api/audits').query({ status: 'OPEN' });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[open.id, 'OPEN']]);
    });
  });

  describe('PATCH /api/audits/:auditId', () => {
    it('lets counsel edit fields; the change is stored and logged with before and after', async () => {
      const audit = await teamAudit({ notes: 'first notes' });
      const res = await asCounsel
        .patch(`/api/audits/${audit.id}`)
        .send({ title: 'Renamed audit', notes: null, demandingCounselFirm: 'Firm LLP' });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: audit.id,
        title: 'Renamed audit',
        notes: null,
        demandingCounselFirm: 'Firm LLP',
        myRole: 'COUNSEL',
        referenceCode: audit.referenceCode,
        responseDeadline: audit.responseDeadline,
      });
      const stored = await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } });
      expect(stored).toMatchObject({ title: 'Renamed audit', notes: null, demandingCounselFirm: 'Firm LLP' });

      const activity = await asLead.get(`/api/audits/${audit.id}/activity`).query({ action: 'updated' });
      expect(activity.body.items).toHaveLength(1);
      expect(activity.body.items[0]).toMatchObject({
        actor: { id: counsel.id, name: counsel.name },
        entityType: 'audit',
        entityId: audit.id,
      });
      // Exactly the fields that changed: nothing that was not sent.
      expect(activity.body.items[0].changes).toEqual({
        title: { before: audit.title, after: 'Renamed audit' },
        notes: { before: 'first notes', after: null },
        demandingCounselFirm: { before: null, after: 'Firm LLP' },
      });
    });

    it('refuses contributors (403) and leaves the audit as it was', async () => {
      const audit = await teamAudit();
      const res = await asContributor.patch(`/api/audits/${audit.id}`).send({ title: 'Hijacked' });
      expectProblem(res, 403, 'FORBIDDEN');
      expect((await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } })).title).toBe(audit.title);
    });

    it('lets only lead counsel change the status', async () => {
      const audit = await teamAudit();

      const byCounsel = await asCounsel.patch(`/api/audits/${audit.id}`).send({ status: 'OPEN' });
      expectProblem(byCounsel, 403, 'FORBIDDEN');
      expect((await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } })).status).toBe('DRAFT');

      const byLead = await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'OPEN' });
      expect(byLead.status).toBe(200);
      expect(byLead.body.status).toBe('OPEN');
      const events = await asLead.get(`/api/audits/${audit.id}/activity`).query({ action: 'status_changed' });
      expect(events.body.items).toEqual([
        expect.objectContaining({
          actor: { id: lead.id, name: lead.name },
          changes: { status: { before: 'DRAFT', after: 'OPEN' } },
        }),
      ]);

      // Sending the status the audit already has is not a change, so counsel may include it.
      const same = await asCounsel.patch(`/api/audits/${audit.id}`).send({ status: 'OPEN', title: 'Still open' });
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ status: 'OPEN', title: 'Still open' });
    });

    it('refuses a move the lifecycle does not allow (DRAFT -> SUBMITTED) with 422 naming status', async () => {
      const audit = await teamAudit();
      const res = await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'SUBMITTED' });
      expectProblem(res, 422, 'RULE_VIOLATION', ['status']);
      expect(res.body.detail).toBe('An audit cannot move from DRAFT to SUBMITTED.');
      expect((await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } })).status).toBe('DRAFT');
    });

    it('walks the lifecycle DRAFT -> OPEN -> SUBMITTED -> OPEN -> CLOSED -> OPEN', async () => {
      const audit = await teamAudit();
      for (const status of ['OPEN', 'SUBMITTED', 'OPEN', 'CLOSED', 'OPEN']) {
        // A reopening needs a reason (see "reopening" below); other moves ignore having one.
        const res = await asLead.patch(`/api/audits/${audit.id}`).send({ status, statusReason: 'Follow-up request' });
        expect([res.status, res.body.status]).toEqual([200, status]);
      }
      expectProblem(await asLead.patch(`/api/audits/${audit.id}`).send({ status: 'DRAFT' }), 422, 'RULE_VIOLATION', [
        'status',
      ]);
    });

    it('changing only the zone keeps the 17:00 wall clock and moves the instant', async () => {
      const audit = await teamAudit();
      const res = await asCounsel.patch(`/api/audits/${audit.id}`).send({ deadlineTimeZone: 'Europe/London' });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        deadlineTimeZone: 'Europe/London',
        responseDeadline: '2023-06-07T16:00:00.000Z',
        responseDeadlineLocal: '2023-06-07T17:00:00.000+01:00',
      });
      const stored = await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } });
      expect(stored.responseDeadline.toISOString()).toBe('2023-06-07T16:00:00.000Z');

      const events = await asLead.get(`/api/audits/${audit.id}/activity`).query({ action: 'updated' });
      expect(events.body.items[0].changes).toEqual({
        responseDeadline: { before: '2023-06-07T21:00:00.000Z', after: '2023-06-07T16:00:00.000Z' },
        deadlineTimeZone: { before: 'America/New_York', after: 'Europe/London' },
      });
    });

    it('a new wall-clock deadline is read in the stored zone', async () => {
      const audit = await teamAudit({ deadlineTimeZone: 'Asia/Tokyo', responseDeadline: '2023-06-07T17:00' });
      expect(audit.responseDeadline).toBe('2023-06-07T08:00:00.000Z');
      const res = await asLead.patch(`/api/audits/${audit.id}`).send({ responseDeadline: '2023-06-09T09:30' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        responseDeadline: '2023-06-09T00:30:00.000Z',
        responseDeadlineLocal: '2023-06-09T09:30:00.000+09:00',
        deadlineTimeZone: 'Asia/Tokyo',
      });
    });

    it('refuses a reference code another audit has, with 409 naming referenceCode', async () => {
      const taken = await newAuditViaApi(asLead);
      const audit = await teamAudit();
      const res = await asLead.patch(`/api/audits/${audit.id}`).send({ referenceCode: taken.referenceCode });
      expectProblem(res, 409, 'DUPLICATE', ['referenceCode']);
      expect((await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } })).referenceCode).toBe(
        audit.referenceCode,
      );
      // Its own code is no conflict.
      expect((await asLead.patch(`/api/audits/${audit.id}`).send({ referenceCode: audit.referenceCode })).status).toBe(
        200,
      );
    });

    it('checks a new period end against the stored period start', async () => {
      const audit = await teamAudit({ periodStart: '2022-01-01', periodEnd: '2022-12-31' });
      const res = await asLead.patch(`/api/audits/${audit.id}`).send({ periodEnd: '2021-12-31' });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['periodEnd']);
      expect((await asLead.get(`/api/audits/${audit.id}`)).body.periodEnd).toBe('2022-12-31');
      // Clearing the start lifts the constraint.
      const cleared = await asLead
        .patch(`/api/audits/${audit.id}`)
        .send({ periodStart: null, periodEnd: '2021-12-31' });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ periodStart: null, periodEnd: '2021-12-31' });
    });

    it('a PATCH that changes nothing records no event', async () => {
      const audit = await teamAudit();
      const before = (await asLead.get(`/api/audits/${audit.id}/activity`)).body.total;
      const res = await asLead.patch(`/api/audits/${audit.id}`).send({ title: audit.title });
      expect(res.status).toBe(200);
      expect((await asLead.get(`/api/audits/${audit.id}/activity`)).body.total).toBe(before);
    });
  });

  it('an audit that does not exist is 404', async () => {
    const res = await asLead.get('/api/audits/00000000-0000-4000-8000-000000000000');
    expectProblem(res, 404, 'NOT_FOUND');
    expect(res.body.detail).toBe('Audit not found.');
  });

  it('no credentials: 401 even for a real audit id', async () => {
    const audit = await newAuditViaApi(asLead);
    expectProblem(await request(t.http).get(`/api/audits/${audit.id}`), 401, 'UNAUTHENTICATED');
  });
});
