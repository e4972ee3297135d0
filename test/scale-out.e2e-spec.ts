// Several instances on one database and one Redis, as a firm that outgrows one machine runs
// them: two API and two worker processes, compiled by `nest build` and started as `npm start`
// starts them (node on the built main.js). A session opened on one API works on the other, the
// login throttle counts across both, and work queued once (a reminder digest, a queued report,
// the scheduled integrity sweep) is done once although two workers compete for it, and a digest
// whose workers are killed (kill -9) mid-send is sent by the next worker under the same
// Message-ID and recorded once. The APIs
// also render a streamed report on their compiled render thread, which no in-process spec runs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import request from 'supertest';
import { createPrismaClient, type PrismaClient } from '@app/db';
import { ReminderStatus } from '@app/domain';
import { digestJobId, QueueName } from '@app/queue';
import { LocalBlobStore } from '@app/storage';
import { LOGIN_THROTTLE } from '../apps/api/src/auth/login-throttle';
import { type AppProcess, buildApp, buildDirOf, freePort, startApp, stopApp } from './support/app-process';
import { addMember, addRequest, addSubject, type Agent, newUser, PASSWORD, type TestUser } from './support/factories';
import { multipart } from './support/multipart';
import { getPdf, pdfInfo } from './support/pdf';
import { eventually } from './support/eventually';
import { jobGone } from './support/reminders';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { useOwnDatabase } from './support/own-database';
import { sha256 } from './support/bytes';

/** The workers' send lease (REMINDER_SEND_LEASE_MS) in this file. */
const SEND_LEASE_MS = 10_000;

