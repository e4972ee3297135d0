// The database clients of @app/db through a TCP proxy to the real database that the test cuts
// (every connection reset, new ones refused, then let through again): a database blip must cost
// the connections it broke, never the process and never a connection for good.
// - PlainSql, the API's plain-SQL pool: a connection dropped while idle in the pool is reported
//   as the pool's `error` event, which ends a process that does not listen for it.
// - Prisma (createPrismaClient, as PrismaService): a transaction whose connection broke could not
//   send its ROLLBACK, and Prisma never gave the connection back: the pool counted it in use for
//   good (ten of those and every query waits forever), and disconnecting waited for it.
import pg from 'pg';
import { createPrismaClient, parseDatabaseUrl, Prisma, PlainSql } from '@app/db';
import { eventually } from './support/eventually';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

describe('database clients through a connection blip', () => {
  let proxy: TcpProxy;
  let viaProxy: string;

  beforeAll(async () => {
    const { host, port } = parseDatabaseUrl(process.env.DATABASE_URL!).pool;
    proxy = await startTcpProxy({ host: host!, port: port! });
    const url = new URL(process.env.DATABASE_URL!);
    url.port = String(proxy.port);
    viaProxy = url.toString();
  });

  afterEach(() => {
    proxy.restore();
    jest.restoreAllMocks();
  });
  afterAll(() => proxy?.close());

  it('PlainSql drops the idle connections the network reset, fails reads while it is down, and reads again after', async () => {
    const reader = new PlainSql(viaProxy);
    try {
      expect(await reader.rows(Prisma.sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
      // An unhandled `error` event from the pool fails this test, as it would end the API process.
      proxy.cut();
      // The reset has reached the idle connection, and the pool has let it go.
      const pool = (reader as unknown as { pool: pg.Pool }).pool;
      await eventually(
        () => Promise.resolve(pool.totalCount),
        (total) => total === 0,
      );
      await expect(reader.rows(Prisma.sql`SELECT 2 AS two`)).rejects.toThrow();
      proxy.restore();
      expect(await reader.rows(Prisma.sql`SELECT 3 AS three`)).toEqual([{ three: 3 }]);
    } finally {
      await reader.onApplicationShutdown();
    }
  });

  it('Prisma gives back the connection of a transaction the cut broke: none is left in use, and disconnecting finishes', async () => {
    // The pool Prisma's adapter makes for itself, seen as it hands out connections.
    const connect = jest.spyOn(pg.Pool.prototype, 'connect');
    const prisma = createPrismaClient(viaProxy);
    try {
      await expect(
        prisma.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT 1 AS one`;
          proxy.cut();
          await tx.$queryRaw`SELECT 2 AS two`;
        }),
      ).rejects.toThrow();
      proxy.restore();
      expect(await prisma.$queryRaw`SELECT 3 AS three`).toEqual([{ three: 3 }]);
      const pools = [...new Set(connect.mock.contexts as pg.Pool[])];
      expect(pools.map((pool) => ({ inUse: pool.totalCount - pool.idleCount }))).toEqual([{ inUse: 0 }]);
    } finally {
      await prisma.$disconnect();
    }
  });
});
