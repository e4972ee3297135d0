// The response grid: exactly one response per subject and applicable request, kept in step
// as subjects and requests come and go, never dropping a cell that holds work; and the
// grid's filters, including "overdue" against the FixedClock.
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  cell,
  expectProblem,
  grid,
  type GridCell,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
} from '../support/factories';

const pairs = (cells: GridCell[]) => cells.map((c) => `${c.subject.name} x ${c.request.ordinal}`);

describe('response grid', () => {
  let t: TestApp;
  let lead: TestUser;
  let worker: TestUser;
  let asLead: Agent;
  let asWorker: Agent;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    lead = await newUser(t.prisma, { label: 'grid-lead' });
    worker = await newUser(t.prisma, { label: 'grid-worker' });
    // API tokens rather than sessions: the filter tests move the clock by days, past a session's life.
    [asLead, asWorker] = await Promise.all([lead, worker].map((u) => tokenAgent(t.http, u)));
  });
  afterAll(() => t.close());

  const responses = (auditId: string) => `/api/audits/${auditId}/responses`;

  describe('cells follow subjects and requests', () => {
    it('subjects x applicable requests, each pair once, empty and in subject then request order', async () => {
      const audit = await newAuditViaApi(asLead);
      const s1 = await addSubject(asLead, audit.id, { name: 'Alpha' });
      const s2 = await addSubject(asLead, audit.id, { name: 'Beta' });
      expect([s1.position, s2.position]).toEqual([1, 2]);
      expect(await grid(asLead, audit.id)).toEqual([]);

      const r1 = await addRequest(asLead, audit.id, { title: 'Data held' });
      const r2 = await addRequest(asLead, audit.id, { title: 'Use case' });
      const r3 = await addRequest(asLead, audit.id, { title: 'Records' });
      expect([r1.ordinal, r2.ordinal, r3.ordinal]).toEqual([1, 2, 3]);
      expect(r1).toMatchObject({ appliesToAll: true, subjectIds: [], provision: null });

      let cells = await grid(asLead, audit.id);
      expect(pairs(cells)).toEqual(['Alpha x 1', 'Alpha x 2', 'Alpha x 3', 'Beta x 1', 'Beta x 2', 'Beta x 3']);
      expect(cells[0]).toEqual({
        id: expect.any(String),
        subject: { id: s1.id, name: 'Alpha' },
        request: { id: r1.id, ordinal: 1, title: 'Data held' },
        status: 'NOT_STARTED',
        assignee: null,
        reviewer: null,
        dueDate: null,
        answer: null,
        version: 1,
        overdue: false,
        approvedAt: null,
        approvedBy: null,
        commentCount: 0,
        updatedAt: expect.any(String),
      });
      expect(await t.prisma.response.count({ where: { auditId: audit.id } })).toBe(6);

      // A subject added later gets its row at once.
      await addSubject(asLead, audit.id, { name: 'Gamma' });
      await addSubject(asLead, audit.id, { name: 'Delta' });
      cells = await grid(asLead, audit.id);
      expect(cells).toHaveLength(12);
      expect(new Set(cells.map((c) => `${c.subject.id}:${c.request.id}`)).size).toBe(12);
      expect(pairs(cells).slice(6)).toEqual([
        'Gamma x 1',
        'Gamma x 2',
        'Gamma x 3',
        'Delta x 1',
        'Delta x 2',
        'Delta x 3',
      ]);

      // The history says how many responses each addition created (newest first).
      const subjectEvents = await asLead
        .get(`/api/audits/${audit.id}/activity`)
        .query({ entityType: 'subject', action: 'created' });
      expect(
        subjectEvents.body.items.map(
          (e: { changes: { responsesCreated: { after: number } } }) => e.changes.responsesCreated.after,
        ),
      ).toEqual([3, 3, 0, 0]);
      const requestEvents = await asLead
        .get(`/api/audits/${audit.id}/activity`)
        .query({ entityType: 'request', action: 'created' });
      expect(
        requestEvents.body.items.map(
          (e: { changes: { responsesCreated: { after: number } } }) => e.changes.responsesCreated.after,
        ),
      ).toEqual([2, 2, 2]);
    });

    it('a subject placed before the others comes first in the grid', async () => {
      const audit = await newAuditViaApi(asLead);
      await addSubject(asLead, audit.id, { name: 'Second', position: 2 });
      await addSubject(asLead, audit.id, { name: 'First', position: 1 });
      await addRequest(asLead, audit.id);
      expect(pairs(await grid(asLead, audit.id))).toEqual(['First x 1', 'Second x 1']);
    });

    it('a request for chosen subjects creates only their cells; widening adds and narrowing drops empty cells', async () => {
      const audit = await newAuditViaApi(asLead);
      const a = await addSubject(asLead, audit.id, { name: 'A' });
      const b = await addSubject(asLead, audit.id, { name: 'B' });
      const c = await addSubject(asLead, audit.id, { name: 'C' });
      await addRequest(asLead, audit.id);
      const scoped = await addRequest(asLead, audit.id, { appliesToAll: false, subjectIds: [b.id] });
      expect(scoped).toMatchObject({ ordinal: 2, appliesToAll: false, subjectIds: [b.id] });
      expect(pairs(await grid(asLead, audit.id))).toEqual(['A x 1', 'B x 1', 'B x 2', 'C x 1']);
      const bCell = cell(await grid(asLead, audit.id), b.id, scoped.id);

      const widened = await asLead
        .patch(`/api/audits/${audit.id}/requests/${scoped.id}`)
        .send({ subjectIds: [b.id, c.id] });
      expect(widened.status).toBe(200);
      expect(widened.body.subjectIds.sort()).toEqual([b.id, c.id].sort());
      expect(pairs(await grid(asLead, audit.id))).toEqual(['A x 1', 'B x 1', 'B x 2', 'C x 1', 'C x 2']);
      // The cell that was there keeps its identity.
      expect(cell(await grid(asLead, audit.id), b.id, scoped.id).id).toBe(bCell.id);

      const toAll = await asLead.patch(`/api/audits/${audit.id}/requests/${scoped.id}`).send({ appliesToAll: true });
      expect(toAll.body).toMatchObject({ appliesToAll: true, subjectIds: [] });
      expect(pairs(await grid(asLead, audit.id))).toEqual(['A x 1', 'A x 2', 'B x 1', 'B x 2', 'C x 1', 'C x 2']);

      const narrowed = await asLead
        .patch(`/api/audits/${audit.id}/requests/${scoped.id}`)
        .send({ appliesToAll: false, subjectIds: [a.id] });
      expect(narrowed.status).toBe(200);
      expect(narrowed.body).toMatchObject({ appliesToAll: false, subjectIds: [a.id] });
      expect(pairs(await grid(asLead, audit.id))).toEqual(['A x 1', 'A x 2', 'B x 1', 'C x 1']);

      const events = await asLead
        .get(`/api/audits/${audit.id}/activity`)
        .query({ entityType: 'request', action: 'updated' });
      expect(events.body.items[0].changes).toEqual({
        appliesToAll: { before: true, after: false },
        subjectIds: { before: [], after: [a.id] },
      });
    });

    it('narrowing away a cell that holds an answer is 409, and nothing changes', async () => {
      const audit = await newAuditViaApi(asLead);
      const a = await addSubject(asLead, audit.id, { name: 'A' });
      const b = await addSubject(asLead, audit.id, { name: 'B' });
      const request = await addRequest(asLead, audit.id);
      const bCell = cell(await grid(asLead, audit.id), b.id, request.id);
      const answered = await asLead
        .patch(`${responses(audit.id)}/${bCell.id}`)
        .send({ version: bCell.version, answer: 'B kept no data.' });
      expect(answered.status).toBe(200);

      const res = await asLead
        .patch(`/api/audits/${audit.id}/requests/${request.id}`)
        .send({ appliesToAll: false, subjectIds: [a.id] });
      expectProblem(res, 409, 'CONFLICT');
      expect(res.body).toMatchObject({
        responseId: bCell.id,
        detail: 'The response of B to request 1 already holds work; it cannot be dropped.',
      });

      const stored = await t.prisma.auditRequest.findUniqueOrThrow({
        where: { id: request.id },
        include: { chosenSubjects: true },
      });
      expect(stored.appliesToAll).toBe(true);
      expect(stored.chosenSubjects).toEqual([]);
      const cells = await grid(asLead, audit.id);
      expect(pairs(cells)).toEqual(['A x 1', 'B x 1']);
      expect(cell(cells, b.id, request.id)).toMatchObject({
        answer: 'B kept no data.',
        status: 'IN_PROGRESS',
        version: 2,
      });
    });

    it('a cell with only a comment holds work too', async () => {
      const audit = await newAuditViaApi(asLead);
      const a = await addSubject(asLead, audit.id, { name: 'A' });
      const b = await addSubject(asLead, audit.id, { name: 'B' });
      const request = await addRequest(asLead, audit.id);
      const bCell = cell(await grid(asLead, audit.id), b.id, request.id);
      expect(
        (await asLead.post(`${responses(audit.id)}/${bCell.id}/comments`).send({ body: 'Ask the B team.' })).status,
      ).toBe(201);

      const res = await asLead
        .patch(`/api/audits/${audit.id}/requests/${request.id}`)
        .send({ appliesToAll: false, subjectIds: [a.id] });
      expectProblem(res, 409, 'CONFLICT');
      expect(await t.prisma.response.count({ where: { auditId: audit.id } })).toBe(2);
    });

    it('a request for chosen subjects needs at least one, all from this audit', async () => {
      const audit = await newAuditViaApi(asLead);
      await addSubject(asLead, audit.id);
      const path = `/api/audits/${audit.id}/requests`;
      expectProblem(
        await asLead.post(path).send({ title: 'T', text: 'X', appliesToAll: false }),
        400,
        'VALIDATION_FAILED',
        ['subjectIds'],
      );
      expectProblem(
        await asLead.post(path).send({ title: 'T', text: 'X', appliesToAll: false, subjectIds: [] }),
        400,
        'VALIDATION_FAILED',
        ['subjectIds'],
      );
      expectProblem(
        await asLead
          .post(path)
          .send({ title: 'T', text: 'X', appliesToAll: false, subjectIds: ['00000000-0000-4000-8000-000000000000'] }),
        422,
        'RULE_VIOLATION',
        ['subjectIds'],
      );
      expect(await t.prisma.auditRequest.count({ where: { auditId: audit.id } })).toBe(0);
      expect(await t.prisma.response.count({ where: { auditId: audit.id } })).toBe(0);
    });

    it('a subject and a request added at the same moment (two counsel at work) still give the full grid', async () => {
      const outcomes: string[] = [];
      for (let round = 0; round < 3; round += 1) {
        const audit = await newAuditViaApi(asLead);
        await addSubject(asLead, audit.id, { name: 'Existing app' });
        await addRequest(asLead, audit.id, { title: 'Existing request' });
        const [subject, request] = await Promise.all([
          asLead.post(`/api/audits/${audit.id}/subjects`).send({ name: 'New app' }),
          asLead.post(`/api/audits/${audit.id}/requests`).send({ title: 'New request', text: 'Provide it.' }),
        ]);
        expect([subject.status, request.status]).toEqual([201, 201]);
        const cells = await grid(asLead, audit.id);
        outcomes.push(`round ${round}: ${cells.length} cells: ${pairs(cells).join(', ')}`);
      }
      // 2 subjects x 2 requests, every round.
      expect(outcomes).toEqual([0, 1, 2].map((round) => expect.stringMatching(new RegExp(`^round ${round}: 4 cells`))));
    });

    it('request numbers are unique in the audit (409 naming ordinal)', async () => {
      const audit = await newAuditViaApi(asLead);
      await addRequest(asLead, audit.id, { ordinal: 4 });
      expectProblem(
        await asLead.post(`/api/audits/${audit.id}/requests`).send({ ordinal: 4, title: 'T', text: 'X' }),
        409,
        'DUPLICATE',
        ['ordinal'],
      );
      expect((await addRequest(asLead, audit.id)).ordinal).toBe(5);
    });

    it('subject names are unique in the audit (409 naming name)', async () => {
      const audit = await newAuditViaApi(asLead);
      await addSubject(asLead, audit.id, { name: 'Bing Pages' });
      expectProblem(
        await asLead.post(`/api/audits/${audit.id}/subjects`).send({ name: '  Bing Pages ' }),
        409,
        'DUPLICATE',
        ['name'],
      );
    });
  });

  describe('deleting subjects and requests', () => {
    async function auditWithWork() {
      const audit = await newAuditViaApi(asLead);
      const busy = await addSubject(asLead, audit.id, { name: 'Busy' });
      const idle = await addSubject(asLead, audit.id, { name: 'Idle' });
      const worked = await addRequest(asLead, audit.id, { title: 'Worked' });
      const untouched = await addRequest(asLead, audit.id, { title: 'Untouched' });
      const target = cell(await grid(asLead, audit.id), busy.id, worked.id);
      const res = await asLead.patch(`${responses(audit.id)}/${target.id}`).send({ version: 1, status: 'IN_PROGRESS' });
      expect(res.status).toBe(200);
      return { audit, busy, idle, worked, untouched };
    }

    it('a subject whose responses hold no work is deleted with its row of the grid', async () => {
      const { audit, idle } = await auditWithWork();
      const res = await asLead.delete(`/api/audits/${audit.id}/subjects/${idle.id}`);
      expect(res.status).toBe(204);
      expect(pairs(await grid(asLead, audit.id))).toEqual(['Busy x 1', 'Busy x 2']);
      expect(await t.prisma.subject.findUnique({ where: { id: idle.id } })).toBeNull();
      const events = await asLead
        .get(`/api/audits/${audit.id}/activity`)
        .query({ entityType: 'subject', action: 'deleted' });
      expect(events.body.items).toEqual([
        expect.objectContaining({ entityId: idle.id, changes: { name: { before: 'Idle', after: null } } }),
      ]);
    });

    it('a subject with work is 409 and nothing is deleted', async () => {
      const { audit, busy } = await auditWithWork();
      const res = await asLead.delete(`/api/audits/${audit.id}/subjects/${busy.id}`);
      expectProblem(res, 409, 'CONFLICT');
      expect(res.body.responsesWithWork).toBe(1);
      expect(await t.prisma.subject.findUnique({ where: { id: busy.id } })).not.toBeNull();
      expect(await grid(asLead, audit.id)).toHaveLength(4);
    });

    it('a request with no work is deleted with its column; one with work is 409', async () => {
      const { audit, worked, untouched } = await auditWithWork();
      expect((await asLead.delete(`/api/audits/${audit.id}/requests/${untouched.id}`)).status).toBe(204);
      expect(pairs(await grid(asLead, audit.id))).toEqual(['Busy x 1', 'Idle x 1']);

      const res = await asLead.delete(`/api/audits/${audit.id}/requests/${worked.id}`);
      expectProblem(res, 409, 'CONFLICT');
      expect(res.body.responsesWithWork).toBe(1);
      expect(pairs(await grid(asLead, audit.id))).toEqual(['Busy x 1', 'Idle x 1']);
    });

    it('contributors cannot add or delete subjects and requests (403)', async () => {
      const { audit, idle, untouched } = await auditWithWork();
      await addMember(asLead, audit.id, worker, 'CONTRIBUTOR');
      expectProblem(await asWorker.post(`/api/audits/${audit.id}/subjects`).send({ name: 'Mine' }), 403, 'FORBIDDEN');
      expectProblem(await asWorker.delete(`/api/audits/${audit.id}/subjects/${idle.id}`), 403, 'FORBIDDEN');
      expectProblem(
        await asWorker.post(`/api/audits/${audit.id}/requests`).send({ title: 'T', text: 'X' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await asWorker.delete(`/api/audits/${audit.id}/requests/${untouched.id}`), 403, 'FORBIDDEN');
      expect(await grid(asLead, audit.id)).toHaveLength(4);
    });
  });

  describe('filters', () => {
    let auditId: string;
    let s1: { id: string };
    let s2: { id: string };
    let r1: { id: string };
    let r2: { id: string };
    let r3: { id: string };

    beforeAll(async () => {
      // Deadline 2023-06-07 17:00 New York; the clock stands at 2023-05-25 12:00 UTC.
      const audit = await newAuditViaApi(asLead);
      auditId = audit.id;
      await addMember(asLead, auditId, worker, 'CONTRIBUTOR');
      s1 = await addSubject(asLead, auditId, { name: 'One' });
      s2 = await addSubject(asLead, auditId, { name: 'Two' });
      r1 = await addRequest(asLead, auditId);
      r2 = await addRequest(asLead, auditId);
      r3 = await addRequest(asLead, auditId);
      const cells = await grid(asLead, auditId);
      const edit = async (subjectId: string, requestId: string, change: Record<string, unknown>, agent = asLead) => {
        const c = cell(await grid(asLead, auditId), subjectId, requestId);
        const res = await agent.patch(`${responses(auditId)}/${c.id}`).send({ version: c.version, ...change });
        expect(res.status).toBe(200);
      };
      expect(cells).toHaveLength(6);
      // One x 1: the worker's, due 2023-05-24 (past): overdue.
      await edit(s1.id, r1.id, { assigneeId: worker.id, dueDate: '2023-05-24', answer: 'draft' });
      // One x 2: the worker's, in review, due 2023-05-25 (today in New York): not overdue yet.
      await edit(s1.id, r2.id, { assigneeId: worker.id, dueDate: '2023-05-25', answer: 'ready', status: 'IN_REVIEW' });
      // One x 3: approved, with a past due date: done, so never overdue.
      // The worker writes it; the lead, who did not, approves.
      await edit(s1.id, r3.id, { assigneeId: worker.id, dueDate: '2023-05-01' });
      await edit(s1.id, r3.id, { answer: 'final', status: 'IN_REVIEW' }, asWorker);
      await edit(s1.id, r3.id, { status: 'APPROVED' });
      // Two x 1: not applicable, past due date: done.
      await edit(s2.id, r1.id, { dueDate: '2023-05-02', status: 'NOT_APPLICABLE' });
      // Two x 2: lead's, in progress, no due date. Two x 3: untouched.
      await edit(s2.id, r2.id, { assigneeId: lead.id, answer: 'started' });
    });

    const list = async (query: Record<string, string>, agent: Agent = asLead) => {
      const res = await agent.get(responses(auditId)).query(query);
      expect(res.status).toBe(200);
      return res.body as { total: number; page: number; pageSize: number; items: GridCell[] };
    };
    const names = (page: { items: GridCell[] }) => pairs(page.items);

    it('by subject and by request', async () => {
      expect(names(await list({ subjectId: s2.id }))).toEqual(['Two x 1', 'Two x 2', 'Two x 3']);
      expect(names(await list({ requestId: r2.id }))).toEqual(['One x 2', 'Two x 2']);
      expect(names(await list({ subjectId: s1.id, requestId: r3.id }))).toEqual(['One x 3']);
    });

    it('by status: one, a comma list, or repeated', async () => {
      expect(names(await list({ status: 'IN_PROGRESS' }))).toEqual(['One x 1', 'Two x 2']);
      expect(names(await list({ status: 'APPROVED,NOT_APPLICABLE' }))).toEqual(['One x 3', 'Two x 1']);
      const repeated = await asLead.get(`${responses(auditId)}?status=IN_REVIEW&status=NOT_STARTED`);
      expect(pairs(repeated.body.items)).toEqual(['One x 2', 'Two x 3']);
      expect((await list({ status: 'CHANGES_REQUESTED' })).total).toBe(0);
    });

    it('by assignee: "me" is the caller', async () => {
      expect(names(await list({ assigneeId: 'me' }, asWorker))).toEqual(['One x 1', 'One x 2', 'One x 3']);
      expect(names(await list({ assigneeId: 'me' }))).toEqual(['Two x 2']);
      expect(names(await list({ assigneeId: worker.id }))).toEqual(['One x 1', 'One x 2', 'One x 3']);
      expect(names(await list({ assigneeId: 'me', status: 'IN_REVIEW' }, asWorker))).toEqual(['One x 2']);
    });

    it("overdue: open cells whose due day has ended in the audit zone, agreeing with each cell's flag", async () => {
      const overdue = await list({ overdue: 'true' });
      expect(names(overdue)).toEqual(['One x 1']);
      expect(overdue.items.every((c) => c.overdue)).toBe(true);
      const notOverdue = await list({ overdue: 'false' });
      expect(names(notOverdue)).toEqual(['One x 2', 'One x 3', 'Two x 1', 'Two x 2', 'Two x 3']);
      expect(notOverdue.items.some((c) => c.overdue)).toBe(false);
    });

    it('a due day ends at midnight in the audit zone, not in UTC', async () => {
      const start = t.clock.now();
      try {
        // 23:59 on 25 May in New York (03:59 UTC on the 26th): One x 2 is due that day, still fine.
        t.clock.set(new Date('2023-05-26T03:59:00Z'));
        expect(names(await list({ overdue: 'true' }))).toEqual(['One x 1']);
        expect(cell((await list({})).items, s1.id, r2.id).overdue).toBe(false);
        // 00:01 on 26 May in New York: it is overdue.
        t.clock.set(new Date('2023-05-26T04:01:00Z'));
        expect(names(await list({ overdue: 'true' }))).toEqual(['One x 1', 'One x 2']);
        expect(cell((await list({})).items, s1.id, r2.id).overdue).toBe(true);
      } finally {
        t.clock.set(start);
      }
    });

    it('once the audit deadline passes, every open cell without a due date is overdue too', async () => {
      const start = t.clock.now();
      try {
        t.clock.set(new Date('2023-06-07T20:59:00Z'));
        expect(names(await list({ overdue: 'true' }))).toEqual(['One x 1', 'One x 2']);
        t.clock.set(new Date('2023-06-07T21:01:00Z'));
        const after = await list({ overdue: 'true' });
        expect(names(after)).toEqual(['One x 1', 'One x 2', 'Two x 2', 'Two x 3']);
        expect(names(await list({ overdue: 'false' }))).toEqual(['One x 3', 'Two x 1']);
        const flags = (await list({})).items.map((c) => [pairs([c])[0], c.overdue]);
        expect(flags).toEqual([
          ['One x 1', true],
          ['One x 2', true],
          ['One x 3', false],
          ['Two x 1', false],
          ['Two x 2', true],
          ['Two x 3', true],
        ]);
      } finally {
        t.clock.set(start);
      }
    });

    it('filters combine, and pages count the filtered total', async () => {
      const page1 = await list({ subjectId: s1.id, pageSize: '2', page: '1' });
      expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(names(page1)).toEqual(['One x 1', 'One x 2']);
      const page2 = await list({ subjectId: s1.id, pageSize: '2', page: '2' });
      expect(names(page2)).toEqual(['One x 3']);
      expect(names(await list({ subjectId: s1.id, overdue: 'false', status: 'IN_REVIEW,APPROVED' }))).toEqual([
        'One x 2',
        'One x 3',
      ]);
    });
  });
});
