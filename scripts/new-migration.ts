// `npm run db:migration -- <name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql
// with the SQL that takes the existing migrations to prisma/schema.prisma. Prisma replays the
// migrations into a temporary shadow database, so a PostgreSQL server with CREATEDB is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, bin, ensurePostgres, loadDotEnv, run } from './lib/services';

async function main(): Promise<number> {
  const name = (process.argv[2] ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!name) {
    console.error('usage: npm run db:migration -- <name>   (e.g. add_subject_position)');
    return 2;
  }

  loadDotEnv();
  const postgres = await ensurePostgres({ log: () => {} });
  try {
    const diff = await run(
      bin('prisma'),
      [
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--script',
      ],
      { env: { DATABASE_URL: postgres.databaseUrl } },
    );
    if (diff.code !== 0) {
      console.error(`prisma migrate diff failed (exit ${diff.code}):\n${diff.output}`);
      return 1;
    }
    const sql = diff.stdout;
    const statements = sql.split('\n').filter((line) => line.trim() && !line.startsWith('--'));
    if (statements.length === 0) {
      console.error('prisma/schema.prisma matches the existing migrations: nothing to write.');
      return 1;
    }

    const timestamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(ROOT, 'prisma', 'migrations', `${timestamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), sql.endsWith('\n') ? sql : `${sql}\n`);
    console.log(`wrote ${path.relative(ROOT, dir)}/migration.sql — review it, then apply with: npm run db:migrate`);
    return 0;
  } finally {
    await postgres.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
