import pg from 'pg';

/**
 * Postgres type ids that @prisma/adapter-pg 6.19 cannot deserialize, mapped to
 * text (25) and text[] (1009). Prisma's WASM schema engine reads catalog columns
 * of these types (prisma/orm#27403); raw catalog queries hit the same error.
 */
const TEXT_ALIASES: Readonly<Record<number, number>> = {
  18: 25, // "char"
  19: 25, // name
  1002: 1009, // "char"[]
  1003: 1009, // name[]
};

interface RowDescription {
  fields: { dataTypeID: number }[];
}

/**
 * PostgreSQL 18 lists NOT NULL constraints in pg_constraint (contype 'n'), and the 6.19 schema
 * engine's constraint query lets them through and then panics (prisma/orm#29635). Its fix
 * (prisma-engines PR 5819) keeps only the kinds the engine reads: check and exclusion.
 */
const PG18_CONSTRAINT_FILTER = "contype NOT IN ('p', 'u', 'f')";
const PG18_CONSTRAINT_FIX = "contype IN ('c', 'x')";

/**
 * The pg Client given to PrismaPg (pool option `Client`), working around two adapter/engine
 * bugs that Prisma's own catalog queries hit:
 * - "char"/name columns (and arrays) are reported as text, so the adapter can read them. The
 *   type ids are rewritten when the row description arrives, so pg also picks text parsers.
 * - the schema engine's constraint query is narrowed to work on PostgreSQL 18.
 * - a query waits here for the one before it on this connection, instead of in pg's own queue.
 *   Prisma's adapter sends a query plan's independent reads at once (a nested include), and in
 *   a transaction they share one connection (prisma/orm#29646, fix pending in #29979). pg runs
 *   them one after the other anyway, but queuing in the client is deprecated since pg 8.19
 *   (the "client is already executing a query" warning) and goes in pg 9.
 */
export class PgCompatClient extends pg.Client {
  /** Settles when the last query sent through the promise API has. */
  private previous: Promise<unknown> = Promise.resolve();

  // pg.Client.query has a dozen overloads; this override forwards every one of them unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const config = args[0] as { text?: unknown; submit?: unknown } | undefined;
    if (typeof config?.text === 'string' && config.text.includes(PG18_CONSTRAINT_FILTER)) {
      args[0] = { ...config, text: config.text.replace(PG18_CONSTRAINT_FILTER, PG18_CONSTRAINT_FIX) };
    }
    const send = () => (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    // A callback or a submittable (cursor, stream) is the caller's own flow: the pool's checks.
    if (typeof args.at(-1) === 'function' || typeof config?.submit === 'function') return send();
    const result = this.previous.then(send, send);
    this.previous = result.catch(() => undefined);
    return result;
  }

  _handleRowDescription(msg: RowDescription): void {
    for (const field of msg.fields) {
      field.dataTypeID = TEXT_ALIASES[field.dataTypeID] ?? field.dataTypeID;
    }
    // pg declares this handler privately; it is what the connection calls.
    (pg.Client.prototype as unknown as { _handleRowDescription(m: RowDescription): void })._handleRowDescription.call(
      this,
      msg,
    );
  }
}

export interface PgConnection {
  /** Pool config with separate fields (never a connection string). */
  pool: pg.PoolConfig;
  /** The Postgres schema named by `?schema=`, for PrismaPg's options. */
  schema?: string;
}

/**
 * Splits a postgresql:// URL into pool fields. Separate fields matter: PrismaPg
 * builds its shadow database pool as `{ ...config, database }`, which a
 * `connectionString` would silently override.
 */
export function parseDatabaseUrl(databaseUrl: string): PgConnection {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must start with postgresql:// (got ${url.protocol}//)`);
  }
  const params = url.searchParams;
  const sslmode = params.get('sslmode');
  const pool: pg.PoolConfig = {
    // `?host=/var/run/postgresql` selects a Unix socket directory, as in libpq.
    host: params.get('host') ?? (decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1') || '127.0.0.1'),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)) || 'postgres',
    ssl:
      sslmode && sslmode !== 'disable' && sslmode !== 'prefer'
        ? { rejectUnauthorized: sslmode === 'verify-full' }
        : undefined,
    Client: PgCompatClient,
  };
  return { pool, schema: params.get('schema') ?? undefined };
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