describe('two API and two worker processes on one database and Redis', () => {
  let dropDatabase: () => Promise<void>;
  let prisma: PrismaClient;
  let sink: SmtpSink;
  let buildDir: string;
  let storageDir: string;
  let apiUrls: string[];
  let workerMain: string;
  let workerEnv: (port: number) => NodeJS.ProcessEnv;
  const instances: AppProcess[] = [];
  let lead: TestUser;
  let owner: TestUser;
  let auditId: string;

  /** A cookie session on one API (supertest agent on its URL). */
  const sessionOn = async (url: string, user: TestUser): Promise<Agent> => {
    const agent = request.agent(url);
    const res = await agent.post('/api/auth/login').send({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(200);
    return agent;
  };

  beforeAll(async () => {
    // Its own database: these workers reconcile every pending reminder they can see.
    dropDatabase = await useOwnDatabase('scale_out');
    prisma = createPrismaClient(process.env.DATABASE_URL!);
    sink = await startSmtpSink();
    buildDir = buildDirOf('scale-out');
    mkdirSync(buildDir, { recursive: true });
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-scale-out-'));
    const [apiMain, builtWorker] = await Promise.all([buildApp('api', buildDir), buildApp('worker', buildDir)]);
    workerMain = builtWorker;

    const shared: NodeJS.ProcessEnv = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: storageDir,
      SMTP_URL: sink.url,
      MAIL_FROM: 'AuditDesk <reminders@auditdesk.test>',
      // The first sweep runs when the scheduler is made; the next would be an hour later.
      EVIDENCE_INTEGRITY_SWEEP_EVERY_MS: '3600000',
      // Reconcile runs (which plan a person's next digest once one went out) every 15 s, not every minute.
      REMINDER_RECONCILE_EVERY_MS: '15000',
    };
    workerEnv = (port) => ({ ...shared, WORKER_PORT: String(port), PORT: String(port) });
    // A short send lease: the kill -9 test below waits it out instead of the production two minutes.
    shared.REMINDER_SEND_LEASE_MS = String(SEND_LEASE_MS);
    const apiPorts = [await freePort(), await freePort()];
    apiUrls = apiPorts.map((port) => `http://127.0.0.1:${port}`);
    for (const [i, port] of apiPorts.entries()) {
      instances.push(
        await startApp(
          `api ${i + 1}`,
          apiMain,
          { ...shared, PORT: String(port), WORKER_PORT: String(await freePort()), APP_URL: apiUrls[i] },
          `${apiUrls[i]}/api/health`,
        ),
      );
    }

    lead = await newUser(prisma, { label: 'lead' });
    owner = await newUser(prisma, { label: 'owner' });
    const leadAgent = await sessionOn(apiUrls[0], lead);
    // Due in ten days, so reminders are planned on the real clock (an audit long past its
    // deadline gets none).
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 16);
    const audit = await leadAgent.post('/api/audits').send({
      title: 'Scale-out audit',
      referenceCode: `SCALE-${process.pid}`,
      demandingParty: 'Licensor Corp',
      respondingParty: 'Licensee Inc',
      agreementTitle: 'Developer Agreement',
      receivedOn: new Date().toISOString().slice(0, 10),
      responseDeadline: deadline,
      deadlineTimeZone: 'UTC',
    });
    expect(audit.status).toBe(201);
    auditId = audit.body.id;
    await addMember(leadAgent, auditId, owner, 'CONTRIBUTOR');
    await addSubject(leadAgent, auditId, { name: 'Analytics app' });
    await addRequest(leadAgent, auditId, { title: 'Data processing register' });
  }, 600_000);

  afterAll(async () => {
    for (const instance of instances) await stopApp(instance);
    await prisma?.$disconnect();
    await sink?.close();
    await dropDatabase?.();
    rmSync(buildDir, { recursive: true, force: true });
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('keeps a session opened on one API on the other, and a logout on either ends it on both', async () => {
    const login = await request(apiUrls[0]).post('/api/auth/login').send({ email: owner.email, password: PASSWORD });
    expect(login.status).toBe(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const me = await request(apiUrls[1]).get('/api/auth/me').set('Cookie', cookie);
    expect({ status: me.status, email: me.body.email }).toEqual({ status: 200, email: owner.email });

    expect((await request(apiUrls[1]).post('/api/auth/logout').set('Cookie', cookie)).status).toBe(204);
    expect((await request(apiUrls[0]).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('counts wrong passwords on both APIs together: the throttle answers 429 on either', async () => {
    const victim = await newUser(prisma, { label: 'guessed' });
    const { PAIR_LIMIT } = LOGIN_THROTTLE;
    const statuses: number[] = [];
    // Alternating APIs: each saw half the attempts, so only a shared count reaches the limit.
    for (let i = 0; i < PAIR_LIMIT + 2; i++) {
      const res = await request(apiUrls[i % 2])
        .post('/api/auth/login')
        .send({ email: victim.email, password: `wrong ${i}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(PAIR_LIMIT).fill(401), 429, 429]);
    // The right password too, on both, until the window passes.
    for (const url of apiUrls)
      expect(
        (await request(url).post('/api/auth/login').send({ email: victim.email, password: PASSWORD })).status,
      ).toBe(429);
  });

  it('streams a report from each compiled API (rendered on its render thread)', async () => {
    for (const url of apiUrls) {
      const agent = await sessionOn(url, lead);
      const res = await getPdf(agent, `/api/audits/${auditId}/report.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(pdfInfo(res.body as Buffer).title).toContain('Scale-out audit');
    }
  });

  describe('with two workers', () => {
    let reminders: Queue;
    let tamperedId: string;
    /** The send time of the digest the first test sends (before its time). */
    let firstSent: Date | undefined;

    beforeAll(async () => {
      const leadAgent = await sessionOn(apiUrls[0], lead);
      // A file whose stored copy is then altered: the sweep's check records one failure per run.
      const text = `scale-out original ${auditId}\n`;
      const form = multipart([['title', 'Processing register']], {
        fileName: 'register.txt',
        content: Buffer.from(text),
      });
      const upload = await leadAgent
        .post(`/api/audits/${auditId}/evidence/files`)
        .set('Content-Type', form.contentType)
        .send(form.body);
      expect(upload.status).toBe(201);
      tamperedId = upload.body.id;
      writeFileSync(new LocalBlobStore(storageDir).pathOf(`sha256/${sha256(text)}`), 'forged\n');

      // Work for the owner, due in two days: the API plans their digests and queues the next.
      const [cell] = (await leadAgent.get(`/api/audits/${auditId}/responses`)).body.items;
      const dueDate = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const patched = await leadAgent
        .patch(`/api/audits/${auditId}/responses/${cell.id}`)
        .send({ version: cell.version, assigneeId: owner.id, dueDate });
      expect(patched.status).toBe(200);

      reminders = new Queue(QueueName.Reminders, {
        connection: { url: process.env.REDIS_URL },
        prefix: process.env.QUEUE_PREFIX,
      });
      for (const name of ['worker 1', 'worker 2']) {
        const port = await freePort();
        instances.push(await startApp(name, workerMain, workerEnv(port), `http://127.0.0.1:${port}/health`));
      }
    }, 300_000);

    afterAll(async () => {
      await reminders?.close();
    });

    it('sends a due digest once, although both workers hold its job', async () => {
      const [next] = await prisma.reminder.findMany({
        where: { auditId, recipientId: owner.id, status: ReminderStatus.SCHEDULED },
        orderBy: { sendAt: 'asc' },
      });
      expect(next).toBeDefined();
      const jobId = digestJobId(owner.id, next.sendAt);
      // Its time comes now: the job leaves the delayed set, and both workers may take it.
      const job = await eventually(
        () => reminders.getJob(jobId),
        (found) => found !== undefined,
      );
      await job!.promote();
      await sink.waitFor(owner.email, 1);
      await jobGone(reminders, jobId);
      expect(sink.to(owner.email)).toHaveLength(1);
      firstSent = next.sendAt;
      const row = await prisma.reminder.findUniqueOrThrow({ where: { id: next.id } });
      expect({ status: row.status, messageId: row.messageId }).toEqual({
        status: ReminderStatus.SENT,
        messageId: sink.to(owner.email)[0].messageId,
      });
    });

    it('renders a queued report once', async () => {
      const agent = await sessionOn(apiUrls[1], lead);
      const queued = await agent.post(`/api/audits/${auditId}/reports`).send({});
      expect(queued.status).toBe(201);
      const done = await eventually(
        async () => (await agent.get(`/api/audits/${auditId}/reports/${queued.body.id}`)).body,
        (report: { status: string }) => report.status === 'DONE' || report.status === 'FAILED',
        120_000,
      );
      expect(done.status).toBe('DONE');
      const generated = await prisma.activityEvent.count({
        where: { auditId, entityType: 'report', entityId: queued.body.id, action: 'generated' },
      });
      expect(generated).toBe(1);
      expect(await prisma.reportFile.count({ where: { reportId: queued.body.id } })).toBe(1);
    });

    it('runs the scheduled integrity sweep once, although both workers registered it', async () => {
      const integrity = new Queue(QueueName.EvidenceIntegrity, {
        connection: { url: process.env.REDIS_URL },
        prefix: process.env.QUEUE_PREFIX,
      });
      try {
        expect(await integrity.getJobSchedulers()).toHaveLength(1);
        // Once the sweep and the checks it queued are done, nothing more is waiting until the
        // next run, an hour away.
        await eventually(
          async () => {
            const counts = await integrity.getJobCounts('waiting', 'active', 'prioritized');
            const checked = await prisma.evidenceVersion.count({
              where: { evidenceId: tamperedId, lastVerification: { not: null } },
            });
            return { pending: counts.waiting + counts.active + counts.prioritized, checked };
          },
          ({ pending, checked }) => pending === 0 && checked === 1,
          120_000,
        );
        const failures = await prisma.activityEvent.findMany({ where: { auditId, action: 'integrity_failed' } });
        expect(failures.map((event) => event.entityId)).toEqual([tamperedId]);
      } finally {
        await integrity.close();
      }
    });

    it('after kill -9 of the workers mid-send, a new worker sends the digest again under the same Message-ID, and records it SENT once', async () => {
      // Only the owner's next digest is stored: once the one before went out, a scheduled
      // reconcile run of either worker plans the one after it.
      const [next] = await eventually(
        () =>
          prisma.reminder.findMany({
            where: { auditId, recipientId: owner.id, status: ReminderStatus.SCHEDULED },
            orderBy: { sendAt: 'asc' },
          }),
        (rows) => rows.length > 0,
        90_000,
      );
      // The one after the digest sent (early) above, not that one planned again.
      if (firstSent) expect(next.sendAt.getTime()).toBeGreaterThan(firstSent.getTime());
      const before = sink.to(owner.email).length;
      // The server takes the message, then is slow to answer: both workers die before it does,
      // so neither learns whether it was delivered (the ambiguous failure).
      sink.holdMs = 4000;
      const job = await eventually(
        () => reminders.getJob(digestJobId(owner.id, next.sendAt)),
        (found) => found !== undefined,
      );
      await job!.promote();
      await eventually(
        () => Promise.resolve(sink.receiving),
        (receiving) => receiving > 0,
      );
      const workers = instances.filter((i) => i.name.startsWith('worker'));
      const exited = workers.map((w) => new Promise((resolve) => w.child.once('exit', resolve)));
      for (const worker of workers) worker.child.kill('SIGKILL');
      await Promise.all(exited);
      const claimed = await prisma.reminder.findUniqueOrThrow({ where: { id: next.id } });
      expect(claimed.status).toBe(ReminderStatus.SENDING);
      sink.holdMs = 0;

      // A worker started once the lease has run out settles the stopped send at start-up.
      await new Promise((r) => setTimeout(r, SEND_LEASE_MS + 500));
      const port = await freePort();
      const third = await startApp('worker 3', workerMain, workerEnv(port), `http://127.0.0.1:${port}/health`);
      instances.push(third);
      const row = await eventually(
        () => prisma.reminder.findUniqueOrThrow({ where: { id: next.id } }),
        (r) => r.status === ReminderStatus.SENT,
        // BullMQ gives the dead workers' job to worker 3 once its lock has expired and a stalled
        // check has seen it (30 s each by default); the row's lease is settled at start-up.
        150_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\nworker 3 said:\n${third.output.join('')}`);
      });
      const received = sink.to(owner.email).slice(before);
      // Nothing lost, nothing new: every copy the server took is the one message, under the
      // Message-ID claimed before the first attempt (a mail system keeps one of them).
      expect(received.length).toBeGreaterThanOrEqual(1);
      expect(new Set(received.map((m) => m.messageId))).toEqual(new Set([claimed.messageId]));
      expect(row.messageId).toBe(claimed.messageId);
      expect(await prisma.reminder.count({ where: { auditId, status: ReminderStatus.FAILED } })).toBe(0);
    });
  });
});
