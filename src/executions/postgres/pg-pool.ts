import pg from 'pg';
import { OpsledgerError } from '../../errors/opsledger-error.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** The URL with any password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the database URL';
  }
}

/**
 * A connection pool to the journal's database (`postgres://…`; a schema other than `public` through
 * `?options=-csearch_path%3Dname`). Idle clients that lose their connection are dropped, not fatal.
 */
export function createPool(url: string, max = 4): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 10_000,
    // Each process's connections are findable in pg_stat_activity (docs/postgres.md, "Several instances").
    application_name: `opsledger-${process.pid}`,
  });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Whether a query failed because its connection was lost (ended by the server or an administrator, reset), not on
 * the query: e.g. a pooled connection the server ended while it sat idle, which the pool may hand out before it hears.
 */
export function isConnectionLost(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (/^(08|57P0[1-3])/.test(code) || code === 'ECONNRESET' || code === 'EPIPE') return true;
  }
  return typeof message === 'string' && /^Connection terminated/.test(message);
}

/**
 * A query that is safe to send twice (a read), sent again on another connection while its connection turns out to be
 * lost: as many times as the pool has connections, plus one (a server restart leaves every idle one dead).
 */
export async function queryRetried<R extends pg.QueryResultRow>(
  pool: Pool,
  text: string,
  values?: unknown[],
): Promise<pg.QueryResult<R>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pool.query<R>(text, values);
    } catch (err) {
      if (!isConnectionLost(err) || attempt > (pool.options.max ?? 10)) throw err;
    }
  }
}

/** A database error as the CLI reports it: DATABASE_UNAVAILABLE with the (masked) URL. */
export function databaseError(url: string, err: unknown): OpsledgerError {
  if (err instanceof OpsledgerError) return err;
  return new OpsledgerError(
    'DATABASE_UNAVAILABLE',
    `cannot use the PostgreSQL journal at ${redactUrl(url)}: ${(err as Error).message}`,
    { cause: err },
  );
}

/** Run `work` in one transaction on a client of the pool: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      const out = await work(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    client.release();
  }
}

/** The advisory lock key of a purpose in the current schema (each schema its own journal, its own lock). */
export const LOCK_KEY_SQL = (purpose: string): string =>
  `hashtextextended(current_schema() || '.opsledger.${purpose}', 0)`;
