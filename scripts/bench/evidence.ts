// `npm run bench:evidence`: uploads a 1 GiB file through the built API (its own process and
// database) and compares the upload's throughput with `sha256sum` of the same file, measured
// in the same run: the two take turns (A B A B), the medians are compared, and the load
// average is printed with each turn (a loaded box slows `sha256sum` more than the upload).
// Each round changes the file's first bytes, so no upload is a duplicate of an earlier one
// (the store re-reads a duplicate to check it), and `sync` runs before each turn. It reports the API's peak resident memory
// (VmHWM) over its resident memory when idle (VmRSS before the first upload).
//
// Options (env): BENCH_EVIDENCE_MIB (file size in MiB, default 1024), BENCH_EVIDENCE_ROUNDS
// (default 2).
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '@app/accounts';
import { createPrismaClient } from '@app/db';
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

const MIB = 1024 * 1024;
const SIZE_MIB = Number(process.env.BENCH_EVIDENCE_MIB ?? 1024);
const ROUNDS = Number(process.env.BENCH_EVIDENCE_ROUNDS ?? 2);

async function main(): Promise<void> {
  loadDotEnv();
  const postgres = await ensurePostgres();
  const redisUrl = await ensureRedis();
  const work = mkdtempSync(path.join(tmpdir(), 'auditdesk-bench-evidence-'));
  let api: ReturnType<typeof spawn> | undefined;
  let database: BenchDatabase | undefined;
  try {
    console.log('[bench] its own database: recreating and migrating');
    database = await benchDatabase(postgres.databaseUrl, 'evidence');
    const databaseUrl = database.url;

    console.log('[bench] nest build api');
    const build = await run(bin('nest'), ['build', 'api']);
    if (build.code !== 0) throw new Error(`nest build api failed:\n${build.output}`);

    // An API token written straight to the database: a login would run argon2 (64 MiB of
    // memory by design) inside the API and blur its peak memory for the upload.
    const token = newSecret(API_TOKEN_PREFIX);
    const prisma = createPrismaClient(databaseUrl);
    await prisma.user.create({
      data: {
        email: 'bench@bench.example.com',
        name: 'Bench',
        orgRole: 'ADMIN',
        apiTokens: { create: { name: 'bench', tokenHash: hashSecret(token) } },
      },
    });
    await prisma.$disconnect();

    const file = path.join(work, 'evidence.bin');
    console.log(`[bench] writing a ${SIZE_MIB} MiB file`);
    await writeRandomFile(file, SIZE_MIB);
    const size = statSync(file).size;

    const port = await freePort();
    const entry = ['dist/apps/api/main.js', 'dist/apps/api/apps/api/src/main.js']
      .map((f) => path.join(ROOT, f))
      .find(existsSync)!;
    api = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        PORT: String(port),
        STORAGE_DRIVER: 'local',
        STORAGE_DIR: path.join(work, 'storage'),
        EVIDENCE_MAX_BYTES: String(2 * 1024 * MIB),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        COOKIE_SECURE: 'false',
        // Required in production; the bench sends no reminders.
        REMINDER_LINK_SECRET: newSecret('bench_'),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForHealth(port);

    const idleRssMb = procStatusMb(api.pid!, 'VmRSS');
    const auth = `Bearer ${token}`;
    const audit = await json(port, 'POST', '/api/audits', auth, {
      title: 'Bench audit',
      referenceCode: `BENCH-${Date.now()}`,
      demandingParty: 'A',
      respondingParty: 'B',
      agreementTitle: 'Agreement',
      receivedOn: '2023-05-18',
      responseDeadline: '2023-06-07T17:00',
      deadlineTimeZone: 'UTC',
    });

    const mibs = (seconds: number) => size / MIB / seconds;
    const load = () =>
      loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
    const sums: number[] = [];
    const uploads: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      markFile(file, round);
      // Each turn starts with no dirty pages to write back: the earlier uploads' gigabytes would
      // otherwise be flushed during a later one and slow it (4 rounds got slower each round).
      await run('sync', []);
      // A: sha256sum reads and hashes the file (in the page cache by now, as for the upload).
      const t0 = process.hrtime.bigint();
      const sum = await run('sha256sum', [file]);
      sums.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (sum.code !== 0) throw new Error(`sha256sum failed: ${sum.output}`);
      const expected = sum.stdout.split(' ')[0];
      // B: the same bytes through the API.
      await run('sync', []);
      const t1 = process.hrtime.bigint();
      const uploaded = await uploadFile(port, `/api/audits/${audit.id}/evidence/files`, auth, file, size);
      uploads.push(Number(process.hrtime.bigint() - t1) / 1e9);
      if (uploaded.currentVersion.sha256 !== expected)
        throw new Error(`hash differs: API ${uploaded.currentVersion.sha256}, sha256sum ${expected}`);
      console.log(
        `[bench] round ${round}: sha256sum ${sums.at(-1)!.toFixed(2)} s, upload ${uploads.at(-1)!.toFixed(2)} s ` +
          `(ratio ${(sums.at(-1)! / uploads.at(-1)!).toFixed(2)}), hashes match; load ${load()}`,
      );
    }
    const peakRssMb = procStatusMb(api.pid!, 'VmHWM');
    const sumSeconds = median(sums);
    const uploadSeconds = median(uploads);
    const overIdle = peakRssMb - idleRssMb;

    console.log('');
    console.log(`file size                    ${(size / MIB).toFixed(0)} MiB, ${ROUNDS} rounds (A B A B), medians`);
    console.log(`sha256sum                    ${sumSeconds.toFixed(2)} s  ${mibs(sumSeconds).toFixed(0)} MiB/s`);
    console.log(`upload through the API       ${uploadSeconds.toFixed(2)} s  ${mibs(uploadSeconds).toFixed(0)} MiB/s`);
    console.log(
      `ratio (API / sha256sum)      ${(mibs(uploadSeconds) / mibs(sumSeconds)).toFixed(2)} (goal >= 0.8 on a quiet box)`,
    );
    console.log(
      `API peak RSS (VmHWM)         ${peakRssMb.toFixed(0)} MB, ${overIdle.toFixed(0)} MB over its idle ${idleRssMb.toFixed(0)} MB ` +
        `(goal < 150 MB over idle) ${overIdle < 150 ? 'OK' : 'OVER'}`,
    );
    console.log(`load average                 ${load()} (${new Date().toISOString()})`);
  } finally {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await once(api, 'exit');
    }
    rmSync(work, { recursive: true, force: true });
    await database?.drop().catch(() => undefined);
    await postgres.stop();
  }
}

