// The reference case (Twitter's audit demand to Microsoft, May 2023) as its lead counsel
// sees it through the API: the 8 x 6 grid in the letter's order and the case's progress
// on 25 May 2023, with the deadline of 7 June 17:00 New York time.
import { createTestApp, type TestApp } from '../support/app';
import { type Agent, expectProblem, grid, type GridCell, tokenAgent } from '../support/factories';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoUserKey,
  REFERENCE_AUDIT,
  REQUESTS,
  RESPONSE_STATES,
  SUBJECTS,
} from '../../prisma/seed/reference-case';
import { seedDemo } from '../../prisma/seed/seed-demo';
import { useOwnDatabase } from '../support/own-database';
import { seedServicesOf } from '../support/seed';

const NOW = '2023-05-25T12:00:00.000Z';
const demo = (key: DemoUserKey) => DEMO_USERS.find((u) => u.key === key)!;
const stateOf = (subject: string, ordinal: number) =>
  RESPONSE_STATES.find((s) => s.subject === subject && s.request === ordinal);

describe('reference case through the API', () => {
  let t: TestApp;
  let asLead: Agent;
  let auditId: string;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    // The demo case exactly as seeded, in a database of this file's own.
    dropDatabase = await useOwnDatabase('reference_case');
    t = await createTestApp({ now: NOW });
    await seedDemo(t.prisma, seedServicesOf(t));
    // A token rather than a session: one test moves the clock by a week.
    asLead = await tokenAgent(t.http, { email: demo('leadCounsel').email, password: DEMO_PASSWORD });
    const list = await asLead.get('/api/audits').query({ pageSize: 500 });
    expect(list.status).toBe(200);
    auditId = list.body.items.find(
      (a: { referenceCode: string }) => a.referenceCode === REFERENCE_AUDIT.referenceCode,
    ).id;
  });
  afterAll(async () => {
    await t?.close();
    await dropDatabase?.();
  });

  it('the lead counsel sees the audit with its deadline in New York time', async () => {
    const res = await asLead.get(`/api/audits/${auditId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: REFERENCE_AUDIT.title,
      referenceCode: 'TWTR-MSFT-2023-05',
      status: 'OPEN',
      demandingParty: 'Twitter, Inc. (now X Corp.)',
      respondingParty: 'Microsoft Corporation',
      letterDate: '2023-05-18',
      receivedOn: '2023-05-18',
      responseDeadline: '2023-06-07T21:00:00.000Z',
      responseDeadlineLocal: '2023-06-07T17:00:00.000-04:00',
      deadlineTimeZone: 'America/New_York',
      myRole: 'LEAD_COUNSEL',
    });
  });

  it('lists the 8 apps in the order of the letter, with their owners', async () => {
    const res = await asLead.get(`/api/audits/${auditId}/subjects`);
    expect(res.body.total).toBe(8);
    expect(
      res.body.items.map((s: { name: string; position: number; owner: { name: string } }) => [
        s.position,
        s.name,
        s.owner.name,
      ]),
    ).toEqual(SUBJECTS.map((s, i) => [i + 1, s.name, demo(s.owner).name]));
  });

  it('lists the 6 requests, each citing its provision', async () => {
    const res = await asLead.get(`/api/audits/${auditId}/requests`);
    expect(res.body.total).toBe(6);
    expect(
      res.body.items.map(
        (r: { ordinal: number; title: string; provision: { reference: string }; appliesToAll: boolean }) => [
          r.ordinal,
          r.title,
          r.provision.reference,
          r.appliesToAll,
        ],
      ),
    ).toEqual(REQUESTS.map((r) => [r.ordinal, r.title, r.provision, true]));
  });

  it('reads the 48-cell grid: 8 subjects in the letter order x 6 requests, each with owner, reviewer and state', async () => {
    const cells = await grid(asLead, auditId);
    expect(cells).toHaveLength(48);
    expect(cells.map((c) => [c.subject.name, c.request.ordinal])).toEqual(
      SUBJECTS.flatMap((s) => REQUESTS.map((r) => [s.name, r.ordinal])),
    );
    for (const c of cells) {
      const subject = SUBJECTS.find((s) => s.name === c.subject.name)!;
      const state = stateOf(c.subject.name, c.request.ordinal);
      const request = REQUESTS.find((r) => r.ordinal === c.request.ordinal)!;
      expect({ cell: `${c.subject.name} x ${c.request.ordinal}`, ...pick(c) }).toEqual({
        cell: `${c.subject.name} x ${c.request.ordinal}`,
        status: state?.status ?? 'NOT_STARTED',
        assignee: demo(subject.owner).name,
        reviewer: demo('reviewer').name,
        dueDate: request.draftDue,
        answer: state?.answer ?? null,
        approvedBy: state?.approvedAt ? demo('reviewer').name : null,
        commentCount: state?.comments?.length ?? 0,
        overdue: false,
      });
    }
  });

  it("an app owner's worklist is their apps' responses", async () => {
    const owner = demo('adsOwner');
    const asOwner = await tokenAgent(t.http, { email: owner.email, password: DEMO_PASSWORD });
    const mine = await grid(asOwner, auditId, { assigneeId: 'me' });
    const owned = SUBJECTS.filter((s) => s.owner === 'adsOwner').map((s) => s.name);
    expect(mine.map((c) => [c.subject.name, c.request.ordinal])).toEqual(
      owned.flatMap((name) => REQUESTS.map((r) => [name, r.ordinal])),
    );
    expect(mine).toHaveLength(12);
  });

  it('the viewer reads the grid but cannot change it', async () => {
    const asViewer = await tokenAgent(t.http, { email: demo('viewer').email, password: DEMO_PASSWORD });
    const [first] = await grid(asViewer, auditId);
    const res = await asViewer
      .patch(`/api/audits/${auditId}/responses/${first.id}`)
      .send({ version: first.version, answer: 'x' });
    expectProblem(res, 403, 'FORBIDDEN');
  });

  it('progress on 25 May 2023: 13 calendar days left, counts by status, per app and per request', async () => {
    const res = await asLead.get(`/api/audits/${auditId}/progress`);
    expect(res.status).toBe(200);
    const body = res.body;

    const expectedCounts = {
      NOT_STARTED: 0,
      IN_PROGRESS: 0,
      IN_REVIEW: 0,
      CHANGES_REQUESTED: 0,
      APPROVED: 0,
      NOT_APPLICABLE: 0,
    };
    for (const s of RESPONSE_STATES) expectedCounts[s.status] += 1;
    expectedCounts.NOT_STARTED = 48 - RESPONSE_STATES.length;
    const done = expectedCounts.APPROVED + expectedCounts.NOT_APPLICABLE;

    expect(body).toMatchObject({
      total: 48,
      done,
      overdue: 0,
      percentComplete: Math.round((done / 48) * 1000) / 10,
      counts: expectedCounts,
      deadline: {
        at: '2023-06-07T21:00:00.000Z',
        local: '2023-06-07T17:00:00.000-04:00',
        timeZone: 'America/New_York',
      },
      timeLeft: {
        passed: false,
        days: 13,
        hours: 9,
        minutes: 0,
        calendarDays: 13,
        milliseconds: (13 * 24 + 9) * 3_600_000,
      },
      asOf: NOW,
    });
    // The figures of the case as it stands: 2 of 48 done (one approved, one not applicable).
    expect([body.done, body.percentComplete]).toEqual([2, 4.2]);

    expect(body.bySubject.map((g: { name: string; total: number; done: number }) => [g.name, g.total, g.done])).toEqual(
      SUBJECTS.map((s) => [
        s.name,
        6,
        RESPONSE_STATES.filter((r) => r.subject === s.name && ['APPROVED', 'NOT_APPLICABLE'].includes(r.status)).length,
      ]),
    );
    expect(
      body.byRequest.map((g: { ordinal: number; title: string; total: number }) => [g.ordinal, g.title, g.total]),
    ).toEqual(REQUESTS.map((r) => [r.ordinal, r.title, 8]));
  });

  it('on 1 June (New York) the drafts due 31 May are overdue', async () => {
    const start = t.clock.now();
    try {
      t.clock.set(new Date('2023-06-01T16:00:00Z'));
      const dueBefore = REQUESTS.filter((r) => r.draftDue < '2023-06-01').map((r) => r.ordinal);
      const expected = SUBJECTS.flatMap((s) => dueBefore.map((ordinal) => [s.name, ordinal])).filter(
        ([name, ordinal]) =>
          !['APPROVED', 'NOT_APPLICABLE'].includes(stateOf(name as string, ordinal as number)?.status ?? 'NOT_STARTED'),
      );
      const overdue = await grid(asLead, auditId, { overdue: 'true' });
      expect(overdue.map((c) => [c.subject.name, c.request.ordinal])).toEqual(expected);
      const progress = await asLead.get(`/api/audits/${auditId}/progress`);
      expect(progress.body.overdue).toBe(expected.length);
      expect(progress.body.timeLeft.calendarDays).toBe(6);
    } finally {
      t.clock.set(start);
    }
  });
});

function pick(c: GridCell) {
  return {
    status: c.status,
    assignee: c.assignee?.name ?? null,
    reviewer: c.reviewer?.name ?? null,
    dueDate: c.dueDate,
    answer: c.answer,
    approvedBy: c.approvedBy?.name ?? null,
    commentCount: c.commentCount,
    overdue: c.overdue,
  };
}
