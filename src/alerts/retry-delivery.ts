import { OpsledgerError } from '../errors/opsledger-error.js';
import type { DeliveryStateStore } from './delivery-state.js';

/** Wait for a webhook's delivery lock (a running worker holds it for one pass at most). */
async function lockWebhook(store: DeliveryStateStore, webhook: string): Promise<() => Promise<void>> {
  const until = Date.now() + 30_000;
  for (;;) {
    const release = await store.tryLock(webhook);
    if (release) return release;
    if (Date.now() > until) {
      throw new OpsledgerError(
        'JOURNAL_LOCKED',
        `webhook ${webhook} is being delivered; its lock was not free`,
        {
          hint: 'Retry in a moment: a delivery pass holds the lock only while it runs.',
        },
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Queue a delivery again (`opsledger webhooks retry ID`): a dead one is sent again ahead of the rest; a webhook
 * disabled by a 410 is enabled again. Taken under the webhook's lock (a flock, or the advisory lock on PostgreSQL),
 * so a running worker sees it on its next pass.
 */
export async function retryDelivery(
  store: DeliveryStateStore,
  id: string,
): Promise<{ webhook: string; event_id: string; enabled: boolean; queued: boolean }> {
  const record = (await store.deliveries()).find((d) => d.delivery_id === id);
  if (!record) {
    throw new OpsledgerError('NOT_FOUND', `no delivery ${id}`, {
      hint: 'List deliveries with `opsledger webhooks deliveries`.',
    });
  }
  const release = await lockWebhook(store, record.webhook);
  try {
    const state = await store.read(record.webhook);
    const enabled = state.disabled !== null;
    // A disabled webhook kept the event that got the 410 at its head: enabling it sends that one again.
    const queued = record.status === 'dead' && !state.retries.includes(record.offset);
    await store.write(record.webhook, {
      ...state,
      disabled: null,
      retries: queued ? [...state.retries, record.offset] : state.retries,
    });
    return { webhook: record.webhook, event_id: record.event_id, enabled, queued };
  } finally {
    await release();
  }
}