/** Random content (not compressible, not all one block), written in 4 MiB chunks. */
async function writeRandomFile(file: string, mib: number): Promise<void> {
  const out = createWriteStream(file);
  const chunk = Buffer.alloc(4 * MIB);
  for (let written = 0; written < mib; written += 4) {
    randomFillSync(chunk);
    if (!out.write(chunk.subarray(0, Math.min(4, mib - written) * MIB))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Writes the round number over the file's first bytes: new content, same size. */
function markFile(file: string, round: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.from(`round ${round} `.padEnd(16)), 0, 16, 0);
  } finally {
    closeSync(fd);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** A /proc/<pid>/status memory line (VmRSS, VmHWM) in MB. */
function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
}

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the API did not become healthy within 60 s');
    await sleep(200);
  }
}

async function json(
  port: number,
  method: string,
  url: string,
  authorization: string,
  body: unknown,
): Promise<{ id: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: authorization },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** A multipart upload streamed from disk: the file is never held in memory here either. */
function uploadFile(
  port: number,
  url: string,
  authorization: string,
  file: string,
  size: number,
): Promise<{ currentVersion: { sha256: string } }> {
  const boundary = '----bench-evidence-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBench upload\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: url,
        headers: {
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': head.length + size + tail.length,
          Authorization: authorization,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 201) reject(new Error(`upload failed: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as { currentVersion: { sha256: string } });
        });
      },
    );
    req.on('error', reject);
    req.write(head);
    const body = createReadStream(file, { highWaterMark: MIB });
    body.on('error', reject);
    body.on('end', () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

main().catch((error: Error) => {
  console.error(`[bench] ${error.message}`);
  process.exit(1);
});
