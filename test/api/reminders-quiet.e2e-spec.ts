// Quiet and control through the API, on the reference case replayed from 18 May 2023 09:00
// New York: counsel pause and resume an audit's reminders; each user sets their own digest
// hour, days and vacation (and only their own).
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '@app/queue';
import { createTestApp, type TestApp } from '../support/app';
import { delayedDigests, digestJobs, noDigestJobs } from '../support/reminder-jobs';
import {
  type FollowedReminder,
  followReminders,
  listReminders,
  REFERENCE_CASE_NOW,
  type ReminderBody,
  type ReminderCase,
  reminderReferenceCase,
} from '../support/reminders';
import { expectProblem, type TestUser } from '../support/factories';

describe('reminders: quiet and control (API)', () => {
  let t: TestApp;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp({ now: REFERENCE_CASE_NOW, env: { REMINDER_QUIET_AFTER_DAYS: 30 } });
    queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
  });
  afterAll(() => t.close());

  const scheduled = (c: ReminderCase) => listReminders(c.leadAgent, c.auditId);
  const sendTimes = (rows: (ReminderBody | FollowedReminder)[], user: TestUser) =>
    rows.filter((r) => r.recipient.id === user.id).map((r) => r.sendAt);

  describe('pausing an audit', () => {
    it('only counsel pause, with a reason; paused, nothing is planned, queued or sent now, and it is recorded', async () => {
      const c = await reminderReferenceCase(t);
      const path = `/api/audits/${c.auditId}/reminders/pause`;
      const before = await scheduled(c);
      // Each person's next digest: the owner's, lead counsel's and the reviewer's.
      expect(before).toHaveLength(3);
      const ownerFirst = { recipientId: c.owner.id, sendAt: sendTimes(before, c.owner)[0] };
      expect(await digestJobs(queue, [ownerFirst])).toEqual(delayedDigests([ownerFirst], t.clock.now()));

      expectProblem(await c.ownerAgent.put(path).send({ reason: 'Not mine to stop' }), 403, 'FORBIDDEN');
      expectProblem(await c.counselAgent.put(path).send({ reason: '   ' }), 400, 'VALIDATION_FAILED', ['reason']);
      expect((await c.ownerAgent.get(path)).body).toEqual({ paused: false, since: null, reason: null, pausedBy: null });

      const paused = await c.counselAgent.put(path).send({ reason: ' Settlement talks until June ' });
      expect(paused.status).toBe(200);
      const state = {
        paused: true,
        since: '2023-05-18T13:00:00.000Z',
        reason: 'Settlement talks until June',
        pausedBy: { id: c.counsel.id, name: c.counsel.name },
      };
      expect(paused.body).toEqual(state);
      // Every member sees it.
      expect((await c.ownerAgent.get(path)).body).toEqual(state);
      expect(await scheduled(c)).toEqual([]);
      expect(await digestJobs(queue, [ownerFirst])).toEqual(noDigestJobs([ownerFirst]));

      expectProblem(await c.leadAgent.put(path).send({ reason: 'Again' }), 409, 'CONFLICT');
      expectProblem(
        await c.leadAgent.post(`/api/audits/${c.auditId}/reminders/send-now`).send({ userId: c.owner.id }),
        422,
        'RULE_VIOLATION',
      );
      // A change that re-plans keeps the audit quiet.
      expect(
        (await c.leadAgent.patch(`/api/audits/${c.auditId}`).send({ responseDeadline: '2023-06-14T17:00' })).status,
      ).toBe(200);
      expect(await scheduled(c)).toEqual([]);

      const events = await t.prisma.activityEvent.findMany({
        where: { auditId: c.auditId, action: { in: ['reminders_paused', 'reminders_resumed'] } },
      });
      expect(events).toEqual([
        expect.objectContaining({
          actorId: c.counsel.id,
          entityType: 'audit',
          action: 'reminders_paused',
          changes: expect.objectContaining({ reason: { before: null, after: 'Settlement talks until June' } }),
        }),
      ]);
    });

    it('resuming (counsel) plans from now again and is recorded; resuming twice is a conflict', async () => {
      const c = await reminderReferenceCase(t);
      const path = `/api/audits/${c.auditId}/reminders/pause`;
      const before = await scheduled(c);
      expect((await c.leadAgent.put(path).send({ reason: 'Waiting for the client' })).status).toBe(200);
      expectProblem(await c.ownerAgent.delete(path), 403, 'FORBIDDEN');

      const resumed = await c.counselAgent.delete(path);
      expect(resumed.status).toBe(200);
      expect(resumed.body).toEqual({ paused: false, since: null, reason: null, pausedBy: null });
      expect((await scheduled(c)).map((r) => [r.recipient.id, r.sendAt])).toEqual(
        before.map((r) => [r.recipient.id, r.sendAt]),
      );
      const ownerFirst = { recipientId: c.owner.id, sendAt: sendTimes(before, c.owner)[0] };
      expect(await digestJobs(queue, [ownerFirst])).toEqual(delayedDigests([ownerFirst], t.clock.now()));
      expectProblem(await c.counselAgent.delete(path), 409, 'CONFLICT');

      const resumedEvent = await t.prisma.activityEvent.findFirst({
        where: { auditId: c.auditId, action: 'reminders_resumed' },
      });
      expect(resumedEvent).toMatchObject({
        actorId: c.counsel.id,
        changes: expect.objectContaining({ reason: { before: 'Waiting for the client', after: null } }),
      });
    });

    it('concurrent identical pauses pause once, with one event', async () => {
      const c = await reminderReferenceCase(t);
      const path = `/api/audits/${c.auditId}/reminders/pause`;
      const results = await Promise.all(
        [0, 1, 2].map(() => c.leadAgent.put(path).send({ reason: 'Settlement talks' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      expect(await t.prisma.activityEvent.count({ where: { auditId: c.auditId, action: 'reminders_paused' } })).toBe(1);
    });
  });

  describe('why nothing is planned', () => {
    const stopped = async (c: ReminderCase) => {
      const res = await c.ownerAgent.get(`/api/audits/${c.auditId}/reminders`);
      expect(res.status).toBe(200);
      return res.body.stopped as Record<string, unknown> | null;
    };

    it('says so with the reminders: paused, past the deadline by more than the quiet period, submitted', async () => {
      const c = await reminderReferenceCase(t);
      expect(await stopped(c)).toBeNull();

      const pause = `/api/audits/${c.auditId}/reminders/pause`;
      expect((await c.leadAgent.put(pause).send({ reason: 'Settlement talks' })).status).toBe(200);
      expect(await stopped(c)).toMatchObject({ reason: 'PAUSED' });
      expect((await c.leadAgent.delete(pause)).status).toBe(200);

      try {
        // Deadline Wed 7 June 2023 (New York), quiet period 30 days: 7 July is the last day chased.
        t.clock.set(new Date('2023-07-07T16:00:00Z'));
        expect(await stopped(c)).toBeNull();
        t.clock.set(new Date('2023-07-08T13:00:00Z'));
        expect(await stopped(c)).toEqual({
          reason: 'PAST_DEADLINE',
          deadlineDay: '2023-06-07',
          lastReminderDay: '2023-07-07',
          quietAfterDays: 30,
        });
      } finally {
        t.clock.set(new Date(REFERENCE_CASE_NOW));
      }

      for (const status of ['OPEN', 'SUBMITTED'])
        expect((await c.leadAgent.patch(`/api/audits/${c.auditId}`).send({ status })).status).toBe(200);
      expect(await stopped(c)).toMatchObject({ reason: 'AUDIT_SUBMITTED', lastReminderDay: null });
    });
  });

  describe("a user's own settings", () => {
    const path = '/api/me/reminders';

    it('lists their audits with their own switch and counsel pauses, and the defaults', async () => {
      const c = await reminderReferenceCase(t);
      expect((await c.ownerAgent.put(`/api/audits/${c.auditId}/reminders/mine`).send({ enabled: false })).status).toBe(
        200,
      );
      expect((await c.leadAgent.put(`/api/audits/${c.auditId}/reminders/pause`).send({ reason: 'x' })).status).toBe(
        200,
      );
      const res = await c.ownerAgent.get(path);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        hour: null,
        days: [1, 2, 3, 4, 5],
        vacationFrom: null,
        vacationUntil: null,
        timeZone: 'America/Los_Angeles',
        audits: [
          expect.objectContaining({
            auditId: c.auditId,
            status: 'DRAFT',
            enabled: false,
            pausedByCounsel: true,
            sendHour: 9,
            name: expect.stringMatching(/ audit$/),
          }),
        ],
      });
    });

    it('sends at their hour on their days; the others keep theirs', async () => {
      const c = await reminderReferenceCase(t);
      const before = await scheduled(c);
      const saved = await c.ownerAgent
        .put(path)
        .send({ hour: 7, days: [3, 1], vacationFrom: null, vacationUntil: null });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ hour: 7, days: [1, 3], vacationFrom: null, vacationUntil: null });
      const rows = await scheduled(c);
      expect(sendTimes(rows, c.owner)).toEqual(['2023-05-24T14:00:00.000Z']);
      expect(sendTimes(rows, c.lead)).toEqual(sendTimes(before, c.lead));
      // 07:00 in Redmond (PDT) is 14:00Z, Mondays and Wednesdays only.
      const owner = sendTimes(await followReminders(t, c.auditId, '2023-06-30T00:00:00Z'), c.owner);
      expect(owner.length).toBeGreaterThan(3);
      expect(owner.every((at) => at.endsWith('T14:00:00.000Z') && [1, 3].includes(new Date(at).getUTCDay()))).toBe(
        true,
      );
      expect(owner.slice(0, 2)).toEqual(['2023-05-24T14:00:00.000Z', '2023-05-29T14:00:00.000Z']);
    });

    it('sends nothing during their vacation, and what fell due in it on their first day back', async () => {
      const c = await reminderReferenceCase(t);
      // Away Mon 29 May to Fri 2 June: nothing then; what fell due goes out Mon 5 June.
      const away = await c.ownerAgent
        .put(path)
        .send({ hour: null, days: [1, 2, 3, 4, 5], vacationFrom: '2023-05-29', vacationUntil: '2023-06-02' });
      expect(away.status).toBe(200);
      const sent = await followReminders(t, c.auditId, '2023-06-05T23:00:00Z');
      const ownerAway = sent.filter((r) => r.recipient.id === c.owner.id);
      expect(ownerAway.map((r) => r.sendAt)).toEqual(['2023-05-24T16:00:00.000Z', '2023-06-05T16:00:00.000Z']);
      expect(ownerAway.filter((r) => r.sendAt >= '2023-05-29' && r.sendAt < '2023-06-03')).toEqual([]);
      const monday = ownerAway.find((r) => r.sendAt === '2023-06-05T16:00:00.000Z')!;
      expect([...monday.reasons].sort()).toEqual(['DEADLINE', 'DUE_DATE', 'OVERDUE']);

      const event = await t.prisma.activityEvent.findFirst({
        where: { entityId: c.owner.id, action: 'profile_updated' },
        orderBy: { occurredAt: 'desc' },
      });
      expect(event?.changes).toMatchObject({ remindersPausedFrom: { before: null, after: '2023-05-29' } });
    });

    it('moves their reminders to their hour in a new zone when they change it in their profile; the others keep theirs', async () => {
      const c = await reminderReferenceCase(t);
      const before = await scheduled(c);
      const ownerBefore = sendTimes(before, c.owner);
      // 09:00 in Redmond (PDT) is 16:00Z.
      expect(ownerBefore.every((at) => at.endsWith('T16:00:00.000Z'))).toBe(true);
      expect((await c.ownerAgent.patch('/api/auth/me').send({ timeZone: 'Europe/Berlin' })).status).toBe(200);
      const after = await scheduled(c);
      // 09:00 in Berlin (CEST) is 07:00Z, on the same days.
      expect(sendTimes(after, c.owner)).toEqual(ownerBefore.map((at) => at.replace('T16:00', 'T07:00')));
      expect(sendTimes(after, c.lead)).toEqual(sendTimes(before, c.lead));
      const moved = { recipientId: c.owner.id, sendAt: sendTimes(after, c.owner)[0] };
      const gone = { recipientId: c.owner.id, sendAt: ownerBefore[0] };
      expect(await digestJobs(queue, [moved, gone])).toEqual([
        ...delayedDigests([moved], t.clock.now()),
        ...noDigestJobs([gone]),
      ]);
    });

    it('refuses bad settings with the field named, and changes only the caller', async () => {
      const c = await reminderReferenceCase(t);
      const valid = { hour: 8, days: [1, 2, 3, 4, 5], vacationFrom: null, vacationUntil: null };
      expectProblem(await c.ownerAgent.put(path).send({ ...valid, hour: 24 }), 400, 'VALIDATION_FAILED', ['hour']);
      expectProblem(await c.ownerAgent.put(path).send({ ...valid, days: [] }), 400, 'VALIDATION_FAILED', ['days']);
      expectProblem(await c.ownerAgent.put(path).send({ ...valid, days: [0, 8] }), 400, 'VALIDATION_FAILED', ['days']);
      expectProblem(
        await c.ownerAgent.put(path).send({ ...valid, vacationFrom: '2023-06-10', vacationUntil: '2023-06-01' }),
        400,
        'VALIDATION_FAILED',
        ['vacationUntil'],
      );
      expectProblem(
        await c.ownerAgent.put(path).send({ ...valid, vacationFrom: '2023-06-10' }),
        400,
        'VALIDATION_FAILED',
        ['vacationUntil'],
      );
      expectProblem(
        await c.ownerAgent.put(path).send({ ...valid, vacationFrom: '2023-02-30', vacationUntil: '2023-03-02' }),
        400,
        'VALIDATION_FAILED',
        ['vacationFrom'],
      );
      // A user id in the body is not a way to change someone else's settings.
      expectProblem(await c.ownerAgent.put(path).send({ ...valid, userId: c.lead.id }), 400, 'VALIDATION_FAILED', [
        'userId',
      ]);
      expect((await c.ownerAgent.put(path).send(valid)).status).toBe(200);
      expect((await c.ownerAgent.get(path)).body.hour).toBe(8);
      expect((await c.leadAgent.get(path)).body.hour).toBeNull();
      const lead = await t.prisma.user.findUniqueOrThrow({ where: { id: c.lead.id } });
      expect(lead.reminderHour).toBeNull();
    });
  });
});
