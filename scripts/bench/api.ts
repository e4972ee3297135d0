// `npm run bench:api`: four read routes of the built API (the grid with pageSize=100, one
// response, progress, an activity page) under 32 concurrent clients (autocannon), against a
// raw baseline measured in the same run: a plain node:http + pg server giving the same JSON
// (scripts/bench/api-baseline.ts; the bench checks that the answers are the same). The two
// take turns, A B A B, and the medians are compared: throughput ratio (API / baseline, goal
// >= 0.5) and p99 ratio (goal <= 2). Both servers run as child processes on this machine, with
// the load generator: the load average is printed with the figures.
//
// It uses its own database (<DATABASE_URL's database>_bench_api, recreated each run, dropped at
// the end) with the reference case seeded, and a bearer token of the reference case's lead
// counsel written straight to the database.
//
// Options (env): BENCH_API_SECONDS (each turn, default 10), BENCH_API_ROUNDS (turns of each
// server per route, default 2), BENCH_API_CONNECTIONS (default 32), BENCH_API_ROUTES (a
// comma-separated subset of grid,response,progress,activity), BENCH_API_PROFILE_DIR (write a
// V8 CPU profile of the API there, to open in Chrome's DevTools), BENCH_API_HOLD (set up, print
// the ports and the token, and wait for Ctrl-C before measuring).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '@app/accounts';
import { createPrismaClient } from '@app/db';
import { QueueName } from '@app/queue';
import { seedDemo } from '../../prisma/seed/seed-demo';
import { withSeedServices } from '../../prisma/seed/seed-services';
import { DEMO_USERS, REFERENCE_AUDIT } from '../../prisma/seed/reference-case';
import {
  type BenchDatabase,
  ROOT,
  benchDatabase,
  bin,
  ensurePostgres,
  ensureRedis,
  loadDotEnv,
  run,
  sleep,
} from '../lib/services';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 32);
const ROUTES = (process.env.BENCH_API_ROUTES ?? 'grid,response,progress,activity').split(',');

interface Turn {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function main(): Promise<void> {
  loadDotEnv();
  const postgres = await ensurePostgres();
  const redisUrl = await ensureRedis();
  const work = mkdtempSync(path.join(tmpdir(), 'auditdesk-bench-api-'));
  // The seed queues the demo production: on a queue of its own, emptied below, so that no
  // worker of this checkout picks it up against another database.
  const queuePrefix = `bench-api-${process.pid}`;
  const children: ChildProcess[] = [];
  let database: BenchDatabase | undefined;
  try {
    console.log('[bench] its own database: recreating, migrating and seeding the reference case');
    database = await benchDatabase(postgres.databaseUrl, 'api');
    const databaseUrl = database.url;
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: path.join(work, 'storage'),
    });
    const prisma = createPrismaClient(databaseUrl);
    const token = newSecret(API_TOKEN_PREFIX);
    let auditId: string;
    let responseId: string;
    try {
      await withSeedServices((services) => seedDemo(prisma, services));
      const lead = DEMO_USERS.find((u) => u.key === 'leadCounsel')!;
      const user = await prisma.user.findUniqueOrThrow({ where: { email: lead.email } });
      await prisma.apiToken.create({ data: { userId: user.id, name: 'bench', tokenHash: hashSecret(token) } });
      const audit = await prisma.audit.findUniqueOrThrow({ where: { referenceCode: REFERENCE_AUDIT.referenceCode } });
      auditId = audit.id;
      // A response that has moved (an answer, people, perhaps a status note to look up).
      responseId = (
        await prisma.response.findFirstOrThrow({
          where: { auditId, status: { not: 'NOT_STARTED' } },
          orderBy: { updatedAt: 'desc' },
          select: { id: true },
        })
      ).id;
      const counts = {
        responses: await prisma.response.count({ where: { auditId } }),
        events: await prisma.activityEvent.count({ where: { auditId } }),
      };
      console.log(`[bench] reference case: ${counts.responses} responses, ${counts.events} activity events`);
    } finally {
      await prisma.$disconnect();
    }
    const queue = new Queue(QueueName.Productions, { connection: { url: redisUrl }, prefix: queuePrefix });
    await queue.obliterate({ force: true });
    await queue.close();

    console.log('[bench] nest build api');
    const build = await run(bin('nest'), ['build', 'api']);
    if (build.code !== 0) throw new Error(`nest build api failed:\n${build.output}`);

