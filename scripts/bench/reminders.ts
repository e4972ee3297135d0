// `npm run bench:reminders [-- --audits 10000 --deliver 2000 --workers 1]`: reminder planning, enqueue and
// delivery figures on a throw-away database (<DATABASE_URL's database>_bench_reminders, created
// and dropped here).
//  1. plan: ReminderPlannerService.replanMany over every audit (N audits x 10 assignees, 250
//     audits per transaction): rows (per audit: each person's next digest) and time; then the
//     same unchanged (the daily top-up), and 500 audits one transaction each (as API changes do:
//     the re-plan of one change, p50/p99) for comparison; then one reconcile run at that size
//     with every plan stale (as after a morning's digests went out: its 200 re-plans, its window).
//  2. enqueue: the app's enqueueDigests vs a raw BullMQ addBulk of the same jobs, same run: ratio.
//  3. deliver: M reminders due at the same instant, sent by the worker's processor (in this
//     process, and in W - 1 forked ones with --workers W) into an in-process SMTP server:
//     lateness (received - due) p50/p99, and the workers' CPU per digest (on a loaded machine
//     the lateness moves a lot; the CPU much less).
//  4. the raw baseline of 3: as many emails of the same size through a bare nodemailer pool to
//     the same server, same concurrency: lateness p50/p99 and CPU per email, and the app's p99
//     as a ratio of it.
//  5. the floor of 3 on this machine: the same emails from a bare nodemailer pool in a process of
//     its own (as a deployed worker is), to an SMTP server that only notes each arrival (no
//     parsing): what sending 2,000 emails costs here before any queue, database or rendering.
// Uses this worktree's Redis database (REDIS_URL) under its own key prefix (`bench:`).
import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Queue, Worker } from 'bullmq';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { type AppConfig, mailFrom, validateEnvironment } from '@app/config';
import { AfterCommit, createPrismaClient, parseDatabaseUrl, PlainSql } from '@app/db';
import { SystemClock } from '@app/domain';
import { enqueueDigests, QueueName } from '@app/queue';
import { ReminderPlannerService } from '../../apps/api/src/reminders/reminder-planner.service';
import { DigestStore } from '../../apps/worker/src/reminders/digest-store';
import { DigestSenderService } from '../../apps/worker/src/reminders/digest-sender.service';
import { DeliveryReceipts } from '../../apps/worker/src/reminders/delivery-receipts';
import { ReminderReconcilerService } from '../../apps/worker/src/reminders/reminder-reconciler.service';
import { RemindersProcessor } from '../../apps/worker/src/reminders/reminders.processor';
import { SmtpMailSender } from '@app/mail';
import { startSmtpSink } from '../../test/support/smtp-sink';
import { seedAuditsAtScale } from '../lib/audits-at-scale';
import { benchDatabase, ensurePostgres, ensureRedis, loadDotEnv } from '../lib/services';

