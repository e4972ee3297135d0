// Gives the e2e run a fresh, migrated database and a Redis key prefix of its own, and points
// DATABASE_URL and QUEUE_PREFIX at them. The run's name (`auditdesk_test_<pid>_<start>_<random>`)
// comes from AUDITDESK_TEST_RUN (scripts/test.ts sets it and removes the run afterwards) or is
// made here (the global teardown then removes it). The database is that name, or
// TEST_DATABASE_URL when set (a developer running single specs by hand keeps theirs).
// `prisma migrate deploy` takes ~11 s here (a timer in the WASM schema engine), so the migrated
// schema is kept in a template database, rebuilt only when the migrations change, and each run
// clones it (CREATE DATABASE ... TEMPLATE), which takes well under a second. Runs started at
// once take turns at the template (an advisory lock), so none drops it under another. A run
// copies it once more into `<run>_template`, from which its per-file databases are cloned: a
// run from a checkout with other migrations may rebuild the shared one meanwhile.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl, withDatabase } from '../../libs/db/src/pg-connection';
import {
  newRunName,
  removeStaleRuns,
  SHARED_TEMPLATE_DATABASE,
  withMaintenanceClient,
  withTemplateLock,
} from '../../scripts/lib/test-run';

const ROOT = path.resolve(__dirname, '..', '..');

export default async function globalSetup(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL and sets it.');
  }
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const ownRun = !process.env.AUDITDESK_TEST_RUN;
  if (ownRun) {
    process.env.AUDITDESK_TEST_RUN = newRunName();
    process.env.AUDITDESK_TEST_RUN_OWNED_BY_JEST = '1';
    await removeStaleRuns(baseUrl, redisUrl, (m) => console.log(`[global-setup] ${m}`));
  }
  const run = process.env.AUDITDESK_TEST_RUN!;
  const testUrl = process.env.TEST_DATABASE_URL || withDatabase(baseUrl, run);
  const testDb = parseDatabaseUrl(testUrl).pool.database!;
  const templateDb = process.env.TEST_DATABASE_URL ? `${testDb}_template` : SHARED_TEMPLATE_DATABASE;
  const runTemplateDb = process.env.TEST_DATABASE_URL ? templateDb : `${testDb}_template`;
  const stamp = `migrations:${migrationsHash()}`;

  await withMaintenanceClient(testUrl, (admin) =>
    withTemplateLock(admin, async () => {
      const q = (name: string) => admin.escapeIdentifier(name);
      const { rows } = await admin.query<{ stamp: string | null }>(
        `SELECT shobj_description(oid, 'pg_database') AS stamp FROM pg_database WHERE datname = $1`,
        [templateDb],
      );
      if (rows[0]?.stamp !== stamp) {
        await admin.query(`DROP DATABASE IF EXISTS ${q(templateDb)} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${q(templateDb)}`);
        migrateDeploy(withDatabase(testUrl, templateDb));
        await admin.query(`COMMENT ON DATABASE ${q(templateDb)} IS ${admin.escapeLiteral(stamp)}`);
      }
      if (runTemplateDb !== templateDb) {
        await admin.query(`DROP DATABASE IF EXISTS ${q(runTemplateDb)} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${q(runTemplateDb)} TEMPLATE ${q(templateDb)}`);
      }
      await admin.query(`DROP DATABASE IF EXISTS ${q(testDb)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${q(testDb)} TEMPLATE ${q(runTemplateDb)}`);
    }),
  );

  // Test files run in this process or in workers forked after this point: all see these.
  process.env.DATABASE_URL = testUrl;
  // Per-file databases (test/support/own-database.ts) are cloned from the run's template.
  process.env.AUDITDESK_TEST_TEMPLATE = runTemplateDb;
  // Every queue, worker and QueueEvents of the apps and specs keys its Redis data by the run (each
  // spec file below a suffix of its own: file-queue-prefix.js).
  process.env.QUEUE_PREFIX = run;
  // No scheduled integrity sweep in workers the specs boot: it would re-hash every spec's
  // evidence against that worker's storage. The sweep's own spec turns it on.
  process.env.EVIDENCE_INTEGRITY_SWEEP_EVERY_MS = '0';
}

/** Hash of every file under prisma/migrations, names included. */
function migrationsHash(): string {
  const dir = path.join(ROOT, 'prisma', 'migrations');
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(dir, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

function migrateDeploy(databaseUrl: string): void {
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed for the test database:\n${result.stdout}${result.stderr}`);
  }
}
