import type { WebhookConfig } from '../config/load-config.js';
import type { AlertEvent } from './alert-event.js';
import { computeBackoff, DEFAULT_BACKOFF, parseRetryAfter, type BackoffPolicy } from './compute-backoff.js';
import { fileDeliveryState, type DeliveryStateStore } from './delivery-state.js';
import { deliveryId, type DeliveryRecord, type WebhookState } from './delivery-store.js';
import { matchWebhook } from './match-webhook.js';
import type { Outbox, OutboxEntry, OutboxLine } from './outbox.js';
import { renderDelivery } from './render-delivery.js';

export interface DeliveryWorkerOptions {
  dataDir: string;
  outbox: Outbox;
  webhooks: readonly WebhookConfig[];
  /** Where `secret_env` values are read. */
  env: Readonly<Record<string, string | undefined>>;
  logger: { info(msg: string): void; warn(msg: string): void };
  now?: () => Date;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** How often the outbox is looked at when nothing wakes the worker (default 1 s). */
  pollMs?: number;
  /** One attempt's time limit (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Webhook states, attempts and the per-webhook lock (default: files in the data dir; PostgreSQL: shared). */
  store?: DeliveryStateStore;
}

export interface DeliveryWorker {
  start(): void;
  /** Stop after the attempt in flight (aborted; it is not counted). */
  stop(): Promise<void>;
  /** Look at the outbox now (after an append in this process). */
  wake(): void;
  /** One pass over every webhook; resolves with the earliest time a delivery is due again (tests drive this). */
  runOnce(): Promise<number | null>;
}

const BATCH = 200;
/** Delivered outcomes are made durable in groups: losing some in a crash only means delivering them again. */
const CHECKPOINT_EVERY = 100;

