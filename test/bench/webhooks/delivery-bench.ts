/**
 * Throughput of webhook delivery: N events (default 10,000) from the durable outbox to a receiver on loopback through
 * the real delivery worker (signing, one attempt at a time in order, the deliveries log and cursor checkpoints),
 * against a bare `fetch` loop POSTing the same bodies to the same receiver in the same run. Also the cost of one
 * outbox append, and of a journal append with its alert written in the same step (what a run pays per start and end
 * record) against a plain journal append, in the same run.
 *
 * With `--backend postgres` the outbox and the delivery state are the PostgreSQL tables `serve` uses on a database
 * journal (`alert_outbox`, `webhook_state`, `webhook_deliveries`, advisory locks), in a schema of their own made and
 * dropped by the run (database: OPSLEDGER_TEST_DATABASE_URL, default the test database); the journal-append
 * comparison is the file journal's and is left out there.
 *
 *   npx tsx test/bench/webhooks/delivery-bench.ts [--events 10000] [--appends 1000] [--backend file|postgres]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { newEventId, type AlertEvent } from '../../../src/alerts/alert-event.js';
import type { DeliveryStateStore } from '../../../src/alerts/delivery-state.js';
import { readDeliveries, type DeliveryRecord } from '../../../src/alerts/delivery-store.js';
import type { Outbox } from '../../../src/alerts/outbox.js';
import { openPgDeliveryState } from '../../../src/alerts/pg-delivery-state.js';
import { openPgOutbox } from '../../../src/alerts/pg-outbox.js';
import { openPgSession } from '../../../src/executions/postgres/pg-session.js';
import { createTestSchema } from '../../helpers/postgres.js';
import { createDeliveryWorker } from '../../../src/alerts/delivery-worker.js';
import { openFileOutbox } from '../../../src/alerts/file-outbox.js';
import { withDefaults } from '../../../src/config/load-config.js';
import { alertOnAppend } from '../../../src/alerts/alert-on-append.js';
import { openAlerts } from '../../../src/alerts/open-alerts.js';
import { openJournal } from '../../../src/executions/open-journal.js';
import { makeInput } from '../../executions/make-input.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EVENTS = arg('events', 10_000);
const APPENDS = arg('appends', 1_000);
const BACKEND = process.argv.includes('--backend')
  ? process.argv[process.argv.indexOf('--backend') + 1]
  : 'file';
if (BACKEND !== 'file' && BACKEND !== 'postgres') throw new Error(`--backend file|postgres, not ${BACKEND}`);
const SECRET = `whsec_${Buffer.from('bench-secret-0123456789abcdef').toString('base64')}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function event(n: number): AlertEvent {
  return {
    id: newEventId(),
    type: 'execution.finished',
    timestamp: new Date().toISOString(),
    data: {
      status: 'failed',
      execution: { id: `x${n}`, action_id: 'disk-usage', status: 'failed', exit_code: 1 },
    },
  };
}

/** Milliseconds of each of `n` journal appends, plain or with the alerts hook (outbox written in the same step). */
async function journalAppends(n: number, hooked: boolean): Promise<number[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-bench-journal-'));
  const webhooks = withDefaults({
    webhooks: [{ id: 'bench', url: 'http://127.0.0.1:9/', events: ['execution.finished'] }],
  }).webhooks;
  const plain = await openJournal({ dataDir: dir });
  const alerts = openAlerts({
    dataDir: dir,
    config: { webhooks },
    now: () => new Date(),
    onWarning: () => undefined,
  });
  const journal = hooked ? alertOnAppend(plain, alerts.journalAlerts()) : plain;
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await journal.append(
        makeInput({ status: 'failed', finished_at: new Date().toISOString(), exit_code: 1 }),
      );
      times.push(performance.now() - t);
    }
  } finally {
    await journal.close();
    await rm(dir, { recursive: true, force: true });
  }
  return times.sort((a, b) => a - b);
}

/** The outbox and delivery state the worker uses: the data dir's files, or a fresh PostgreSQL schema's tables. */
interface Backend {
  outbox: Outbox;
  store?: DeliveryStateStore;
  deliveries(): Promise<DeliveryRecord[]>;
  close(): Promise<void>;
}

async function openBackend(dataDir: string): Promise<Backend> {
  if (BACKEND === 'file') {
    return {
      outbox: openFileOutbox(dataDir),
      deliveries: () => readDeliveries(dataDir),
      close: async () => {},
    };
  }
  const schema = await createTestSchema();
  const session = openPgSession(schema.url);
  const state = openPgDeliveryState(schema.pool, schema.url);
  return {
    outbox: openPgOutbox(schema.pool, session),
    store: state,
    deliveries: () => state.deliveries(),
    async close() {
      await Promise.all([session.close(), state.close()]);
      await schema.drop();
    },
  };
}

