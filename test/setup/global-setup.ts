// Gives the e2e run a fresh, migrated test database and points DATABASE_URL at it.
// The test database is TEST_DATABASE_URL, or `auditdesk_test` on DATABASE_URL's server.
// `prisma migrate deploy` takes ~11 s here (a timer in the WASM schema engine), so the
// migrated schema is kept in `<test db>_template`, rebuilt only when the migrations change,
// and each run clones it (CREATE DATABASE ... TEMPLATE), which takes well under a second.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parseDatabaseUrl, withDatabase } from '../../libs/db/src/pg-connection';

const ROOT = path.resolve(__dirname, '..', '..');

export default async function globalSetup(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  const testUrl = process.env.TEST_DATABASE_URL || (baseUrl && withDatabase(baseUrl, 'auditdesk_test'));
  if (!testUrl) {
    throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL and sets it.');
  }
  const testDb = parseDatabaseUrl(testUrl).pool.database!;
  const templateDb = `${testDb}_template`;
  const stamp = `migrations:${migrationsHash()}`;

  const admin = new pg.Client(parseDatabaseUrl(withDatabase(testUrl, 'postgres')).pool);
  await admin.connect();
  try {
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
    await admin.query(`DROP DATABASE IF EXISTS ${q(testDb)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${q(testDb)} TEMPLATE ${q(templateDb)}`);
  } finally {
    await admin.end();
  }

  // Test files run in this process or in workers forked after this point: both see it.
  process.env.DATABASE_URL = testUrl;
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
