// Reminder delivery through a database connection blip (issue 16): a compiled worker process
// (as `npm start` runs it) reaches PostgreSQL only through a TCP proxy started here, which the
// test cuts (every connection reset, new ones refused) and restores; the real PostgreSQL, shared
// with other spec files, is never touched. Digests go to a real SMTP server started here, and
// the outcome is read back from the mail it received and from the rows (this file's own
// database, read directly, not through the proxy): 0 lost, 0 doubled, and the worker lives on.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { loadEnvironment } from '@app/config';
import { createPrismaClient, parseDatabaseUrl, type PrismaClient } from '@app/db';
import { ReminderStatus } from '@app/domain';
import { digestJobId, digestMessageId, enqueueDigests, QueueName, SEND_DIGEST_JOB } from '@app/queue';
import { type AppProcess, buildApp, buildDirOf, freePort, hasExited, startApp } from '../support/app-process';
import { newUser, type TestUser, uid } from '../support/factories';
import { useOwnDatabase } from '../support/own-database';
import { eventually } from '../support/eventually';
import { jobGone } from '../support/reminders';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

/** The worker's retry policy here: short, so retries run within the outage and after it. */
const ATTEMPTS = 5;
const RETRY_DELAY_MS = 500;
/** The worker's send lease: a send stopped by the outage is settled this long after its claim. */
const SEND_LEASE_MS = 5_000;
/** How long the database stays unreachable in the batch scenario: the outage itself, not a wait. */
const OUTAGE_MS = 6_000;

interface Health {
  status: number;
  database?: string;
  redis?: string;
}

