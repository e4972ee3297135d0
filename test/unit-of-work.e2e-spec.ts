// UnitOfWork (@app/db) on the real test database: effects registered inside the transaction
// run after it commits (they see the committed row from another connection), in order, never
// after a rollback, and a failing effect is logged without failing the committed write.
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { PrismaService, UnitOfWork } from '@app/db';
import { uid } from './support/factories';

describe('UnitOfWork', () => {
  let prisma: PrismaService;
  let uow: UnitOfWork;

  beforeAll(async () => {
    prisma = new PrismaService(process.env.DATABASE_URL!);
    await prisma.$connect();
    uow = new UnitOfWork(prisma);
  });

  afterAll(() => prisma.$disconnect());
  afterEach(() => jest.restoreAllMocks());

  const userData = () => {
    const id = uid();
    return { email: `uow-${id}@e2e.example.com`, name: `uow ${id}` };
  };
  /** Reads outside the transaction: only a committed row is found. */
  const committed = async (email: string) => (await prisma.user.count({ where: { email } })) === 1;

  it('runs the effects after commit, in the order they were registered, then returns the result', async () => {
    const data = userData();
    const seen: string[] = [];
    const result = await uow.run(async (tx, effects) => {
      const user = await tx.user.create({ data });
      effects.add('first', async () => seen.push(`first, committed=${await committed(data.email)}`));
      effects.add('second', () => seen.push('second'));
      expect(seen).toEqual([]);
      return user.id;
    });
    expect(seen).toEqual(['first, committed=true', 'second']);
    expect(await prisma.user.findUnique({ where: { id: result }, select: { email: true } })).toEqual({
      email: data.email,
    });
  });

  it("answers a transaction's reads sent at once, each its own, without pg's deprecated queue", async () => {
    // Prisma's adapter sends a query plan's independent reads at once (a nested include), on the
    // transaction's one connection. A query sent while another runs or waits is what pg 8.19
    // warns of ("already executing a query") and pg 9 will refuse: none may be.
    const busy: number[] = [];
    const send = pg.Client.prototype.query;
    jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const state = this as unknown as { _activeQuery: unknown; _queryQueue: unknown[] };
      busy.push((state._activeQuery ? 1 : 0) + state._queryQueue.length);
      return (send as (...a: unknown[]) => unknown).apply(this, args);
    });
    const data = userData();
    const found = await uow.run(async (tx) => {
      const user = await tx.user.create({ data });
      await tx.session.create({ data: { userId: user.id, tokenHash: `uow-${uid()}`, expiresAt: new Date() } });
      // Four relations: four reads Prisma sends together.
      return tx.user.findUniqueOrThrow({
        where: { id: user.id },
        select: {
          name: true,
          sessions: { select: { userId: true } },
          apiTokens: true,
          memberships: true,
          comments: true,
        },
      });
    });
    expect(found).toEqual({
      name: data.name,
      sessions: [{ userId: expect.any(String) }],
      apiTokens: [],
      memberships: [],
      comments: [],
    });
    expect(busy.length).toBeGreaterThan(4);
    expect(busy.filter((n) => n > 0)).toEqual([]);
  });

  it('runs no effect when the transaction rolls back, and the error reaches the caller', async () => {
    const data = userData();
    const effect = jest.fn();
    await expect(
      uow.run(async (tx, effects) => {
        await tx.user.create({ data });
        effects.add('must not run', effect);
        throw new Error('validation failed after the write');
      }),
    ).rejects.toThrow('validation failed after the write');
    expect(effect).not.toHaveBeenCalled();
    expect(await committed(data.email)).toBe(false);
  });

  it('logs a failing effect, runs the next ones and still returns the committed result', async () => {
    const logged = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const data = userData();
    const after: string[] = [];
    const result = await uow.run(async (tx, effects) => {
      await tx.user.create({ data });
      effects.add('enqueue the digest', () => Promise.reject(new Error('Redis is unreachable')));
      effects.add('next', () => after.push('next ran'));
      return 'written';
    });
    expect(result).toBe('written');
    expect(after).toEqual(['next ran']);
    expect(await committed(data.email)).toBe(true);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('"enqueue the digest" failed'));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('Redis is unreachable'));
  });

  it('flushes a batch once, at its first registration, with every item added under its key', async () => {
    const flushed: string[][] = [];
    const order: string[] = [];
    await uow.run(async (tx, effects) => {
      await tx.user.create({ data: userData() });
      effects.batch('audit-1', ['a'], (items: string[]) => {
        order.push('batch');
        flushed.push(items);
      });
      effects.add('plain', () => order.push('plain'));
      // A second flush function for the same key is never registered.
      effects.batch('audit-1', ['b', 'c'], (items: string[]) => flushed.push(items));
    });
    expect(flushed).toEqual([['a', 'b', 'c']]);
    expect(order).toEqual(['batch', 'plain']);
  });
  it("lets a unit of work run past Prisma's 5-second default, so a slow change on a busy machine commits", async () => {
    const data = userData();
    await uow.run(async (tx) => {
      await tx.$executeRaw`SELECT pg_sleep(6)`;
      await tx.user.create({ data });
    });
    expect(await committed(data.email)).toBe(true);
  });
});
