/**
 * Load figure of the REST API: requests per second for `GET /api/v1/executions?limit=100` with auth on and rate
 * limiting off for the bench key (a key made with `--rate-limit off`), against a real `opsledger serve` process on
 * loopback, measured with autocannon. Baselines in the same run: `/api/v1/health` (same stack, no auth, no journal)
 * and a bare node:http server answering the same 100 records (the floor of serialising them).
 *
 *   npx tsx test/bench/server/get-executions.ts [--records 10000] [--duration 10] [--connections 10]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { loadavg, tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { newExecutionId } from '../../../src/executions/execution-id.js';
import { openJournal } from '../../../src/executions/open-journal.js';
import { GENESIS_HASH, sealRecord } from '../../../src/executions/record-hash.js';
import type { ExecutionInput } from '../../../src/executions/types.js';
import { createFixtureRepo } from '../../server/fixture-repo.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECORDS = arg('records', 10_000);
const DURATION = arg('duration', 10);
const CONNECTIONS = arg('connections', 10);

const USERS = ['alice@example.com', 'dave@example.com', 'erin@example.com', 'frank@example.com'];
const ACTIONS = ['disk-usage', 'ping', 'restart-web'];
const STATUSES = ['succeeded', 'succeeded', 'succeeded', 'failed', 'timed_out'] as const;

/** Write n hash-chained records straight into one segment (what n appends would leave, without n fsyncs). */
function writeJournal(dataDir: string, n: number): void {
  const dir = path.join(dataDir, 'executions');
  mkdirSync(dir, { recursive: true });
  let head = { seq: 0, hash: GENESIS_HASH };
  const lines: string[] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const at = new Date(start + i * 60_000);
    const status = STATUSES[i % STATUSES.length]!;
    const input: ExecutionInput = {
      id: newExecutionId(at),
      action_id: ACTIONS[i % ACTIONS.length]!,
      definition: {
        commit: 'a'.repeat(40),
        blob: 'b'.repeat(40),
        path: 'definitions/actions/x.yaml',
        version: 3,
        status: 'released',
        dirty: false,
      },
      trigger: i % 4 === 0 ? 'api' : 'manual',
      initiator: { user: USERS[i % USERS.length]!, via: 'cli' },
      targets: ['web-01', 'web-02'],
      parameters: { path: '/var/log', top: 10, token: { redacted: true, hmac: 'c'.repeat(64) } },
      started_at: at.toISOString(),
      finished_at: new Date(at.getTime() + 1200).toISOString(),
      duration_ms: 1200,
      status,
      exit_code: status === 'succeeded' ? 0 : 1,
    };
    const sealed = sealRecord(input, head);
    head = { seq: sealed.record.seq, hash: sealed.record.hash };
    lines.push(sealed.line);
  }
  writeFileSync(path.join(dir, 'segment-2026-01-1.jsonl'), lines.join(''));
}

async function startServe(
  repo: string,
  dataDir: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin/opsledger.js'),
      '--repo',
      repo,
      '--data-dir',
      dataDir,
      'serve',
      '--port',
      '0',
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  child.stdout.resume();
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function measure(label: string, url: string, headers: Record<string, string> = {}): Promise<string[]> {
  // A short warm-up so JIT and caches are in the same state for every row.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return [
    label,
    r.requests.average.toFixed(0),
    String(r.latency.p50),
    String(r.latency.p99),
    (r.throughput.average / 1e6).toFixed(1),
  ];
}

async function main(): Promise<void> {
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  const repo = await createFixtureRepo();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-bench-server-'));
  try {
    writeJournal(dataDir, RECORDS);
    // Open once so the journal's derived index snapshot exists before serving (as on any server after its first start).
    const journal = await openJournal({ dataDir, snapshotEvery: 1 });
    const page = journal.query({ limit: 100 });
    await journal.close();
    const keyOut = execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'bin/opsledger.js'),
        '--repo',
        repo.dir,
        '--data-dir',
        dataDir,
        '--json',
        'keys',
        'create',
        '--user',
        'frank@example.com',
        '--name',
        'bench',
        '--rate-limit',
        'off',
      ],
      { encoding: 'utf8' },
    );
    const key = (JSON.parse(keyOut) as { key: string }).key;
    const limitedOut = execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'bin/opsledger.js'),
        '--repo',
        repo.dir,
        '--data-dir',
        dataDir,
        '--json',
        'keys',
        'create',
        '--user',
        'frank@example.com',
        '--name',
        'bench-limited',
        '--rate-limit',
        '9999999',
      ],
      { encoding: 'utf8' },
    );
    const limitedKey = (JSON.parse(limitedOut) as { key: string }).key;

    const body = JSON.stringify({ data: page, next_cursor: 'x' });
    const bare = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;

    const serve = await startServe(repo.dir, dataDir);
    const loadBefore = loadavg()[0]!.toFixed(2);
    const rows: string[][] = [];
    try {
      const auth = { Authorization: `Bearer ${key}` };
      rows.push(await measure('baseline: bare node:http, same 100 records', bareUrl));
      rows.push(await measure('baseline: GET /api/v1/health (no auth)', `${serve.url}/api/v1/health`));
      rows.push(
        await measure(
          'GET /api/v1/executions?limit=100 (auth, rate limit off)',
          `${serve.url}/api/v1/executions?limit=100`,
          auth,
        ),
      );
      rows.push(
        await measure(
          'GET /api/v1/executions?limit=100 (auth, rate-limited key)',
          `${serve.url}/api/v1/executions?limit=100`,
          {
            Authorization: `Bearer ${limitedKey}`,
          },
        ),
      );
      rows.push(
        await measure(
          'GET /api/v1/executions?action=ping&status=failed&limit=100',
          `${serve.url}/api/v1/executions?action=ping&status=failed&limit=100`,
          auth,
        ),
      );
    } finally {
      await serve.stop();
      bare.close();
    }
    const widths = [58, 8, 9, 9, 8];
    const fmt = (r: string[]): string =>
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
    console.log(
      `\n${RECORDS} journal records, ${CONNECTIONS} connections, ${DURATION} s per row, node ${process.version}, ${cpus().length} CPUs`,
    );
    // The machine is shared: the 1-minute load average says how much else was running.
    console.log(`load average (1 min) before ${loadBefore}, after ${loadavg()[0]!.toFixed(2)}`);
    console.log(fmt(['route', 'req/s', 'p50 ms', 'p99 ms', 'MB/s']));
    for (const r of rows) console.log(fmt(r));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await repo.cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
