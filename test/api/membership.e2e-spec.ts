// Who sees and changes what: an audit is invisible (404) to non-members, read-only to
// viewers, and every audit is visible to an org admin. Membership changes keep an audit
// with a lead counsel and never orphan open work.
import { createTestApp, type TestApp } from '../support/app';
import { multipart } from '../support/multipart';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  grid,
  login,
  newAuditViaApi,
  newUser,
  type Res,
  type TestUser,
} from '../support/factories';

describe('membership and access', () => {
  let t: TestApp;
  let leadA: TestUser;
  let leadB: TestUser;
  let counselA: TestUser;
  let viewerA: TestUser;
  let admin: TestUser;
  let asLeadA: Agent;
  let asLeadB: Agent;
  let asCounselA: Agent;
  let asViewerA: Agent;
  let asAdmin: Agent;
  let auditA: { id: string };
  let auditB: { id: string; title: string; status: string };
  let subjectA: { id: string };
  let subjectB: { id: string; name: string };
  let requestB: { id: string };
  let responseA: { id: string; version: number };
  let responseB: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    [leadA, leadB, counselA, viewerA] = await Promise.all(
      ['leadA', 'leadB', 'counselA', 'viewerA'].map((label) => newUser(t.prisma, { label })),
    );
    admin = await newUser(t.prisma, { label: 'admin', orgRole: 'ADMIN' });
    [asLeadA, asLeadB, asCounselA, asViewerA, asAdmin] = await Promise.all(
      [leadA, leadB, counselA, viewerA, admin].map((u) => login(t.http, u.email)),
    );

    auditA = await newAuditViaApi(asLeadA, { title: 'Audit A' });
    await addMember(asLeadA, auditA.id, counselA, 'COUNSEL');
    await addMember(asLeadA, auditA.id, viewerA, 'VIEWER');
    subjectA = await addSubject(asLeadA, auditA.id, { name: 'App A' });
    await addRequest(asLeadA, auditA.id);
    responseA = (await grid(asLeadA, auditA.id))[0];

    auditB = await newAuditViaApi(asLeadB, { title: 'Audit B' });
    subjectB = await addSubject(asLeadB, auditB.id, { name: 'App B' });
    requestB = await addRequest(asLeadB, auditB.id);
    responseB = (await grid(asLeadB, auditB.id))[0];
    // Something to comment on and to see in B's history.
    const commented = await asLeadB
      .post(`/api/audits/${auditB.id}/responses/${responseB.id}/comments`)
      .send({ body: 'B only' });
    expect(commented.status).toBe(201);
  });
  afterAll(() => t.close());

  /** A 404 that says no more than "no such audit", exactly like an id that does not exist. */
  function expectAuditHidden(res: Res) {
    expectProblem(res, 404, 'NOT_FOUND');
    expect(res.body.detail).toBe('Audit not found.');
    expect(res.body.errors).toBeUndefined();
  }

  describe('a member of audit A, for audit B', () => {
    const readPaths = () => [
      `/api/audits/${auditB.id}`,
      `/api/audits/${auditB.id}/subjects`,
      `/api/audits/${auditB.id}/requests`,
      `/api/audits/${auditB.id}/provisions`,
      `/api/audits/${auditB.id}/responses`,
      `/api/audits/${auditB.id}/responses/${responseB.id}`,
      `/api/audits/${auditB.id}/responses/${responseB.id}/comments`,
      `/api/audits/${auditB.id}/progress`,
      `/api/audits/${auditB.id}/activity`,
      `/api/audits/${auditB.id}/members`,
    ];

    it('gets the same 404 as for an audit that does not exist, on every read', async () => {
      const missing = await asCounselA.get('/api/audits/00000000-0000-4000-8000-000000000000');
      for (const path of readPaths()) {
        const res = await asCounselA.get(path);
        expectAuditHidden(res);
        expect({ ...res.body, instance: null }).toEqual({ ...missing.body, instance: null });
      }
    });

    it('does not see audit B in the list', async () => {
      const res = await asCounselA.get('/api/audits');
      expect(res.status).toBe(200);
      expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([auditA.id]);
      expect(res.body.total).toBe(1);
    });

    it('cannot write to audit B (404), and B is unchanged', async () => {
      const b = `/api/audits/${auditB.id}`;
      expectAuditHidden(await asCounselA.patch(b).send({ title: 'Taken over' }));
      expectAuditHidden(await asCounselA.post(`${b}/subjects`).send({ name: 'Intruder' }));
      expectAuditHidden(await asCounselA.patch(`${b}/subjects/${subjectB.id}`).send({ name: 'Renamed' }));
      expectAuditHidden(await asCounselA.delete(`${b}/subjects/${subjectB.id}`));
      expectAuditHidden(await asCounselA.post(`${b}/requests`).send({ title: 'T', text: 'X' }));
      expectAuditHidden(await asCounselA.delete(`${b}/requests/${requestB.id}`));
      expectAuditHidden(
        await asCounselA.patch(`${b}/responses/${responseB.id}`).send({ version: 1, answer: 'overwritten' }),
      );
      expectAuditHidden(await asCounselA.post(`${b}/responses/${responseB.id}/comments`).send({ body: 'hello' }));
      expectAuditHidden(await asCounselA.post(`${b}/members`).send({ userId: counselA.id, role: 'LEAD_COUNSEL' }));
      expectAuditHidden(await asCounselA.post(`${b}/provisions`).send({ reference: 'I', title: 'T' }));

      const stored = await t.prisma.audit.findUniqueOrThrow({
        where: { id: auditB.id },
        include: { subjects: true, requests: true, responses: true, members: true, provisions: true },
      });
      expect(stored.title).toBe('Audit B');
      expect(stored.subjects.map((s) => s.name)).toEqual(['App B']);
      expect(stored.requests).toHaveLength(1);
      expect(stored.responses.map((r) => [r.answer, r.version])).toEqual([[null, 1]]);
      expect(stored.members.map((m) => m.userId)).toEqual([leadB.id]);
      expect(stored.provisions).toEqual([]);
      expect(await t.prisma.comment.count({ where: { responseId: responseB.id } })).toBe(1);
    });

    it("cannot reach B's rows through audit A's paths either", async () => {
      const a = `/api/audits/${auditA.id}`;
      const notFound = (res: Res, what: string) => {
        expectProblem(res, 404, 'NOT_FOUND');
        expect(res.body.detail).toBe(`${what} not found.`);
      };
      notFound(await asLeadA.get(`${a}/responses/${responseB.id}`), 'Response');
      notFound(await asLeadA.patch(`${a}/responses/${responseB.id}`).send({ version: 1, answer: 'x' }), 'Response');
      notFound(await asLeadA.get(`${a}/responses/${responseB.id}/comments`), 'Response');
      notFound(await asLeadA.post(`${a}/responses/${responseB.id}/comments`).send({ body: 'x' }), 'Response');
      notFound(await asLeadA.patch(`${a}/subjects/${subjectB.id}`).send({ name: 'x' }), 'Subject');
      notFound(await asLeadA.delete(`${a}/subjects/${subjectB.id}`), 'Subject');
      notFound(await asLeadA.delete(`${a}/requests/${requestB.id}`), 'Request');
      notFound(await asLeadA.delete(`${a}/members/${leadB.id}`), 'Member');
      const filtered = await asLeadA.get(`${a}/responses`).query({ subjectId: subjectB.id });
      expect(filtered.status).toBe(200);
      expect(filtered.body).toMatchObject({ total: 0, items: [] });

      const stored = await t.prisma.response.findUniqueOrThrow({ where: { id: responseB.id } });
      expect([stored.answer, stored.version]).toEqual([null, 1]);
      expect(await t.prisma.subject.findUnique({ where: { id: subjectB.id } })).not.toBeNull();
    });

    it("cannot point A's rows at B's subjects or people", async () => {
      const a = `/api/audits/${auditA.id}`;
      const scoped = await asLeadA
        .post(`${a}/requests`)
        .send({ title: 'T', text: 'X', appliesToAll: false, subjectIds: [subjectB.id] });
      expectProblem(scoped, 422, 'RULE_VIOLATION', ['subjectIds']);
      expectProblem(
        await asLeadA.post(`${a}/subjects`).send({ name: 'Owned', ownerId: leadB.id }),
        422,
        'RULE_VIOLATION',
        ['ownerId'],
      );
      const assign = await asLeadA
        .patch(`${a}/responses/${responseA.id}`)
        .send({ version: responseA.version, assigneeId: leadB.id });
      expectProblem(assign, 422, 'RULE_VIOLATION', ['assigneeId']);
    });
  });

  describe('a viewer', () => {
    it('reads everything in the audit', async () => {
      const a = `/api/audits/${auditA.id}`;
      for (const path of [
        a,
        `${a}/subjects`,
        `${a}/requests`,
        `${a}/provisions`,
        `${a}/responses`,
        `${a}/responses/${responseA.id}`,
        `${a}/responses/${responseA.id}/comments`,
        `${a}/progress`,
        `${a}/activity`,
        `${a}/members`,
      ]) {
        const res = await asViewerA.get(path);
        expect([path, res.status]).toEqual([path, 200]);
      }
      expect((await asViewerA.get(a)).body.myRole).toBe('VIEWER');
      expect((await asViewerA.get(`${a}/responses/${responseA.id}`)).body.id).toBe(responseA.id);
    });

    it('gets 403 on every write, and nothing changes', async () => {
      const a = `/api/audits/${auditA.id}`;
      const before = await t.prisma.activityEvent.count({ where: { auditId: auditA.id } });
      const writes: [string, () => Promise<Res>][] = [
        ['PATCH audit', () => asViewerA.patch(a).send({ title: 'Viewer was here' })],
        ['POST subject', () => asViewerA.post(`${a}/subjects`).send({ name: 'Viewer app' })],
        ['PATCH subject', () => asViewerA.patch(`${a}/subjects/${subjectA.id}`).send({ name: 'Renamed' })],
        ['DELETE subject', () => asViewerA.delete(`${a}/subjects/${subjectA.id}`)],
        ['POST request', () => asViewerA.post(`${a}/requests`).send({ title: 'T', text: 'X' })],
        [
          'PATCH response',
          () => asViewerA.patch(`${a}/responses/${responseA.id}`).send({ version: responseA.version, answer: 'x' }),
        ],
        ['POST comment', () => asViewerA.post(`${a}/responses/${responseA.id}/comments`).send({ body: 'x' })],
        ['POST member', () => asViewerA.post(`${a}/members`).send({ userId: leadB.id, role: 'VIEWER' })],
        ['DELETE member', () => asViewerA.delete(`${a}/members/${viewerA.id}`)],
        ['POST provision', () => asViewerA.post(`${a}/provisions`).send({ reference: 'I', title: 'T' })],
      ];
      for (const [label, write] of writes) {
        const res = await write();
        expect([label, res.status, res.body.code]).toEqual([label, 403, 'FORBIDDEN']);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(await t.prisma.activityEvent.count({ where: { auditId: auditA.id } })).toBe(before);
      expect((await t.prisma.response.findUniqueOrThrow({ where: { id: responseA.id } })).answer).toBeNull();
    });
  });

  describe('an org admin', () => {
    async function allAuditIds(agent: Agent): Promise<string[]> {
      const ids: string[] = [];
      for (let page = 1; ; page += 1) {
        const res = await agent.get('/api/audits').query({ page, pageSize: 500 });
        expect(res.status).toBe(200);
        ids.push(...res.body.items.map((a: { id: string }) => a.id));
        if (ids.length >= res.body.total) return ids;
      }
    }

    it('sees every audit, as lead counsel, without being a member', async () => {
      const ids = await allAuditIds(asAdmin);
      expect(ids).toEqual(expect.arrayContaining([auditA.id, auditB.id]));
      expect(ids.length).toBe(await t.prisma.audit.count());

      const b = await asAdmin.get(`/api/audits/${auditB.id}`);
      expect(b.status).toBe(200);
      expect(b.body).toMatchObject({ id: auditB.id, title: 'Audit B', myRole: 'LEAD_COUNSEL' });
      expect((await asAdmin.get(`/api/audits/${auditB.id}/responses/${responseB.id}`)).status).toBe(200);
      expect(await t.prisma.auditMember.count({ where: { userId: admin.id } })).toBe(0);
    });

    it('may act as lead counsel, e.g. open the audit', async () => {
      const res = await asAdmin.patch(`/api/audits/${auditB.id}`).send({ status: 'OPEN' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('OPEN');
    });
  });

  describe('changing the members', () => {
    it('adds a member by email in any case; adding them again is 409 naming the field', async () => {
      const audit = await newAuditViaApi(asLeadA);
      const added = await asLeadA
        .post(`/api/audits/${audit.id}/members`)
        .send({ email: counselA.email.toUpperCase(), role: 'COUNSEL' });
      expect(added.status).toBe(201);
      expect(added.body).toEqual({
        userId: counselA.id,
        name: counselA.name,
        email: counselA.email,
        timeZone: 'UTC',
        role: 'COUNSEL',
        state: 'ACTIVE',
        canCertify: false,
        addedAt: expect.any(String),
      });
      expect((await asCounselA.get(`/api/audits/${audit.id}`)).body.myRole).toBe('COUNSEL');

      const again = await asLeadA.post(`/api/audits/${audit.id}/members`).send({ userId: counselA.id, role: 'VIEWER' });
      expectProblem(again, 409, 'DUPLICATE', ['userId']);
      const byEmail = await asLeadA
        .post(`/api/audits/${audit.id}/members`)
        .send({ email: counselA.email, role: 'VIEWER' });
      expectProblem(byEmail, 409, 'DUPLICATE', ['email']);
      expect(
        (
          await t.prisma.auditMember.findUniqueOrThrow({
            where: { auditId_userId: { auditId: audit.id, userId: counselA.id } },
          })
        ).role,
      ).toBe('COUNSEL');
    });

    it('refuses unknown and inactive users with 422 naming the field', async () => {
      const audit = await newAuditViaApi(asLeadA);
      const inactive = await newUser(t.prisma, { label: 'gone', active: false });
      expectProblem(
        await asLeadA
          .post(`/api/audits/${audit.id}/members`)
          .send({ email: `nobody-${audit.id}@e2e.example.com`, role: 'VIEWER' }),
        422,
        'RULE_VIOLATION',
        ['email'],
      );
      expectProblem(
        await asLeadA.post(`/api/audits/${audit.id}/members`).send({ userId: inactive.id, role: 'VIEWER' }),
        422,
        'RULE_VIOLATION',
        ['userId'],
      );
    });

    it('gives no work to a member whose account was deactivated: 422 naming the field, nothing changed', async () => {
      const audit = await newAuditViaApi(asLeadA);
      const leaver = await newUser(t.prisma, { label: 'leaver' });
      await addMember(asLeadA, audit.id, leaver, 'CONTRIBUTOR');
      const subject = await addSubject(asLeadA, audit.id, { name: 'Leaver app' });
      const owned = await addSubject(asLeadA, audit.id, { name: 'Owned app', ownerId: leaver.id });
      await addRequest(asLeadA, audit.id);
      const cell = (await grid(asLeadA, audit.id)).find((c) => c.subject.id === subject.id)!;
      await asAdmin.patch(`/api/admin/users/${leaver.id}`).send({ active: false }).expect(200);
      const message = (field: string) => `${field} must be a member of this audit whose account is active.`;

      const assign = await asLeadA
        .patch(`/api/audits/${audit.id}/responses/${cell.id}`)
        .send({ version: cell.version, assigneeId: leaver.id });
      expectProblem(assign, 422, 'RULE_VIOLATION', ['assigneeId']);
      expect(assign.body.errors[0].message).toBe(message('assigneeId'));
      const review = await asLeadA
        .patch(`/api/audits/${audit.id}/responses/${cell.id}`)
        .send({ version: cell.version, reviewerId: leaver.id });
      expectProblem(review, 422, 'RULE_VIOLATION', ['reviewerId']);
      const inBulk = await asLeadA
        .patch(`/api/audits/${audit.id}/responses`)
        .send({ items: [{ responseId: cell.id, version: cell.version }], set: { assigneeId: leaver.id } });
      // Staffing in bulk answers each cell: this one refused, with the reason.
      expect(inBulk.status).toBe(200);
      expect(inBulk.body.applied).toEqual([]);
      expect(inBulk.body.refused).toEqual([
        expect.objectContaining({
          responseId: cell.id,
          reason: 'The assignee chosen is not a member of this audit, or their account is deactivated.',
        }),
      ]);
      expectProblem(
        await asLeadA.patch(`/api/audits/${audit.id}/subjects/${subject.id}`).send({ ownerId: leaver.id }),
        422,
        'RULE_VIOLATION',
        ['ownerId'],
      );
      const form = multipart([], {
        fileName: 'subjects.csv',
        content: Buffer.from(`Name,Owner email\nLeaver app,${leaver.email}\n`),
        contentType: 'text/csv',
      });
      const imported = await asLeadA
        .post(`/api/audits/${audit.id}/subjects/import`)
        .set('Content-Type', form.contentType)
        .send(form.body);
      expect(imported.status).toBe(200);
      expect(imported.body.rows[0]).toMatchObject({
        outcome: 'refused',
        reason: `Row 2: the owner ${leaver.email} must be a member of this audit whose account is active.`,
      });

      expect(await t.prisma.response.findUniqueOrThrow({ where: { id: cell.id } })).toMatchObject({
        assigneeId: null,
        reviewerId: null,
        version: cell.version,
      });
      expect((await t.prisma.subject.findUniqueOrThrow({ where: { id: subject.id } })).ownerId).toBeNull();

      // What they already hold stays theirs: the edit form sends the owner with a rename.
      const renamed = await asLeadA
        .patch(`/api/audits/${audit.id}/subjects/${owned.id}`)
        .send({ name: 'Owned app (legacy)', ownerId: leaver.id });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'Owned app (legacy)', owner: { id: leaver.id } });
    });

    it('only lead counsel manages members', async () => {
      const newcomer = await newUser(t.prisma, { label: 'newcomer' });
      const res = await asCounselA
        .post(`/api/audits/${auditA.id}/members`)
        .send({ userId: newcomer.id, role: 'VIEWER' });
      expectProblem(res, 403, 'FORBIDDEN');
      expectProblem(
        await asCounselA.patch(`/api/audits/${auditA.id}/members/${viewerA.id}`).send({ role: 'COUNSEL' }),
        403,
        'FORBIDDEN',
      );
    });

    it('the last lead counsel can be neither removed nor demoted (409); with a second lead they can', async () => {
      const lead = await newUser(t.prisma, { label: 'sole-lead' });
      const asLead = await login(t.http, lead.email);
      const audit = await newAuditViaApi(asLead);

      const removed = await asLead.delete(`/api/audits/${audit.id}/members/${lead.id}`);
      expectProblem(removed, 409, 'CONFLICT');
      expect(removed.body.detail).toBe('An audit must keep at least one lead counsel.');
      expectProblem(
        await asLead.patch(`/api/audits/${audit.id}/members/${lead.id}`).send({ role: 'COUNSEL' }),
        409,
        'CONFLICT',
      );
      expect(await t.prisma.auditMember.count({ where: { auditId: audit.id, role: 'LEAD_COUNSEL' } })).toBe(1);

      await addMember(asLead, audit.id, counselA, 'LEAD_COUNSEL');
      const demoted = await asLead.patch(`/api/audits/${audit.id}/members/${lead.id}`).send({ role: 'COUNSEL' });
      expect(demoted.status).toBe(200);
      expect(demoted.body).toMatchObject({ userId: lead.id, role: 'COUNSEL' });
      const activity = await asCounselA.get(`/api/audits/${audit.id}/activity`).query({ action: 'role_changed' });
      expect(activity.body.items[0]).toMatchObject({
        entityType: 'member',
        entityId: lead.id,
        changes: { role: { before: 'LEAD_COUNSEL', after: 'COUNSEL' } },
      });
    });

    it('a member who is assignee or reviewer of open work cannot be removed (409) until it is reassigned', async () => {
      const worker = await newUser(t.prisma, { label: 'worker' });
      const reviewer = await newUser(t.prisma, { label: 'reviewer' });
      const audit = await newAuditViaApi(asLeadA);
      await addMember(asLeadA, audit.id, worker, 'CONTRIBUTOR');
      await addMember(asLeadA, audit.id, reviewer, 'COUNSEL');
      await addSubject(asLeadA, audit.id);
      await addRequest(asLeadA, audit.id);
      const [cell] = await grid(asLeadA, audit.id);
      const assigned = await asLeadA
        .patch(`/api/audits/${audit.id}/responses/${cell.id}`)
        .send({ version: cell.version, assigneeId: worker.id, reviewerId: reviewer.id });
      expect(assigned.status).toBe(200);

      for (const user of [worker, reviewer]) {
        const res = await asLeadA.delete(`/api/audits/${audit.id}/members/${user.id}`);
        expectProblem(res, 409, 'CONFLICT');
        expect(res.body.openResponses).toBe(1);
      }
      // Nor made a viewer, who cannot hold work.
      expectProblem(
        await asLeadA.patch(`/api/audits/${audit.id}/members/${worker.id}`).send({ role: 'VIEWER' }),
        409,
        'CONFLICT',
      );
      expect(await t.prisma.auditMember.count({ where: { auditId: audit.id } })).toBe(3);

      const reassigned = await asLeadA
        .patch(`/api/audits/${audit.id}/responses/${cell.id}`)
        .send({ version: assigned.body.version, assigneeId: null });
      expect(reassigned.status).toBe(200);
      expect((await asLeadA.delete(`/api/audits/${audit.id}/members/${worker.id}`)).status).toBe(204);
      expectAuditHidden(await (await login(t.http, worker.email)).get(`/api/audits/${audit.id}`));
      const events = await asLeadA.get(`/api/audits/${audit.id}/activity`).query({ action: 'removed' });
      expect(events.body.items).toEqual([
        expect.objectContaining({
          entityType: 'member',
          entityId: worker.id,
          changes: { role: { before: 'CONTRIBUTOR', after: null } },
        }),
      ]);
    });

    it('the owner of a subject cannot be removed (409) while they own it', async () => {
      const owner = await newUser(t.prisma, { label: 'owner' });
      const audit = await newAuditViaApi(asLeadA);
      await addMember(asLeadA, audit.id, owner, 'CONTRIBUTOR');
      await addSubject(asLeadA, audit.id, { ownerId: owner.id });
      expectProblem(await asLeadA.delete(`/api/audits/${audit.id}/members/${owner.id}`), 409, 'CONFLICT');
    });

    it('the user directory for picking members lists active users only, searching name and email', async () => {
      const tag = `dir${Date.now()}`;
      const active = await newUser(t.prisma, { label: tag, name: `Zoe ${tag}`, canOpenAudits: false });
      await newUser(t.prisma, { label: tag, name: `Yan ${tag}`, active: false });
      const res = await asCounselA.get('/api/users').query({ search: tag.toUpperCase() });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        page: 1,
        pageSize: 50,
        total: 1,
        items: [
          {
            id: active.id,
            email: active.email,
            name: `Zoe ${tag}`,
            timeZone: 'UTC',
            orgRole: 'MEMBER',
            canOpenAudits: false,
          },
        ],
      });
    });

    it('the user directory is for counsel: a viewer of an audit gets 403', async () => {
      const res = await asViewerA.get('/api/users');
      expectProblem(res, 403, 'FORBIDDEN');
      expect(res.body.detail).toBe('Only counsel and org admins can list the organisation’s users.');
    });

    it('members are listed with their roles and can be filtered by role', async () => {
      const res = await asViewerA.get(`/api/audits/${auditA.id}/members`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
        [leadA.id, 'LEAD_COUNSEL'],
        [counselA.id, 'COUNSEL'],
        [viewerA.id, 'VIEWER'],
      ]);
      const viewers = await asViewerA.get(`/api/audits/${auditA.id}/members`).query({ role: 'VIEWER' });
      expect(viewers.body).toMatchObject({ total: 1, items: [{ userId: viewerA.id }] });
    });
  });
});
