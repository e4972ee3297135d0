import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { parseDatabaseUrl } from './pg-connection';

/** The pg driver adapter for a postgresql:// URL (Prisma runs without native engines here). */
export function createPgAdapter(databaseUrl: string): PrismaPg {
  const { pool, schema } = parseDatabaseUrl(databaseUrl);
  return new PrismaPg(pool, { schema });
}

/** A standalone client, for scripts, the seed and tests outside Nest. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: createPgAdapter(databaseUrl) });
}
