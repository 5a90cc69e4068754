/**
 * Load figure of the REST API: requests per second for `GET /api/v1/executions?limit=100` with auth on and rate
 * limiting off for the bench key (a key made with `--rate-limit off`), against a real `opsledger serve` process on
 * loopback, measured with autocannon. Baselines in the same run: `/api/v1/health` (same stack, no auth, no journal)
 * and a bare node:http server in its own process answering the same 100 records (the floor of serialising them).
 * The bare server and the API are measured in turn for several rounds; the medians and their ratio are printed.
 * Both keys are served by the fast lane (src/server/fast-lane.ts) once verified: the one with its rate limit off, and
 * the rate-limited one (9,999,999 a minute, the most `keys create --rate-limit` takes, so the bench stays under it), counted in the limiter's store
 * (docs/api.md, "Performance"). Both are measured in every round, with the bare server.
 *
 *   npx tsx test/bench/server/get-executions.ts [--records 10000] [--duration 10] [--connections 10] [--rounds 3]
 *   npx tsx test/bench/server/get-executions.ts --profile /tmp/prof   # the API rows only, server under --cpu-prof
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir, cpus } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { newExecutionId } from '../../../src/executions/execution-id.js';
import { openJournal } from '../../../src/executions/open-journal.js';
import { GENESIS_HASH, sealRecord } from '../../../src/executions/record-hash.js';
import type { ExecutionInput } from '../../../src/executions/types.js';
import { PACKAGE_ROOT } from '../../../src/package/package-root.js';
import { createFixtureRepo } from '../../server/fixture-repo.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECORDS = arg('records', 10_000);
const DURATION = arg('duration', 10);
const CONNECTIONS = arg('connections', 10);
const ROUNDS = arg('rounds', 3);
const profileAt = process.argv.indexOf('--profile');
/** `--profile DIR`: run only the executions rows (both keys), with the server under `--cpu-prof` writing into DIR. */
const PROFILE_DIR = profileAt > 0 ? path.resolve(process.argv[profileAt + 1]!) : null;

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

interface Child {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux). On a shared machine req/s follow the
 * load of others; CPU time per request is what the server itself spends.
 */