    const apiPort = await freePort();
    const entry = ['dist/apps/api/main.js', 'dist/apps/api/apps/api/src/main.js']
      .map((f) => path.join(ROOT, f))
      .find(existsSync)!;
    const profile = process.env.BENCH_API_PROFILE_DIR;
    const api = spawn(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(apiPort),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        COOKIE_SECURE: 'false',
        REMINDER_LINK_SECRET: newSecret('bench_'),
        DEMO_MODE: 'false',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(api);
    const basePort = await freePort();
    const baseline = spawn(
      bin('tsx'),
      ['--tsconfig', path.join(ROOT, 'tsconfig.json'), path.join(__dirname, 'api-baseline.ts'), String(basePort)],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    children.push(baseline);
    await waitFor(apiPort, '/api/health');
    await waitFor(basePort, '/');

    const headers = { Authorization: `Bearer ${token}` };
    const routes: Record<string, string> = {
      grid: `/api/audits/${auditId}/responses?pageSize=100`,
      response: `/api/audits/${auditId}/responses/${responseId}`,
      progress: `/api/audits/${auditId}/progress`,
      activity: `/api/audits/${auditId}/activity`,
    };

    if (process.env.BENCH_API_HOLD) {
      // For profiling by hand: both servers stay up until this process is stopped.
      console.log(`[bench] holding: API on ${apiPort}, baseline on ${basePort}, Authorization: Bearer ${token}`);
      console.log(`[bench] routes: ${JSON.stringify(routes)}`);
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }

    // The baseline is only a baseline if it answers the same.
    for (const name of ROUTES) {
      const [a, b] = await Promise.all([
        getJson(apiPort, routes[name], headers),
        getJson(basePort, routes[name], headers),
      ]);
      if (!isDeepStrictEqual(comparable(a), comparable(b)))
        throw new Error(
          `${name}: the baseline answers differently\nAPI:      ${JSON.stringify(a)}\nbaseline: ${JSON.stringify(b)}`,
        );
      console.log(`[bench] ${name}: same JSON from both (${JSON.stringify(a).length} bytes)`);
    }

    const rows: string[] = [];
    for (const name of ROUTES) {
      const turns = { api: [] as Turn[], baseline: [] as Turn[] };
      // Warm both (JIT, connection pools) before the measured turns.
      await load(basePort, routes[name], headers, 2);
      await load(apiPort, routes[name], headers, 2);
      for (let round = 0; round < ROUNDS; round++) {
        turns.baseline.push(await load(basePort, routes[name], headers, SECONDS));
        turns.api.push(await load(apiPort, routes[name], headers, SECONDS));
        console.log(
          `[bench] ${name} turn ${round + 1}: baseline ${fmt(turns.baseline[round])}; API ${fmt(turns.api[round])}; load ${loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}`,
        );
      }
      const api = medianTurn(turns.api);
      const base = medianTurn(turns.baseline);
      const rpsRatio = api.rps / base.rps;
      const p99Ratio = api.p99 / base.p99;
      rows.push(
        `| ${name} | ${base.rps.toFixed(0)} req/s, p99 ${base.p99.toFixed(0)} ms | ${api.rps.toFixed(0)} req/s, p99 ${api.p99.toFixed(0)} ms | ` +
          `${rpsRatio.toFixed(2)}x ${rpsRatio >= 0.5 ? 'ok' : 'UNDER'} | ${p99Ratio.toFixed(2)}x ${p99Ratio <= 2 ? 'ok' : 'OVER'} |`,
      );
    }
    console.log(`\n${CONNECTIONS} connections, ${ROUNDS} turns of ${SECONDS} s each per server, alternating; medians.`);
    console.log(
      '| route | raw baseline (node:http + pg) | API | throughput API / baseline (>= 0.5) | p99 API / baseline (<= 2) |',
    );
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 cores: ${new Date().toISOString()})`,
    );
  } finally {
    // Requests still in flight when the last turn ends are let finish first.
    await sleep(500);
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    rmSync(work, { recursive: true, force: true });
    await database?.drop().catch(() => undefined);
    await postgres.stop();
  }
}

const fmt = (t: Turn) =>
  `${t.rps.toFixed(0)} req/s p50 ${t.p50} ms p99 ${t.p99} ms${t.non2xx || t.errors ? ` (${t.non2xx} non-2xx, ${t.errors} errors)` : ''}`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const medianTurn = (turns: Turn[]): Turn => ({
  rps: median(turns.map((t) => t.rps)),
  p50: median(turns.map((t) => t.p50)),
  p99: median(turns.map((t) => t.p99)),
  non2xx: turns.reduce((n, t) => n + t.non2xx, 0),
  errors: turns.reduce((n, t) => n + t.errors, 0),
});

async function load(port: number, url: string, headers: Record<string, string>, seconds: number): Promise<Turn> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${url}`,
    headers,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx || result.errors)
    throw new Error(`${url} on port ${port}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** The answer without what depends on the instant it was made (progress's clock). */
function comparable(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const { asOf: _asOf, timeLeft: _timeLeft, ...rest } = body as Record<string, unknown>;
  return rest;
}

async function getJson(port: number, url: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers });
  if (!res.ok) throw new Error(`GET ${url} on port ${port}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
}

async function waitFor(port: number, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}${url}`).then(
      () => true,
      () => false,
    );
    if (up) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not answer within 60 s`);
    await sleep(200);
  }
}

main().catch((error: Error) => {
  console.error(`[bench] ${error.message}`);
  process.exit(1);
});
