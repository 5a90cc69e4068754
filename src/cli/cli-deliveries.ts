import { fileDeliveryState, type DeliveryStateStore } from '../alerts/delivery-state.js';
import type { DeliveryRecord } from '../alerts/delivery-store.js';
import { openFileOutbox } from '../alerts/file-outbox.js';
import type { Outbox } from '../alerts/outbox.js';
import { openPgDeliveryState } from '../alerts/pg-delivery-state.js';
import { openPgOutbox } from '../alerts/pg-outbox.js';
import { assertSchemaCurrent } from '../executions/postgres/migrate.js';
import { createPool, databaseError } from '../executions/postgres/pg-pool.js';
import { openPgSession } from '../executions/postgres/pg-session.js';
import type { CliContext } from './context.js';
import { journalUrl } from './journal-target.js';

/**
 * Use the webhook delivery state and the alerts outbox the service uses: in the journal's PostgreSQL database when the journal is there
 * (what every `serve` instance on it delivered), else in the data dir. Connections are closed when `work` settles.
 */
export async function withDeliveryState<T>(
  ctx: CliContext,
  work: (store: DeliveryStateStore, outbox: Outbox) => Promise<T>,
): Promise<T> {
  const url = journalUrl(ctx);
  if (!url) {
    return work(
      fileDeliveryState(ctx.dataDir),
      openFileOutbox(ctx.dataDir, (m) => ctx.out.info(`warning: ${m}`)),
    );
  }
  const pool = createPool(url, 1);
  const store = openPgDeliveryState(pool, url);
  // The outbox is only read here; its session (for the writer lock) never connects.
  const session = openPgSession(url);
  try {
    await assertSchemaCurrent(pool).catch((err: unknown) => {
      throw databaseError(url, err);
    });
    return await work(store, openPgOutbox(pool, session));
  } finally {
    await store.close();
    await session.close();
    await pool.end().catch(() => undefined);
  }
}

/** Every delivery's latest state, newest first. */
export function readCliDeliveries(ctx: CliContext): Promise<DeliveryRecord[]> {
  return withDeliveryState(ctx, (store) => store.deliveries());
}