function cpuSeconds(pid: number | null): number {
  if (pid === null) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** A child process that listens on a free loopback port; resolves with its URL once it says so on stderr. */
async function startChild(args: string[], pattern: RegExp): Promise<Child> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = pattern.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`)));
  });
  child.stdout.resume();
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A real `opsledger serve` (optionally under `--cpu-prof`, the profile written on SIGTERM). */
function startServe(repo: string, dataDir: string): Promise<Child> {
  const profile = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  return startChild(
    [
      ...profile,
      path.join(PACKAGE_ROOT, 'bin/opsledger.js'),
      ...['--repo', repo, '--data-dir', dataDir, 'serve', '--port', '0', '--log-level', 'warn'],
    ],
    /listening on (http:\/\/[\d.]+:\d+)/,
  );
}

/** The floor: a bare node:http server in its own process answering the same bytes. */
function startBare(bodyFile: string): Promise<Child> {
  const script = `
    const body = require('node:fs').readFileSync(${JSON.stringify(bodyFile)});
    const server = require('node:http').createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    });
    server.listen(0, '127.0.0.1', () => console.error('listening on http://127.0.0.1:' + server.address().port));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));`;
  return startChild(['-e', script], /listening on (http:\/\/[\d.]+:\d+)/);
}

interface Row {
  label: string;
  reqs: number[];
  p50: number[];
  p99: number[];
  mbs: number[];
  /** Server CPU microseconds per request. */
  cpu: number[];
}

async function measure(
  row: Row,
  url: string,
  headers: Record<string, string> = {},
  pid: number | null = null,
): Promise<void> {
  // A short warm-up so JIT and caches are in the same state for every row.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const cpuBefore = cpuSeconds(pid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const cpu = cpuSeconds(pid) - cpuBefore;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${row.label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  row.reqs.push(r.requests.average);
  row.p50.push(r.latency.p50);
  row.p99.push(r.latency.p99);
  row.mbs.push(r.throughput.average / 1e6);
  row.cpu.push((cpu * 1e6) / r.requests.total);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function createKey(repo: string, dataDir: string, name: string, rateLimit: string): string {
  const out = execFileSync(
    process.execPath,
    [
      path.join(PACKAGE_ROOT, 'bin/opsledger.js'),
      ...['--repo', repo, '--data-dir', dataDir, '--json', 'keys', 'create'],
      ...['--user', 'frank@example.com', '--name', name, '--rate-limit', rateLimit],
    ],
    { encoding: 'utf8' },
  );
  return (JSON.parse(out) as { key: string }).key;
}

async function main(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: PACKAGE_ROOT, stdio: 'inherit' });
  const repo = await createFixtureRepo();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-bench-server-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    writeJournal(dataDir, RECORDS);
    // Open once so the journal's derived index snapshot exists before serving (as on any server after its first start).
    const journal = await openJournal({ dataDir, snapshotEvery: 1 });
    const page = await journal.query({ limit: 100 });
    await journal.close();
    const key = createKey(repo.dir, dataDir, 'bench', 'off');
    const limitedKey = createKey(repo.dir, dataDir, 'bench-limited', '9999999');
    const bodyFile = path.join(dataDir, 'bare-body.json');
    writeFileSync(bodyFile, JSON.stringify({ data: page, next_cursor: 'x' }));

    const bare = await startBare(bodyFile);
    stops.push(bare.stop);
    // Up to #15.8 the floor ran in this process, sharing its one thread with autocannon: kept as a row to compare with.
    const body = readFileSync(bodyFile);
    const sameProcess = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => sameProcess.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise<void>((resolve) => sameProcess.close(() => resolve())));
    const inProcessUrl = `http://127.0.0.1:${(sameProcess.address() as { port: number }).port}/`;
    const serve = await startServe(repo.dir, dataDir);
    stops.push(serve.stop);
    const loads = [loadavg()[0]!];
    const auth = { Authorization: `Bearer ${key}` };
    const row = (label: string): Row => ({ label, reqs: [], p50: [], p99: [], mbs: [], cpu: [] });
    const bareRow = row('baseline: bare node:http, same 100 records');
    const inProcess = row('baseline: the same, inside the load generator (old floor)');
    const health = row('baseline: GET /api/v1/health (no auth)');
    const list = row('GET /api/v1/executions?limit=100 (auth, rate limit off)');
    const limited = row('GET /api/v1/executions?limit=100 (auth, rate-limited key)');
    const filtered = row('GET /api/v1/executions?action=ping&status=failed&limit=100');
    const listUrl = `${serve.url}/api/v1/executions?limit=100`;
    // Each side in turn, several rounds: the load of a shared machine drifts, the medians compare like with like.
    for (let round = 0; round < ROUNDS; round++) {
      if (PROFILE_DIR) {
        await measure(list, listUrl, auth, serve.pid);
        await measure(limited, listUrl, { Authorization: `Bearer ${limitedKey}` }, serve.pid);
        continue;
      }
      await measure(bareRow, bare.url, {}, bare.pid);
      await measure(list, listUrl, auth, serve.pid);
      await measure(limited, listUrl, { Authorization: `Bearer ${limitedKey}` }, serve.pid);
      await measure(inProcess, inProcessUrl);
      loads.push(loadavg()[0]!);
    }
    if (!PROFILE_DIR) {
      await measure(health, `${serve.url}/api/v1/health`, {}, serve.pid);
      await measure(
        filtered,
        `${serve.url}/api/v1/executions?action=ping&status=failed&limit=100`,
        auth,
        serve.pid,
      );
    }
    loads.push(loadavg()[0]!);

    const widths = [58, 8, 9, 9, 8, 10];
    const fmt = (r: string[]): string =>
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
    console.log(
      `\n${RECORDS} journal records, ${CONNECTIONS} connections, ${DURATION} s per row, ${ROUNDS} alternating rounds ` +
        `(medians), node ${process.version}, ${cpus().length} CPUs`,
    );
    // The machine is shared: the 1-minute load average says how much else was running.
    console.log(`load average (1 min) during the run: ${loads.map((l) => l.toFixed(2)).join(', ')}`);
    console.log(fmt(['route', 'req/s', 'p50 ms', 'p99 ms', 'MB/s', 'CPU µs/req']));
    for (const r of [bareRow, inProcess, health, list, limited, filtered].filter((x) => x.reqs.length > 0)) {
      console.log(
        fmt([
          r.label,
          median(r.reqs).toFixed(0),
          String(median(r.p50)),
          String(median(r.p99)),
          median(r.mbs).toFixed(1),
          r.cpu.some(Number.isNaN) ? '-' : median(r.cpu).toFixed(0),
        ]),
      );
    }
    if (bareRow.reqs.length > 0) {
      const perRound = (r: Row): string =>
        r.reqs.map((x, i) => `${x.toFixed(0)}/${bareRow.reqs[i]!.toFixed(0)}`).join(', ');
      console.log(`per round, executions / bare: ${perRound(list)}`);
      console.log(`per round, rate-limited key / bare: ${perRound(limited)}`);
      const cpuRatio = median(bareRow.cpu) / median(list.cpu);
      // One server process uses one core: 1e6 / (CPU µs per request) is what it serves with a core to itself.
      console.log(
        `server CPU per request: ${median(list.cpu).toFixed(0)} µs (API) vs ${median(bareRow.cpu).toFixed(0)} µs (bare) = ` +
          `${(cpuRatio * 100).toFixed(0)}% of the bare server's efficiency; with a core to itself the API would serve ` +
          `${(1e6 / median(list.cpu)).toFixed(0)} req/s`,
      );
      const ratio = median(list.reqs) / median(bareRow.reqs);
      console.log(
        `GET /api/v1/executions?limit=100: ${median(list.reqs).toFixed(0)} req/s = ${(ratio * 100).toFixed(0)}% of the ` +
          `bare server (goal: >= 1500 req/s and >= 25%); ` +
          `${((median(list.reqs) / median(inProcess.reqs)) * 100).toFixed(0)}% of the old in-process floor`,
      );
      console.log(
        `rate-limited key: ${median(limited.reqs).toFixed(0)} req/s = ` +
          `${((median(limited.reqs) / median(bareRow.reqs)) * 100).toFixed(0)}% of the bare server, ` +
          `${median(limited.cpu).toFixed(0)} µs CPU per request`,
      );
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
    await rm(dataDir, { recursive: true, force: true });
    await repo.cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