/**
 * The delivery worker of `serve` (docs/alerts.md, "Delivery"): per webhook, in outbox order, one attempt at a time,
 * exponential backoff with jitter, Retry-After honoured, 410 disables the webhook, dead letter after `max_attempts`.
 * A flock per webhook makes several `serve` instances share the work without attempting one delivery twice at once.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const pollMs = options.pollMs ?? 1000;
  const doFetch = options.fetch ?? fetch;
  const store = options.store ?? fileDeliveryState(options.dataDir);
  let stopping = false;
  const inflight = new Set<AbortController>();
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let woken = false;

  async function runOnce(): Promise<number | null> {
    // Webhooks are independent: a slow or failing receiver never holds up another one.
    const dues = await Promise.all(options.webhooks.map((webhook) => drainWebhook(webhook)));
    return dues.reduce<number | null>(
      (due, next) => (next === null ? due : due === null ? next : Math.min(due, next)),
      null,
    );
  }

  /** Deliver what is due for one webhook while holding its lock; returns when the next attempt is due. */
  async function drainWebhook(webhook: WebhookConfig): Promise<number | null> {
    const release = await store.tryLock(webhook.id);
    if (!release) return null; // another serve instance delivers this webhook now
    const log: DeliveryRecord[] = [];
    let state = await store.read(webhook.id);
    let unsaved = 0;
    const checkpoint = async (): Promise<void> => {
      await store.append(log.splice(0));
      await store.write(webhook.id, state);
      unsaved = 0;
    };
    try {
      if (state.disabled) return null;
      let batch: OutboxLine[] = [];
      for (;;) {
        if (stopping) return null;
        const head = await nextHead(webhook, state, batch);
        if (head.entry === null) {
          // Past events it does not want and journal marks: keep the cursor there, not read again next pass.
          if (head.state.cursor !== state.cursor) unsaved++;
          state = head.state;
          return null;
        }
        state = head.state;
        batch = head.batch;
        const entry = head.entry;
        const pending = state.pending?.offset === entry.offset ? state.pending : null;
        if (pending && Date.parse(pending.next_attempt_at) > now().getTime()) {
          return Date.parse(pending.next_attempt_at);
        }
        const attempt = await attemptDelivery(webhook, entry.event);
        if (attempt === 'aborted') return null;
        const attempts = (pending?.attempts ?? 0) + 1;
        const base = {
          delivery_id: deliveryId(webhook.id, entry.event.id),
          webhook: webhook.id,
          event_id: entry.event.id,
          type: entry.event.type,
          offset: entry.offset,
          attempts,
          response_code: attempt.code,
          latency_ms: attempt.latencyMs,
          at: now().toISOString(),
          ...(attempt.error ? { error: attempt.error } : {}),
        };
        if (attempt.code !== null && attempt.code >= 200 && attempt.code < 300) {
          log.push({ ...base, status: 'delivered' });
          state = advance(state, entry);
          if (++unsaved >= CHECKPOINT_EVERY) await checkpoint();
          continue;
        }
        if (attempt.code === 410) {
          state = { ...state, disabled: { at: base.at, reason: 'the receiver answered 410 Gone' } };
          log.push({ ...base, status: 'disabled' });
          options.logger.warn(
            `webhook ${webhook.id}: the receiver answered 410 Gone, so the webhook is disabled; \`opsledger webhooks retry ${base.delivery_id}\` enables it again`,
          );
          await checkpoint();
          return null;
        }
        if (attempts >= webhook.max_attempts) {
          log.push({ ...base, status: 'dead' });
          options.logger.warn(
            `webhook ${webhook.id}: delivery ${base.delivery_id} (${entry.event.type}) failed ${attempts} times and moved to the dead letter; \`opsledger webhooks retry ${base.delivery_id}\` sends it again`,
          );
          state = advance(state, entry);
          await checkpoint();
          continue;
        }
        const delay = computeBackoff(attempts, backoff, random(), attempt.retryAfterMs);
        const nextAt = new Date(now().getTime() + delay).toISOString();
        log.push({ ...base, status: 'retrying', next_attempt_at: nextAt });
        state = {
          ...state,
          pending: {
            offset: entry.offset,
            attempts,
            first_attempt_at: pending?.first_attempt_at ?? base.at,
            next_attempt_at: nextAt,
          },
        };
        await checkpoint();
        return Date.parse(nextAt);
      }
    } finally {
      try {
        if (log.length > 0 || unsaved > 0) await checkpoint();
      } finally {
        await release();
      }
    }
  }

  /** The delivery at the head of a webhook's queue: a re-queued one, else the next wanted event from the cursor. */
  async function nextHead(
    webhook: WebhookConfig,
    state: WebhookState,
    batch: OutboxLine[],
  ): Promise<{ entry: OutboxEntry | null; state: WebhookState; batch: OutboxLine[] }> {
    while (state.retries.length > 0) {
      const entry = await options.outbox.at(state.retries[0]!);
      if (entry) return { entry, state, batch };
      state = { ...state, retries: state.retries.slice(1) };
    }
    for (;;) {
      while (batch.length > 0 && batch[0]!.offset < state.cursor) batch = batch.slice(1);
      if (batch.length === 0) batch = await options.outbox.lines(state.cursor, BATCH);
      if (batch.length === 0) return { entry: null, state, batch };
      const entry = batch[0]!;
      // A mark or a damaged line only moves the cursor on.
      if (entry.event !== null && matchWebhook(webhook, entry.event))
        return { entry: { ...entry, event: entry.event }, state, batch };
      state = { ...state, cursor: entry.end };
    }
  }

  function advance(state: WebhookState, entry: OutboxEntry): WebhookState {
    if (state.retries[0] === entry.offset)
      return { ...state, retries: state.retries.slice(1), pending: null };
    return { ...state, cursor: entry.end, pending: null };
  }

  async function attemptDelivery(
    webhook: WebhookConfig,
    event: AlertEvent,
  ): Promise<
    { code: number | null; latencyMs: number; retryAfterMs: number | null; error?: string } | 'aborted'
  > {
    const secret = webhook.secret_env === undefined ? undefined : options.env[webhook.secret_env];
    if (webhook.secret_env !== undefined && !secret) {
      return { code: null, latencyMs: 0, retryAfterMs: null, error: `${webhook.secret_env} is not set` };
    }
    const request = renderDelivery(webhook, event, secret, new Date());
    const controller = new AbortController();
    inflight.add(controller);
    const timer = setTimeout(() => controller.abort('timeout'), options.timeoutMs ?? 10_000);
    const started = performance.now();
    try {
      const response = await doFetch(webhook.url, {
        method: 'POST',
        body: request.body,
        headers: request.headers,
        signal: controller.signal,
        redirect: 'manual',
      });
      // The body is not needed; reading it frees the connection for the next attempt.
      await response.arrayBuffer().catch(() => undefined);
      return {
        code: response.status,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
      };
    } catch (err) {
      if (stopping) return 'aborted';
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return {
        code: null,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        retryAfterMs: null,
        error: controller.signal.aborted ? 'timed out' : (cause ?? (err as Error).message),
      };
    } finally {
      clearTimeout(timer);
      inflight.delete(controller);
    }
  }

  async function run(): Promise<void> {
    while (!stopping) {
      let due: number | null = null;
      try {
        due = await runOnce();
      } catch (err) {
        options.logger.warn(`webhook delivery pass failed: ${(err as Error).message}`);
      }
      if (stopping || woken) {
        woken = false;
        continue;
      }
      const wait = due === null ? pollMs : Math.max(0, Math.min(pollMs, due - now().getTime()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
      woken = false;
    }
  }

  return {
    start() {
      if (loop || options.webhooks.length === 0) return;
      stopping = false;
      loop = run();
    },
    async stop() {
      stopping = true;
      for (const controller of inflight) controller.abort('stopping');
      wakeUp?.();
      await loop;
      loop = null;
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    runOnce,
  };
}
