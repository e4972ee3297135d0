// Progress of an audit against a FixedClock: counts, percentages, overdue items and time
// left, with the deadline and due days read in the audit's own zone (New York), not UTC.
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  cell,
  grid,
  newAuditViaApi,
  newUser,
  tokenAgent,
} from '../support/factories';

// 22:00 on 25 May in New York, already 26 May in UTC: day counts must follow New York.
const NOW = '2023-05-26T02:00:00.000Z';
const DEADLINE = '2023-06-07T21:00:00.000Z'; // 17:00 in New York (EDT, UTC-4)

const counts = (c: Partial<Record<string, number>>) => ({
  NOT_STARTED: 0,
  IN_PROGRESS: 0,
  IN_REVIEW: 0,
  CHANGES_REQUESTED: 0,
  APPROVED: 0,
  NOT_APPLICABLE: 0,
  ...c,
});

describe('audit progress', () => {
  let t: TestApp;
  let asLead: Agent;
  let asViewer: Agent;
  let asReviewer: Agent;
  let auditId: string;
  let s1: { id: string; name: string };
  let s2: { id: string; name: string };
  let r1: { id: string; title: string };
  let r2: { id: string; title: string };
  let r3: { id: string; title: string };

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    const lead = await newUser(t.prisma, { label: 'progress-lead', timeZone: 'Europe/Dublin' });
    const viewer = await newUser(t.prisma, { label: 'progress-viewer', timeZone: 'Asia/Tokyo' });
    const reviewer = await newUser(t.prisma, { label: 'progress-reviewer' });
    // Tokens, not sessions: these tests move the clock by weeks.
    asLead = await tokenAgent(t.http, lead);
    asViewer = await tokenAgent(t.http, viewer);
    asReviewer = await tokenAgent(t.http, reviewer);

    auditId = (
      await newAuditViaApi(asLead, { responseDeadline: '2023-06-07T17:00', deadlineTimeZone: 'America/New_York' })
    ).id;
    await addMember(asLead, auditId, viewer, 'VIEWER');
    await addMember(asLead, auditId, reviewer, 'COUNSEL');
    s1 = await addSubject(asLead, auditId, { name: 'Xbox One Social' });
    s2 = await addSubject(asLead, auditId, { name: 'Bing Pages' });
    r1 = await addRequest(asLead, auditId, { title: 'Data held' });
    r2 = await addRequest(asLead, auditId, { title: 'Government use' });
    r3 = await addRequest(asLead, auditId, { title: 'API records' });

    const set = async (subjectId: string, requestId: string, change: Record<string, unknown>, agent = asLead) => {
      const c = cell(await grid(asLead, auditId), subjectId, requestId);
      const res = await agent.patch(`/api/audits/${auditId}/responses/${c.id}`).send({ version: c.version, ...change });
      expect(res.status).toBe(200);
    };
    // The lead writes the answer; someone else must approve it.
    const approve = async (subjectId: string, requestId: string) => {
      await set(subjectId, requestId, { answer: 'Final answer.', status: 'IN_REVIEW' });
      await set(subjectId, requestId, { status: 'APPROVED' }, asReviewer);
    };
    await approve(s1.id, r1.id);
    await set(s1.id, r2.id, { status: 'NOT_APPLICABLE' });
    // Due 20 May: overdue.
    await set(s1.id, r3.id, { answer: 'Pulling logs.', dueDate: '2023-05-20' });
    await approve(s2.id, r1.id);
    // Due "today" in New York (25 May), though 26 May has begun in UTC: not overdue yet.
    await set(s2.id, r2.id, { answer: 'Draft.', status: 'IN_REVIEW', dueDate: '2023-05-25' });
    // s2 x r3 stays NOT_STARTED, without a due date.
  });
  afterAll(() => t.close());

  const progress = async (agent: Agent = asLead) => {
    const res = await agent.get(`/api/audits/${auditId}/progress`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('totals, per-status counts, per subject and per request, in grid order', async () => {
    const body = await progress();
    expect(body).toEqual({
      total: 6,
      done: 3,
      overdue: 1,
      percentComplete: 50,
      counts: counts({ NOT_STARTED: 1, IN_PROGRESS: 1, IN_REVIEW: 1, APPROVED: 2, NOT_APPLICABLE: 1 }),
      bySubject: [
        {
          subjectId: s1.id,
          name: 'Xbox One Social',
          total: 3,
          done: 2,
          overdue: 1,
          percentComplete: 66.7,
          counts: counts({ IN_PROGRESS: 1, APPROVED: 1, NOT_APPLICABLE: 1 }),
        },
        {
          subjectId: s2.id,
          name: 'Bing Pages',
          total: 3,
          done: 1,
          overdue: 0,
          percentComplete: 33.3,
          counts: counts({ NOT_STARTED: 1, IN_REVIEW: 1, APPROVED: 1 }),
        },
      ],
      byRequest: [
        {
          requestId: r1.id,
          ordinal: 1,
          title: 'Data held',
          total: 2,
          done: 2,
          overdue: 0,
          percentComplete: 100,
          counts: counts({ APPROVED: 2 }),
        },
        {
          requestId: r2.id,
          ordinal: 2,
          title: 'Government use',
          total: 2,
          done: 1,
          overdue: 0,
          percentComplete: 50,
          counts: counts({ IN_REVIEW: 1, NOT_APPLICABLE: 1 }),
        },
        {
          requestId: r3.id,
          ordinal: 3,
          title: 'API records',
          total: 2,
          done: 0,
          overdue: 1,
          percentComplete: 0,
          counts: counts({ NOT_STARTED: 1, IN_PROGRESS: 1 }),
        },
      ],
      deadline: { at: DEADLINE, local: '2023-06-07T17:00:00.000-04:00', timeZone: 'America/New_York' },
      timeLeft: {
        milliseconds: (12 * 24 + 19) * 3_600_000,
        passed: false,
        days: 12,
        hours: 19,
        minutes: 0,
        // 25 May -> 7 June in New York, whatever the caller's or the server's zone.
        calendarDays: 13,
      },
      asOf: NOW,
    });
  });

  it('is the same for every reader, whatever their own time zone', async () => {
    expect(await progress(asViewer)).toEqual(await progress(asLead));
  });

  it('the audit list carries the same totals', async () => {
    const res = await asLead.get('/api/audits');
    const item = res.body.items.find((a: { id: string }) => a.id === auditId);
    expect(item.progress).toEqual({ total: 6, done: 3, overdue: 1, percentComplete: 50 });
  });

  it('follows the clock: a due day ends at midnight in New York', async () => {
    const start = t.clock.now();
    try {
      t.clock.set(new Date('2023-05-26T04:00:01Z')); // 00:00:01 on 26 May in New York
      const body = await progress();
      expect(body.overdue).toBe(2);
      expect(body.bySubject.map((g: { overdue: number }) => g.overdue)).toEqual([1, 1]);
      expect(body.byRequest.map((g: { overdue: number }) => g.overdue)).toEqual([0, 1, 1]);
      expect(body.timeLeft).toMatchObject({ calendarDays: 12, passed: false, days: 12, hours: 16, minutes: 59 });
    } finally {
      t.clock.set(start);
    }
  });

  it('on the last day, a minute before the deadline: 0 calendar days, not passed', async () => {
    const start = t.clock.now();
    try {
      t.clock.set(new Date('2023-06-07T20:59:00Z'));
      const body = await progress();
      expect(body.timeLeft).toEqual({
        milliseconds: 60_000,
        passed: false,
        days: 0,
        hours: 0,
        minutes: 1,
        calendarDays: 0,
      });
      // Open items without a due date are not overdue before the deadline.
      expect(body.overdue).toBe(2);
      expect(body.asOf).toBe('2023-06-07T20:59:00.000Z');
    } finally {
      t.clock.set(start);
    }
  });

  it('after the deadline every open item is overdue, and time left has passed', async () => {
    const start = t.clock.now();
    try {
      t.clock.set(new Date('2023-06-09T03:30:00Z')); // 23:30 on 8 June in New York
      const body = await progress();
      expect(body).toMatchObject({ total: 6, done: 3, overdue: 3, percentComplete: 50 });
      expect(body.bySubject.map((g: { overdue: number }) => g.overdue)).toEqual([1, 2]);
      expect(body.byRequest.map((g: { overdue: number }) => g.overdue)).toEqual([0, 1, 2]);
      expect(body.timeLeft).toEqual({
        milliseconds: -(30 * 3_600_000 + 30 * 60_000),
        passed: true,
        days: 1,
        hours: 6,
        minutes: 30,
        calendarDays: -1,
      });
      // The grid agrees, cell by cell.
      const cells = await grid(asLead, auditId);
      expect(cells.filter((c) => c.overdue).map((c) => `${c.subject.name} x ${c.request.ordinal}`)).toEqual([
        'Xbox One Social x 3',
        'Bing Pages x 2',
        'Bing Pages x 3',
      ]);
      expect((await grid(asLead, auditId, { overdue: 'true' })).length).toBe(3);
    } finally {
      t.clock.set(start);
    }
  });

  it('an audit with no grid yet is 0 % done, with empty groups', async () => {
    const empty = await newAuditViaApi(asLead, {
      responseDeadline: '2023-06-01T09:00',
      deadlineTimeZone: 'Europe/Dublin',
    });
    const res = await asLead.get(`/api/audits/${empty.id}/progress`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 0,
      done: 0,
      overdue: 0,
      percentComplete: 0,
      counts: counts({}),
      bySubject: [],
      byRequest: [],
      deadline: { at: '2023-06-01T08:00:00.000Z', local: '2023-06-01T09:00:00.000+01:00', timeZone: 'Europe/Dublin' },
      timeLeft: { passed: false, calendarDays: 6 },
    });
  });
});
