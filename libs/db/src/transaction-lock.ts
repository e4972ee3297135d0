import type { Prisma } from './generated/prisma/client';

/**
 * Takes a PostgreSQL advisory lock on `key` that lasts until the transaction ends (commit or
 * rollback releases it; nothing can leak). Writers that must not interleave — the next number
 * of a sequence, the check-then-write of one stored file — serialise on the same key.
 * The key is hashed to the 64-bit lock space by `hashtextextended`; a collision only makes two
 * unrelated writers wait for each other, never lets two related ones run at once.
 */
export async function lockForTransaction(tx: Prisma.TransactionClient, key: string): Promise<void> {
  // Wrapped in a SELECT that returns a row: Prisma cannot deserialise the void that the
  // function itself returns.
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS l`;
}
