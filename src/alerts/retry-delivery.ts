import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { withFlock } from '../state/flock.js';
import { deliveryPaths, readDeliveries, readWebhookState, writeWebhookState } from './delivery-store.js';

/**
 * Queue a delivery again (`opsledger webhooks retry ID`): a dead one is sent again ahead of the rest; a webhook
 * disabled by a 410 is enabled again. Taken under the webhook's lock, so a running worker sees it on its next pass.
 */
export async function retryDelivery(
  dataDir: string,
  id: string,
): Promise<{ webhook: string; event_id: string; enabled: boolean; queued: boolean }> {
  const record = (await readDeliveries(dataDir)).find((d) => d.delivery_id === id);
  if (!record) {
    throw new OpsledgerError('NOT_FOUND', `no delivery ${id}`, {
      hint: 'List deliveries with `opsledger webhooks deliveries`.',
    });
  }
  const lock = deliveryPaths(dataDir).lock(record.webhook);
  mkdirSync(path.dirname(lock), { recursive: true, mode: 0o700 });
  return withFlock(lock, { what: `webhook ${record.webhook}`, timeoutMs: 30_000 }, async () => {
    const state = readWebhookState(dataDir, record.webhook);
    const enabled = state.disabled !== null;
    // A disabled webhook kept the event that got the 410 at its head: enabling it sends that one again.
    const queued = record.status === 'dead' && !state.retries.includes(record.offset);
    await writeWebhookState(dataDir, record.webhook, {
      ...state,
      disabled: null,
      retries: queued ? [...state.retries, record.offset] : state.retries,
    });
    return { webhook: record.webhook, event_id: record.event_id, enabled, queued };
  });
}