describe('reminder delivery through a database connection blip', () => {
  let dropDatabase: () => Promise<void>;
  let prisma: PrismaClient;
  let sink: SmtpSink;
  let proxy: TcpProxy;
  let buildDir: string;
  let storageDir: string;
  let worker: AppProcess;
  /** The built worker's main.js. */
  let main: string;
  /** The database, as the workers reach it: through the proxy. */
  let viaProxy: URL;
  let healthUrl: string;
  let queue: Queue;
  const messageIdHost = new URL(loadEnvironment().APP_URL).hostname;

  beforeAll(async () => {
    // Its own database: the worker reconciles every pending reminder it can see.
    dropDatabase = await useOwnDatabase('database_blip');
    prisma = createPrismaClient(process.env.DATABASE_URL!);
    sink = await startSmtpSink();
    const { host, port } = parseDatabaseUrl(process.env.DATABASE_URL!).pool;
    proxy = await startTcpProxy({ host: host!, port: port! });
    viaProxy = new URL(process.env.DATABASE_URL!);
    viaProxy.port = String(proxy.port);

    buildDir = buildDirOf('database-blip');
    mkdirSync(buildDir, { recursive: true });
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-database-blip-'));
    main = await buildApp('worker', buildDir);
    const workerPort = await freePort();
    healthUrl = `http://127.0.0.1:${workerPort}/health`;
    worker = await startApp('worker', main, workerEnv(workerPort), healthUrl);
    queue = new Queue(QueueName.Reminders, {
      connection: { url: process.env.REDIS_URL },
      prefix: process.env.QUEUE_PREFIX,
    });
  }, 600_000);

  afterAll(async () => {
    proxy?.restore();
    await stopWorker(worker);
    await queue?.close();
    await proxy?.close();
    await prisma?.$disconnect();
    await sink?.close();
    await dropDatabase?.();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  /** A worker's settings: the database through the proxy, mail to the sink, short retries and leases. */
  const workerEnv = (port: number): NodeJS.ProcessEnv => ({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: viaProxy.toString(),
    STORAGE_DRIVER: 'local',
    STORAGE_DIR: storageDir,
    SMTP_URL: sink.url,
    MAIL_FROM: 'AuditDesk <reminders@auditdesk.test>',
    WORKER_PORT: String(port),
    REMINDER_ATTEMPTS: String(ATTEMPTS),
    REMINDER_RETRY_DELAY_MS: String(RETRY_DELAY_MS),
    REMINDER_SEND_LEASE_MS: String(SEND_LEASE_MS),
    // Reconcile runs (which settle expired leases) every second instead of every minute.
    REMINDER_RECONCILE_EVERY_MS: '1000',
    EVIDENCE_INTEGRITY_SWEEP_EVERY_MS: '3600000',
  });

  /**
   * Stops a worker with SIGTERM. Its stop has been seen to hang now and then after these outages
   * (the database pool waiting for a connection it still counts in use): cleanup kills it after
   * a grace period rather than wait on it.
   */
  async function stopWorker(instance: AppProcess | undefined): Promise<void> {
    if (!instance || hasExited(instance)) return;
    const exited = new Promise((resolve) => instance.child.once('exit', resolve));
    instance.child.kill('SIGTERM');
    const grace = setTimeout(() => instance.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(grace);
  }

  /** A worker's own account of itself: GET /health, with each indicator's status. */
  const health = async (instance = worker, url = healthUrl): Promise<Health> => {
    if (hasExited(instance)) throw new Error(`the worker exited:\n${instance.output.join('')}`);
    const res = await fetch(url);
    const body = (await res.json()) as { details?: Record<string, { status: string }> };
    return { status: res.status, database: body.details?.database?.status, redis: body.details?.redis?.status };
  };

  /** Fails with what the worker said, so a failure here shows its errors. */
  const withWorkerOutput = (error: Error): never => {
    throw new Error(`${error.message}\nthe worker said:\n${worker.output.join('')}`);
  };

  /**
   * `count` people, each assigned one open item of an open audit, with a digest due now: the
   * rows as planning writes them, and their jobs as the API enqueues them after the commit.
   */
  async function digestsDueNow(count: number): Promise<{ recipients: TestUser[]; sendAt: Date }> {
    const lead = await newUser(prisma, { label: 'lead' });
    const recipients: TestUser[] = [];
    for (let i = 0; i < count; i++) recipients.push(await newUser(prisma, { label: 'blip' }));
    const audit = await prisma.audit.create({
      data: {
        title: 'Blip audit',
        referenceCode: `BLIP-${uid()}`,
        status: 'OPEN',
        demandingParty: 'Licensor Corp',
        respondingParty: 'Licensee Inc',
        agreementTitle: 'Developer Agreement',
        receivedOn: new Date(),
        // Long past (more than the quiet period), so the reconciler never re-plans it, not even
        // once its first digests went out and marked the plan stale: re-planned, the hand-made
        // rows below would not be owed at their odd instant and would be cancelled. The worker
        // still sends rows already planned.
        responseDeadline: new Date(Date.now() - 400 * 86_400_000),
        deadlineTimeZone: 'UTC',
        remindersPlannedAt: new Date(),
        members: {
          create: [
            { userId: lead.id, role: 'LEAD_COUNSEL' },
            ...recipients.map((r) => ({ userId: r.id, role: 'CONTRIBUTOR' as const })),
          ],
        },
      },
    });
    const subject = await prisma.subject.create({ data: { auditId: audit.id, name: 'Analytics app', position: 1 } });
    const items = recipients.map((recipient, i) => ({
      recipient,
      requestId: randomUUID(),
      responseId: randomUUID(),
      i,
    }));
    await prisma.auditRequest.createMany({
      data: items.map(({ requestId, i }) => ({
        id: requestId,
        auditId: audit.id,
        ordinal: i + 1,
        title: `Request ${i + 1}`,
        text: 'Provide it.',
      })),
    });
    const dueDate = new Date(Date.now() + 2 * 86_400_000);
    await prisma.response.createMany({
      data: items.map(({ recipient, requestId, responseId }) => ({
        id: responseId,
        auditId: audit.id,
        subjectId: subject.id,
        requestId,
        assigneeId: recipient.id,
        dueDate,
      })),
    });
    const sendAt = new Date();
    await prisma.reminder.createMany({
      data: items.map(({ recipient, responseId }) => ({
        auditId: audit.id,
        recipientId: recipient.id,
        sendAt,
        reasons: ['DUE_DATE'],
        itemIds: [responseId],
      })),
    });
    await enqueueDigests(
      queue,
      recipients.map((r) => ({ recipientId: r.id, sendAt })),
      new Date(),
      { attempts: ATTEMPTS, retryDelayMs: RETRY_DELAY_MS },
    );
    return { recipients, sendAt };
  }

  const rowsOf = (recipients: TestUser[], sendAt: Date) =>
    prisma.reminder.findMany({ where: { recipientId: { in: recipients.map((r) => r.id) }, sendAt } });
  /** How many of the digest's rows are in each status. */
  const statusesOf = async (recipients: TestUser[], sendAt: Date): Promise<Record<string, number>> => {
    const rows = await rowsOf(recipients, sendAt);
    return rows.reduce<Record<string, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});
  };
  const receivedBy = (recipients: TestUser[]) => recipients.reduce((n, r) => n + sink.to(r.email).length, 0);

  it('cut for seconds in the middle of 60 digests: each recipient gets exactly one, every row ends SENT, the worker lives on', async () => {
    expect(await health()).toEqual({ status: 200, database: 'up', redis: 'up' });
    // A slow server, so the batch is still under way when the database goes.
    sink.holdMs = 250;
    const { recipients, sendAt } = await digestsDueNow(60);
    try {
      await eventually(
        () => Promise.resolve(receivedBy(recipients)),
        (received) => received >= 10,
      );
      const cutAt = Date.now();
      proxy.cut();
      const receivedAtCut = receivedBy(recipients);
      expect(receivedAtCut).toBeLessThan(60);
      expect(await eventually(health, (h) => h.status === 503)).toEqual({
        status: 503,
        database: 'down',
        redis: 'up',
      });
      // The outage lasts its length; the worker keeps failing to reach the database meanwhile.
      await new Promise((r) => setTimeout(r, Math.max(0, cutAt + OUTAGE_MS - Date.now())));
      expect(hasExited(worker)).toBe(false);
    } finally {
      proxy.restore();
      sink.holdMs = 0;
    }
    expect(await eventually(health, (h) => h.status === 200)).toEqual({ status: 200, database: 'up', redis: 'up' });

    await eventually(
      () => statusesOf(recipients, sendAt),
      (statuses) => statuses.SENT === 60,
      90_000,
    ).catch(withWorkerOutput);
    // Every job has run to its end: nothing is left that could still send a copy.
    for (const r of recipients) await jobGone(queue, digestJobId(r.id, sendAt));

    // 0 lost, 0 doubled: one message per recipient, under the digest's own Message-ID, which
    // is the one its row records.
    expect(recipients.map((r) => sink.to(r.email).length)).toEqual(recipients.map(() => 1));
    const planned = new Map(recipients.map((r) => [r.id, digestMessageId(r.id, sendAt, messageIdHost)]));
    expect(recipients.map((r) => sink.to(r.email)[0].messageId)).toEqual(recipients.map((r) => planned.get(r.id)));
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(sink.messages.length);
    const rows = await rowsOf(recipients, sendAt);
    expect(rows.map((r) => ({ recipientId: r.recipientId, status: r.status, messageId: r.messageId }))).toEqual(
      expect.arrayContaining(
        recipients.map((r) => ({ recipientId: r.id, status: ReminderStatus.SENT, messageId: planned.get(r.id) })),
      ),
    );
    expect(rows).toHaveLength(60);

    expect(hasExited(worker)).toBe(false);
  });

  it('cut between the server accepting a digest and its SENT update: not sent again once the database is back', async () => {
    let answer!: () => void;
    sink.holdUntil = new Promise<void>((resolve) => (answer = resolve));
    const { recipients, sendAt } = await digestsDueNow(1);
    const [recipient] = recipients;
    try {
      // The server has the whole message and holds its reply; the database goes; then it says yes.
      await eventually(
        () => Promise.resolve(sink.receiving),
        (receiving) => receiving === 1,
      );
      proxy.cut();
      expect((await eventually(health, (h) => h.status === 503)).database).toBe('down');
      answer();
      const [mail] = await sink.waitFor(recipient.email, 1);
      // The worker has tried to record the send and failed (the job's attempt failed).
      await eventually(
        async () => (await queue.getJob(digestJobId(recipient.id, sendAt)))?.attemptsMade ?? 0,
        (failedAttempts) => failedAttempts >= 1,
      ).catch(withWorkerOutput);
      // ... and said so in its log.
      await eventually(
        () => Promise.resolve(worker.output.join('')),
        (said) =>
          said.includes(`${SEND_DIGEST_JOB} ${digestJobId(recipient.id, sendAt)} failed (attempt 1 of ${ATTEMPTS}`),
      ).catch(withWorkerOutput);
      const [claimed] = await rowsOf(recipients, sendAt);
      expect({ status: claimed.status, messageId: claimed.messageId }).toEqual({
        status: ReminderStatus.SENDING,
        messageId: mail.messageId,
      });
    } finally {
      proxy.restore();
      sink.holdUntil = null;
    }

    // Once the lease runs out, the reconciler finds the delivery receipt and records it SENT.
    await eventually(
      () => statusesOf(recipients, sendAt),
      (statuses) => statuses.SENT === 1,
      60_000,
    ).catch(withWorkerOutput);
    const [row] = await rowsOf(recipients, sendAt);
    await jobGone(queue, digestJobId(recipient.id, sendAt));
    expect(sink.to(recipient.email)).toHaveLength(1);
    const [mail] = sink.to(recipient.email);
    expect(mail.messageId).toBe(digestMessageId(recipient.id, sendAt, messageIdHost));
    // Claimed once: no attempt after the outage found it to send.
    expect({ status: row.status, messageId: row.messageId, attempts: row.attempts }).toEqual({
      status: ReminderStatus.SENT,
      messageId: mail.messageId,
      attempts: 1,
    });
    expect(hasExited(worker)).toBe(false);
  });
  it('started while the database is unreachable: the worker stays up, says so, and delivers once it is back', async () => {
    // The spec's first worker is stopped, so only the late starter can deliver these.
    await stopWorker(worker);
    const { recipients, sendAt } = await digestsDueNow(3);
    proxy.cut();
    let late: AppProcess | undefined;
    try {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/health`;
      late = await startApp('late worker', main, workerEnv(port), url, { anyAnswer: true });
      expect(await health(late, url)).toEqual({ status: 503, database: 'down', redis: 'up' });
      expect(receivedBy(recipients)).toBe(0);

      proxy.restore();
      expect(
        await eventually(
          () => health(late, url),
          (h) => h.status === 200,
        ),
      ).toEqual({
        status: 200,
        database: 'up',
        redis: 'up',
      });
      await eventually(
        () => statusesOf(recipients, sendAt),
        (statuses) => statuses.SENT === 3,
        90_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\nthe late worker said:\n${late!.output.join('')}`);
      });
      for (const r of recipients) await jobGone(queue, digestJobId(r.id, sendAt));
      expect(recipients.map((r) => sink.to(r.email).length)).toEqual([1, 1, 1]);
      expect(hasExited(late)).toBe(false);
    } finally {
      proxy.restore();
      await stopWorker(late);
    }
  });
  it('stopped while a send waits on a server that does not answer: the worker exits after its grace period, the digest left to be retried', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/health`;
    const stuck = await startApp('stuck worker', main, { ...workerEnv(port), WORKER_SHUTDOWN_GRACE_MS: '2000' }, url);
    let answer!: () => void;
    // The server takes the whole message and does not reply (until the test ends).
    sink.holdUntil = new Promise<void>((resolve) => (answer = resolve));
    try {
      const { recipients, sendAt } = await digestsDueNow(1);
      await eventually(
        () => Promise.resolve(sink.receiving),
        (receiving) => receiving === 1,
      );
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        stuck.child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      stuck.child.kill('SIGTERM');
      // It ends by itself after 2 s (no SIGKILL from here), saying why, instead of waiting on the
      // send (without the grace period, until the mail client's own timeouts end it).
      expect(await exited).toEqual({ code: 1, signal: null });
      expect(stuck.output.join('')).toContain('Still stopping 2 s after SIGTERM: exiting with jobs unfinished');
      // Claimed and not sent: the reconciler sends it again once its lease runs out.
      expect(await statusesOf(recipients, sendAt)).toEqual({ [ReminderStatus.SENDING]: 1 });
      expect(recipients.map((r) => sink.to(r.email).length)).toEqual([0]);
    } finally {
      answer();
      sink.holdUntil = null;
      await stopWorker(stuck);
    }
  });
});
