import { Injectable, Logger } from '@nestjs/common';
import type { Prisma } from './generated/prisma/client';
import { PrismaService } from './prisma.service';

type Tx = Prisma.TransactionClient;

/** Something to do once the transaction has committed (enqueue a job, send a mail). */
export type AfterCommitEffect = () => unknown;

/** The options Prisma's interactive transactions take. */
export interface TransactionOptions {
  maxWait?: number;
  timeout?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
}

interface Registered {
  label: string;
  run: AfterCommitEffect;
}

/**
 * The side effects a transaction collects. They run after it commits, in the order they were
 * registered, and never when it rolls back: a job is queued only for a row that exists.
 */
export class AfterCommit {
  private readonly effects: Registered[] = [];
  private readonly batches = new Map<string, unknown[]>();

  /** Runs `effect` after commit; `label` names it in the log if it fails. */
  add(label: string, effect: AfterCommitEffect): void {
    this.effects.push({ label, run: effect });
  }

  /**
   * Collects `items` under `key`. The first call for a key registers `flush` (at that place in
   * the order); it runs once after commit with every item added under the key in this
   * transaction, so a transaction that re-plans one audit twice still enqueues it once.
   */
  batch<T>(key: string, items: readonly T[], flush: (items: T[]) => unknown): void {
    const collected = this.batches.get(key) as T[] | undefined;
    if (collected) {
      collected.push(...items);
      return;
    }
    const fresh = [...items];
    this.batches.set(key, fresh);
    this.add(key, () => flush(fresh));
  }

  /**
   * Runs every effect in order. A failure is logged and the next effect still runs: the write
   * has committed and stands, so it must not turn into an error for the caller (whatever an
   * effect does has to be recoverable without it, e.g. by a reconciler).
   */
  async runAll(logger: Pick<Logger, 'warn'>): Promise<void> {
    for (const effect of this.effects) {
      try {
        await effect.run();
      } catch (error) {
        logger.warn(`After-commit effect "${effect.label}" failed (the committed change stands): ${describe(error)}`);
      }
    }
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One way to write with after-commit side effects: `run` opens a Prisma interactive transaction,
 * hands the work its client and an `AfterCommit`, and runs what was registered only once the
 * transaction has committed. A thrown error rolls back and discards the effects.
 *
 *     await this.uow.run(async (tx, effects) => {
 *       ...write...
 *       await this.reminders.replan(tx, effects, auditId); // registers its own enqueue
 *     });
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(private readonly prisma: PrismaService) {}

  async run<T>(work: (tx: Tx, effects: AfterCommit) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const effects = new AfterCommit();
    const result = await this.prisma.$transaction((tx) => work(tx, effects), options);
    await effects.runAll(this.logger);
    return result;
  }
}
