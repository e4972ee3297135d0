import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { parseDatabaseUrl } from './pg-connection';

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
type PgTransaction = Awaited<ReturnType<PgAdapter['startTransaction']>>;

/**
 * Prisma 6.19 ends a transaction (interactive, or the internal one it wraps some writes in) by
 * sending COMMIT or ROLLBACK and only then handing the connection back to the pool. When that
 * statement fails, as it does on a connection the database or the network dropped, the hand-back
 * never happens: the pool counts the dead connection as in use for good. Each database blip
 * cost a worker or API a connection of its ten, until every query waited forever for one, and
 * shutdown hung (the pool's end waits for it). Here a failed COMMIT or ROLLBACK hands the
 * connection back itself; the pool discards it when it is no longer usable.
 */
function releasedOnFailedEnd(tx: PgTransaction): PgTransaction {
  let released = false;
  const once =
    (release: () => Promise<void>): (() => Promise<void>) =>
    async () => {
      if (released) return;
      released = true;
      await release();
    };
  const commit = once(tx.commit.bind(tx));
  const rollback = once(tx.rollback.bind(tx));
  const executeRaw = tx.executeRaw.bind(tx);
  return Object.assign(tx, {
    commit,
    rollback,
    executeRaw: async (query: Parameters<PgTransaction['executeRaw']>[0]) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        if (query.sql === 'COMMIT' || query.sql === 'ROLLBACK') await rollback();
        throw error;
      }
    },
  });
}

/** PrismaPg whose transactions give their connection back even when they could not end cleanly. */
class ReleasingPrismaPg extends PrismaPg {
  override async connect(): Promise<PgAdapter> {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => releasedOnFailedEnd(await startTransaction(isolationLevel));
    return adapter;
  }
}

/** The pg driver adapter for a postgresql:// URL (Prisma runs without native engines here). */
export function createPgAdapter(databaseUrl: string): PrismaPg {
  const { pool, schema } = parseDatabaseUrl(databaseUrl);
  return new ReleasingPrismaPg(pool, { schema });
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
