import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { parseDatabaseUrl } from './pg-connection';

/** The pg driver adapter for a postgresql:// URL (Prisma runs without native engines here). */
export function createPgAdapter(databaseUrl: string): PrismaPg {
  const { pool, schema } = parseDatabaseUrl(databaseUrl);
  return new PrismaPg(pool, { schema });
}

/**
 * Options shared by every client of the application. Prisma's default interactive
 * transaction (5 s, 2 s to start) is too short for an ordinary change on a busy machine: adding
 * a request to a grid of forty subjects re-plans the audit's reminders in the same unit of
 * work, and under load that outlived 5 s and answered 500. Bulk work (imports, bulk
 * staffing) still sets its own, longer limits.
 */
export function prismaClientOptions(databaseUrl: string) {
  return {
    adapter: createPgAdapter(databaseUrl),
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  };
}

/** A standalone client, for scripts, the seed and tests outside Nest. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient(prismaClientOptions(databaseUrl));
}
