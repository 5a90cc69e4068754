import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEventId, type AlertEvent } from '../../src/alerts/alert-event.js';
import { computeBackoff, DEFAULT_BACKOFF } from '../../src/alerts/compute-backoff.js';
import { describeWebhooks } from '../../src/alerts/describe-webhooks.js';
import { fileDeliveryState } from '../../src/alerts/delivery-state.js';
import { readDeliveries, readWebhookState } from '../../src/alerts/delivery-store.js';
import { createDeliveryWorker, type DeliveryWorkerOptions } from '../../src/alerts/delivery-worker.js';
import { openFileOutbox } from '../../src/alerts/file-outbox.js';
import { retryDelivery } from '../../src/alerts/retry-delivery.js';
import type { WebhookConfig } from '../../src/config/load-config.js';
import { SECRET, startReceiver, type Receiver } from './receiver.js';

const ENV = { HOOK_SECRET: SECRET };

function event(n: number): AlertEvent {
  return { id: newEventId(), type: 'journal.tampered', timestamp: new Date().toISOString(), data: { n } };
}

describe('#19 delivery worker over real HTTP', () => {
  let dataDir: string;
  let receiver: Receiver;
  const warnings: string[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-alerts-'));
    receiver = await startReceiver();
    warnings.length = 0;
  });
  afterEach(async () => {
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const webhook = (extra: Partial<WebhookConfig> = {}): WebhookConfig => ({
    id: 'ops',
    url: `${receiver.url}/hook`,
    events: ['journal.tampered', 'execution.finished'],
    secret_env: 'HOOK_SECRET',
    format: 'standard',
    max_attempts: 8,
    ...extra,
  });
  const worker = (webhooks: WebhookConfig[], extra: Partial<DeliveryWorkerOptions> = {}) =>
    createDeliveryWorker({
      dataDir,
      outbox: openFileOutbox(dataDir),
      webhooks,
      env: ENV,
      logger: { info: () => undefined, warn: (m) => warnings.push(m) },
      pollMs: 20,
      backoff: { baseMs: 50, factor: 2, maxMs: 5_000 },
      random: () => 0.5,
      ...extra,
    });

  it('#19.2 delivers in outbox order, signed per Standard Webhooks, each event with its stable webhook-id', async () => {
    const events = Array.from({ length: 20 }, (_, i) => event(i));
    await openFileOutbox(dataDir).append(events);
    const w = worker([webhook()]);
    expect(await w.runOnce()).toBeNull();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.attempts.map((a) => a.id)).toEqual(events.map((e) => e.id));
    expect(receiver.attempts.map((a) => a.data.n)).toEqual(events.map((_, i) => i));
    const deliveries = await readDeliveries(dataDir);
    expect(deliveries).toHaveLength(20);
    expect(deliveries.every((d) => d.status === 'delivered' && d.response_code === 200)).toBe(true);
    // Nothing is sent twice on the next pass.
    await w.runOnce();
    expect(receiver.attempts).toHaveLength(20);
  });

  it('#19.2 journal marks between events only move the cursor on: past them in one pass, never sent, not pending', async () => {
    const outbox = openFileOutbox(dataDir);
    const events = Array.from({ length: 3 }, (_, i) => event(i));
    await outbox.exclusive(async (writer) => {
      for (let i = 0; i < 50; i++)
        await writer.append(i % 20 === 0 ? [events[i / 20]!] : [], { seq: i + 1, hash: 'h', webhooks: 'x' });
    });
    const w = worker([webhook()]);
    expect(await w.runOnce()).toBeNull();
    expect(receiver.attempts.map((a) => a.id)).toEqual(events.map((e) => e.id));
    expect(readWebhookState(dataDir, 'ops').cursor).toBe(await outbox.size());
    const [summary] = await describeWebhooks(fileDeliveryState(dataDir), [webhook()], outbox, ENV);
    expect(summary!.pending).toBe(0);
  });

  it('#19.2 receiver down for a while → delivered after it returns, with growing intervals, Retry-After honoured', async () => {
    // 503 four times (the fourth with Retry-After: 1), then 200.
    receiver.answer = (_r, n) =>
      n < 4 ? { status: 503 } : n === 4 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 };
    const [e] = [event(1)];
    await openFileOutbox(dataDir).append([e!]);
    const w = worker([webhook()]);
    w.start();
    await receiver.waitFor((a) => a.length === 5);
    // The receiver answered; wait for the worker to record it before stopping (stop aborts an attempt in flight).
    for (let i = 0; i < 200 && (await readDeliveries(dataDir))[0]?.status !== 'delivered'; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await w.stop();
    const at = receiver.attempts.map((a) => a.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // Planned: 50, 100, 200 ms, then at least the 1 s the receiver asked for.
    expect(gaps[0]).toBeGreaterThanOrEqual(50);
    expect(gaps[1]).toBeGreaterThanOrEqual(100);
    expect(gaps[2]).toBeGreaterThanOrEqual(200);
    expect(gaps[3]).toBeGreaterThanOrEqual(1000);
    expect(new Set(receiver.attempts.map((a) => a.id))).toEqual(new Set([e!.id]));
    const [delivery] = await readDeliveries(dataDir);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 5, response_code: 200, event_id: e!.id });
    expect(delivery!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('#19.2 the backoff grows exponentially to about a day over 8 attempts and never undercuts Retry-After', () => {
    const policy = DEFAULT_BACKOFF;
    const delays = Array.from({ length: 7 }, (_, i) => computeBackoff(i + 1, policy, 0.5, null));
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(18 * 3600_000);
    expect(total).toBeLessThan(30 * 3600_000);
    expect(computeBackoff(1, policy, 0, 60_000)).toBe(60_000);
    expect(computeBackoff(1, policy, 0, 10 ** 12)).toBe(policy.maxMs);
  });

  it('#19.2 410 → the webhook is disabled and says so; nothing more is sent until a retry enables it', async () => {
    receiver.answer = () => ({ status: 410 });
    const outbox = openFileOutbox(dataDir);
    await outbox.append([event(1), event(2)]);
    const w = worker([webhook()]);
    await w.runOnce();
    expect(receiver.attempts).toHaveLength(1);
    expect(readWebhookState(dataDir, 'ops').disabled).toMatchObject({
      reason: 'the receiver answered 410 Gone',
    });
    expect(warnings.join('\n')).toMatch(
      /webhook ops: the receiver answered 410 Gone, so the webhook is disabled/,
    );
    await outbox.append([event(3)]);
    await w.runOnce();
    expect(receiver.attempts).toHaveLength(1);
    const [disabled] = await readDeliveries(dataDir);
    expect(disabled!.status).toBe('disabled');
    // What `opsledger webhooks list` shows.
    const [listed] = await describeWebhooks(fileDeliveryState(dataDir), [webhook()], outbox, ENV);
    expect(listed).toMatchObject({
      state: 'disabled',
      disabled_reason: 'the receiver answered 410 Gone',
      pending: 3,
    });

    receiver.answer = () => ({ status: 204 });
    expect(await retryDelivery(fileDeliveryState(dataDir), disabled!.delivery_id)).toMatchObject({
      enabled: true,
    });
    await w.runOnce();
    expect(receiver.attempts.map((a) => a.data.n)).toEqual([1, 1, 2, 3]);
  });

  it('#19.2 after max_attempts a delivery goes to the dead letter, the next ones go on; retry sends it again', async () => {
    receiver.answer = (r) => (r.data.n === 1 ? { status: 500 } : { status: 200 });
    await openFileOutbox(dataDir).append([event(1), event(2)]);
    const w = worker([webhook({ max_attempts: 3 })], { backoff: { baseMs: 1, factor: 1, maxMs: 1 } });
    for (let i = 0; i < 10 && receiver.attempts.length < 4; i++) {
      await w.runOnce();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(receiver.attempts.map((a) => a.data.n)).toEqual([1, 1, 1, 2]);
    const deliveries = await readDeliveries(dataDir);
    const dead = deliveries.find((d) => d.status === 'dead');
    expect(dead).toMatchObject({ attempts: 3, response_code: 500 });
    expect(warnings.join('\n')).toContain(
      `moved to the dead letter; \`opsledger webhooks retry ${dead!.delivery_id}\``,
    );
    receiver.answer = () => ({ status: 200 });
    expect(await retryDelivery(fileDeliveryState(dataDir), dead!.delivery_id)).toMatchObject({
      queued: true,
    });
    await w.runOnce();
    expect(receiver.attempts.map((a) => a.data.n)).toEqual([1, 1, 1, 2, 1]);
    expect((await readDeliveries(dataDir)).find((d) => d.delivery_id === dead!.delivery_id)!.status).toBe(
      'delivered',
    );
  });

  it('#19.2 two workers on one data dir (two serve instances) never attempt one delivery at the same time', async () => {
    receiver.answer = () => ({ status: 200, delayMs: 2 });
    const events = Array.from({ length: 30 }, (_, i) => event(i));
    await openFileOutbox(dataDir).append(events);
    const a = worker([webhook()]);
    const b = worker([webhook()]);
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    await a.runOnce();
    expect(receiver.attempts.map((r) => r.id)).toEqual(events.map((e) => e.id));
  });

  it('#19.2 a torn outbox line (a crash mid-append) is skipped and reported, never delivered half', async () => {
    const outbox = openFileOutbox(dataDir, (m) => warnings.push(m));
    await outbox.append([event(1)]);
    await appendFile(path.join(dataDir, 'alerts/outbox.jsonl'), '{"event":{"id":"msg_torn');
    await outbox.append([event(2)]);
    expect((await readFile(path.join(dataDir, 'alerts/outbox.jsonl'), 'utf8')).split('\n')).toHaveLength(4);
    const w = worker([webhook()], { outbox });
    await w.runOnce();
    expect(receiver.attempts.map((a) => a.data.n)).toEqual([1, 2]);
    expect(warnings.join('\n')).toMatch(/damaged line at byte \d+; it is skipped/);
  });

  it('#19.2 a missing secret is a failed attempt, not an unsigned request', async () => {
    await openFileOutbox(dataDir).append([event(1)]);
    const w = worker([webhook({ secret_env: 'NOT_SET_ANYWHERE' })]);
    await w.runOnce();
    expect(receiver.attempts).toHaveLength(0);
    expect((await readDeliveries(dataDir))[0]).toMatchObject({
      status: 'retrying',
      error: 'NOT_SET_ANYWHERE is not set',
    });
  });
});
