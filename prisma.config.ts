// Prisma CLI config. Migrations run through the WASM schema engine and the pg driver
// adapter (`engine: 'js'`): Prisma's native engines cannot be downloaded here.
// See STACK.md for the two upstream bugs worked around below.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';
import { parseDatabaseUrl, type PgConnection } from './libs/db/src/pg-connection';

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/** PrismaPg whose shadow database is dropped only after its pool has ended. */
class MigratePrismaPg extends PrismaPg {
  constructor(private readonly connection: PgConnection) {
    super(connection.pool, { schema: connection.schema });
  }

  override async connectToShadowDb(): Promise<PgAdapter> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg(
      { ...this.connection.pool, database },
      { schema: this.connection.schema },
    ).connect();
    const disposeShadowPool = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      // Upstream drops first, which fails while the shadow pool still holds connections.
      await disposeShadowPool();
      try {
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      } finally {
        await main.dispose();
      }
    };
    return shadow;
  }
}

const databaseUrl = process.env.DATABASE_URL;
// schema.prisma's `url = env("DATABASE_URL")` must resolve for every command, even those that
// never connect: when it does not, the CLI falls back to downloading a native engine. Commands
// that connect go through the adapter below, which reports the missing variable; the role name
// says it to anything else (e.g. a seed script) that would connect with the placeholder.
process.env.DATABASE_URL ||= 'postgresql://DATABASE_URL-is-not-set@127.0.0.1:5432/unset';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed/main.ts',
  },
  // Called only by commands that connect, so `prisma generate` needs no DATABASE_URL.
  // Prisma's contract is a function returning a promise; nothing here needs to wait.
  // eslint-disable-next-line @typescript-eslint/require-await
  adapter: async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/auditdesk)');
    const connection = parseDatabaseUrl(databaseUrl);
    // Short idle timeout + allowExitOnIdle: otherwise the CLI lingers ~10 s at exit.
    connection.pool = { ...connection.pool, idleTimeoutMillis: 200, allowExitOnIdle: true };
    return new MigratePrismaPg(connection);
  },
});