const ASSIGNEES_PER_AUDIT = 10;
const USER_POOL = 100;
/** BullMQ key prefix of the bench's queues: the app's queues in the same Redis database are left alone. */
const BENCH_PREFIX = 'bench';
/** Digests in flight at once, in the app's worker and in the raw baseline alike. */
const DELIVER_CONCURRENCY = 16;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** Milliseconds of CPU (user and system, all threads) per item. */
const cpuMsPer = (usage: NodeJS.CpuUsage, items: number) => (usage.user + usage.system) / 1000 / items;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const audits = flag('audits', 10_000);
  const deliver = flag('deliver', 2_000);
  const workers = flag('workers', 1);
  loadDotEnv();
  const postgres = await ensurePostgres({ log: () => {} });
  const redisUrl = await ensureRedis({ log: () => {} });
  const database = await benchDatabase(postgres.databaseUrl, 'reminders');
  const benchUrl = database.url;
  const sink = await startSmtpSink();
  try {
    Object.assign(process.env, { DATABASE_URL: benchUrl, REDIS_URL: redisUrl, SMTP_URL: sink.url, LOG_LEVEL: 'error' });
    const config = validateEnvironment(process.env);
    const prisma = createPrismaClient(benchUrl);
    const clock = new SystemClock();
    const now = clock.now();

    // --- seed: N audits, one app x 10 requests each, every cell assigned (100 users, 4 zones) ---
    const db = new pg.Client(parseDatabaseUrl(benchUrl).pool);
    await db.connect();
    db.on('error', () => {}); // dropped with the database at the end
    let t0 = performance.now();
    await seedAuditsAtScale(db, { audits, users: USER_POOL, requestsPerAudit: ASSIGNEES_PER_AUDIT, now });
    console.log(
      `seeded ${audits} audits x ${ASSIGNEES_PER_AUDIT} assigned responses in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // --- 1. planning ---
    const queue = new Queue(QueueName.Reminders, { connection: { url: redisUrl }, prefix: BENCH_PREFIX });
    await queue.obliterate({ force: true });
    const planner = new ReminderPlannerService(prisma as never, clock, config, queue);
    const ids = (await prisma.audit.findMany({ select: { id: true } })).map((a) => a.id);
    t0 = performance.now();
    const { created } = await planner.replanMany(ids);
    const planSeconds = (performance.now() - t0) / 1000;
    const { rows: perAudit } = await db.query<{ max: number }>(
      `SELECT max(n)::int AS max FROM (SELECT count(*) AS n FROM reminders GROUP BY audit_id) x`,
    );
    console.log(
      `plan: ${created} reminder rows for ${audits} audits (${(created / audits).toFixed(1)} per audit, at most ${perAudit[0].max}; ${ASSIGNEES_PER_AUDIT + 1} people each) in ${planSeconds.toFixed(1)} s = ${Math.round(created / planSeconds)} rows/s (${Math.round(audits / planSeconds)} audits/s)`,
    );
    // Planning again with nothing changed: every row is still wanted (the daily horizon top-up's cost).
    t0 = performance.now();
    const again = await planner.replanMany(ids);
    console.log(
      `re-plan unchanged: ${again.created} created, ${again.removed + again.cancelled} superseded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    // One audit at a time, as a change through the API does (a transaction each), for comparison.
    const sample = ids.slice(0, Math.min(ids.length, 500));
    await db.query(`UPDATE reminders SET status = 'CANCELLED' WHERE audit_id = ANY($1::uuid[])`, [sample]);
    let single = 0;
    const each: number[] = [];
    t0 = performance.now();
    // The enqueue a re-plan registers is never run: the benchmark measures the planning alone.
    for (const id of sample) {
      const started = performance.now();
      single += (await prisma.$transaction((tx) => planner.replan(tx, new AfterCommit(), id))).created;
      each.push(performance.now() - started);
    }
    const singleSeconds = (performance.now() - t0) / 1000;
    each.sort((a, b) => a - b);
    console.log(
      `plan one audit per transaction (${sample.length} audits): ${single} rows in ${singleSeconds.toFixed(1)} s = ${Math.round(single / singleSeconds)} rows/s; ` +
        `one change's re-plan p50 ${percentile(each, 50).toFixed(1)} ms, p99 ${percentile(each, 99).toFixed(1)} ms; bulk / single ${(created / planSeconds / (single / singleSeconds)).toFixed(1)}x`,
    );

    // --- 2. enqueue: enqueueDigests vs raw addBulk of the same (recipient, sendAt) jobs ---
    const keys = await prisma.reminder.findMany({
      where: { status: 'SCHEDULED' },
      distinct: ['recipientId', 'sendAt'],
      select: { recipientId: true, sendAt: true },
    });
    const raw = new Queue('bench-raw-addbulk', { connection: { url: redisUrl }, prefix: BENCH_PREFIX });
    await raw.obliterate({ force: true });
    t0 = performance.now();
    for (let i = 0; i < keys.length; i += 1000) {
      await raw.addBulk(
        keys.slice(i, i + 1000).map((k) => ({
          name: 'send-digest',
          data: { recipientId: k.recipientId, sendAt: k.sendAt.toISOString() },
          opts: { delay: Math.max(0, k.sendAt.getTime() - now.getTime()) },
        })),
      );
    }
    const rawSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await enqueueDigests(queue, keys, clock.now(), {
      attempts: config.REMINDER_ATTEMPTS,
      retryDelayMs: config.REMINDER_RETRY_DELAY_MS,
    });
    const appSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await enqueueDigests(queue, keys, clock.now(), {
      attempts: config.REMINDER_ATTEMPTS,
      retryDelayMs: config.REMINDER_RETRY_DELAY_MS,
    });
    const againSeconds = (performance.now() - t0) / 1000;
    const counts = await queue.getJobCounts('delayed', 'waiting');
    console.log(
      `enqueue: ${keys.length} digest jobs; raw addBulk ${Math.round(keys.length / rawSeconds)} jobs/s, enqueueDigests ${Math.round(keys.length / appSeconds)} jobs/s ` +
        `(ratio ${(appSeconds / rawSeconds).toFixed(2)}x the raw time); enqueuing all again (no-op, deterministic ids) ${againSeconds.toFixed(2)} s; jobs in queue ${counts.delayed + counts.waiting}`,
    );
    await raw.obliterate({ force: true });
    await raw.close();
    await queue.obliterate({ force: true });

    // --- 2b. one reconcile run at this size, every plan stale (digests went out everywhere) ---
    const receipts = new DeliveryReceipts(config);
    const reconciler = new ReminderReconcilerService(prisma as never, clock, config, queue, receipts);
    await db.query('UPDATE audits SET reminders_planned_at = NULL');
    t0 = performance.now();
    const run = await reconciler.reconcile();
    console.log(
      `reconcile run: ${run.replanned} audits re-planned, ${run.enqueued} digests due within its window queued, in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
    );
    await queue.obliterate({ force: true });

    // --- 3. delivery: M reminders (M recipients) due at the same instant, one worker ---
    // Started first, so that all are up when the digests come due: the worker in this process
    // and `--workers N` - 1 more in processes of their own (each a worker process as deployed:
    // its own thread, connections and SMTP pool, on the same queue).
    const worker = startDeliveryWorker(config, benchUrl);
    const children = await Promise.all(Array.from({ length: workers - 1 }, () => startChildWorker()));
    await db.query('TRUNCATE reminders'); // the planned rows are done with; an UPDATE of millions takes minutes
    await db.query(
      `INSERT INTO users (id, email, name, time_zone, updated_at) SELECT md5('d'||j)::uuid, 'd'||j||'@bench.test', 'Recipient '||j, 'UTC', now() FROM generate_series(1, ${deliver}) j`,
    );
    const dueAt = new Date(Date.now() + 10_000);
    await db.query(
      `INSERT INTO reminders (id, audit_id, recipient_id, send_at, reasons, item_ids, updated_at)
       SELECT gen_random_uuid(), md5('a'||(1 + (j % ${audits})))::uuid, md5('d'||j)::uuid, $1, ARRAY['DEADLINE'], ARRAY[md5('c'||(1 + (j % ${audits}))||'-0')::uuid], now()
         FROM generate_series(1, ${deliver}) j`,
      [dueAt],
    );
    const cpuBefore = process.cpuUsage();
    await reconciler.reconcile({ extendHorizon: false }); // as at worker start-up: enqueues the M digests
    const until = Date.now() + 10 * 60_000;
    while (sink.messages.length < deliver && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const childCpu = await Promise.all(children.map(stopChildWorker));
    const cpu = childCpu.reduce(
      (sum, c) => ({ user: sum.user + c.user, system: sum.system + c.system }),
      process.cpuUsage(cpuBefore),
    );
    const cpuPerDigest = cpuMsPer(cpu, deliver);
    const lateness = sink.messages.map((m) => m.receivedAt - dueAt.getTime()).sort((a, b) => a - b);
    const sent = await prisma.reminder.count({ where: { status: 'SENT' } });
    console.log(
      `deliver: ${sink.messages.length}/${deliver} emails received (${sent} rows SENT); lateness p50 ${percentile(lateness, 50)} ms, p99 ${percentile(lateness, 99)} ms, max ${lateness.at(-1)} ms; ${workers} worker process(es); their CPU ${cpuPerDigest.toFixed(2)} ms per digest (the sink's included)`,
    );
    if (new Set(sink.messages.map((m) => m.to[0])).size !== sink.messages.length)
      console.log('WARNING: a recipient received more than one email');
    await worker.close();

    // --- 4. raw baseline: the same number of emails of the same size, due at one instant, sent
    // by a bare nodemailer pool (the app's pool settings) with the worker's concurrency, to the
    // same in-process sink: what delivery costs with no queue, no database and no rendering.
    const digest = sink.messages[0];
    sink.messages.length = 0;
    const rawCpuBefore = process.cpuUsage();
    const rawLateness = await rawDelivery(sink.url, deliver, digest, () => sink.messages.length);
    const rawCpuPerDigest = cpuMsPer(process.cpuUsage(rawCpuBefore), deliver);
    console.log(
      `deliver, raw nodemailer baseline: ${rawLateness.length}/${deliver} emails; lateness p50 ${percentile(rawLateness, 50)} ms, p99 ${percentile(rawLateness, 99)} ms, CPU ${rawCpuPerDigest.toFixed(2)} ms per email; ` +
        `the app's p99 is ${(percentile(lateness, 99) / Math.max(1, percentile(rawLateness, 99))).toFixed(1)}x the baseline's, ` +
        `its CPU per digest ${(cpuPerDigest / rawCpuPerDigest).toFixed(1)}x`,
    );

    // --- 5. the floor: a sender with nothing to do but send, in a process of its own, and a
    // server that only notes each arrival. The CPU the two spend bounds any sender here: with
    // every core busy on nothing else, the last email arrives no sooner than that CPU over the cores.
    const floor = await floorDelivery(deliver, digest);
    const cores = availableParallelism();
    const boundS = ((floor.senderCpuMs + floor.serverCpuMs) * deliver) / cores / 1000;
    console.log(
      `deliver, floor (bare nodemailer pool in its own process, server not parsing): ${floor.lateness.length}/${deliver} emails; lateness p50 ${percentile(floor.lateness, 50)} ms, p99 ${percentile(floor.lateness, 99)} ms; ` +
        `CPU per email: the sender's ${floor.senderCpuMs.toFixed(2)} ms, the server's ${floor.serverCpuMs.toFixed(2)} ms; ` +
        `sending and receiving ${deliver} emails alone keep ${cores} cores busy for at least ${boundS.toFixed(1)} s`,
    );
    receipts.onApplicationShutdown();
    await queue.close();
    await db.end();
    await prisma.$disconnect();
  } catch (error) {
    console.error(error);
    throw error;
  } finally {
    await sink.close();
    await database.drop();
    await postgres.stop?.();
  }
}

/**
 * The worker's own classes, wired by hand (tsx (esbuild) emits no decorator metadata, so Nest's
 * constructor injection is not available to scripts), with their own connections: one worker
 * process's worth, consuming the bench's reminders queue.
 */
function startDeliveryWorker(config: AppConfig, databaseUrl: string) {
  const prisma = createPrismaClient(databaseUrl);
  const sql = new PlainSql(databaseUrl);
  const clock = new SystemClock();
  const queue = new Queue(QueueName.Reminders, { connection: { url: config.REDIS_URL }, prefix: BENCH_PREFIX });
  const receipts = new DeliveryReceipts(config);
  const mail = new SmtpMailSender(config.SMTP_URL, mailFrom(config));
  const processor = new RemindersProcessor(
    new DigestSenderService(mail, clock, config, receipts, new DigestStore(sql)),
    new ReminderReconcilerService(prisma as never, clock, config, queue, receipts),
  );
  const worker = new Worker(QueueName.Reminders, (job) => processor.process(job), {
    connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
    concurrency: DELIVER_CONCURRENCY,
    prefix: BENCH_PREFIX,
  });
  return {
    async close() {
      await worker.close();
      mail.close();
      receipts.onApplicationShutdown();
      await queue.close();
      await sql.onApplicationShutdown();
      await prisma.$disconnect();
    },
  };
}

const CHILD_FLAG = '--delivery-worker';
const FLOOR_SENDER_FLAG = '--floor-sender';

/**
 * The floor of step 5: `count` emails of the sample's size sent by a bare nodemailer pool in a
 * forked process (runFloorSender) to an SMTP server here that only notes when each arrives.
 * Lateness is by arrival, as the app's.
 */
async function floorDelivery(count: number, sample: { subject: string; text: string; html: string } | undefined) {
  const arrivals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      stream.resume();
      stream.on('end', () => {
        arrivals.push(Date.now());
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  const child = fork(process.argv[1], [FLOOR_SENDER_FLAG], { execArgv: process.execArgv, env: process.env });
  const serverCpuBefore = process.cpuUsage();
  const dueAt = Date.now() + 2000;
  child.send({ smtpUrl: `smtp://127.0.0.1:${port}`, count, sample, dueAt });
  const senderCpu = await new Promise<NodeJS.CpuUsage>((resolve, reject) => {
    child.once('message', (cpu) => resolve(cpu as NodeJS.CpuUsage));
    child.once('exit', (code) => reject(new Error(`the floor's sender exited early (${code})`)));
  });
  const serverCpuMs = cpuMsPer(process.cpuUsage(serverCpuBefore), count);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    lateness: arrivals.map((t) => t - dueAt).sort((a, b) => a - b),
    senderCpuMs: cpuMsPer(senderCpu, count),
    serverCpuMs,
  };
}

/** The forked side of floorDelivery: sends as told, answers with the CPU it used. */
async function runFloorSender(): Promise<void> {
  const order = await new Promise<{
    smtpUrl: string;
    count: number;
    sample: Parameters<typeof rawDelivery>[2];
    dueAt: number;
  }>((resolve) => process.once('message', (m) => resolve(m as never)));
  const cpuBefore = process.cpuUsage();
  await rawDelivery(order.smtpUrl, order.count, order.sample, () => order.count, order.dueAt);
  const cpu = process.cpuUsage(cpuBefore);
  await new Promise((resolve) => process.send!(cpu, resolve));
}

/** Forks this script as one more delivery worker (see runChildWorker); resolves once it is up. */
function startChildWorker(): Promise<ChildProcess> {
  const child = fork(process.argv[1], [CHILD_FLAG], { execArgv: process.execArgv, env: process.env });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`a delivery worker process exited early (${code})`)));
  });
}

