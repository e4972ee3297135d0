// Reminder delivery end to end: the real API plans, real workers (WorkerModule) send through
// a real SMTP server started here, and every email is parsed back. All share one clock that
// stands still at instants the tests choose. BullMQ delays a job by real milliseconds, so a
// reminder "due at 09:00" planned at 08:00 waits an hour in Redis: a test checks it waits
// there with that delay, then moves the clock to 09:00 and promotes the job (what an hour
// passing does), and nothing depends on how fast the machine is.
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig, loadEnvironment } from '@app/config';
import { PrismaService } from '@app/db';
import { FixedClock, ReminderStatus } from '@app/domain';
import { digestJobId, RECONCILE_JOB, RECONCILE_SCHEDULER_ID, SEND_DIGEST_JOB } from '@app/queue';
import {
  reconcileWindowMs,
  ReminderReconcilerService,
} from '../../apps/worker/src/reminders/reminder-reconciler.service';
import { deleteKeysWithPrefix } from '../../scripts/lib/test-run';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  grid,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
} from '../support/factories';
import { eventually } from '../support/eventually';
import { followReminders, jobGone } from '../support/reminders';
import { createTestWorker, reconcileRunsDone, type TestWorker } from '../support/worker';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';

describe('reminder delivery', () => {
  let sink: SmtpSink;
  let clock: FixedClock;
  let api: TestApp;
  let worker: TestWorker;
  let prisma: PrismaService;
  let queue: Queue;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // Read once by the config of this test file's apps.
    process.env.SMTP_URL = sink.url;
    process.env.MAIL_FROM = 'AuditDesk <reminders@auditdesk.test>';
    process.env.REMINDER_ATTEMPTS = '3';
    process.env.REMINDER_RETRY_DELAY_MS = '100';
    clock = new FixedClock(new Date('2023-05-18T13:00:00Z'));
    api = await createTestApp({ clock });
    prisma = api.prisma;
    // The queue is this file's own (its prefix), and createTestWorker parks other spec files'
    // reminders (in this run's database) and waits for its schedule's first run: it starts quiet.
    worker = await createTestWorker({ clock });
    queue = worker.queue;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  interface Setup {
    lead: TestUser;
    leadAgent: Agent;
    owner: TestUser;
    ownerAgent: Agent;
    auditId: string;
    cells: Awaited<ReturnType<typeof grid>>;
    subjects: { id: string; name: string }[];
  }

  /** An audit due Wed 7 June 2023 17:00 New York, with an owner (UTC) and `subjects` x 1 request. */
  async function setup(subjectCount = 1): Promise<Setup> {
    const lead = await newUser(prisma, { label: 'lead' });
    const owner = await newUser(prisma, { label: 'owner' });
    const leadAgent = await tokenAgent(api.http, lead);
    const ownerAgent = await tokenAgent(api.http, owner);
    const audit = await newAuditViaApi(leadAgent);
    await addMember(leadAgent, audit.id, owner, 'CONTRIBUTOR');
    const subjects = [];
    for (let i = 0; i < subjectCount; i++) subjects.push(await addSubject(leadAgent, audit.id));
    await addRequest(leadAgent, audit.id, { title: 'Data processing register' });
    return { lead, leadAgent, owner, ownerAgent, auditId: audit.id, cells: await grid(leadAgent, audit.id), subjects };
  }

  async function patchCell(agent: Agent, s: Setup, cellId: string, body: Record<string, unknown>) {
    const current = (await grid(agent, s.auditId)).find((c) => c.id === cellId)!;
    const res = await agent
      .patch(`/api/audits/${s.auditId}/responses/${cellId}`)
      .send({ version: current.version, ...body });
    expect(res.status).toBe(200);
    return res.body;
  }

  /** Checks the digest's job waits in Redis for `delayMs` (measured on the held clock). */
  async function expectDelayed(jobId: string, delayMs: number): Promise<void> {
    const job = await queue.getJob(jobId);
    expect({ id: job?.id, state: await job?.getState(), delay: job?.delay }).toEqual({
      id: jobId,
      state: 'delayed',
      delay: delayMs,
    });
  }

  /** Time reaches `instant`: the clock moves there and the delayed jobs due then run now. */
  async function reach(instant: string, jobIds: string[]): Promise<void> {
    clock.set(new Date(instant));
    for (const jobId of jobIds) await (await queue.getJob(jobId))!.promote();
  }

  const rowsOf = (auditId: string, recipientId: string) =>
    prisma.reminder.findMany({ where: { auditId, recipientId }, orderBy: { sendAt: 'asc' } });

  it('delivers a reminder at its time once, to the assignee, listing their items', async () => {
    const s = await setup(2);
    // Tuesday 30 May, 08:00 UTC: the "3 days before the due date" reminder (09:00) is next.
    clock.set(new Date('2023-05-30T08:00:00Z'));
    for (const c of s.cells) await patchCell(s.leadAgent, s, c.id, { assigneeId: s.owner.id, dueDate: '2023-06-02' });
    const sendAt = new Date('2023-05-30T09:00:00Z');
    await expectDelayed(digestJobId(s.owner.id, sendAt), 3600_000);
    expect(sink.to(s.owner.email)).toHaveLength(0);

    await reach('2023-05-30T09:00:00Z', [digestJobId(s.owner.id, sendAt)]);
    const [mail] = await sink.waitFor(s.owner.email, 1);
    expect(mail.subject).toBe('Licensor Corp v. Licensee Inc audit: 2 items due Friday');
    for (const subject of s.subjects)
      expect(mail.text).toContain(`- ${subject.name}, request 1: Data processing register`);
    expect(mail.text).toContain('due in 3 days (Fri 2 Jun). Status: Not started. With: you.');
    expect(mail.text).toContain('Response deadline Wed 7 Jun 2023, 21:00 UTC (8 days left)');
    expect(mail.from).toBe('AuditDesk <reminders@auditdesk.test>');
    expect(mail.html).toContain('Data processing register');

    await jobGone(queue, digestJobId(s.owner.id, sendAt));
    expect(sink.to(s.owner.email)).toHaveLength(1);
    const sent = (await rowsOf(s.auditId, s.owner.id)).filter((r) => r.status === ReminderStatus.SENT);
    expect(
      sent.map((r) => ({ sendAt: r.sendAt, messageId: r.messageId, late: r.late, items: r.itemIds.length })),
    ).toEqual([{ sendAt, messageId: mail.messageId, late: false, items: 2 }]);
  });

  it('cancels a pending reminder when its response is approved before it fires', async () => {
    const s = await setup(1);
    clock.set(new Date('2023-05-30T08:00:00Z'));
    const cellId = s.cells[0].id;
    await patchCell(s.leadAgent, s, cellId, { assigneeId: s.owner.id, dueDate: '2023-06-02' });
    await patchCell(s.ownerAgent, s, cellId, { answer: 'The register is attached.', status: 'IN_REVIEW' });
    await patchCell(s.leadAgent, s, cellId, { status: 'APPROVED' });

    const listed = await s.leadAgent.get(`/api/audits/${s.auditId}/reminders`).query({ status: 'SCHEDULED' });
    expect(listed.body.total).toBe(0);
    // The job planned for 09:00 is removed at once; one that stayed (removal is best effort)
    // runs, finds nothing to send, and sends nothing.
    const jobId = digestJobId(s.owner.id, new Date('2023-05-30T09:00:00Z'));
    expect(await queue.getJob(jobId)).toBeUndefined();
    clock.set(new Date('2023-05-30T09:00:00Z'));
    const stale = await queue.add(
      SEND_DIGEST_JOB,
      { recipientId: s.owner.id, sendAt: '2023-05-30T09:00:00.000Z' },
      { jobId: `stale-${s.owner.id}` },
    );
    await jobGone(queue, stale.id!);
    expect(sink.to(s.owner.email)).toHaveLength(0);
    // The superseded row is not left behind.
    expect(
      await prisma.reminder.findMany({ where: { auditId: s.auditId, sendAt: new Date('2023-05-30T09:00:00Z') } }),
    ).toEqual([]);
  });

  it('sends one email when two workers race for the same digest, and none when a job runs again', async () => {
    const second = await createTestWorker({ clock, keepPendingReminders: true });
    try {
      const s = await setup(1);
      clock.set(new Date('2023-05-30T08:00:00Z'));
      await patchCell(s.leadAgent, s, s.cells[0].id, { assigneeId: s.owner.id, dueDate: '2023-06-02' });
      const sendAt = new Date('2023-05-30T09:00:00Z');
      // A duplicate job for the same digest (as a crash between commit and enqueue, then the
      // reconciler, could leave): both workers may take one each at 09:00.
      const data = { recipientId: s.owner.id, sendAt: sendAt.toISOString() };
      await second.queue.add(SEND_DIGEST_JOB, data, {
        jobId: `dup-${s.owner.id}`,
        delay: sendAt.getTime() - clock.now().getTime(),
      });
      await reach('2023-05-30T09:00:00Z', [digestJobId(s.owner.id, sendAt), `dup-${s.owner.id}`]);

      await sink.waitFor(s.owner.email, 1);
      await jobGone(queue, digestJobId(s.owner.id, sendAt));
      await jobGone(queue, `dup-${s.owner.id}`);
      expect(sink.to(s.owner.email)).toHaveLength(1);

      // A job retried after a crash (it sent, then died before BullMQ recorded success).
      const retried = await queue.add(SEND_DIGEST_JOB, data, { jobId: `retry-${s.owner.id}` });
      await jobGone(queue, retried.id!);
      expect(sink.to(s.owner.email)).toHaveLength(1);
      expect((await rowsOf(s.auditId, s.owner.id)).filter((r) => r.status === ReminderStatus.SENT)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('after Redis is flushed, the reconciler re-enqueues pending reminders and each is delivered once, marked late', async () => {
    const a = await setup(1);
    const b = await setup(1);
    clock.set(new Date('2023-05-30T08:00:00Z'));
    await patchCell(a.leadAgent, a, a.cells[0].id, { assigneeId: a.owner.id, dueDate: '2023-06-02' });
    await patchCell(b.leadAgent, b, b.cells[0].id, { assigneeId: b.owner.id, dueDate: '2023-06-02' });
    // Redis loses every queue key (this file's, found by its prefix: the Redis database is shared
    // with other files, other runs and maybe a running instance), and nothing runs until 09:05.
    const redis = new Redis(process.env.REDIS_URL!);
    expect(await deleteKeysWithPrefix(redis, `${loadEnvironment().QUEUE_PREFIX}:`)).toBeGreaterThan(0);
    await redis.quit();
    clock.set(new Date('2023-05-30T09:05:00Z'));

    const reconciler = worker.app.get(ReminderReconcilerService);
    await reconciler.reconcile();
    await reconciler.reconcile();
    await sink.waitFor(a.owner.email, 1);
    await sink.waitFor(b.owner.email, 1);
    const sendAt = new Date('2023-05-30T09:00:00Z');
    await jobGone(queue, digestJobId(a.owner.id, sendAt));
    await jobGone(queue, digestJobId(b.owner.id, sendAt));
    expect([sink.to(a.owner.email).length, sink.to(b.owner.email).length]).toEqual([1, 1]);
    for (const s of [a, b]) {
      const sent = (await rowsOf(s.auditId, s.owner.id)).filter((r) => r.status === ReminderStatus.SENT);
      expect(sent.map((r) => ({ sendAt: r.sendAt, late: r.late }))).toEqual([{ sendAt, late: true }]);
    }
  });

  it('reconciles only what comes due within its window: later digests get their job back from a later run', async () => {
    const s = await setup(1);
    clock.set(new Date('2023-05-30T08:00:00Z'));
    await patchCell(s.leadAgent, s, s.cells[0].id, { assigneeId: s.owner.id, dueDate: '2023-06-02' });
    const redis = new Redis(process.env.REDIS_URL!);
    expect(await deleteKeysWithPrefix(redis, `${loadEnvironment().QUEUE_PREFIX}:`)).toBeGreaterThan(0);
    await redis.quit();
    const reconciler = worker.app.get(ReminderReconcilerService);
    const window = reconcileWindowMs(worker.app.get(AppConfig).REMINDER_RECONCILE_EVERY_MS);
    const queued = async () => {
      const rows = await prisma.reminder.findMany({
        where: { auditId: s.auditId, status: ReminderStatus.SCHEDULED },
        orderBy: { sendAt: 'asc' },
      });
      const jobs = await Promise.all(rows.map((r) => queue.getJob(digestJobId(r.recipientId, r.sendAt))));
      return rows.map((r, i) => ({ sendAt: r.sendAt.toISOString(), queued: !!jobs[i] }));
    };

    // 08:00 on 30 May: the owner's 09:00 digest is within the window, lead counsel's first
    // escalation (Fri 2 June) is left for later runs.
    await reconciler.reconcile({ extendHorizon: false });
    const first = await queued();
    expect(first.map((r) => r.sendAt)).toEqual(['2023-05-30T09:00:00.000Z', '2023-06-02T09:00:00.000Z']);
    const soon = (at: string, now: Date) => new Date(at).getTime() <= now.getTime() + window;
    expect(first).toEqual(first.map((r) => ({ ...r, queued: soon(r.sendAt, clock.now()) })));
    expect(first.filter((r) => r.queued).map((r) => r.sendAt)).toEqual(['2023-05-30T09:00:00.000Z']);

    // A run just before the next one comes due puts its job back.
    const next = first.find((r) => !r.queued)!;
    clock.set(new Date(new Date(next.sendAt).getTime() - window / 2));
    await reconciler.reconcile({ extendHorizon: false });
    expect((await queued()).find((r) => r.sendAt === next.sendAt)).toEqual({ sendAt: next.sendAt, queued: true });
  });

  it('puts the reconcile schedule back after Redis is flushed, without a restart, and delivers what was pending', async () => {
    // A worker checking every second (REMINDER_RECONCILE_EVERY_MS), beside this file's first one.
    const watchful = await createTestWorker({
      clock,
      env: { REMINDER_RECONCILE_EVERY_MS: 1000 },
      keepPendingReminders: true,
    });
    try {
      const s = await setup(1);
      clock.set(new Date('2023-05-30T08:00:00Z'));
      await patchCell(s.leadAgent, s, s.cells[0].id, { assigneeId: s.owner.id, dueDate: '2023-06-02' });
      const redis = new Redis(process.env.REDIS_URL!);
      expect(await deleteKeysWithPrefix(redis, `${loadEnvironment().QUEUE_PREFIX}:`)).toBeGreaterThan(0);
      await redis.quit();
      expect(await queue.getJobScheduler(RECONCILE_SCHEDULER_ID)).toBeUndefined();
      clock.set(new Date('2023-05-30T09:05:00Z'));

      // Nobody calls the reconciler: the worker's own timer notices the schedule is gone.
      await sink.waitFor(s.owner.email, 1);
      expect(await queue.getJobScheduler(RECONCILE_SCHEDULER_ID)).toMatchObject({ name: RECONCILE_JOB });
      const sendAt = new Date('2023-05-30T09:00:00Z');
      await jobGone(queue, digestJobId(s.owner.id, sendAt));
      expect(sink.to(s.owner.email)).toHaveLength(1);
    } finally {
      await watchful.close();
      // Its every-second schedule stays in Redis, and the first worker would run it: remove it.
      await queue.removeJobScheduler(RECONCILE_SCHEDULER_ID);
      await reconcileRunsDone(queue);
    }
  });

  it('retries while SMTP refuses, marks the reminder FAILED with the error, and a manual retry delivers it once', async () => {
    const s = await setup(1);
    clock.set(new Date('2023-05-31T14:00:00Z'));
    await patchCell(s.leadAgent, s, s.cells[0].id, { assigneeId: s.owner.id });
    sink.refuse = true;
    try {
      const sent = await s.leadAgent.post(`/api/audits/${s.auditId}/reminders/send-now`).send({ userId: s.owner.id });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ status: 'SCHEDULED', reasons: ['MANUAL'], itemIds: [s.cells[0].id] });
      const failed = await eventually(
        () => prisma.reminder.findUniqueOrThrow({ where: { id: sent.body.id } }),
        (r) => r.status === ReminderStatus.FAILED,
      );
      expect(failed.attempts).toBe(3);
      expect(failed.lastError).toContain('Mailbox temporarily unavailable');
    } finally {
      sink.refuse = false;
    }
    expect(sink.to(s.owner.email)).toHaveLength(0);

    const failedRow = (await s.leadAgent.get(`/api/audits/${s.auditId}/reminders`).query({ status: 'FAILED' })).body
      .items[0];
    const ownerTry = await s.ownerAgent.post(`/api/audits/${s.auditId}/reminders/${failedRow.id}/retry`);
    expect(ownerTry.status).toBe(403);
    const retry = await s.leadAgent.post(`/api/audits/${s.auditId}/reminders/${failedRow.id}/retry`);
    expect(retry.status).toBe(200);
    const [mail] = await sink.waitFor(s.owner.email, 1);
    expect(mail.subject).toBe('Licensor Corp v. Licensee Inc audit: 1 item due on Wed 7 Jun');
    const done = await eventually(
      () => prisma.reminder.findUniqueOrThrow({ where: { id: failedRow.id } }),
      (r) => r.status === ReminderStatus.SENT,
    );
    expect(done.messageId).toBe(mail.messageId);
    const again = await s.leadAgent.post(`/api/audits/${s.auditId}/reminders/${failedRow.id}/retry`);
    expect(again.status).toBe(409);
  });

  it('fails a digest at once, with the reason, when the server refuses it for good (5xx)', async () => {
    const s = await setup(1);
    clock.set(new Date('2023-05-31T14:00:00Z'));
    await patchCell(s.leadAgent, s, s.cells[0].id, { assigneeId: s.owner.id });
    sink.refuseForGood = true;
    try {
      const sent = await s.leadAgent.post(`/api/audits/${s.auditId}/reminders/send-now`).send({ userId: s.owner.id });
      expect(sent.status).toBe(201);
      const failed = await eventually(
        () => prisma.reminder.findUniqueOrThrow({ where: { id: sent.body.id } }),
        (r) => r.status === ReminderStatus.FAILED,
      );
      // One attempt, not REMINDER_ATTEMPTS (3): a 5xx answer would only come again.
      expect(failed.attempts).toBe(1);
      expect(failed.lastError).toContain('No such mailbox here');
      await jobGone(queue, digestJobId(s.owner.id, failed.sendAt));
      expect((await prisma.reminder.findUniqueOrThrow({ where: { id: sent.body.id } })).attempts).toBe(1);
    } finally {
      sink.refuseForGood = false;
    }
    expect(sink.to(s.owner.email)).toHaveLength(0);
  });

  it('never sends a digest twice when the database fails right after the server accepted it', async () => {
    const s = await setup(1);
    clock.set(new Date('2023-05-31T14:00:00Z'));
    await patchCell(s.leadAgent, s, s.cells[0].id, { assigneeId: s.owner.id });
    // A real database error on the one write that records the digest as sent, for this owner only.
    await prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION e2e_refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected: the database went away after delivery'; END $$`);
    await prisma.$executeRawUnsafe(`
      CREATE TRIGGER e2e_refuse_sent BEFORE UPDATE ON reminders FOR EACH ROW
      WHEN (NEW.status = 'SENT' AND NEW.recipient_id = '${s.owner.id}') EXECUTE FUNCTION e2e_refuse_sent()`);
    try {
      const sent = await s.leadAgent.post(`/api/audits/${s.auditId}/reminders/send-now`).send({ userId: s.owner.id });
      expect(sent.status).toBe(201);
      const [mail] = await sink.waitFor(s.owner.email, 1);
      // Every attempt the job has (REMINDER_ATTEMPTS) runs out; none sends again.
      await jobGone(queue, digestJobId(s.owner.id, new Date(sent.body.sendAt)));
      expect(sink.to(s.owner.email)).toHaveLength(1);
      const row = await prisma.reminder.findUniqueOrThrow({ where: { id: sent.body.id } });
      // Left as it was when the message went out, with the Message-ID it went out with.
      expect({ status: row.status, messageId: row.messageId, attempts: row.attempts }).toEqual({
        status: ReminderStatus.SENDING,
        messageId: mail.messageId,
        attempts: 1,
      });
      expect(mail.messageId).toBe(
        `<${digestJobId(s.owner.id, row.sendAt)}@${new URL(loadEnvironment().APP_URL).hostname}>`,
      );
    } finally {
      await prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS e2e_refuse_sent ON reminders');
      await prisma.$executeRawUnsafe('DROP FUNCTION IF EXISTS e2e_refuse_sent()');
    }
    // The database is back. Once the send's lease has run out, the reconciler finds the delivery
    // receipt the worker kept in Redis and records the digest as sent, without sending it again.
    const [row] = await rowsOf(s.auditId, s.owner.id).then((rows) =>
      rows.filter((r) => r.status === ReminderStatus.SENDING),
    );
    clock.set(new Date(row.claimedAt!.getTime() + loadEnvironment().REMINDER_SEND_LEASE_MS + 1000));
    expect((await worker.app.get(ReminderReconcilerService).reconcile()).stuck).toEqual({
      delivered: 1,
      retried: 0,
      failed: 0,
    });
    const settled = await prisma.reminder.findUniqueOrThrow({ where: { id: row.id } });
    expect({ status: settled.status, messageId: settled.messageId, sentAt: settled.sentAt }).toEqual({
      status: ReminderStatus.SENT,
      messageId: sink.to(s.owner.email)[0].messageId,
      sentAt: row.claimedAt,
    });
    expect(sink.to(s.owner.email)).toHaveLength(1);
  });

  it('sends again, with the same Message-ID, a digest whose worker stopped before the server took it; FAILED after the last attempt', async () => {
    const retried = await setup(1);
    const exhausted = await setup(1);
    clock.set(new Date('2023-05-30T08:00:00Z'));
    for (const s of [retried, exhausted])
      await patchCell(s.leadAgent, s, s.cells[0].id, { assigneeId: s.owner.id, dueDate: '2023-06-02' });
    const sendAt = new Date('2023-05-30T09:00:00Z');
    // What a worker killed mid-send leaves: its rows claimed (SENDING) and its job gone.
    clock.set(sendAt);
    for (const [s, attempts] of [
      [retried, 1],
      [exhausted, 3],
    ] as const) {
      await queue.remove(digestJobId(s.owner.id, sendAt));
      await prisma.reminder.updateMany({
        where: { recipientId: s.owner.id, sendAt, status: ReminderStatus.SCHEDULED },
        data: { status: ReminderStatus.SENDING, claimedAt: sendAt, attempts },
      });
    }
    const reconciler = worker.app.get(ReminderReconcilerService);
    // Within the lease the send may still be running: nothing is touched.
    clock.set(new Date(sendAt.getTime() + loadEnvironment().REMINDER_SEND_LEASE_MS - 1000));
    expect((await reconciler.reconcile()).stuck).toEqual({ delivered: 0, retried: 0, failed: 0 });

    clock.set(new Date(sendAt.getTime() + loadEnvironment().REMINDER_SEND_LEASE_MS + 1000));
    expect((await reconciler.reconcile()).stuck).toEqual({ delivered: 0, retried: 1, failed: 1 });
    const [mail] = await sink.waitFor(retried.owner.email, 1);
    expect(mail.messageId).toBe(
      `<${digestJobId(retried.owner.id, sendAt)}@${new URL(loadEnvironment().APP_URL).hostname}>`,
    );
    await jobGone(queue, digestJobId(retried.owner.id, sendAt));
    const [sent] = (await rowsOf(retried.auditId, retried.owner.id)).filter(
      (r) => r.sendAt.getTime() === sendAt.getTime(),
    );
    expect({ status: sent.status, attempts: sent.attempts, messageId: sent.messageId }).toEqual({
      status: ReminderStatus.SENT,
      attempts: 2,
      messageId: mail.messageId,
    });
    const [failed] = (await rowsOf(exhausted.auditId, exhausted.owner.id)).filter(
      (r) => r.sendAt.getTime() === sendAt.getTime(),
    );
    expect(failed.status).toBe(ReminderStatus.FAILED);
    expect(failed.lastError).toContain('on the last attempt');
    expect(sink.to(exhausted.owner.email)).toHaveLength(0);
  });

  it('moves every pending reminder when the deadline changes, and the stale ones never fire', async () => {
    // Tuesday 6 June, 08:00 UTC: the day-before reminder (owner) and escalation (lead) are next.
    // Set before the audit exists: lead counsel's earlier escalations (from 2 June) would
    // otherwise be planned, then found due and sent late.
    clock.set(new Date('2023-06-06T08:00:00Z'));
    const s = await setup(1);
    await patchCell(s.leadAgent, s, s.cells[0].id, { assigneeId: s.owner.id });
    const old = new Date('2023-06-06T09:00:00Z');
    expect((await rowsOf(s.auditId, s.owner.id)).map((r) => r.sendAt)).toContainEqual(old);
    await expectDelayed(digestJobId(s.owner.id, old), 3600_000);

    const moved = await s.leadAgent.patch(`/api/audits/${s.auditId}`).send({ responseDeadline: '2023-06-21T17:00' });
    expect(moved.status).toBe(200);
    // The superseded digests' jobs are removed at once; one that stayed (removal is best effort,
    // e.g. Redis was briefly down) is harmless: run such a stale job now and nothing is sent.
    expect(await queue.getJob(digestJobId(s.owner.id, old))).toBeUndefined();
    expect(await queue.getJob(digestJobId(s.lead.id, old))).toBeUndefined();
    for (const user of [s.owner, s.lead]) {
      const stale = await queue.add(
        SEND_DIGEST_JOB,
        { recipientId: user.id, sendAt: old.toISOString() },
        { jobId: `stale-${user.id}` },
      );
      await jobGone(queue, stale.id!);
    }
    expect(sink.to(s.owner.email)).toHaveLength(0);
    expect(sink.to(s.lead.email)).toHaveLength(0);

    // The owner's next is the new deadline's 14-day reminder (Wed 7 June), and each after it
    // comes when the one before has gone out: 7 days Wed 14, 3 days Sun 18 -> Fri 16, 1 day
    // Tue 20, on the day Wed 21.
    const [next] = (await rowsOf(s.auditId, s.owner.id)).filter((r) => r.status === ReminderStatus.SCHEDULED);
    await expectDelayed(digestJobId(s.owner.id, next.sendAt), 25 * 3600_000);
    const sent = await followReminders(api, s.auditId, '2023-06-21T23:00:00Z');
    const deadlineDigests = sent.filter((r) => r.recipient.id === s.owner.id && r.reasons.includes('DEADLINE'));
    expect(deadlineDigests.map((r) => r.sendAt)).toEqual([
      '2023-06-07T09:00:00.000Z',
      '2023-06-14T09:00:00.000Z',
      '2023-06-16T09:00:00.000Z',
      '2023-06-20T09:00:00.000Z',
      '2023-06-21T09:00:00.000Z',
    ]);
    // The superseded rows are not left behind.
    expect(await prisma.reminder.findMany({ where: { auditId: s.auditId, sendAt: old } })).toEqual([]);
  });
});
