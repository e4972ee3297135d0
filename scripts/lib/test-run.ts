// A test run's own name, database(s) and Redis keys: two runs on one machine, and a running
// `npm start`, never see each other's data. The run's name is its PostgreSQL database and its
// BullMQ key prefix at once, and says which process started it and when, so the leftovers of
// a run that was killed can be recognised and removed by the next one.
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import pg from 'pg';
import { parseDatabaseUrl, withDatabase } from '../../libs/db/src/pg-connection';

/** Every run's name starts with this; the shared template database is `auditdesk_test_template`. */
const RUN_PREFIX = 'auditdesk_test_';
export const SHARED_TEMPLATE_DATABASE = `${RUN_PREFIX}template`;
/** `auditdesk_test_<pid>_<start, base-36 seconds>_<random>`, optionally followed by `_<per-file suffix>`. */
const RUN_NAME = /^auditdesk_test_(\d+)_([0-9a-z]+)_([0-9a-f]{4})(?=_|:|$)/;
/** Leftovers of a run this old are removed even if a process with its id runs (the id was reused). */
const STALE_AFTER_MS = 24 * 3600_000;
/** Session-level advisory lock held while the shared template is checked, built or cloned. */
const TEMPLATE_LOCK_KEY = 0x41_44_4b_54; // "ADKT"

/** A new run's name, unique on this machine: the process id, the start time and 16 random bits. */
export function newRunName(pid = process.pid, now = Date.now()): string {
  return `${RUN_PREFIX}${pid}_${Math.floor(now / 1000).toString(36)}_${randomBytes(2).toString('hex')}`;
}

/** The run a database name or Redis key belongs to, when it belongs to one. */
export function parseRunName(name: string): { run: string; pid: number; startedAt: number } | null {
  const match = RUN_NAME.exec(name);
  if (!match) return null;
  return { run: match[0], pid: Number(match[1]), startedAt: parseInt(match[2], 36) * 1000 };
}

/** Whether a run is over: its process is gone, or it started more than a day ago. */
export function runIsStale(run: { pid: number; startedAt: number }, now = Date.now()): boolean {
  if (now - run.startedAt > STALE_AFTER_MS) return true;
  try {
    process.kill(run.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Runs fn on the server's `postgres` maintenance database. */
export async function withMaintenanceClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(parseDatabaseUrl(withDatabase(databaseUrl, 'postgres')).pool);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs fn holding the template lock on this session: checking and rebuilding the shared template
 * database, and cloning it (which fails while another session is connected to it), happen one
 * run at a time, so runs started together never drop the template under each other.
 */
export async function withTemplateLock<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
  try {
    return await fn();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
  }
}

/** Drops the database `name` and every per-file database named `name_<suffix>`. */
export async function dropDatabaseFamily(client: pg.Client, name: string): Promise<string[]> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $1 || '_')`,
    [name],
  );
  for (const { datname } of rows)
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
  return rows.map((r) => r.datname);
}

/**
 * Lua runs atomically in Redis: every key is gone in one step, as with a real FLUSHDB or a
 * restart. A SCAN loop from here would leave a window in which a running worker re-adds part
 * of a job (its hash without its place in the delayed set), which no flush in production does.
 */
const DELETE_BY_PREFIX = `
local keys = redis.call('KEYS', ARGV[1])
for i = 1, #keys, 5000 do
  redis.call('UNLINK', unpack(keys, i, math.min(i + 4999, #keys)))
end
return #keys`;

/** Deletes every Redis key that starts with `prefix`, in one atomic step (never FLUSHDB: the database is shared). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  if (!/^[A-Za-z0-9_:-]+$/.test(prefix)) throw new Error(`refusing to delete keys by a pattern-like prefix: ${prefix}`);
  return (await redis.eval(DELETE_BY_PREFIX, 0, `${prefix}*`)) as number;
}

/** Removes one run's databases and Redis keys (after it ended, whether it passed or not). */
export async function removeRun(databaseUrl: string, redisUrl: string, run: string): Promise<void> {
  await withMaintenanceClient(databaseUrl, (client) => dropDatabaseFamily(client, run));
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await deleteKeysWithPrefix(redis, run);
  } finally {
    redis.disconnect();
  }
}

/** Removes the databases and Redis keys of runs that were killed before they could clean up. */
export async function removeStaleRuns(databaseUrl: string, redisUrl: string, log: (m: string) => void): Promise<void> {
  const stale = new Set<string>();
  await withMaintenanceClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [RUN_PREFIX],
    );
    for (const { datname } of rows) {
      const run = parseRunName(datname);
      if (run && runIsStale(run)) stale.add(run.run);
    }
    for (const run of stale) {
      const dropped = await dropDatabaseFamily(client, run);
      log(`dropped ${dropped.join(', ')} (left by a run that ended without cleaning up)`);
    }
  });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const runs = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${RUN_PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const run = parseRunName(key);
        if (run && runIsStale(run)) runs.add(run.run);
      }
    } while (cursor !== '0');
    for (const run of runs) {
      const deleted = await deleteKeysWithPrefix(redis, run);
      log(`deleted ${deleted} Redis keys of ${run} (left by a run that ended without cleaning up)`);
    }
  } finally {
    redis.disconnect();
  }
}
