import pg from 'pg';

/**
 * One long-lived connection for session-level advisory locks (held across statements, freed by PostgreSQL when the
 * process dies), used one caller at a time. A connection that fails is dropped and the next use opens a new one.
 */
export interface PgSession {
  /** Run `fn` with the connection, after any earlier use in this process finished. */
  use<T>(fn: (client: pg.Client) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openPgSession(url: string): PgSession {
  let client: Promise<pg.Client> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const connect = (): Promise<pg.Client> =>
    (client ??= (async () => {
      const c = new pg.Client({ connectionString: url, application_name: `opsledger-${process.pid}` });
      c.on('error', () => (client = null));
      c.on('end', () => (client = null));
      await c.connect();
      return c;
    })().catch((err: unknown) => {
      client = null;
      throw err;
    }));
  return {
    use(fn) {
      const run = queue.then(async () => fn(await connect()));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      const c = await client?.catch(() => null);
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