/** Stops a forked worker; resolves with the CPU it used while it worked. */
function stopChildWorker(child: ChildProcess): Promise<NodeJS.CpuUsage> {
  return new Promise((resolve) => {
    child.once('message', (cpu) => resolve(cpu as NodeJS.CpuUsage));
    child.send('stop');
  });
}

/** The forked side: a delivery worker on the parent's settings (its environment), until told to stop. */
async function runChildWorker(): Promise<void> {
  const worker = startDeliveryWorker(validateEnvironment(process.env), process.env.DATABASE_URL!);
  const cpuBefore = process.cpuUsage();
  process.send!('ready');
  await new Promise((resolve) => process.once('message', resolve));
  const cpu = process.cpuUsage(cpuBefore);
  await worker.close();
  await new Promise((resolve) => process.send!(cpu, resolve));
}

/**
 * Sends `count` copies of a digest's text and HTML through a bare nodemailer pool, all due at
 * one instant a second ahead, `DELIVER_CONCURRENCY` at a time; returns each email's lateness
 * (received by the sink - due), sorted.
 */
async function rawDelivery(
  smtpUrl: string,
  count: number,
  sample: { subject: string; text: string; html: string } | undefined,
  received: () => number,
  dueAt = Date.now() + 1000,
): Promise<number[]> {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port),
    pool: true,
    maxConnections: 4,
  });
  const receivedAt: number[] = [];
  let next = 0;
  await new Promise((r) => setTimeout(r, dueAt - Date.now()));
  const sender = async () => {
    while (next < count) {
      const i = next++;
      await transport.sendMail({
        from: 'bench@auditdesk.test',
        to: `raw${i}@bench.test`,
        subject: sample?.subject ?? 'Digest',
        text: sample?.text ?? '',
        html: sample?.html ?? '',
      });
      receivedAt.push(Date.now());
    }
  };
  await Promise.all(Array.from({ length: DELIVER_CONCURRENCY }, sender));
  // The sink parses each message before recording it: wait until it has them all.
  const until = Date.now() + 60_000;
  while (received() < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  transport.close();
  return receivedAt.map((t) => t - dueAt).sort((a, b) => a - b);
}

(process.argv.includes(CHILD_FLAG)
  ? runChildWorker()
  : process.argv.includes(FLOOR_SENDER_FLAG)
    ? runFloorSender()
    : main()
).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
