import { readDeliveries, type DeliveryRecord } from '../alerts/delivery-store.js';
import { openPgDeliveryState } from '../alerts/pg-delivery-state.js';
import { assertSchemaCurrent } from '../executions/postgres/migrate.js';
import { createPool, databaseError } from '../executions/postgres/pg-pool.js';
import type { CliContext } from './context.js';
import { journalUrl } from './journal-target.js';

/**
 * Every delivery's latest state, newest first: from the journal's PostgreSQL database when the journal is there
 * (what every `serve` instance on it delivered), else from the data dir.
 */
export async function readCliDeliveries(ctx: CliContext): Promise<DeliveryRecord[]> {
  const url = journalUrl(ctx);
  if (!url) return readDeliveries(ctx.dataDir);
  const pool = createPool(url, 1);
  try {
    await assertSchemaCurrent(pool);
    const store = openPgDeliveryState(pool, url);
    return await store.deliveries();
  } catch (err) {
    throw databaseError(url, err);
  } finally {
    await pool.end().catch(() => undefined);
  }
}
