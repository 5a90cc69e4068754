import type { KeyStore } from '../access/key-store.js';
import { openKeyStore } from '../access/open-key-store.js';
import { openPgKeyStore } from '../access/pg-key-store.js';
import { assertSchemaCurrent } from '../executions/postgres/migrate.js';
import { createPool, databaseError } from '../executions/postgres/pg-pool.js';
import { openState } from '../state/open-state.js';
import type { CliContext } from './context.js';
import { journalUrl } from './journal-target.js';

/**
 * Use the API keys the service uses: in the journal's PostgreSQL database when the journal is there (shared by every
 * `serve` instance), else in the data dir. The pool is closed when `work` settles.
 */
export async function withKeyStore<T>(ctx: CliContext, work: (store: KeyStore) => Promise<T>): Promise<T> {
  const url = journalUrl(ctx);
  if (!url) return work(openKeyStore(openState(ctx.dataDir)));
  const pool = createPool(url, 1);
  try {
    await assertSchemaCurrent(pool).catch((err: unknown) => {
      throw databaseError(url, err);
    });
    return await work(openPgKeyStore(pool));
  } finally {
    await pool.end().catch(() => undefined);
  }
}
