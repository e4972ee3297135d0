// Staffing the grid in bulk: counsel picks many cells and sets their assignee, reviewer,
// internal due date or applicability at once. One transaction; each cell is checked against
// the version it was read at and decided by the same rules as a single edit; a refused cell
// is reported in plain words and left alone. Also: who new cells start with.
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '@app/queue';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  grid,
  type GridCell,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
} from '../support/factories';
import { delayedDigests, digestJobs } from '../support/reminder-jobs';
import { followReminders } from '../support/reminders';

const NOW = '2023-05-25T12:00:00.000Z';

interface BulkResult {
  applied: { responseId: string; version: number }[];
  unchanged: { responseId: string; version: number }[];
  refused: { responseId: string; code: string; reason: string; currentVersion: number | null }[];
  dueDate: string | null;
}

describe('staffing in bulk', () => {
  let t: TestApp;
  let lead: TestUser;
  let counsel: TestUser;
  let p1: TestUser;
  let p2: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let asLead: Agent;
  let asP1: Agent;
  let asP2: Agent;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    lead = await newUser(t.prisma, { label: 'lead', timeZone: 'America/New_York' });
    counsel = await newUser(t.prisma, { label: 'counsel', timeZone: 'America/New_York' });
    p1 = await newUser(t.prisma, { label: 'paralegal1', timeZone: 'America/Los_Angeles' });
    p2 = await newUser(t.prisma, { label: 'paralegal2', timeZone: 'America/Los_Angeles' });
    viewer = await newUser(t.prisma, { label: 'viewer' });
    stranger = await newUser(t.prisma, { label: 'stranger' });
    asLead = await tokenAgent(t.http, lead);
    asP1 = await tokenAgent(t.http, p1);
    asP2 = await tokenAgent(t.http, p2);
  });
  afterAll(() => t.close());

  /** An audit (deadline Wed 7 June 2023, 17:00 New York) of `subjects` x `requests` empty cells. */
  async function newGrid(subjects = 2, requests = 2) {
    const audit = await newAuditViaApi(asLead, {
      responseDeadline: '2023-06-07T17:00',
      deadlineTimeZone: 'America/New_York',
    });
    await addMember(asLead, audit.id, counsel, 'COUNSEL');
    await addMember(asLead, audit.id, p1, 'CONTRIBUTOR');
    await addMember(asLead, audit.id, p2, 'CONTRIBUTOR');
    await addMember(asLead, audit.id, viewer, 'VIEWER');
    for (let i = 0; i < subjects; i++)
      await addSubject(asLead, audit.id, { name: `App ${i + 1} ${audit.id.slice(0, 4)}` });
    for (let i = 0; i < requests; i++) await addRequest(asLead, audit.id);
    const cells = await grid(asLead, audit.id);
    expect(cells).toHaveLength(subjects * requests);
    return { auditId: audit.id as string, cells };
  }

  const bulk = (
    agent: Agent,
    auditId: string,
    cells: Pick<GridCell, 'id' | 'version'>[],
    set: Record<string, unknown>,
  ) =>
    agent
      .patch(`/api/audits/${auditId}/responses`)
      .send({ items: cells.map((c) => ({ responseId: c.id, version: c.version })), set });
  const stored = (auditId: string) =>
    t.prisma.response.findMany({
      where: { auditId },
      orderBy: { id: 'asc' },
      select: { id: true, status: true, assigneeId: true, reviewerId: true, dueDate: true, version: true },
    });
  const responseEvents = (auditId: string) =>
    t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'response' },
      orderBy: [{ entityId: 'asc' }, { id: 'asc' }],
      select: { entityId: true, action: true, actorId: true, changes: true },
    });
  const scheduled = (auditId: string) =>
    t.prisma.reminder.findMany({
      where: { auditId, status: 'SCHEDULED' },
      orderBy: [{ recipientId: 'asc' }, { sendAt: 'asc' }],
      select: { id: true, recipientId: true, sendAt: true, reasons: true, itemIds: true },
    });
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

  it('applies the change to every cell at the version it was read at, and refuses a cell changed meanwhile', async () => {
    const { auditId, cells } = await newGrid();
    // Someone assigns one cell after the grid was loaded: the bulk request's version of it is stale.
    const [stale, ...fresh] = cells;
    const meanwhile = await asLead
      .patch(`/api/audits/${auditId}/responses/${stale.id}`)
      .send({ version: 1, assigneeId: p1.id });
    expect(meanwhile.status).toBe(200);

    const res = await bulk(asLead, auditId, cells, {
      assigneeId: p2.id,
      reviewerId: counsel.id,
      dueBusinessDaysBeforeDeadline: 3,
    });
    expect(res.status).toBe(200);
    // Three business days before Wed 7 June: Fri 2 June (the weekend skipped).
    expect(res.body as BulkResult).toEqual({
      applied: fresh.map((c) => ({ responseId: c.id, version: 2 })),
      unchanged: [],
      refused: [
        {
          responseId: stale.id,
          code: 'VERSION_CONFLICT',
          reason: 'Someone changed it after you loaded it; nothing was overwritten. Reload the grid and try again.',
          currentVersion: 2,
        },
      ],
      dueDate: '2023-06-02',
    });

    const after = await grid(asLead, auditId);
    for (const c of fresh) {
      expect(after.find((x) => x.id === c.id)).toMatchObject({
        assignee: { id: p2.id, name: p2.name },
        reviewer: { id: counsel.id, name: counsel.name },
        dueDate: '2023-06-02',
        status: 'NOT_STARTED',
        version: 2,
      });
    }
    expect(after.find((x) => x.id === stale.id)).toMatchObject({
      assignee: { id: p1.id },
      reviewer: null,
      dueDate: null,
      version: 2,
    });

    // Each applied cell records its own event with exactly what changed; the stale one only its single edit.
    const events = await responseEvents(auditId);
    expect(events.filter((e) => e.entityId !== stale.id)).toEqual(
      byId(fresh).map((c) => ({
        entityId: c.id,
        action: 'updated',
        actorId: lead.id,
        changes: {
          assigneeId: { before: null, after: p2.id },
          reviewerId: { before: null, after: counsel.id },
          dueDate: { before: null, after: '2023-06-02' },
        },
      })),
    );
    expect(events.filter((e) => e.entityId === stale.id)).toHaveLength(1);

    // Reminders were re-planned: the new assignee's next digest holds the three cells and its job
    // waits in Redis; they are reminded of the cells' internal due date 3 and 1 days before and
    // on the day (Los Angeles, 09:00 PDT = 16:00Z).
    const next = (await scheduled(auditId)).filter((r) => r.recipientId === p2.id);
    expect(next.map((r) => [...r.itemIds].sort())).toEqual([fresh.map((c) => c.id).sort()]);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
    const keys = next.map((r) => ({ recipientId: r.recipientId, sendAt: r.sendAt }));
    expect(await digestJobs(queue, keys)).toEqual(delayedDigests(keys, t.clock.now()));
    const sent = await followReminders(t, auditId, '2023-06-02T23:00:00Z');
    const dueDate = sent.filter((r) => r.recipient.id === p2.id && r.reasons.includes('DUE_DATE'));
    expect(dueDate.map((r) => [r.sendAt, [...r.itemIds].sort()])).toEqual(
      ['2023-05-30T16:00:00.000Z', '2023-06-01T16:00:00.000Z', '2023-06-02T16:00:00.000Z'].map((at) => [
        at,
        fresh.map((c) => c.id).sort(),
      ]),
    );
  });

  it('refuses, cell by cell and in plain words, what the rules refuse, and applies the rest', async () => {
    const { auditId, cells } = await newGrid(2, 2);
    const [approved, assignedToP1, untouched, other] = cells;
    // One cell approved, one assigned to p1.
    let res = await asLead
      .patch(`/api/audits/${auditId}/responses/${approved.id}`)
      .send({ version: 1, assigneeId: p2.id, reviewerId: counsel.id });
    res = await asP2
      .patch(`/api/audits/${auditId}/responses/${approved.id}`)
      .send({ version: res.body.version, answer: 'Done.', status: 'IN_REVIEW' });
    expect(res.status).toBe(200);
    res = await asLead
      .patch(`/api/audits/${auditId}/responses/${approved.id}`)
      .send({ version: res.body.version, status: 'APPROVED' });
    expect(res.body.status).toBe('APPROVED');
    const approvedVersion = res.body.version as number;
    res = await asLead
      .patch(`/api/audits/${auditId}/responses/${assignedToP1.id}`)
      .send({ version: 1, assigneeId: p1.id });
    const p1Version = res.body.version as number;
    const sent = [
      { id: approved.id, version: approvedVersion },
      { id: assignedToP1.id, version: p1Version },
      untouched,
      other,
    ];

    // A reviewer who is a cell's own assignee: that cell is refused, the others take p1 as reviewer.
    const review = await bulk(asLead, auditId, sent, { reviewerId: p1.id });
    expect(review.status).toBe(200);
    expect(review.body as BulkResult).toEqual({
      applied: [
        { responseId: untouched.id, version: 2 },
        { responseId: other.id, version: 2 },
      ],
      unchanged: [],
      refused: [
        {
          responseId: approved.id,
          code: 'APPROVED',
          reason: 'It is approved; reopen it before changing who works on it, its due date or whether it applies.',
          currentVersion: approvedVersion,
        },
        {
          responseId: assignedToP1.id,
          code: 'REVIEWER_IS_ASSIGNEE',
          reason: 'Its reviewer and its assignee would be the same person.',
          currentVersion: p1Version,
        },
      ],
      dueDate: null,
    });

    // Sent again with the new versions: those two already are so, nothing is written.
    const again = await bulk(
      asLead,
      auditId,
      [
        { id: untouched.id, version: 2 },
        { id: other.id, version: 2 },
      ],
      {
        reviewerId: p1.id,
      },
    );
    expect(again.body as BulkResult).toEqual({
      applied: [],
      unchanged: [
        { responseId: untouched.id, version: 2 },
        { responseId: other.id, version: 2 },
      ],
      refused: [],
      dueDate: null,
    });
  });

  it('refuses an assignee who is not a member, or a viewer, and changes nothing', async () => {
    const { auditId, cells } = await newGrid(1, 2);
    const before = await stored(auditId);
    const beforeReminders = await scheduled(auditId);
    const notMember = await bulk(asLead, auditId, cells, { assigneeId: stranger.id });
    expect(notMember.status).toBe(200);
    expect((notMember.body as BulkResult).refused).toEqual(
      cells.map((c) => ({
        responseId: c.id,
        code: 'NOT_A_WORKING_MEMBER',
        reason: 'The assignee chosen is not a member of this audit, or their account is deactivated.',
        currentVersion: 1,
      })),
    );
    const asViewer = await bulk(asLead, auditId, cells, { reviewerId: viewer.id });
    expect((asViewer.body as BulkResult).refused.map((r) => r.reason)).toEqual([
      'The reviewer chosen is a viewer of this audit, who cannot work on responses.',
      'The reviewer chosen is a viewer of this audit, who cannot work on responses.',
    ]);
    expect((asViewer.body as BulkResult).applied).toEqual([]);
    expect(await stored(auditId)).toEqual(before);
    expect(await responseEvents(auditId)).toEqual([]);
    expect(await scheduled(auditId)).toEqual(beforeReminders);
  });

  it('marks cells not applicable and brings them back, each with its status change recorded', async () => {
    const { auditId, cells } = await newGrid(1, 2);
    const na = await bulk(asLead, auditId, cells, { notApplicable: true });
    expect((na.body as BulkResult).applied).toEqual(cells.map((c) => ({ responseId: c.id, version: 2 })));
    expect((await grid(asLead, auditId)).map((c) => c.status)).toEqual(['NOT_APPLICABLE', 'NOT_APPLICABLE']);
    const back = await bulk(
      asLead,
      auditId,
      cells.map((c) => ({ id: c.id, version: 2 })),
      { notApplicable: false, dueDate: '2023-06-01' },
    );
    expect((back.body as BulkResult).applied).toEqual(cells.map((c) => ({ responseId: c.id, version: 3 })));
    expect((await grid(asLead, auditId)).map((c) => [c.status, c.dueDate])).toEqual([
      ['NOT_STARTED', '2023-06-01'],
      ['NOT_STARTED', '2023-06-01'],
    ]);
    const events = await responseEvents(auditId);
    expect(events.map((e) => [e.action, e.changes])).toEqual(
      byId(cells).flatMap(() => [
        ['status_changed', { status: { before: 'NOT_STARTED', after: 'NOT_APPLICABLE' } }],
        [
          'status_changed',
          {
            status: { before: 'NOT_APPLICABLE', after: 'NOT_STARTED' },
            dueDate: { before: null, after: '2023-06-01' },
          },
        ],
      ]),
    );
  });

  it('is counsel-only, and answers a malformed request with a 400 naming the field', async () => {
    const { auditId, cells } = await newGrid(1, 1);
    expectProblem(await bulk(asP1, auditId, cells, { assigneeId: p1.id }), 403, 'FORBIDDEN');
    const tooMany = Array.from({ length: 2001 }, () => ({ id: cells[0].id, version: 1 }));
    const res = await bulk(asLead, auditId, tooMany, { assigneeId: p1.id });
    expectProblem(res, 400, 'VALIDATION_FAILED', ['items']);
    expect(res.body.detail).toContain('items may name at most 2000 cells; send the rest in another request');
    expectProblem(await bulk(asLead, auditId, [], { assigneeId: p1.id }), 400, 'VALIDATION_FAILED', ['items']);
    expectProblem(
      await bulk(asLead, auditId, cells, { dueDate: '2023-06-01', dueBusinessDaysBeforeDeadline: 2 }),
      400,
      'VALIDATION_FAILED',
      ['set.dueBusinessDaysBeforeDeadline'],
    );
    expectProblem(await bulk(asLead, auditId, cells, {}), 400, 'VALIDATION_FAILED', ['set']);
    expectProblem(await bulk(asLead, auditId, [cells[0], cells[0]], { assigneeId: p1.id }), 400, 'VALIDATION_FAILED', [
      'items[1].responseId',
    ]);
    expectProblem(await bulk(asLead, auditId, cells, { dueBusinessDaysBeforeDeadline: -1 }), 400, 'VALIDATION_FAILED', [
      'set.dueBusinessDaysBeforeDeadline',
    ]);
    expectProblem(
      await asLead.patch(`/api/audits/${auditId}/responses`).send({ items: [{ responseId: 'x', version: 1 }] }),
      400,
      'VALIDATION_FAILED',
      ['items[0].responseId', 'set'],
    );
    expect(await responseEvents(auditId)).toEqual([]);
  });

  it('runs in one transaction: a database failure midway leaves every cell, event and reminder as it was', async () => {
    const { auditId, cells } = await newGrid(2, 2);
    const before = await stored(auditId);
    const beforeReminders = await scheduled(auditId);
    // A real failure inside PostgreSQL after the cells were updated: the event of the last cell is refused.
    const victim = cells[cells.length - 1].id;
    await t.prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION bulk_staffing_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`,
    );
    await t.prisma.$executeRawUnsafe(
      `CREATE TRIGGER bulk_staffing_fail BEFORE INSERT ON activity_events FOR EACH ROW WHEN (NEW.entity_id = '${victim}') EXECUTE FUNCTION bulk_staffing_fail()`,
    );
    try {
      const res = await bulk(asLead, auditId, cells, { assigneeId: p1.id, dueDate: '2023-06-01' });
      expect(res.status).toBe(500);
    } finally {
      await t.prisma.$executeRawUnsafe(`DROP TRIGGER bulk_staffing_fail ON activity_events`);
      await t.prisma.$executeRawUnsafe(`DROP FUNCTION bulk_staffing_fail()`);
    }
    expect(await stored(auditId)).toEqual(before);
    expect(await responseEvents(auditId)).toEqual([]);
    expect(await scheduled(auditId)).toEqual(beforeReminders);

    // The same request, once the database is well, applies to all.
    const retry = await bulk(asLead, auditId, cells, { assigneeId: p1.id, dueDate: '2023-06-01' });
    expect((retry.body as BulkResult).applied).toHaveLength(cells.length);
  });

  it('of two identical requests sent at once, each cell is changed once: one version bump, one event', async () => {
    const { auditId, cells } = await newGrid(3, 3);
    const asCounsel = await tokenAgent(t.http, counsel);
    const set = { assigneeId: p1.id, reviewerId: p2.id };
    const [a, b] = await Promise.all([bulk(asLead, auditId, cells, set), bulk(asCounsel, auditId, cells, set)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const results = [a.body, b.body] as BulkResult[];
    // Each cell is applied by exactly one of them and refused as changed by the other.
    for (const c of cells) {
      const outcomes = results.map((r) =>
        r.applied.some((x) => x.responseId === c.id) ? 'applied' : r.refused.find((x) => x.responseId === c.id)?.code,
      );
      expect(outcomes.sort()).toEqual(['VERSION_CONFLICT', 'applied']);
    }
    expect((await stored(auditId)).map((r) => [r.version, r.assigneeId, r.reviewerId])).toEqual(
      cells.map(() => [2, p1.id, p2.id]),
    );
    const events = await responseEvents(auditId);
    expect(events.map((e) => e.entityId)).toEqual(cells.map((c) => c.id).sort());
  });

  it('applies a full batch of 2,000 cells in one request', async () => {
    const audit = await newAuditViaApi(asLead, {
      responseDeadline: '2023-06-07T17:00',
      deadlineTimeZone: 'America/New_York',
    });
    await addMember(asLead, audit.id, p1, 'CONTRIBUTOR');
    // 40 apps x 50 requests written straight to the database: adding them one by one through the
    // API would re-plan the growing grid ninety times and test nothing more.
    const subjects = await t.prisma.subject.createManyAndReturn({
      data: Array.from({ length: 40 }, (_, i) => ({ auditId: audit.id, name: `App ${i + 1}`, position: i + 1 })),
    });
    const requests = await t.prisma.auditRequest.createManyAndReturn({
      data: Array.from({ length: 50 }, (_, i) => ({
        auditId: audit.id,
        ordinal: i + 1,
        title: `Request ${i + 1}`,
        text: `Provide the records ${i + 1}.`,
      })),
    });
    const cells = await t.prisma.response.createManyAndReturn({
      data: subjects.flatMap((s) => requests.map((r) => ({ auditId: audit.id, subjectId: s.id, requestId: r.id }))),
      select: { id: true, version: true },
    });
    expect(cells).toHaveLength(2000);
    const res = await bulk(asLead, audit.id, cells, { assigneeId: p1.id, dueBusinessDaysBeforeDeadline: 1 });
    expect(res.status).toBe(200);
    expect((res.body as BulkResult).applied).toHaveLength(2000);
    expect(
      await t.prisma.response.count({
        where: { auditId: audit.id, assigneeId: p1.id, dueDate: new Date('2023-06-06T00:00:00Z'), version: 2 },
      }),
    ).toBe(2000);
    expect(await t.prisma.activityEvent.count({ where: { auditId: audit.id, entityType: 'response' } })).toBe(2000);
    // Their next digest (the deadline's 7-day reminder, Wed 31 May 09:00 PDT) lists every cell.
    const next = await t.prisma.reminder.findMany({
      where: { auditId: audit.id, recipientId: p1.id, status: 'SCHEDULED' },
      select: { sendAt: true, itemIds: true },
    });
    expect(next.map((r) => [r.sendAt.toISOString(), r.itemIds.length])).toEqual([['2023-05-31T16:00:00.000Z', 2000]]);
  });

  describe('who new cells start with', () => {
    it("assigns a new cell to its app's owner and names the audit's default reviewer", async () => {
      const { auditId } = await newGrid(0, 0);
      const set = await asLead.patch(`/api/audits/${auditId}`).send({ defaultReviewerId: counsel.id });
      expect(set.status).toBe(200);
      expect(set.body.defaultReviewerId).toBe(counsel.id);
      const owned = await addSubject(asLead, auditId, { name: 'Owned by p1', ownerId: p1.id });
      const byReviewer = await addSubject(asLead, auditId, { name: 'Owned by counsel', ownerId: counsel.id });
      const unowned = await addSubject(asLead, auditId, { name: 'Nobody owns' });
      await addRequest(asLead, auditId);
      const cells = await grid(asLead, auditId);
      const of = (subjectId: string) => cells.find((c) => c.subject.id === subjectId)!;
      expect(of(owned.id)).toMatchObject({ assignee: { id: p1.id }, reviewer: { id: counsel.id }, version: 1 });
      // Nobody reviews their own work: the owner who is the default reviewer is the assignee only.
      expect(of(byReviewer.id)).toMatchObject({ assignee: { id: counsel.id }, reviewer: null });
      expect(of(unowned.id)).toMatchObject({ assignee: null, reviewer: { id: counsel.id } });
      const activity = await t.prisma.activityEvent.findFirst({
        where: { auditId, entityType: 'audit', action: 'updated' },
        select: { changes: true },
      });
      expect(activity?.changes).toEqual({ defaultReviewerId: { before: null, after: counsel.id } });
    });

    it('takes as default reviewer only a member who can work in the audit; null clears it', async () => {
      const { auditId } = await newGrid(0, 0);
      const path = `/api/audits/${auditId}`;
      expectProblem(await asLead.patch(path).send({ defaultReviewerId: stranger.id }), 422, 'RULE_VIOLATION', [
        'defaultReviewerId',
      ]);
      expectProblem(await asLead.patch(path).send({ defaultReviewerId: viewer.id }), 422, 'RULE_VIOLATION', [
        'defaultReviewerId',
      ]);
      expectProblem(await asLead.patch(path).send({ defaultReviewerId: 'someone' }), 400, 'VALIDATION_FAILED', [
        'defaultReviewerId',
      ]);
      expect((await asLead.patch(path).send({ defaultReviewerId: p2.id })).body.defaultReviewerId).toBe(p2.id);
      expect((await asLead.patch(path).send({ defaultReviewerId: null })).body.defaultReviewerId).toBeNull();
    });

    it('clears the default reviewer when that member is removed, in the removal itself, and records it', async () => {
      const { auditId, cells } = await newGrid(1, 1);
      const path = `/api/audits/${auditId}`;
      expect((await asLead.patch(path).send({ defaultReviewerId: p2.id })).status).toBe(200);
      // Refused while p2 still reviews open work: nothing changes, the default reviewer stays.
      expect((await bulk(asLead, auditId, cells, { reviewerId: p2.id })).status).toBe(200);
      expect((await asLead.delete(`${path}/members/${p2.id}`)).status).toBe(409);
      expect((await asLead.get(path)).body.defaultReviewerId).toBe(p2.id);

      const [cell] = await grid(asLead, auditId);
      expect((await bulk(asLead, auditId, [cell], { reviewerId: null })).status).toBe(200);
      expect((await asLead.delete(`${path}/members/${p2.id}`)).status).toBe(204);
      expect((await asLead.get(path)).body.defaultReviewerId).toBeNull();
      const updates = await t.prisma.activityEvent.findMany({
        where: { auditId, entityType: 'audit', action: 'updated' },
        select: { actorId: true, changes: true },
      });
      expect(updates).toContainEqual({
        actorId: lead.id,
        changes: { defaultReviewerId: { before: p2.id, after: null } },
      });
      // A subject added afterwards starts with no reviewer.
      await addSubject(asLead, auditId, { name: 'Added after p2 left' });
      const added = (await grid(asLead, auditId)).find((c) => c.subject.name === 'Added after p2 left');
      expect(added?.reviewer).toBeNull();
    });
  });
});
