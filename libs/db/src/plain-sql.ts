import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DATABASE_URL } from './db.constants';
import type { Prisma } from './generated/prisma/client';
import { parseDatabaseUrl } from './pg-connection';

/**
 * Plain SQL on a pg pool of its own, for the statements that run most: the reads on nearly
 * every request (the caller's session or token, their membership of the audit) or that the UI
 * asks for most (the grid), and the worker's digest claim and close, thousands in a burst at
 * 09:00. Prisma spends about four times the driver's CPU on each statement, even a raw one, and
 * at a few statements a request that was most of the API's time (`npm run bench:api`).
 * Single statements outside transactions only: a write here is a whole unit of work in one
 * statement (atomic on its own); anything that takes several statements, or must see a
 * transaction's own changes, goes through PrismaService and the UnitOfWork.
 *
 * Rows come back as pg gives them: timestamptz as Date, int4 as number, jsonb parsed; a `date`
 * column should be selected as text (to_char), as pg would read it in the process's time zone.
 */
@Injectable()
export class PlainSql implements OnApplicationShutdown {
  private readonly logger = new Logger(PlainSql.name);
  private readonly pool: pg.Pool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string) {
    // Its own few connections: it holds one only for the length of a statement.
    const { pool, schema } = parseDatabaseUrl(databaseUrl);
    // The schema Prisma is told to use (`?schema=`), for the statements' unqualified names.
    const options = schema ? `-c search_path=${schema}` : undefined;
    this.pool = new pg.Pool({ ...pool, max: 10, options });
    // A connection the database or the network drops while it sits idle here is reported as the
    // pool's `error` event, and an EventEmitter with no listener throws it: a database blip would
    // end the whole process. The pool has already let that connection go; the next read opens a
    // new one (and fails, like any read, while the database is still away).
    this.pool.on('error', (error) => this.logger.warn(`An idle database connection was lost: ${error.message}`));
  }

  /**
   * Runs a statement built with Prisma.sql (values are sent as parameters, never spliced).
   * `name` makes it a prepared statement, parsed and planned once per connection instead of on
   * every run: for a statement run thousands of times in a burst (a digest's read), whose
   * planning costs the database about as much as running it. The same name must always go with
   * the same text.
   */
  async rows<T>(statement: Prisma.Sql, options: { name?: string } = {}): Promise<T[]> {
    const result = await this.pool.query({ name: options.name, text: statement.text, values: statement.values });
    return result.rows as T[];
  }

  /** Runs a statement for its effect (an UPDATE, say); resolves with the number of rows it changed. */
  async execute(statement: Prisma.Sql): Promise<number> {
    const result = await this.pool.query({ text: statement.text, values: statement.values });
    return result.rowCount ?? 0;
  }

  /** Last in a stop (after the HTTP server and the queue workers let their work finish). */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