async function main(): Promise<void> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-bench-hooks-'));
  try {
    const events = Array.from({ length: EVENTS }, (_, i) => event(i));

    // Baseline: a bare fetch loop, one request at a time, same bodies.
    const bare: number[] = [];
    const bareStart = performance.now();
    for (const e of events) {
      const t = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        body: JSON.stringify({ type: e.type, timestamp: e.timestamp, data: e.data }),
        headers: { 'content-type': 'application/json' },
      });
      await res.arrayBuffer();
      bare.push(performance.now() - t);
    }
    const bareSeconds = (performance.now() - bareStart) / 1000;

    const backend = await openBackend(dataDir);
    const outbox = backend.outbox;
    // The cost a run pays: one durable outbox append per record (file: its own dir; PostgreSQL: after the delivery).
    const appendTimes: number[] = [];
    const timeAppends = async (target: Outbox): Promise<void> => {
      for (let i = 0; i < APPENDS; i++) {
        const t = performance.now();
        await target.append([event(i)]);
        appendTimes.push(performance.now() - t);
      }
    };
    // A run's record: the journal append alone, and with its alert written in the same step (alternating halves).
    const plainTimes: number[] = [];
    const hookedTimes: number[] = [];
    if (BACKEND === 'file') {
      const appendDir = await mkdtemp(path.join(tmpdir(), 'opsledger-bench-append-'));
      await timeAppends(openFileOutbox(appendDir));
      await rm(appendDir, { recursive: true, force: true });
      for (let half = 0; half < 2; half++) {
        plainTimes.push(...(await journalAppends(APPENDS / 2, false)));
        hookedTimes.push(...(await journalAppends(APPENDS / 2, true)));
      }
    }
    plainTimes.sort((a, b) => a - b);
    hookedTimes.sort((a, b) => a - b);
    await outbox.append(events);

    // The worker: every event delivered, signed, recorded.
    received = 0;
    const worker = createDeliveryWorker({
      dataDir,
      outbox,
      webhooks: withDefaults({
        webhooks: [{ id: 'bench', url, events: ['execution.finished'], secret_env: 'BENCH_SECRET' }],
      }).webhooks,
      env: { BENCH_SECRET: SECRET },
      logger: { info: () => undefined, warn: (m) => console.error(m) },
      ...(backend.store ? { store: backend.store } : {}),
    });
    const workerStart = performance.now();
    while (received < EVENTS) await worker.runOnce();
    const workerSeconds = (performance.now() - workerStart) / 1000;
    await worker.stop();
    const deliveries = await backend.deliveries();
    if (BACKEND === 'postgres') await timeAppends(outbox);
    await backend.close();
    const latencies = deliveries.map((d) => d.latency_ms).sort((a, b) => a - b);
    const delivered = deliveries.filter((d) => d.status === 'delivered').length;

    bare.sort((a, b) => a - b);
    appendTimes.sort((a, b) => a - b);
    const fmt = (n: number): string => n.toFixed(2);
    console.log(
      `webhook delivery bench (${BACKEND} outbox): ${EVENTS} events, node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`,
    );
    console.log(
      `  bare fetch loop      ${Math.round(EVENTS / bareSeconds)} req/s   p50 ${fmt(percentile(bare, 50))} ms   p99 ${fmt(percentile(bare, 99))} ms`,
    );
    console.log(
      `  delivery worker      ${Math.round(EVENTS / workerSeconds)} deliveries/s   attempt p50 ${fmt(percentile(latencies, 50))} ms   p99 ${fmt(percentile(latencies, 99))} ms   (${delivered} delivered)`,
    );
    console.log(
      `  worker / bare        ${(EVENTS / workerSeconds / (EVENTS / bareSeconds)).toFixed(2)}× the throughput`,
    );
    console.log(
      `  outbox append (1 event, ${BACKEND === 'file' ? 'fdatasync' : 'committed'})   p50 ${fmt(percentile(appendTimes, 50))} ms   p99 ${fmt(percentile(appendTimes, 99))} ms`,
    );
    if (BACKEND === 'file') {
      console.log(
        `  journal append alone                 p50 ${fmt(percentile(plainTimes, 50))} ms   p99 ${fmt(percentile(plainTimes, 99))} ms`,
      );
      console.log(
        `  journal append + its alert (1 step)  p50 ${fmt(percentile(hookedTimes, 50))} ms   p99 ${fmt(percentile(hookedTimes, 99))} ms   ` +
          `(${(percentile(hookedTimes, 50) / percentile(plainTimes, 50)).toFixed(2)}× at p50)`,
      );
    }
  } finally {
    server.closeAllConnections();
    server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
