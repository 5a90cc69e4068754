import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../state/durable-write.js';
import { alertsDir } from './file-outbox.js';

/** Where one webhook stands: its cursor in the outbox, the attempt in progress, re-queued deliveries, disabled. */
export interface WebhookState {
  /** Byte offset in the outbox of the first event not yet handled (delivered or dead). */
  cursor: number;
  /** The delivery being attempted (the head: `retries[0]`, else the event at the cursor). */
  pending: { offset: number; attempts: number; first_attempt_at: string; next_attempt_at: string } | null;
  /** Outbox offsets of dead deliveries queued again by `opsledger webhooks retry`, delivered first. */
  retries: number[];
  /** Set when the receiver answered 410 Gone: nothing is sent until a retry re-enables it. */
  disabled: { at: string; reason: string } | null;
}

/** How a webhook delivery stands (docs/alerts.md): the one list the store, the API's `?status=` and its document use. */
export const DELIVERY_STATUSES = ['delivered', 'retrying', 'dead', 'disabled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One line of the deliveries log: the outcome of one attempt. The last line of a delivery id is its state. */
export interface DeliveryRecord {
  delivery_id: string;
  webhook: string;
  event_id: string;
  type: string;
  offset: number;
  status: DeliveryStatus;
  attempts: number;
  response_code: number | null;
  latency_ms: number;
  error?: string;
  at: string;
  next_attempt_at?: string;
}

const EMPTY: WebhookState = { cursor: 0, pending: null, retries: [], disabled: null };

/** The id of the delivery of one event to one webhook (`dlv_` + 16 hex), what `webhooks retry` takes. */
export function deliveryId(webhook: string, eventId: string): string {
  return `dlv_${createHash('sha256').update(`${webhook}\0${eventId}`).digest('hex').slice(0, 16)}`;
}

/** Files of the delivery state under `<data-dir>/alerts/`. */
export function deliveryPaths(dataDir: string): {
  dir: string;
  log: string;
  state(id: string): string;
  lock(id: string): string;
} {
  const dir = alertsDir(dataDir);
  return {
    dir,
    log: path.join(dir, 'deliveries.jsonl'),
    state: (id) => path.join(dir, 'webhooks', `${id}.json`),
    lock: (id) => path.join(dir, 'webhooks', `${id}.lock`),
  };
}

/** A webhook's state (fresh when never written). */
export function readWebhookState(dataDir: string, id: string): WebhookState {
  try {
    return {
      ...EMPTY,
      ...(JSON.parse(readFileSync(deliveryPaths(dataDir).state(id), 'utf8')) as WebhookState),
    };
  } catch {
    return { ...EMPTY, retries: [] };
  }
}

/** Replace a webhook's state durably. */
export async function writeWebhookState(dataDir: string, id: string, state: WebhookState): Promise<void> {
  const file = deliveryPaths(dataDir).state(id);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileDurably(file, JSON.stringify(state));
}

/** Append attempt outcomes to the deliveries log and fsync them. */
export async function appendDeliveries(dataDir: string, records: readonly DeliveryRecord[]): Promise<void> {
  if (records.length === 0) return;
  const { dir, log } = deliveryPaths(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const handle = await open(log, 'a', 0o600);
  try {
    await handle.appendFile(records.map((r) => JSON.stringify(r) + '\n').join(''));
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Every delivery's latest state, newest first (a damaged line is skipped). */
export async function readDeliveries(dataDir: string): Promise<DeliveryRecord[]> {
  let text: string;
  try {
    text = await readFile(deliveryPaths(dataDir).log, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const latest = new Map<string, DeliveryRecord>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const record = JSON.parse(line) as DeliveryRecord;
      latest.delete(record.delivery_id);
      latest.set(record.delivery_id, record);
    } catch {
      // a torn last line
    }
  }
  return [...latest.values()].reverse();
}
