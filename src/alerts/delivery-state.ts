import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { acquireFlock } from '../state/flock.js';
import {
  appendDeliveries,
  deliveryPaths,
  readDeliveries,
  readWebhookState,
  writeWebhookState,
  type DeliveryRecord,
  type WebhookState,
} from './delivery-store.js';

/**
 * Where the delivery worker keeps each webhook's state and the attempts' log, and how it makes sure one process at a
 * time delivers a webhook: files in the data dir (below) or tables in the journal's PostgreSQL database
 * (`pg-delivery-state.ts`).
 */
export interface DeliveryStateStore {
  /** Hold the webhook's delivery lock without waiting: the release, or null when another process holds it. */
  tryLock(webhook: string): Promise<(() => Promise<void>) | null>;
  read(webhook: string): Promise<WebhookState>;
  write(webhook: string, state: WebhookState): Promise<void>;
  append(records: readonly DeliveryRecord[]): Promise<void>;
  /** Every delivery's latest state, newest first. */
  deliveries(): Promise<DeliveryRecord[]>;
}

/** The file store: `<data-dir>/alerts/webhooks/<id>.json`, a flock per webhook, `deliveries.jsonl`. */
export function fileDeliveryState(dataDir: string): DeliveryStateStore {
  const paths = deliveryPaths(dataDir);
  return {
    async tryLock(webhook) {
      mkdirSync(path.join(paths.dir, 'webhooks'), { recursive: true, mode: 0o700 });
      try {
        const release = await acquireFlock(paths.lock(webhook), { timeoutMs: 0, what: `webhook ${webhook}` });
        return () => Promise.resolve(release());
      } catch {
        return null;
      }
    },
    read: (webhook) => Promise.resolve(readWebhookState(dataDir, webhook)),
    write: (webhook, state) => writeWebhookState(dataDir, webhook, state),
    append: (records) => appendDeliveries(dataDir, records),
    deliveries: () => readDeliveries(dataDir),
  };
}
