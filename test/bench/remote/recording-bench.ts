/**
 * The cost of recording one run (its start and its end) through the service, against recording it in the local file
 * journal and against the floor of two bare HTTP round trips, all in the same run on loopback: the local journal
 * (two fsync'd appends), remote recording (`RemoteJournal`: authorize + start, spool write, end, spool removal; the
 * service appends two fsync'd records) and a bare node:http server answering two POSTs with 201.
 *
 *   npx tsx test/bench/remote/recording-bench.ts [--runs 200]
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { withDefaults } from '../../../src/config/load-config.js';
import { newExecutionId } from '../../../src/executions/execution-id.js';
import { openJournal } from '../../../src/executions/open-journal.js';
import type { ExecutionInput, Journal } from '../../../src/executions/types.js';
import { RemoteJournal } from '../../../src/remote/remote-journal.js';
import { createServiceClient } from '../../../src/remote/service-client.js';
import { closeLapsedRecordings } from '../../../src/server/close-lapsed-recordings.js';
import { createApp } from '../../../src/server/create-app.js';
import { openServerDeps } from '../../../src/server/open-server-deps.js';
import { createFixtureRepo } from '../../server/fixture-repo.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 200);

function start(id: string, at: Date): ExecutionInput {
  return {
    id,
    action_id: 'ping',
    definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    trigger: 'external',
    initiator: { user: 'dave@example.com', via: 'cli', os_user: 'dave', host: 'bench' },
    targets: ['web-01'],
    parameters: {},
    started_at: at.toISOString(),
    finished_at: null,
    duration_ms: null,
    status: 'running',
    exit_code: null,
  };
}

function end(input: ExecutionInput): ExecutionInput {
  const result = { target: 'web-01', status: 'succeeded' as const, exit_code: 0, duration_ms: 3 };
  return {
    ...input,
    status: 'succeeded',
    exit_code: 0,
    finished_at: new Date().toISOString(),
    duration_ms: 3,
    results: [{ ...result, stdout_tail: 'ok\n'.repeat(50), stderr_tail: '', truncated_bytes: 0 }],
  };
}

/** Milliseconds per run of `record` over RUNS runs (after 10 warm-up runs). */
async function perRun(journal: Journal): Promise<number> {
  const one = async (): Promise<void> => {
    const at = new Date();
    const input = start(newExecutionId(at), at);
    await journal.append(input);
    await journal.append(end(input));
  };
  for (let i = 0; i < 10; i++) await one();
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) await one();
  return (performance.now() - t0) / RUNS;
}

const listen = (server: Server): Promise<string> =>
  new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`),
    ),
  );

async function main(): Promise<void> {
  const repo = await createFixtureRepo();
  const work = await mkdtemp(path.join(tmpdir(), 'opsledger-bench-remote-'));
  const deps = await openServerDeps({
    repo: repo.dir,
    dataDir: path.join(work, 'server'),
    config: withDefaults({}),
    logger: pino({ level: 'silent' }),
    env: {},
  });
  deps.limits.rateLimit = 1_000_000;
  const key = (
    await deps.keys.create(
      { user: 'dave@example.com', name: 'bench', created_by: 'bench', expires_at: null, rate_limit: 'off' },
      new Date(),
    )
  ).key;
  const service = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => service.once('listening', r));
  const serviceUrl = `http://127.0.0.1:${(service.address() as { port: number }).port}`;
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"x"}'));
  });
  const bareUrl = await listen(bare);
  try {
    const local = await openJournal({ dataDir: path.join(work, 'local'), now: () => new Date() });
    const localMs = await perRun(local);
    await local.close();
    const remote = new RemoteJournal({
      client: createServiceClient({ url: serviceUrl, apiKey: key }),
      dataDir: path.join(work, 'client'),
      allowDirty: false,
      allowUnreleased: false,
      now: () => new Date(),
    });
    const remoteMs = await perRun(remote);
    const t0 = performance.now();
    for (let i = 0; i < RUNS; i++) {
      for (const p of ['/start', '/end']) {
        const res = await fetch(`${bareUrl}${p}`, {
          method: 'POST',
          body: JSON.stringify(end(start('x', new Date()))),
        });
        await res.text();
      }
    }
    const bareMs = (performance.now() - t0) / RUNS;
    // The lease (docs/executions.md, Remote recording): one heartbeat against one bare POST, and the watchdog's
    // close of a lapsed run (claim, conditional append, lease dropped) against a local end append.
    const client = createServiceClient({ url: serviceUrl, apiKey: key });
    const open: string[] = [];
    for (let i = 0; i < 50; i++) {
      const at = new Date();
      open.push((await remote.append(start(newExecutionId(at), at))).id);
    }
    const t1 = performance.now();
    for (let i = 0; i < RUNS; i++) {
      await client.request('POST', `/api/v1/recordings/${open[i % open.length]}/heartbeat`);
    }
    const heartbeatMs = (performance.now() - t1) / RUNS;
    await remote.close();
    const t2 = performance.now();
    const closed = await closeLapsedRecordings({
      journal: deps.journal,
      leases: deps.recordingLeases!,
      now: () => new Date(Date.now() + 3_600_000),
      leaseMs: 60_000,
    });
    const closeMs = (performance.now() - t2) / Math.max(1, closed.length);
    console.log(
      `remote recording bench: ${RUNS} runs (start + end each), ${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(`  local file journal        ${localMs.toFixed(2)} ms/run`);
    console.log(
      `  through the service       ${remoteMs.toFixed(2)} ms/run  (${(remoteMs / localMs).toFixed(2)}× local)`,
    );
    console.log(
      `  bare HTTP floor (2 POSTs) ${bareMs.toFixed(2)} ms/run  (service = ${(remoteMs / bareMs).toFixed(2)}× floor)`,
    );
    console.log(
      `  heartbeat (lease renewal) ${heartbeatMs.toFixed(2)} ms  (${(heartbeatMs / (bareMs / 2)).toFixed(2)}× one bare POST of ${(bareMs / 2).toFixed(2)} ms)`,
    );
    console.log(
      `  watchdog close of a lapsed run ${closeMs.toFixed(2)} ms  (${closed.length} runs; ${(closeMs / (localMs / 2)).toFixed(2)}× one local append of ${(localMs / 2).toFixed(2)} ms)`,
    );
  } finally {
    await new Promise((r) => service.close(r));
    await new Promise((r) => bare.close(r));
    await deps.close();
    await repo.cleanup();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
