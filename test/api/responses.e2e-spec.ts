// The response workflow as a legal team lives it: drafting, optimistic locking between two
// people editing one cell, review and approval by someone other than the author, and the
// history each change leaves behind.
import { createTestApp, type TestApp } from '../support/app';
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

const NOW = '2023-05-25T12:00:00.000Z';

describe('response workflow', () => {
  let t: TestApp;
  let lead: TestUser;
  let counsel: TestUser;
  let p1: TestUser;
  let p2: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let as: Record<'lead' | 'counsel' | 'p1' | 'p2' | 'reviewer' | 'outsider' | 'viewer', Agent>;
  let auditId: string;
  let requestId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    const make = (label: string) => newUser(t.prisma, { label });
    [lead, counsel, p1, p2, reviewer, outsider, viewer, stranger] = await Promise.all(
      ['lead', 'counsel', 'paralegal1', 'paralegal2', 'reviewer', 'outsider', 'viewer', 'stranger'].map(make),
    );
    const agents = await Promise.all(
      [lead, counsel, p1, p2, reviewer, outsider, viewer].map((u) => login(t.http, u.email)),
    );
    as = {
      lead: agents[0],
      counsel: agents[1],
      p1: agents[2],
      p2: agents[3],
      reviewer: agents[4],
      outsider: agents[5],
      viewer: agents[6],
    };
    auditId = (await newAuditViaApi(as.lead)).id;
    await addMember(as.lead, auditId, counsel, 'COUNSEL');
    for (const user of [p1, p2, reviewer, outsider]) await addMember(as.lead, auditId, user, 'CONTRIBUTOR');
    await addMember(as.lead, auditId, viewer, 'VIEWER');
    requestId = (
      await addRequest(as.lead, auditId, { title: 'Purpose and use case', text: 'Describe the purpose of the app.' })
    ).id;
  });
  afterAll(() => t.close());

  const path = (id: string) => `/api/audits/${auditId}/responses/${id}`;
  const edit = (agent: Agent, id: string, body: Record<string, unknown>) => agent.patch(path(id)).send(body);
  const stored = (id: string) => t.prisma.response.findUniqueOrThrow({ where: { id } });
  const eventsOf = async (id: string) => {
    const res = await as.lead.get(`/api/audits/${auditId}/activity`).query({ entityType: 'response', entityId: id });
    expect(res.status).toBe(200);
    return res.body.items as {
      action: string;
      actor: { id: string };
      changes: Record<string, { before: unknown; after: unknown }>;
    }[];
  };

  /** A new subject, so a new, empty cell of the one request; optionally assigned by the lead. */
  async function freshCell(opts: { ownerId?: string; assigneeId?: string; reviewerId?: string } = {}) {
    const subject = await addSubject(as.lead, auditId, opts.ownerId ? { ownerId: opts.ownerId } : {});
    const cells = await grid(as.lead, auditId, { subjectId: subject.id });
    expect(cells).toHaveLength(1);
    let current = cells[0] as { id: string; version: number };
    if (opts.assigneeId || opts.reviewerId) {
      const res = await edit(as.lead, current.id, {
        version: current.version,
        assigneeId: opts.assigneeId,
        reviewerId: opts.reviewerId,
      });
      expect(res.status).toBe(200);
      current = res.body;
    }
    return { id: current.id, version: current.version, subject };
  }

  /** Drives a cell to IN_REVIEW with an answer, as its assignee. */
  async function inReview(assignee: TestUser, agent: Agent, reviewerId?: string) {
    const c = await freshCell({ assigneeId: assignee.id, reviewerId });
    const res = await edit(agent, c.id, {
      version: c.version,
      answer: 'The app displayed public posts only.',
      status: 'IN_REVIEW',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('IN_REVIEW');
    return { id: c.id, version: res.body.version as number };
  }

  describe('drafting', () => {
    it('writing an answer on NOT_STARTED moves it to IN_PROGRESS and bumps the version', async () => {
      const c = await freshCell({ ownerId: p1.id });
      expect(c.version).toBe(1);
      const res = await edit(as.p1, c.id, { version: 1, answer: 'Draft: tweets were cached for 24 hours.' });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: c.id,
        subject: { id: c.subject.id, name: c.subject.name },
        request: { id: requestId, ordinal: 1, title: 'Purpose and use case' },
        status: 'IN_PROGRESS',
        // A new cell starts assigned to its app's owner.
        assignee: { id: p1.id, name: p1.name },
        reviewer: null,
        dueDate: null,
        answer: 'Draft: tweets were cached for 24 hours.',
        version: 2,
        overdue: false,
        approvedAt: null,
        approvedBy: null,
        commentCount: 0,
        updatedAt: expect.any(String),
        statusNote: null,
        requestText: 'Describe the purpose of the app.',
        provision: null,
        subjectOwner: { id: p1.id, name: p1.name },
        // The request has no form: the text is the answer.
        form: null,
        formValues: null,
        // Who wrote the answer: review is by someone else.
        answeredById: p1.id,
      });
      expect(await stored(c.id)).toMatchObject({
        status: 'IN_PROGRESS',
        answer: 'Draft: tweets were cached for 24 hours.',
        version: 2,
      });
      expect((await as.viewer.get(path(c.id))).body).toEqual(res.body);
    });

    it('records the change with before and after of exactly the changed fields', async () => {
      const c = await freshCell({ ownerId: p1.id });
      await edit(as.p1, c.id, { version: 1, answer: 'First draft' });
      await edit(as.p1, c.id, { version: 2, answer: 'Second draft' });

      const events = await eventsOf(c.id);
      expect(events.map((e) => [e.action, e.actor.id, e.changes])).toEqual([
        ['updated', p1.id, { answer: { before: 'First draft', after: 'Second draft' } }],
        [
          'status_changed',
          p1.id,
          { answer: { before: null, after: 'First draft' }, status: { before: 'NOT_STARTED', after: 'IN_PROGRESS' } },
        ],
      ]);
    });

    it('an assignment records only the assignment, and leaves the answer alone', async () => {
      const c = await freshCell({ ownerId: p1.id });
      const drafted = await edit(as.p1, c.id, { version: 1, answer: 'Kept' });
      const res = await edit(as.lead, c.id, {
        version: drafted.body.version,
        assigneeId: p2.id,
        dueDate: '2023-06-01',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        answer: 'Kept',
        assignee: { id: p2.id, name: p2.name },
        dueDate: '2023-06-01',
        status: 'IN_PROGRESS',
      });

      const [latest] = await eventsOf(c.id);
      expect(latest).toMatchObject({ action: 'updated', actor: { id: lead.id } });
      expect(latest.changes).toEqual({
        assigneeId: { before: p1.id, after: p2.id },
        dueDate: { before: null, after: '2023-06-01' },
      });
    });

    it('a PATCH that changes nothing keeps the version and records nothing', async () => {
      const c = await freshCell({ ownerId: p1.id });
      const drafted = await edit(as.p1, c.id, { version: 1, answer: 'Same' });
      const before = (await eventsOf(c.id)).length;

      const res = await edit(as.p1, c.id, { version: drafted.body.version, answer: 'Same' });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(drafted.body.version);
      const onlyVersion = await edit(as.p1, c.id, { version: drafted.body.version });
      expect(onlyVersion.status).toBe(200);
      expect(onlyVersion.body).toMatchObject({ version: drafted.body.version, answer: 'Same', status: 'IN_PROGRESS' });
      expect((await eventsOf(c.id)).length).toBe(before);
    });
  });

  describe('optimistic locking', () => {
    it('a stale version is 409 VERSION_CONFLICT with currentVersion; the first writer keeps their answer', async () => {
      // Two paralegals open the same cell at version 1: one owns the app, one is assigned to it.
      const c = await freshCell({ ownerId: p1.id, assigneeId: p2.id });
      const seen = c.version;

      const first = await edit(as.p1, c.id, { version: seen, answer: 'Answer by paralegal 1' });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(seen + 1);

      const second = await edit(as.p2, c.id, { version: seen, answer: 'Answer by paralegal 2' });
      expectProblem(second, 409, 'VERSION_CONFLICT', ['version']);
      expect(second.body.currentVersion).toBe(seen + 1);
      expect(second.body.detail).toMatch(/nothing was overwritten/);
      expect(await stored(c.id)).toMatchObject({ answer: 'Answer by paralegal 1', version: seen + 1 });

      // Paralegal 2 reloads and applies the change on top: nothing is lost.
      const reloaded = await as.p2.get(path(c.id));
      const merged = `${reloaded.body.answer}\n\nAddendum by paralegal 2`;
      const retry = await edit(as.p2, c.id, { version: reloaded.body.version, answer: merged });
      expect(retry.status).toBe(200);
      expect(await stored(c.id)).toMatchObject({ answer: merged, version: seen + 2 });
    });

    it('of two simultaneous saves on one version exactly one wins, and its answer is stored', async () => {
      const c = await freshCell({ ownerId: p1.id, assigneeId: p2.id });
      const [a, b] = await Promise.all([
        edit(as.p1, c.id, { version: c.version, answer: 'Racer 1' }),
        edit(as.p2, c.id, { version: c.version, answer: 'Racer 2' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      expectProblem(loser, 409, 'VERSION_CONFLICT', ['version']);
      expect(loser.body.currentVersion).toBe(c.version + 1);
      expect(await stored(c.id)).toMatchObject({ answer: winner.body.answer, version: c.version + 1 });
      expect(await eventsOf(c.id)).toHaveLength(2); // the assignment and the winning save
    });

    it('a version from the future is a conflict too', async () => {
      const c = await freshCell({ ownerId: p1.id });
      const res = await edit(as.p1, c.id, { version: 99, answer: 'x' });
      expectProblem(res, 409, 'VERSION_CONFLICT');
      expect(res.body.currentVersion).toBe(1);
    });
  });

  describe('review', () => {
    it('submitting for review without an answer is 422 naming answer', async () => {
      const c = await freshCell({ assigneeId: p1.id });
      expectProblem(await edit(as.p1, c.id, { version: c.version, status: 'IN_REVIEW' }), 422, 'RULE_VIOLATION', [
        'answer',
      ]);
      expectProblem(
        await edit(as.p1, c.id, { version: c.version, status: 'IN_REVIEW', answer: '   ' }),
        422,
        'RULE_VIOLATION',
        ['answer'],
      );
      expect(await stored(c.id)).toMatchObject({ status: 'NOT_STARTED', answer: null, version: c.version });
    });

    it('the assignee cannot approve their own answer, even as counsel (403)', async () => {
      const r = await inReview(counsel, as.counsel, reviewer.id);
      const approve = await edit(as.counsel, r.id, { version: r.version, status: 'APPROVED' });
      expectProblem(approve, 403, 'FORBIDDEN');
      expect(approve.body.detail).toBe('The assignee or the author of an answer cannot review it.');
      expectProblem(
        await edit(as.counsel, r.id, { version: r.version, status: 'CHANGES_REQUESTED' }),
        403,
        'FORBIDDEN',
      );
      expect(await stored(r.id)).toMatchObject({ status: 'IN_REVIEW', approvedAt: null, approvedById: null });
    });

    it('nor by naming themselves reviewer and someone else assignee in the same request', async () => {
      const r = await inReview(counsel, as.counsel);
      const res = await edit(as.counsel, r.id, {
        version: r.version,
        status: 'APPROVED',
        assigneeId: p1.id,
        reviewerId: counsel.id,
      });
      // Approving in the same breath as handing the work away is still approving your own answer.
      expect(res.status).toBe(403);
      expect(await stored(r.id)).toMatchObject({ status: 'IN_REVIEW', assigneeId: counsel.id });
    });

    it('the designated reviewer, a contributor, approves: approvedAt and approvedBy are set', async () => {
      const r = await inReview(p1, as.p1, reviewer.id);
      const res = await edit(as.reviewer, r.id, { version: r.version, status: 'APPROVED' });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'APPROVED',
        approvedAt: NOW,
        approvedBy: { id: reviewer.id, name: reviewer.name },
        version: r.version + 1,
      });
      expect(await stored(r.id)).toMatchObject({
        status: 'APPROVED',
        approvedById: reviewer.id,
        approvedAt: new Date(NOW),
      });
      const [latest] = await eventsOf(r.id);
      expect(latest).toMatchObject({ action: 'status_changed', actor: { id: reviewer.id } });
      expect(latest.changes).toEqual({
        status: { before: 'IN_REVIEW', after: 'APPROVED' },
        approvedAt: { before: null, after: NOW },
        approvedById: { before: null, after: reviewer.id },
      });
    });

    it('whoever wrote the answer cannot review it, even as the designated reviewer who owns the app (403)', async () => {
      const c = await freshCell({ ownerId: reviewer.id, assigneeId: p1.id, reviewerId: reviewer.id });
      const written = await edit(as.reviewer, c.id, {
        version: c.version,
        answer: 'Written by the app owner.',
        status: 'IN_REVIEW',
      });
      expect(written.status).toBe(200);
      // The response says who wrote its answer, so a client offers review only to others.
      expect(written.body.answeredById).toBe(reviewer.id);
      expect((await as.p1.get(`/api/audits/${auditId}/responses/${c.id}`)).body.answeredById).toBe(reviewer.id);
      const approve = await edit(as.reviewer, c.id, { version: written.body.version, status: 'APPROVED' });
      expectProblem(approve, 403, 'FORBIDDEN');
      expect(await stored(c.id)).toMatchObject({ status: 'IN_REVIEW', answeredById: reviewer.id, approvedById: null });
    });

    it('rewriting an approved answer and approving it in one request is refused; the approval stays as it was', async () => {
      const r = await inReview(p1, as.p1, reviewer.id);
      const approved = await edit(as.reviewer, r.id, { version: r.version, status: 'APPROVED' });
      const res = await edit(as.counsel, r.id, {
        version: approved.body.version,
        answer: 'Something else entirely',
        status: 'APPROVED',
      });
      expectProblem(res, 409, 'CONFLICT', ['answer']);
      expect(await stored(r.id)).toMatchObject({
        status: 'APPROVED',
        answer: 'The app displayed public posts only.',
        approvedById: reviewer.id,
      });
    });

    it('a contributor who is not the reviewer cannot approve (403)', async () => {
      const r = await inReview(p1, as.p1, reviewer.id);
      expectProblem(await edit(as.outsider, r.id, { version: r.version, status: 'APPROVED' }), 403, 'FORBIDDEN');
      expectProblem(await edit(as.p2, r.id, { version: r.version, status: 'CHANGES_REQUESTED' }), 403, 'FORBIDDEN');
    });

    it('counsel other than the assignee may review without being the designated reviewer', async () => {
      const r = await inReview(p1, as.p1, reviewer.id);
      // Asking for changes says which: the assignee reads the reason on the response.
      const unsaid = await edit(as.counsel, r.id, { version: r.version, status: 'CHANGES_REQUESTED' });
      expectProblem(unsaid, 400, 'VALIDATION_FAILED', ['statusReason']);
      expect(unsaid.body.detail).toBe('Say what must change: the assignee sees the reason on the response.');
      const res = await edit(as.counsel, r.id, {
        version: r.version,
        status: 'CHANGES_REQUESTED',
        statusReason: 'Cite the retention clause',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'CHANGES_REQUESTED', approvedAt: null });
      const seen = await as.p1.get(`/api/audits/${auditId}/responses/${r.id}`);
      expect(seen.body.statusNote).toMatchObject({
        reason: 'Cite the retention clause',
        by: { id: counsel.id, name: counsel.name },
      });
      // The assignee reworks the answer (status stays) and resubmits.
      const reworked = await edit(as.p1, r.id, { version: res.body.version, answer: 'Reworked answer' });
      expect(reworked.body).toMatchObject({ status: 'CHANGES_REQUESTED', version: res.body.version + 1 });
      expect(reworked.body.statusNote.reason).toBe('Cite the retention clause');
      const resubmitted = await edit(as.p1, r.id, { version: reworked.body.version, status: 'IN_REVIEW' });
      expect(resubmitted.body).toMatchObject({ status: 'IN_REVIEW', statusNote: null });
    });

    it('an approval may carry a sign-off note, recorded with it and shown on the response', async () => {
      const r = await inReview(p1, as.p1, reviewer.id);
      const approved = await edit(as.reviewer, r.id, {
        version: r.version,
        status: 'APPROVED',
        statusReason: 'Checked against the 2022 logs',
      });
      expect(approved.body).toMatchObject({
        status: 'APPROVED',
        statusNote: { reason: 'Checked against the 2022 logs', by: { id: reviewer.id } },
      });
      const events = await as.p1
        .get(`/api/audits/${auditId}/activity`)
        .query({ entityType: 'response', entityId: r.id, action: 'status_changed' });
      expect(events.body.items[0].changes).toMatchObject({
        status: { before: 'IN_REVIEW', after: 'APPROVED' },
        statusReason: { before: null, after: 'Checked against the 2022 logs' },
      });
      // The line says what it is about and whom its ids name, in names.
      const cell = (await as.p1.get(path(r.id))).body;
      // Read back, the note is the one the approval answered with (the read route finds the
      // move in its own statement, the update inside its transaction).
      expect(cell.statusNote).toEqual(approved.body.statusNote);
      expect(cell.statusNote.by).toEqual({ id: reviewer.id, name: reviewer.name });
      expect(events.body.items[0]).toMatchObject({
        subject: cell.subject,
        request: { id: requestId, ordinal: 1, title: 'Purpose and use case' },
        people: [{ id: reviewer.id, name: reviewer.name }],
      });
    });

    it('an approved answer is not edited in passing: the edit is refused and the approval stands', async () => {
      const r = await inReview(p1, as.p1, reviewer.id);
      const approved = await edit(as.reviewer, r.id, { version: r.version, status: 'APPROVED' });
      const res = await edit(as.p1, r.id, { version: approved.body.version, answer: 'Corrected after approval ' });

      expectProblem(res, 409, 'CONFLICT', ['answer']);
      expect(res.body.detail).toBe(
        'This answer is approved: counsel must reopen it, with a reason, before it is edited.',
      );
      expect(await stored(r.id)).toMatchObject({
        status: 'APPROVED',
        answer: 'The app displayed public posts only.',
        approvedById: reviewer.id,
        version: approved.body.version,
      });
    });

    it("reopening an approved response is counsel's call, with a reason that is recorded", async () => {
      const r = await inReview(p1, as.p1, reviewer.id);
      const approved = await edit(as.reviewer, r.id, { version: r.version, status: 'APPROVED' });
      const version = approved.body.version;
      expectProblem(
        await edit(as.p1, r.id, { version, status: 'IN_PROGRESS', statusReason: 'Mine' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await edit(as.counsel, r.id, { version, status: 'IN_PROGRESS' }), 400, 'VALIDATION_FAILED', [
        'statusReason',
      ]);
      // Never straight back to review: reopening is the one way out of an approval.
      expectProblem(
        await edit(as.counsel, r.id, { version, status: 'IN_REVIEW', statusReason: 'Again' }),
        409,
        'CONFLICT',
        ['status'],
      );
      expect(await stored(r.id)).toMatchObject({ status: 'APPROVED', version });

      const reopened = await edit(as.counsel, r.id, {
        version,
        status: 'IN_PROGRESS',
        statusReason: 'The client corrected the retention period.',
        answer: 'Corrected after approval',
      });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({
        status: 'IN_PROGRESS',
        approvedAt: null,
        approvedBy: null,
        answer: 'Corrected after approval',
      });
      const [latest] = await eventsOf(r.id);
      expect(latest.changes).toEqual({
        answer: { before: 'The app displayed public posts only.', after: 'Corrected after approval' },
        status: { before: 'APPROVED', after: 'IN_PROGRESS' },
        approvedAt: { before: NOW, after: null },
        approvedById: { before: reviewer.id, after: null },
        statusReason: { before: null, after: 'The client corrected the retention period.' },
      });
    });
  });

  describe('who may do what', () => {
    it('a contributor who is neither assignee, reviewer nor owner cannot edit (403), and nothing changes', async () => {
      const c = await freshCell({ ownerId: p1.id, assigneeId: p2.id, reviewerId: reviewer.id });
      const res = await edit(as.outsider, c.id, { version: c.version, answer: 'Not mine to write' });
      expectProblem(res, 403, 'FORBIDDEN');
      expectProblem(await edit(as.outsider, c.id, { version: c.version, status: 'IN_PROGRESS' }), 403, 'FORBIDDEN');
      expect(await stored(c.id)).toMatchObject({ answer: null, status: 'NOT_STARTED', version: c.version });
    });

    it('the subject owner may answer without being assigned', async () => {
      const c = await freshCell({ ownerId: p2.id, assigneeId: p1.id });
      expect((await edit(as.p2, c.id, { version: c.version, answer: 'Owner writes' })).status).toBe(200);
    });

    it('only counsel assigns, picks reviewers and sets due dates', async () => {
      const c = await freshCell({ assigneeId: p1.id });
      for (const change of [
        { assigneeId: p2.id },
        { reviewerId: reviewer.id },
        { dueDate: '2023-06-01' },
        { assigneeId: null },
      ]) {
        expectProblem(await edit(as.p1, c.id, { version: c.version, ...change }), 403, 'FORBIDDEN');
      }
      expect(await stored(c.id)).toMatchObject({ assigneeId: p1.id, reviewerId: null, dueDate: null });
    });

    it('NOT_APPLICABLE only by counsel, and only counsel reopens it', async () => {
      const c = await freshCell({ assigneeId: p1.id });
      expectProblem(await edit(as.p1, c.id, { version: c.version, status: 'NOT_APPLICABLE' }), 403, 'FORBIDDEN');
      const na = await edit(as.counsel, c.id, { version: c.version, status: 'NOT_APPLICABLE' });
      expect(na.status).toBe(200);
      expect(na.body.status).toBe('NOT_APPLICABLE');
      expectProblem(await edit(as.p1, c.id, { version: na.body.version, status: 'IN_PROGRESS' }), 403, 'FORBIDDEN');
      const reopened = await edit(as.lead, c.id, { version: na.body.version, status: 'NOT_STARTED' });
      expect(reopened.body.status).toBe('NOT_STARTED');
    });

    it('a viewer cannot edit (403)', async () => {
      const c = await freshCell();
      expectProblem(await edit(as.viewer, c.id, { version: c.version, answer: 'x' }), 403, 'FORBIDDEN');
    });
  });

  describe('assignee and reviewer', () => {
    it('must be members who can write: a viewer or a non-member is 422 naming the field', async () => {
      const c = await freshCell();
      const cases: [Record<string, unknown>, string][] = [
        [{ assigneeId: viewer.id }, 'assigneeId'],
        [{ reviewerId: viewer.id }, 'reviewerId'],
        [{ assigneeId: stranger.id }, 'assigneeId'],
        [{ reviewerId: stranger.id }, 'reviewerId'],
        [{ assigneeId: '00000000-0000-4000-8000-000000000000' }, 'assigneeId'],
      ];
      for (const [change, field] of cases) {
        const res = await edit(as.lead, c.id, { version: c.version, ...change });
        expectProblem(res, 422, 'RULE_VIOLATION', [field]);
      }
      expect(await stored(c.id)).toMatchObject({ assigneeId: null, reviewerId: null, version: c.version });
    });

    it('the reviewer must be someone other than the assignee (422)', async () => {
      const c = await freshCell({ assigneeId: p1.id });
      expectProblem(await edit(as.lead, c.id, { version: c.version, reviewerId: p1.id }), 422, 'RULE_VIOLATION', [
        'reviewerId',
      ]);
      const both = await edit(as.lead, c.id, { version: c.version, assigneeId: p2.id, reviewerId: p2.id });
      expectProblem(both, 422, 'RULE_VIOLATION', ['reviewerId']);
      const c2 = await freshCell({ reviewerId: reviewer.id });
      expectProblem(
        await edit(as.lead, c2.id, { version: c2.version, assigneeId: reviewer.id }),
        422,
        'RULE_VIOLATION',
        ['assigneeId'],
      );
      expect(await stored(c.id)).toMatchObject({ assigneeId: p1.id, reviewerId: null });
    });
  });

  describe('status transitions', () => {
    it('NOT_STARTED -> APPROVED is refused with 409 naming status', async () => {
      const c = await freshCell();
      const res = await edit(as.lead, c.id, { version: c.version, status: 'APPROVED' });
      expectProblem(res, 409, 'CONFLICT', ['status']);
      expect(res.body.detail).toBe('A response cannot move from NOT_STARTED to APPROVED.');
      expect(await stored(c.id)).toMatchObject({ status: 'NOT_STARTED', version: c.version });
    });

    it('NOT_STARTED -> CHANGES_REQUESTED and NOT_APPLICABLE -> APPROVED are refused too', async () => {
      const c = await freshCell();
      expectProblem(await edit(as.lead, c.id, { version: c.version, status: 'CHANGES_REQUESTED' }), 409, 'CONFLICT', [
        'status',
      ]);
      const na = await edit(as.lead, c.id, {
        version: c.version,
        status: 'NOT_APPLICABLE',
        answer: 'Not used by government.',
      });
      expect(na.body.status).toBe('NOT_APPLICABLE');
      expectProblem(await edit(as.lead, c.id, { version: na.body.version, status: 'APPROVED' }), 409, 'CONFLICT', [
        'status',
      ]);
    });
  });

  describe('comments', () => {
    it('are added by those who work on or review the response, and listed oldest first, with their authors', async () => {
      const c = await freshCell({ assigneeId: p1.id, reviewerId: reviewer.id });
      const bodies: [Agent, TestUser, string][] = [
        [as.p1, p1, 'Started collecting the logs.'],
        [as.reviewer, reviewer, 'Split the figures by month, please.'],
        [as.lead, lead, 'Privileged: keep the tenant names out.'],
      ];
      const created: Res[] = [];
      for (const [agent, , body] of bodies) {
        const res = await agent.post(`${path(c.id)}/comments`).send({ body });
        expect(res.status).toBe(201);
        created.push(res);
      }
      expect(created[0].body).toEqual({
        id: expect.any(String),
        author: { id: p1.id, name: p1.name },
        body: bodies[0][2],
        createdAt: expect.any(String),
      });

      const list = await as.viewer.get(`${path(c.id)}/comments`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
      expect(list.body.items.map((x: { author: { id: string }; body: string }) => [x.author.id, x.body])).toEqual(
        bodies.map(([, user, body]) => [user.id, body]),
      );
      expect((await as.lead.get(path(c.id))).body.commentCount).toBe(3);
      const events = await as.lead.get(`/api/audits/${auditId}/activity`).query({ entityType: 'comment' });
      expect(
        events.body.items.filter(
          (e: { changes: { responseId: { after: string } } }) => e.changes.responseId.after === c.id,
        ),
      ).toHaveLength(3);
    });

    it('a viewer, or a contributor with no part in the response, cannot comment (403); an empty comment is a 400', async () => {
      const c = await freshCell({ assigneeId: p1.id });
      expectProblem(await as.viewer.post(`${path(c.id)}/comments`).send({ body: 'I was here' }), 403, 'FORBIDDEN');
      expectProblem(await as.outsider.post(`${path(c.id)}/comments`).send({ body: 'Not my app' }), 403, 'FORBIDDEN');
      expectProblem(await as.lead.post(`${path(c.id)}/comments`).send({ body: '  ' }), 400, 'VALIDATION_FAILED', [
        'body',
      ]);
      expect(await t.prisma.comment.count({ where: { responseId: c.id } })).toBe(0);
    });
  });
});
