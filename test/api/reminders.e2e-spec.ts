// Reminder planning through the API, on the reference case replayed from 18 May 2023 09:00
// New York: the schedule, the policy, extensions, closing the audit, and the calendar feed.
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import ICAL from 'ical.js';
import { QueueName } from '@app/queue';
import { createTestApp, type TestApp } from '../support/app';
import { delayedDigests, digestJobs, noDigestJobs } from '../support/reminder-jobs';
import {
  type FollowedReminder,
  followReminders,
  listReminders,
  REFERENCE_CASE_NOW,
  type ReminderBody,
  reminderReferenceCase,
} from '../support/reminders';
import { addMember, addSubject, expectProblem, grid, newUser, type TestUser } from '../support/factories';

describe('reminder planning (API)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The planning window, not the quiet period, ends daily chasing here (see digest.e2e-spec).
    t = await createTestApp({ now: REFERENCE_CASE_NOW, env: { REMINDER_QUIET_AFTER_DAYS: 3650 } });
  });
  afterAll(() => t.close());

  const times = (rows: (ReminderBody | FollowedReminder)[], user: TestUser, reason: string) =>
    rows.filter((r) => r.recipient.id === user.id && r.reasons.includes(reason)).map((r) => r.sendAt);

  it('plans the reference case by the default policy: 09:00 in each recipient zone, business days, escalation', async () => {
    const c = await reminderReferenceCase(t);
    // What is stored is each person's next digest: the owner's 14-day deadline reminder (Wed 24
    // May, 09:00 PDT = 16:00Z), lead counsel's first escalation and the reviewer's first
    // overdue notice (09:00 EDT = 13:00Z).
    const stored = await listReminders(c.leadAgent, c.auditId);
    expect(stored.map((r) => [r.recipient.id, r.sendAt, r.reasons])).toEqual([
      [c.owner.id, '2023-05-24T16:00:00.000Z', ['DEADLINE']],
      [c.lead.id, '2023-06-02T13:00:00.000Z', ['ESCALATION']],
      [c.counsel.id, '2023-06-05T13:00:00.000Z', ['OVERDUE_NOTICE']],
    ]);
    expect(await t.prisma.reminder.count({ where: { auditId: c.auditId } })).toBe(3);

    // Each one sent, the next is planned: the calendar as it unfolds up to Thu 8 June.
    const rows = await followReminders(t, c.auditId, '2023-06-08T23:00:00Z');
    // Deadline Wed 7 June: 14, 7, 3 (Sun 4 -> Fri 2), 1 days before and the day itself; 09:00 PDT = 16:00Z.
    expect(times(rows, c.owner, 'DEADLINE')).toEqual([
      '2023-05-24T16:00:00.000Z',
      '2023-05-31T16:00:00.000Z',
      '2023-06-02T16:00:00.000Z',
      '2023-06-06T16:00:00.000Z',
      '2023-06-07T16:00:00.000Z',
    ]);
    // Internal due Fri 2 June: 3 and 1 days before and on the day.
    expect(times(rows, c.owner, 'DUE_DATE')).toEqual([
      '2023-05-30T16:00:00.000Z',
      '2023-06-01T16:00:00.000Z',
      '2023-06-02T16:00:00.000Z',
    ]);
    // Overdue from Mon 5 June, business days only.
    expect(times(rows, c.owner, 'OVERDUE').slice(0, 4)).toEqual([
      '2023-06-05T16:00:00.000Z',
      '2023-06-06T16:00:00.000Z',
      '2023-06-07T16:00:00.000Z',
      '2023-06-08T16:00:00.000Z',
    ]);
    expect(times(rows, c.owner, 'OVERDUE').every((at) => ![0, 6].includes(new Date(at).getUTCDay()))).toBe(true);
    // Lead counsel (New York, 09:00 EDT = 13:00Z): escalation from 3 days before; told of overdue items.
    expect(times(rows, c.lead, 'ESCALATION')).toEqual([
      '2023-06-02T13:00:00.000Z',
      '2023-06-05T13:00:00.000Z',
      '2023-06-06T13:00:00.000Z',
      '2023-06-07T13:00:00.000Z',
    ]);
    expect(times(rows, c.lead, 'OVERDUE_NOTICE')[0]).toBe('2023-06-05T13:00:00.000Z');
    expect(times(rows, c.counsel, 'OVERDUE_NOTICE')[0]).toBe('2023-06-05T13:00:00.000Z');
    // One digest per recipient and send time.
    const keys = rows.map((r) => `${r.recipient.id}|${r.sendAt}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lets counsel change the policy (validated) and re-plans at once', async () => {
    const c = await reminderReferenceCase(t);
    const policy = await c.ownerAgent.get(`/api/audits/${c.auditId}/reminders/policy`);
    expect(policy.body).toEqual({
      deadlineDaysBefore: [14, 7, 3, 1, 0],
      dueDateDaysBefore: [3, 1, 0],
      afterDueDaily: true,
      escalateDaysBefore: 3,
      sendHour: 9,
    });

    const next = {
      deadlineDaysBefore: [2],
      dueDateDaysBefore: [],
      afterDueDaily: false,
      escalateDaysBefore: 1,
      sendHour: 8,
    };
    expectProblem(await c.ownerAgent.put(`/api/audits/${c.auditId}/reminders/policy`).send(next), 403, 'FORBIDDEN');
    const bad = await c.leadAgent
      .put(`/api/audits/${c.auditId}/reminders/policy`)
      .send({ ...next, sendHour: 25, deadlineDaysBefore: ['soon'] });
    expectProblem(bad, 400, 'VALIDATION_FAILED', ['deadlineDaysBefore', 'sendHour']);

    const put = await c.leadAgent.put(`/api/audits/${c.auditId}/reminders/policy`).send(next);
    expect(put.status).toBe(200);
    const rows = await listReminders(c.leadAgent, c.auditId);
    // Mon 5 June 08:00 in Redmond; escalation from 1 day before (Tue 6, 08:00 in New York).
    expect(rows.map((r) => [r.recipient.id, r.sendAt, r.reasons])).toEqual([
      [c.owner.id, '2023-06-05T15:00:00.000Z', ['DEADLINE']],
      [c.lead.id, '2023-06-06T12:00:00.000Z', ['ESCALATION']],
    ]);
    // The superseded plan is not left behind: the audit holds these rows and no others.
    expect(await t.prisma.reminder.count({ where: { auditId: c.auditId } })).toBe(rows.length);
    // Then the escalation on the day (Wed 7); no daily chasing after it.
    const sent = await followReminders(t, c.auditId, '2023-07-31T00:00:00Z');
    expect(sent.map((r) => [r.recipient.id, r.sendAt, r.reasons])).toEqual([
      [c.owner.id, '2023-06-05T15:00:00.000Z', ['DEADLINE']],
      [c.lead.id, '2023-06-06T12:00:00.000Z', ['ESCALATION']],
      [c.lead.id, '2023-06-07T12:00:00.000Z', ['ESCALATION']],
    ]);
  });

  it('records extensions; granting one moves the deadline and every pending reminder', async () => {
    const c = await reminderReferenceCase(t);
    const base = `/api/audits/${c.auditId}/extensions`;
    expectProblem(
      await c.ownerAgent.post(base).send({ requestedOn: '2023-05-25', newDeadline: '2023-06-21T17:00' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await c.leadAgent.post(base).send({ requestedOn: '2023-05-25', newDeadline: '2023-06-01T17:00' }),
      422,
      'RULE_VIOLATION',
      ['newDeadline'],
    );
    expectProblem(
      await c.leadAgent.post(base).send({ requestedOn: '2023-02-30', newDeadline: 'soon' }),
      400,
      'VALIDATION_FAILED',
      ['requestedOn'],
    );

    const asked = await c.leadAgent
      .post(base)
      .send({ requestedOn: '2023-05-16', newDeadline: '2023-06-21T17:00', note: 'Asked by email' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'REQUESTED',
      newDeadlineLocal: '2023-06-21T17:00:00.000-04:00',
      previousDeadline: null,
    });

    // Today is 18 May in New York: a decision is recorded after the fact, and after the request.
    const decide = (body: object) => c.leadAgent.post(`${base}/${asked.body.id}/decision`).send(body);
    expectProblem(await decide({ status: 'GRANTED', decidedOn: '2023-05-19' }), 400, 'VALIDATION_FAILED', [
      'decidedOn',
    ]);
    expectProblem(await decide({ status: 'DENIED', decidedOn: '2023-05-15' }), 400, 'VALIDATION_FAILED', ['decidedOn']);
    const granted = await decide({ status: 'GRANTED', decidedOn: '2023-05-17', note: 'Agreed on the phone' });
    expect(granted.status).toBe(200);
    // The request's note stays beside the decision's.
    expect(granted.body).toMatchObject({
      status: 'GRANTED',
      decidedOn: '2023-05-17',
      previousDeadline: '2023-06-07T21:00:00.000Z',
      note: 'Asked by email',
      decisionNote: 'Agreed on the phone',
    });
    expect((await c.leadAgent.get(`/api/audits/${c.auditId}`)).body.responseDeadline).toBe('2023-06-21T21:00:00.000Z');
    expectProblem(
      await c.leadAgent.post(`${base}/${asked.body.id}/decision`).send({ status: 'DENIED' }),
      409,
      'CONFLICT',
    );

    const rows = await followReminders(t, c.auditId, '2023-06-21T23:00:00Z');
    // New deadline Wed 21 June: 14 days Wed 7, 7 days Wed 14, 3 days Sun 18 -> Fri 16, 1 day Tue 20, the day.
    expect(times(rows, c.owner, 'DEADLINE')).toEqual([
      '2023-06-07T16:00:00.000Z',
      '2023-06-14T16:00:00.000Z',
      '2023-06-16T16:00:00.000Z',
      '2023-06-20T16:00:00.000Z',
      '2023-06-21T16:00:00.000Z',
    ]);
    expect(times(rows, c.lead, 'ESCALATION')[0]).toBe('2023-06-16T13:00:00.000Z');
    const history = await c.ownerAgent.get(base);
    expect(history.body).toMatchObject({
      total: 1,
      items: [{ id: asked.body.id, status: 'GRANTED', note: 'Asked by email', decisionNote: 'Agreed on the phone' }],
    });
    // The request's note is in the log with the request, the decision's day and note with the decision.
    const log = async (action: string) =>
      (
        await c.leadAgent.get(`/api/audits/${c.auditId}/activity`).query({ entityType: 'extension', action })
      ).body.items.map((e: { changes: unknown }) => e.changes);
    expect(await log('requested')).toEqual([
      {
        newDeadline: { before: null, after: '2023-06-21T21:00:00.000Z' },
        requestedOn: { before: null, after: '2023-05-16' },
        note: { before: null, after: 'Asked by email' },
      },
    ]);
    expect(await log('granted')).toEqual([
      {
        status: { before: 'REQUESTED', after: 'GRANTED' },
        decidedOn: { before: null, after: '2023-05-17' },
        decisionNote: { before: null, after: 'Agreed on the phone' },
      },
    ]);
  });

  it('cancels everything when the audit is submitted, and refuses a digest for someone with nothing open', async () => {
    const c = await reminderReferenceCase(t);
    const idle = await newUser(t.prisma, { label: 'idle' });
    await addMember(c.leadAgent, c.auditId, idle, 'CONTRIBUTOR');
    expectProblem(
      await c.leadAgent.post(`/api/audits/${c.auditId}/reminders/send-now`).send({ userId: idle.id }),
      422,
      'RULE_VIOLATION',
      ['userId'],
    );
    expectProblem(
      await c.leadAgent.post(`/api/audits/${c.auditId}/reminders/send-now`).send({ userId: 'nobody' }),
      400,
      'VALIDATION_FAILED',
      ['userId'],
    );
    const sent = await c.leadAgent.post(`/api/audits/${c.auditId}/reminders/send-now`).send({ userId: c.lead.id });
    // Lead counsel is sent every open item of the audit.
    expect(sent.body).toMatchObject({ status: 'SCHEDULED', reasons: ['MANUAL'], itemIds: [c.cellId] });
    for (const status of ['OPEN', 'SUBMITTED']) {
      expect((await c.leadAgent.patch(`/api/audits/${c.auditId}`).send({ status })).status).toBe(200);
    }
    const scheduled = await listReminders(c.leadAgent, c.auditId);
    expect(scheduled.map((r) => r.reasons)).toEqual([['MANUAL']]);
    // The planned rows are gone; the manual send stays.
    expect(await t.prisma.reminder.count({ where: { auditId: c.auditId } })).toBe(1);
    expectProblem(
      await c.leadAgent.post(`/api/audits/${c.auditId}/reminders/send-now`).send({ userId: c.owner.id }),
      422,
      'RULE_VIOLATION',
      [],
    );
  });

  it("adds a new cell of the grid to lead counsel's escalations at once", async () => {
    const c = await reminderReferenceCase(t);
    const escalation = async () =>
      (await listReminders(c.leadAgent, c.auditId)).find(
        (r) =>
          r.recipient.id === c.lead.id && r.sendAt === '2023-06-02T13:00:00.000Z' && r.reasons.includes('ESCALATION'),
      );
    expect((await escalation())!.itemIds).toEqual([c.cellId]);
    await addSubject(c.leadAgent, c.auditId, { name: `Teams ${c.auditId.slice(0, 4)}` });
    const cells = await grid(c.leadAgent, c.auditId);
    expect(cells).toHaveLength(2);
    expect([...(await escalation())!.itemIds].sort()).toEqual(cells.map((x) => x.id).sort());
  });

  it('removes the queued job of a digest a re-plan cancels entirely, and keeps the jobs still wanted', async () => {
    const c = await reminderReferenceCase(t);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
    const now = t.clock.now();
    // Owner (Redmond): next, the 14-day deadline reminder on Wed 24 May; the 3-day due-date one
    // on Tue 30 May comes after it, so it is not planned yet.
    const fourteenDays = { recipientId: c.owner.id, sendAt: '2023-05-24T16:00:00.000Z' };
    const dueSoon = { recipientId: c.owner.id, sendAt: '2023-05-30T16:00:00.000Z' };
    expect(await digestJobs(queue, [fourteenDays])).toEqual(delayedDigests([fourteenDays], now));
    expect(await digestJobs(queue, [dueSoon])).toEqual(noDigestJobs([dueSoon]));

    // Deadline moved to Wed 21 June: nobody is reminded on 24 May any more; 30 May (the due
    // date) is now the owner's next.
    expect(
      (await c.leadAgent.patch(`/api/audits/${c.auditId}`).send({ responseDeadline: '2023-06-21T17:00' })).status,
    ).toBe(200);
    expect(await digestJobs(queue, [fourteenDays])).toEqual(noDigestJobs([fourteenDays]));
    expect(await digestJobs(queue, [dueSoon])).toEqual(delayedDigests([dueSoon], now));
  });

  it('keeps a reminder that is due but not yet sent when a change re-plans, and cancels it once nothing is owed', async () => {
    const c = await reminderReferenceCase(t);
    const dueAt = '2023-05-24T16:00:00.000Z';
    // 30 seconds after the owner's 14-day reminder was due; no worker has sent it yet (one is busy, or down).
    t.clock.set(new Date('2023-05-24T16:00:30Z'));
    try {
      const [cell] = await grid(c.leadAgent, c.auditId);
      const moved = await c.leadAgent
        .patch(`/api/audits/${c.auditId}/responses/${c.cellId}`)
        .send({ version: cell.version, dueDate: '2023-06-05' });
      expect(moved.status).toBe(200);
      const pending = (await listReminders(c.leadAgent, c.auditId)).filter(
        (r) => r.recipient.id === c.owner.id && r.sendAt === dueAt,
      );
      expect(pending.map((r) => r.reasons)).toEqual([['DEADLINE']]);

      const [current] = await grid(c.leadAgent, c.auditId);
      const dropped = await c.leadAgent
        .patch(`/api/audits/${c.auditId}/responses/${c.cellId}`)
        .send({ version: current.version, status: 'NOT_APPLICABLE' });
      expect(dropped.status).toBe(200);
      expect((await listReminders(c.leadAgent, c.auditId)).filter((r) => r.sendAt === dueAt)).toEqual([]);
      expect(
        (await listReminders(c.leadAgent, c.auditId, 'CANCELLED')).filter(
          (r) => r.recipient.id === c.owner.id && r.sendAt === dueAt,
        ),
      ).toHaveLength(1);
    } finally {
      t.clock.set(new Date('2023-05-18T13:00:00Z'));
    }
  });

  describe('re-planning when what a reminder depends on changes', () => {
    const queue = () => t.app.get<Queue>(getQueueToken(QueueName.Reminders));
    const of = <R extends { recipient: { id: string } }>(rows: R[], user: { id: string }) =>
      rows.filter((r) => r.recipient.id === user.id);
    const ids = (rows: ReminderBody[]) => rows.map((r) => r.id).sort();
    /** Which of these rows are still stored: re-planning deletes the ones it supersedes before they are due. */
    const stillStored = (rows: ReminderBody[]) =>
      t.prisma.reminder.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true, status: true } });
    type Planned = Pick<ReminderBody, 'sendAt' | 'reasons' | 'itemIds'> & { recipient: { id: string } };
    const plan = (rows: Planned[]) =>
      rows.map((r) => `${r.sendAt} ${r.recipient.id} ${r.reasons.join('+')} ${[...r.itemIds].sort().join('+')}`).sort();
    /** One digest (job) per recipient and send time. */
    const digests = (rows: ReminderBody[]) => [
      ...new Map(
        rows.map((r) => [`${r.recipient.id}|${r.sendAt}`, { recipientId: r.recipient.id, sendAt: r.sendAt }]),
      ).values(),
    ];
    /** Each digest's job waits in BullMQ, delayed until its send time as measured on the app's clock. */
    async function expectQueued(rows: ReminderBody[]) {
      expect(rows.length).toBeGreaterThan(0);
      expect(await digestJobs(queue(), digests(rows))).toEqual(delayedDigests(digests(rows), t.clock.now()));
    }
    async function expectNotQueued(rows: ReminderBody[]) {
      expect(rows.length).toBeGreaterThan(0);
      expect(await digestJobs(queue(), digests(rows))).toEqual(noDigestJobs(digests(rows)));
    }

    it('leaves no superseded rows behind: after many changes the audit holds its current plan and nothing else', async () => {
      const c = await reminderReferenceCase(t);
      const first = await listReminders(c.leadAgent, c.auditId);
      const stored = () => t.prisma.reminder.findMany({ where: { auditId: c.auditId }, select: { status: true } });
      expect(await stored()).toHaveLength(first.length);
      // Twelve changes that each supersede rows: the cell's due date back and forth, the policy's
      // send hour back and forth; they end where they began.
      const changes = [
        ...['2023-06-05', '2023-05-31', '2023-06-02', '2023-06-05', '2023-05-31', '2023-06-02'].map(
          (dueDate) => async () => {
            const [cell] = await grid(c.leadAgent, c.auditId);
            return c.leadAgent
              .patch(`/api/audits/${c.auditId}/responses/${c.cellId}`)
              .send({ version: cell.version, dueDate });
          },
        ),
        ...[8, 9, 7, 9, 10, 9].map((sendHour) => async () => {
          const policy = await c.leadAgent.get(`/api/audits/${c.auditId}/reminders/policy`);
          return c.leadAgent.put(`/api/audits/${c.auditId}/reminders/policy`).send({ ...policy.body, sendHour });
        }),
      ];
      for (const change of changes) {
        expect((await change()).status).toBe(200);
        const planned = await listReminders(c.leadAgent, c.auditId);
        expect((await stored()).map((r) => r.status)).toEqual(planned.map(() => 'SCHEDULED'));
      }
      const last = await listReminders(c.leadAgent, c.auditId);
      expect(plan(last)).toEqual(plan(first));
      expect(await stored()).toHaveLength(first.length);
      await expectQueued(last);
    });

    it('a zone-only deadline change: the same wall-clock time in another zone is another instant; reminder days stay', async () => {
      const c = await reminderReferenceCase(t);
      const before = await listReminders(c.leadAgent, c.auditId);
      const moved = await c.leadAgent
        .patch(`/api/audits/${c.auditId}`)
        .send({ deadlineTimeZone: 'Pacific/Kiritimati' });
      expect(moved.status).toBe(200);
      // 17:00 on Wed 7 June in Kiritimati (UTC+14) instead of New York: 18 hours earlier.
      expect(moved.body).toMatchObject({
        responseDeadline: '2023-06-07T03:00:00.000Z',
        responseDeadlineLocal: '2023-06-07T17:00:00.000+14:00',
        deadlineTimeZone: 'Pacific/Kiritimati',
      });

      const after = await listReminders(c.leadAgent, c.auditId);
      // Reminder days are calendar days in the audit's zone, and the deadline is still Wed 7 June
      // there: every reminder planned before keeps its row and send time, and none is added.
      expect(ids(after)).toEqual(ids(before));
      expect(plan(after)).toEqual(plan(before));
      await expectQueued(after);
      // The last day before it, Tue 6 June, is still the day-before reminder (16:00Z in Redmond).
      const sent = await followReminders(t, c.auditId, '2023-06-07T23:00:00Z');
      expect(times(sent, c.owner, 'DEADLINE').slice(-2)).toEqual([
        '2023-06-06T16:00:00.000Z',
        '2023-06-07T16:00:00.000Z',
      ]);
    });

    it('closing the audit cancels every reminder and its job; reopening plans the same times again', async () => {
      const c = await reminderReferenceCase(t);
      const before = await listReminders(c.leadAgent, c.auditId);
      await expectQueued(before);

      const closed = await c.leadAgent.patch(`/api/audits/${c.auditId}`).send({ status: 'CLOSED' });
      expect([closed.status, closed.body.status]).toEqual([200, 'CLOSED']);
      expect(await listReminders(c.leadAgent, c.auditId)).toEqual([]);
      expect(await stillStored(before)).toEqual([]);
      await expectNotQueued(before);

      const reopened = await c.leadAgent
        .patch(`/api/audits/${c.auditId}`)
        .send({ status: 'OPEN', statusReason: 'Follow-up request' });
      expect([reopened.status, reopened.body.status]).toEqual([200, 'OPEN']);
      const again = await listReminders(c.leadAgent, c.auditId);
      expect(plan(again)).toEqual(plan(before));
      await expectQueued(again);
    });

    it('a new assignee takes over the reminders, at 09:00 in their own zone; the old one is left none', async () => {
      const c = await reminderReferenceCase(t);
      const berlin = await newUser(t.prisma, { label: 'owner-berlin', timeZone: 'Europe/Berlin' });
      await addMember(c.leadAgent, c.auditId, berlin, 'CONTRIBUTOR');
      const ownerBefore = of(await listReminders(c.leadAgent, c.auditId), c.owner);
      await expectQueued(ownerBefore);

      const [cell] = await grid(c.leadAgent, c.auditId);
      const moved = await c.leadAgent
        .patch(`/api/audits/${c.auditId}/responses/${c.cellId}`)
        .send({ version: cell.version, assigneeId: berlin.id });
      expect(moved.status).toBe(200);

      const after = await listReminders(c.leadAgent, c.auditId);
      expect(of(after, c.owner)).toEqual([]);
      expect(await stillStored(ownerBefore)).toEqual([]);
      await expectNotQueued(ownerBefore);
      expect(of(after, berlin)).toHaveLength(ownerBefore.length);
      await expectQueued(of(after, berlin));
      // 09:00 CEST = 07:00Z, on the days the owner had.
      const sent = await followReminders(t, c.auditId, '2023-06-07T23:00:00Z');
      expect(of(sent, c.owner)).toEqual([]);
      expect(times(sent, berlin, 'DEADLINE')).toEqual([
        '2023-05-24T07:00:00.000Z',
        '2023-05-31T07:00:00.000Z',
        '2023-06-02T07:00:00.000Z',
        '2023-06-06T07:00:00.000Z',
        '2023-06-07T07:00:00.000Z',
      ]);
      expect(times(sent, berlin, 'DUE_DATE')).toEqual([
        '2023-05-30T07:00:00.000Z',
        '2023-06-01T07:00:00.000Z',
        '2023-06-02T07:00:00.000Z',
      ]);
      expect(times(sent, berlin, 'OVERDUE')[0]).toBe('2023-06-05T07:00:00.000Z');
    });

    it("a new reviewer takes over the overdue notices, at 09:00 in their own zone; the old one's are cancelled", async () => {
      const c = await reminderReferenceCase(t);
      const tokyo = await newUser(t.prisma, { label: 'reviewer-tokyo', timeZone: 'Asia/Tokyo' });
      await addMember(c.leadAgent, c.auditId, tokyo, 'COUNSEL');
      const reviewerBefore = of(await listReminders(c.leadAgent, c.auditId), c.counsel);
      expect([...new Set(reviewerBefore.map((r) => r.reasons.join('+')))]).toEqual(['OVERDUE_NOTICE']);
      await expectQueued(reviewerBefore);

      const [cell] = await grid(c.leadAgent, c.auditId);
      const moved = await c.leadAgent
        .patch(`/api/audits/${c.auditId}/responses/${c.cellId}`)
        .send({ version: cell.version, reviewerId: tokyo.id });
      expect(moved.status).toBe(200);

      const after = await listReminders(c.leadAgent, c.auditId);
      expect(of(after, c.counsel)).toEqual([]);
      expect(await stillStored(reviewerBefore)).toEqual([]);
      await expectNotQueued(reviewerBefore);
      expect(of(after, tokyo)).toHaveLength(reviewerBefore.length);
      await expectQueued(of(after, tokyo));
      // 09:00 JST on Mon 5 and Tue 6 June = midnight UTC.
      const sent = await followReminders(t, c.auditId, '2023-06-06T01:00:00Z');
      expect(of(sent, c.counsel)).toEqual([]);
      expect(times(sent, tokyo, 'OVERDUE_NOTICE')).toEqual(['2023-06-05T00:00:00.000Z', '2023-06-06T00:00:00.000Z']);
    });

    it("a lead counsel demoted or removed from the audit loses their escalations and jobs; the others' stay", async () => {
      const c = await reminderReferenceCase(t);
      const leadBefore = of(await listReminders(c.leadAgent, c.auditId), c.lead);
      const london = await newUser(t.prisma, { label: 'lead-london', timeZone: 'Europe/London' });
      await addMember(c.leadAgent, c.auditId, london, 'LEAD_COUNSEL');
      const added = of(await listReminders(c.leadAgent, c.auditId), london);
      // Next, 09:00 BST = 08:00Z on Fri 2 June, 3 business days before the deadline.
      expect(times(added, london, 'ESCALATION')).toEqual(['2023-06-02T08:00:00.000Z']);
      await expectQueued(added);

      const demoted = await c.leadAgent
        .patch(`/api/audits/${c.auditId}/members/${london.id}`)
        .send({ role: 'COUNSEL' });
      expect(demoted.status).toBe(200);
      expect(of(await listReminders(c.leadAgent, c.auditId), london)).toEqual([]);
      await expectNotQueued(added);

      const promoted = await c.leadAgent
        .patch(`/api/audits/${c.auditId}/members/${london.id}`)
        .send({ role: 'LEAD_COUNSEL' });
      expect(promoted.status).toBe(200);
      const again = of(await listReminders(c.leadAgent, c.auditId), london);
      expect(plan(again)).toEqual(plan(added));
      await expectQueued(again);

      expect((await c.leadAgent.delete(`/api/audits/${c.auditId}/members/${london.id}`)).status).toBe(204);
      const after = await listReminders(c.leadAgent, c.auditId);
      expect(of(after, london)).toEqual([]);
      expect(await stillStored([...added, ...again])).toEqual([]);
      await expectNotQueued(again);
      // The first lead counsel's reminders never moved.
      expect(plan(of(after, c.lead))).toEqual(plan(leadBefore));
      await expectQueued(of(after, c.lead));
    });

    it("a cell removed by narrowing a request takes its reminders with it; the remaining digests' jobs stay", async () => {
      const c = await reminderReferenceCase(t);
      const chicago = await newUser(t.prisma, { label: 'owner-chicago', timeZone: 'America/Chicago' });
      await addMember(c.leadAgent, c.auditId, chicago, 'CONTRIBUTOR');
      const [first] = await grid(c.leadAgent, c.auditId);
      const second = await addSubject(c.leadAgent, c.auditId, { name: `Teams ${c.auditId.slice(0, 4)}` });
      const secondCell = (await grid(c.leadAgent, c.auditId)).find((x) => x.subject.id === second.id)!;
      const assigned = await c.leadAgent
        .patch(`/api/audits/${c.auditId}/responses/${secondCell.id}`)
        .send({ version: secondCell.version, assigneeId: chicago.id });
      expect(assigned.status).toBe(200);
      const before = await listReminders(c.leadAgent, c.auditId);
      const chicagoBefore = of(before, chicago);
      expect(times(chicagoBefore, chicago, 'DEADLINE')[0]).toBe('2023-05-24T14:00:00.000Z');
      const escalation = (rows: ReminderBody[]) =>
        rows.find((r) => r.recipient.id === c.lead.id && r.sendAt === '2023-06-02T13:00:00.000Z')!.itemIds;
      expect([...escalation(before)].sort()).toEqual([c.cellId, secondCell.id].sort());
      await expectQueued(before);

      const narrowed = await c.leadAgent
        .patch(`/api/audits/${c.auditId}/requests/${first.request.id}`)
        .send({ appliesToAll: false, subjectIds: [first.subject.id] });
      expect(narrowed.status).toBe(200);
      expect((await grid(c.leadAgent, c.auditId)).map((x) => x.id)).toEqual([c.cellId]);

      const after = await listReminders(c.leadAgent, c.auditId);
      expect(of(after, chicago)).toEqual([]);
      expect(await stillStored(chicagoBefore)).toEqual([]);
      expect(escalation(after)).toEqual([c.cellId]);
      expect([...new Set(after.flatMap((r) => r.itemIds))]).toEqual([c.cellId]);
      // Everyone else keeps their send times, and the digests still wanted keep their jobs. (The
      // grid path leaves the dropped digests' jobs in Redis: they claim no row and send nothing.)
      expect(plan(after.filter((r) => r.recipient.id !== chicago.id)).length).toBe(
        before.filter((r) => r.recipient.id !== chicago.id).length,
      );
      await expectQueued(after);
    });
  });

  it('serves each user an iCalendar feed of their deadlines and due dates at a secret URL', async () => {
    const c = await reminderReferenceCase(t);
    // The profile tells whether a feed URL exists (the URL itself is shown once, when made).
    expect((await c.ownerAgent.get('/api/calendar/feed')).body).toEqual({ exists: false });
    const made = await c.ownerAgent.post('/api/calendar/feed');
    expect((await c.ownerAgent.get('/api/calendar/feed')).body).toEqual({ exists: true });
    expect((await c.leadAgent.get('/api/calendar/feed')).body).toEqual({ exists: false });
    expect(made.status).toBe(201);
    const url = new URL(made.body.url);
    expect(url.pathname).toMatch(/^\/api\/calendar\/cal_[\w-]+\.ics$/);

    const feed = await request(t.http).get(url.pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const audit = (await c.leadAgent.get(`/api/audits/${c.auditId}`)).body;
    const events = parseFeed(feed.text).getAllSubcomponents('vevent');
    const deadline = events.find((e) => value(e, 'summary')?.startsWith(`Response due: ${audit.referenceCode}`));
    expect(deadline && value(deadline, 'dtstart')).toBe('20230607T210000Z');
    expect(events.map((e) => value(e, 'dtstart'))).toContain('20230602');

    const rotated = await c.ownerAgent.post('/api/calendar/feed');
    expect(rotated.body.url).not.toBe(made.body.url);
    expect((await request(t.http).get(url.pathname)).status).toBe(404);
    expect((await request(t.http).get(new URL(rotated.body.url).pathname)).status).toBe(200);
  });

  /**
   * The feed read by a real iCalendar parser (ical.js, Mozilla's, which Thunderbird uses): a
   * feed it cannot parse fails here, as it would fail in a lawyer's calendar.
   */
  const parseFeed = (ics: string) => new ICAL.Component(ICAL.parse(ics) as unknown[]);
  /** A property's value as the feed writes it (UTC times as 20230607T210000Z, days as 20230602). */
  const value = (component: ICAL.Component, prop: string) => {
    const property = component.getFirstProperty(prop);
    if (!property) return undefined;
    const raw = property.getFirstValue();
    return raw instanceof ICAL.Time ? raw.toICALString() : String(raw as string | number);
  };

  it("gives calendar events an end, alarms and a refresh interval, and bumps the deadline's SEQUENCE when it moves", async () => {
    const c = await reminderReferenceCase(t);
    const path = new URL((await c.ownerAgent.post('/api/calendar/feed')).body.url).pathname;
    const read = async () => {
      const feed = await request(t.http).get(path);
      expect(feed.status).toBe(200);
      const calendar = parseFeed(feed.text);
      const events = calendar.getAllSubcomponents('vevent');
      const deadline = events.find((e) => value(e, 'uid') === `audit-${c.auditId}@auditdesk`)!;
      const due = events.find((e) => value(e, 'uid') === `response-${c.cellId}@auditdesk`)!;
      const alarms = events.flatMap((e) => e.getAllSubcomponents('valarm')).length;
      return { calendar, deadline, due, alarms };
    };

    const first = await read();
    expect(value(first.calendar, 'refresh-interval')).toBe('PT1H');
    // RFC 7986 asks for VALUE=DURATION on it: the parser then reads it as a duration, not text.
    expect(first.calendar.getFirstProperty('refresh-interval')!.type).toBe('duration');
    // Deadline Wed 7 June 17:00 New York: a half-hour event from the deadline, with alarms a day
    // and two hours ahead.
    expect(value(first.deadline, 'dtstart')).toBe('20230607T210000Z');
    expect(value(first.deadline, 'dtend')).toBe('20230607T213000Z');
    expect(value(first.deadline, 'sequence')).toBe('0');
    const deadlineAlarms = first.deadline.getAllSubcomponents('valarm');
    expect(deadlineAlarms.map((a) => [value(a, 'action'), value(a, 'trigger')])).toEqual([
      ['DISPLAY', '-P1D'],
      ['DISPLAY', '-PT2H'],
    ]);
    // The due date Fri 2 June: an all-day event, reminded at 09:00 the day before.
    expect(value(first.due, 'dtstart')).toBe('20230602');
    expect(first.due.getAllSubcomponents('valarm').map((a) => value(a, 'trigger'))).toEqual(['-PT15H']);
    expect(first.alarms).toBe(3);

    const moved = await c.leadAgent.patch(`/api/audits/${c.auditId}`).send({ responseDeadline: '2023-06-14T17:00' });
    expect(moved.status).toBe(200);
    const second = await read();
    expect(value(second.deadline, 'dtstart')).toBe('20230614T210000Z');
    expect(value(second.deadline, 'dtend')).toBe('20230614T213000Z');
    expect(value(second.deadline, 'sequence')).toBe('1');
    // Another edit that leaves the deadline alone keeps the sequence.
    expect((await c.leadAgent.patch(`/api/audits/${c.auditId}`).send({ notes: 'Call on Monday' })).status).toBe(200);
    expect(value((await read()).deadline, 'sequence')).toBe('1');
  });
});
