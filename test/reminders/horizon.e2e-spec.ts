// Post-due chasing is planned a fixed window ahead; the worker's reconciler moves the window
// forward for audits still open. The reconciler runs against real PostgreSQL and Redis (its
// own queue prefix, so no worker picks the jobs up), on the API's clock moved by hand.
import { Queue } from 'bullmq';
import { AppConfig, loadEnvironment } from '@app/config';
import { AFTER_DUE_WINDOW_DAYS, ReminderStatus } from '@app/domain';
import { QueueName } from '@app/queue';
import { DeliveryReceipts } from '../../apps/worker/src/reminders/delivery-receipts';
import { ReminderReconcilerService } from '../../apps/worker/src/reminders/reminder-reconciler.service';
import { createTestApp, type TestApp } from '../support/app';
import { delayedDigests, digestJobs, noDigestJobs } from '../support/reminder-jobs';
import { addMember, addRequest, addSubject, grid, newAuditViaApi, newUser, tokenAgent } from '../support/factories';

describe('reminder planning horizon', () => {
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
    receipts?.onModuleDestroy();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await t?.close();
  });

  it('plans new daily overdue reminders once the clock passes the planned window, and a day later again', async () => {
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

    const overdueTimes = async () =>
      (
        await t.prisma.reminder.findMany({
          where: {
            auditId: audit.id,
            recipientId: owner.id,
            status: ReminderStatus.SCHEDULED,
            reasons: { has: 'OVERDUE' },
          },
          orderBy: { sendAt: 'asc' },
        })
      ).map((r) => r.sendAt.toISOString());
    // Planned on Thu 18 May: daily chasing up to 60 days later, Mon 17 July (09:00 PDT = 16:00Z).
    expect(AFTER_DUE_WINDOW_DAYS).toBe(60);
    expect((await overdueTimes()).at(-1)).toBe('2023-07-17T16:00:00.000Z');

    // Nobody touches the audit; the clock moves past the window (Thu 20 July, 12:00Z).
    t.clock.set(new Date('2023-07-20T12:00:00Z'));
    const run = await reconciler.reconcile();
    expect(run.replanned).toBeGreaterThanOrEqual(1);
    const after = (await overdueTimes()).filter((at) => at > '2023-07-20T12:00:00.000Z');
    // Chased again from today, 09:00 in Redmond, to 60 days on (Mon 18 September), business days only.
    expect(after[0]).toBe('2023-07-20T16:00:00.000Z');
    expect(after.at(-1)).toBe('2023-09-18T16:00:00.000Z');
    expect(after.every((at) => ![0, 6].includes(new Date(at).getUTCDay()))).toBe(true);
    // The reconciler queues what comes due within its window (an hour here): today's chase once a
    // run sees it coming, delayed until its send time; the last one of the window only near its time.
    const today = [{ recipientId: owner.id, sendAt: '2023-07-20T16:00:00.000Z' }];
    const last = [{ recipientId: owner.id, sendAt: '2023-09-18T16:00:00.000Z' }];
    expect(await digestJobs(queue, today)).toEqual(noDigestJobs(today));
    t.clock.set(new Date('2023-07-20T15:30:00Z'));
    await reconciler.reconcile({ extendHorizon: false });
    expect(await digestJobs(queue, today)).toEqual(delayedDigests(today, new Date('2023-07-20T15:30:00Z')));
    expect(await digestJobs(queue, last)).toEqual(noDigestJobs(last));

    // A day later the window has moved by a day.
    t.clock.set(new Date('2023-07-21T13:00:00Z'));
    await reconciler.reconcile();
    expect((await overdueTimes()).at(-1)).toBe('2023-09-19T16:00:00.000Z');
  });
});
