// Only each person's next digest is stored: once it has gone out, the worker's reconciler plans
// the one after it; and it re-plans audits nobody touched for a day. The reconciler runs against
// real PostgreSQL and Redis (its own queue prefix, so no worker picks the jobs up), on the API's
// clock moved by hand; a sent digest is recorded as the worker records one.
import { Queue } from 'bullmq';
import { AppConfig, loadEnvironment } from '@app/config';
import { Clock, ReminderStatus } from '@app/domain';
import { closeDigestRows } from '@app/reminders';
import { QueueName } from '@app/queue';
import { DeliveryReceipts } from '../../apps/worker/src/reminders/delivery-receipts';
import { ReminderReconcilerService } from '../../apps/worker/src/reminders/reminder-reconciler.service';
import { createTestApp, type TestApp } from '../support/app';
import { delayedDigests, digestJobs } from '../support/reminder-jobs';
import { addMember, addRequest, addSubject, grid, newAuditViaApi, newUser, tokenAgent } from '../support/factories';

describe('planning the next digest', () => {
  let t: TestApp;
  let queue: Queue;
  let reconciler: ReminderReconcilerService;
  let receipts: DeliveryReceipts;

  beforeAll(async () => {
    // Chasing as long as the audit stays open: this spec follows the window past 60 days.
    t = await createTestApp({ now: '2023-05-18T13:00:00Z', env: { REMINDER_QUIET_AFTER_DAYS: 3650 } });
    // Under the run's prefix (so the run's clean-up removes it), apart from its queues.
    const { REDIS_URL, QUEUE_PREFIX } = loadEnvironment();
    queue = new Queue(QueueName.Reminders, { connection: { url: REDIS_URL }, prefix: `${QUEUE_PREFIX}_horizon` });
    await queue.obliterate({ force: true });
    receipts = new DeliveryReceipts(t.app.get(AppConfig));
    reconciler = new ReminderReconcilerService(t.prisma, t.clock, t.app.get(AppConfig), queue, receipts);
  });
  afterAll(async () => {
    receipts?.onApplicationShutdown();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await t?.close();
  });

  /** Lead counsel (New York) and an owner (Redmond) assigned the one cell, due Fri 2 June; planned on Thu 18 May. */
  async function plannedAudit() {
    t.clock.set(new Date('2023-05-18T13:00:00Z'));
    const lead = await newUser(t.prisma, { label: 'lead', timeZone: 'America/New_York' });
    const owner = await newUser(t.prisma, { label: 'owner', timeZone: 'America/Los_Angeles' });
    const leadAgent = await tokenAgent(t.http, lead);
    const audit = await newAuditViaApi(leadAgent, {
      responseDeadline: '2023-06-07T17:00',
      deadlineTimeZone: 'America/New_York',
    });
    await addMember(leadAgent, audit.id, owner, 'CONTRIBUTOR');
    await addSubject(leadAgent, audit.id);
    await addRequest(leadAgent, audit.id, { title: 'Privacy policy' });
    const [cell] = await grid(leadAgent, audit.id);
    const assigned = await leadAgent
      .patch(`/api/audits/${audit.id}/responses/${cell.id}`)
      .send({ version: cell.version, assigneeId: owner.id, dueDate: '2023-06-02' });
    expect(assigned.status).toBe(200);
    const ownersPlan = async () =>
      (
        await t.prisma.reminder.findMany({
          where: { auditId: audit.id, recipientId: owner.id, status: ReminderStatus.SCHEDULED },
          orderBy: { sendAt: 'asc' },
        })
      ).map((r) => ({ sendAt: r.sendAt.toISOString(), reasons: r.reasons }));
    return { audit, owner, ownersPlan };
  }

  /** The owner's digest at `sendAt` goes out at its time: recorded as the worker records it. */
  async function sent(auditId: string, recipientId: string, sendAt: string) {
    t.clock.set(new Date(new Date(sendAt).getTime() + 30_000));
    const due = await t.prisma.reminder.findMany({
      where: { auditId, recipientId, sendAt: new Date(sendAt), status: ReminderStatus.SCHEDULED },
    });
    const recorded = await closeDigestRows(t.prisma, due, { status: ReminderStatus.SENT, sentAt: t.clock.now() });
    expect(recorded).toBe(1);
  }

  it("plans a person's next digest once the one before has gone out, and queues it", async () => {
    const { audit, owner, ownersPlan } = await plannedAudit();
    // Planned on 18 May: the 14-day deadline reminder, Wed 24 May 09:00 PDT (16:00Z), and nothing after it yet.
    expect(await ownersPlan()).toEqual([{ sendAt: '2023-05-24T16:00:00.000Z', reasons: ['DEADLINE'] }]);

    await sent(audit.id, owner.id, '2023-05-24T16:00:00.000Z');
    expect(await ownersPlan()).toEqual([]);
    const run = await reconciler.reconcile();
    expect(run.replanned).toBeGreaterThanOrEqual(1);
    // Next: 3 days before the due date, Tue 30 May; its job waits for it.
    const next = [{ recipientId: owner.id, sendAt: '2023-05-30T16:00:00.000Z' }];
    expect(await ownersPlan()).toEqual([{ sendAt: '2023-05-30T16:00:00.000Z', reasons: ['DUE_DATE'] }]);
    expect(await digestJobs(queue, next)).toEqual(delayedDigests(next, t.clock.now()));

    await sent(audit.id, owner.id, '2023-05-30T16:00:00.000Z');
    await reconciler.reconcile();
    expect(await ownersPlan()).toEqual([{ sendAt: '2023-05-31T16:00:00.000Z', reasons: ['DEADLINE'] }]);
    // The plan is fresh again: a run now re-plans nothing of it.
    expect(await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } })).toMatchObject({
      remindersPlannedAt: t.clock.now(),
    });
  });

  it("does not plan again a digest that went out before its time by the planner's clock (a job run early, clocks apart)", async () => {
    const { audit, owner, ownersPlan } = await plannedAudit();
    // Still Thu 18 May by this clock, the 24 May digest has gone out already.
    const due = await t.prisma.reminder.findMany({
      where: { auditId: audit.id, recipientId: owner.id, status: ReminderStatus.SCHEDULED },
    });
    expect(await closeDigestRows(t.prisma, due, { status: ReminderStatus.SENT, sentAt: t.clock.now() })).toBe(1);
    await reconciler.reconcile();
    // The next one is the one after it, not the same again.
    expect(await ownersPlan()).toEqual([{ sendAt: '2023-05-30T16:00:00.000Z', reasons: ['DUE_DATE'] }]);
  });

  it('plans a person whose digest days were never set on the default days', async () => {
    const { audit, owner, ownersPlan } = await plannedAudit();
    await t.prisma.$executeRaw`UPDATE users SET reminder_days = NULL WHERE id = ${owner.id}::uuid`;
    await t.prisma.audit.update({ where: { id: audit.id }, data: { remindersPlannedAt: null } });
    await t.prisma.reminder.deleteMany({ where: { auditId: audit.id } });
    expect((await reconciler.reconcile()).replanned).toBeGreaterThanOrEqual(1);
    expect(await ownersPlan()).toEqual([{ sendAt: '2023-05-24T16:00:00.000Z', reasons: ['DEADLINE'] }]);
  });

  it('re-plans an audit nobody touched for a day: a digest that never went out is kept, and the next one is planned from today', async () => {
    const { owner, ownersPlan } = await plannedAudit();
    // No worker ran for two months (nothing was sent); the clock is at Thu 20 July, 12:00Z.
    t.clock.set(new Date('2023-07-20T12:00:00Z'));
    const run = await reconciler.reconcile();
    expect(run.replanned).toBeGreaterThanOrEqual(1);
    // The 24 May digest still goes out (once, late: the item is still open), then daily chasing
    // from today, 09:00 in Redmond; one row each, not one per missed day.
    expect(await ownersPlan()).toEqual([
      { sendAt: '2023-05-24T16:00:00.000Z', reasons: ['DEADLINE'] },
      { sendAt: '2023-07-20T16:00:00.000Z', reasons: ['OVERDUE'] },
    ]);
    const today = [{ recipientId: owner.id, sendAt: '2023-07-20T16:00:00.000Z' }];
    expect(await digestJobs(queue, today)).toEqual(delayedDigests(today, t.clock.now()));
  });

  it('queues a digest that came due during a long run by when it is queued, not by when the run began', async () => {
    const { owner, ownersPlan } = await plannedAudit();
    const [due] = await ownersPlan();
    // The run reads the clock 10 s before the owner's digest is due; by the time it queues the
    // digests (a long re-planning in between), it is 10 s past it.
    const began = new Date(new Date(due.sendAt).getTime() - 10_000);
    const later = new Date(new Date(due.sendAt).getTime() + 10_000);
    let reads = 0;
    const runClock = new (class extends Clock {
      now = () => (reads++ === 0 ? began : later);
    })();
    const run = new ReminderReconcilerService(t.prisma, runClock, t.app.get(AppConfig), queue, receipts);
    await run.reconcile({ extendHorizon: false });
    const key = [{ recipientId: owner.id, sendAt: due.sendAt }];
    // Due already when it was queued: it runs at once, not 20 s after its time.
    expect(await digestJobs(queue, key)).toEqual([expect.objectContaining({ state: 'waiting', delay: 0 })]);
  });
});
