import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { copyJournal, type CopyResult } from '../../../src/executions/copy-journal.js';
import { openJournalAt } from '../../../src/executions/open-journal-at.js';
import { verifyPostgres } from '../../../src/executions/postgres/verify-postgres.js';
import { GENESIS_HASH, sealRecord } from '../../../src/executions/record-hash.js';
import type { ExecutionInput, ExecutionQuery, Journal } from '../../../src/executions/types.js';
import { createTestSchema } from '../../helpers/postgres.js';
import { writeSegment } from '../../helpers/write-segment.js';
import { fillJournal } from './fill-journal.js';

/**
 * The PostgreSQL journal benchmark, each figure against its floor measured on the same server in the same run:
 *
 *   1. durable appends with 1, 4 and 16 concurrent writers (each its own connection, as separate processes would
 *      be) beside a raw single-row `INSERT …` (autocommit: INSERT; COMMIT) loop with as many connections;
 *   2. filtered queries (p50/p99 per documented filter) on a journal of --rows rows (default 1,000,000), sealed and
 *      chained like appends and written with COPY (`fill-journal.ts`);
 *   3. verify of those rows beside `COPY (SELECT body …) TO STDOUT | sha256sum`;
 *   4. journal copy of --copy file records (default 100,000) to PostgreSQL and back.
 *
 *   npm run bench:postgres -- [--rows N] [--copy N] [--seconds S]
 */
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg('--rows', 1_000_000);
const COPY = arg('--copy', 100_000);
const SECONDS = arg('--seconds', 5);
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function input(i: number, at = new Date()): ExecutionInput {
  return {
    id: `b-${process.pid}-${i}-${Math.random().toString(36).slice(2, 8)}`,
    action_id: ['disk-usage', 'ping', 'restart-web', 'rotate-logs'][i % 4]!,
    definition: {
      commit: 'a'.repeat(40),
      blob: 'b'.repeat(40),
      path: 'x.yaml',
      version: 3,
      status: 'released',
      dirty: false,
    },
    trigger: i % 4 === 0 ? 'api' : 'manual',
    initiator: { user: `user-${(i % 50).toString(16).padStart(16, '0')}`, via: 'cli' },
    targets: [`web-${String(i % 20).padStart(2, '0')}`],
    parameters: { path: '/var/log', top: 10 },
    started_at: at.toISOString(),
    finished_at: at.toISOString(),
    duration_ms: 1200,
    status: i % 7 === 0 ? 'failed' : 'succeeded',
    exit_code: i % 7 === 0 ? 1 : 0,
  };
}

/** CPU seconds so far: every PostgreSQL server process (its backends, WAL writer, …) and this process. */
interface Cpu {
  server: number;
  client: number;
}
function cpuNow(): Cpu {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'latin1').startsWith('postgres')) continue;
      // utime and stime, in clock ticks (100 per second on Linux), after the parenthesised command name.
      const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const own = process.cpuUsage();
  return { server: ticks / 100, client: (own.user + own.system) / 1e6 };
}

/** Records per second, and the CPU each record cost the server and this process (µs), since `t0`/`cpu0`. */
interface Rate {
  perSecond: number;
  serverUs: number;
  clientUs: number;
}
function rateOf(n: number, t0: number, cpu0: Cpu): Rate {
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuNow();
  return {
    perSecond: n / seconds,
    serverUs: ((cpu.server - cpu0.server) * 1e6) / Math.max(1, n),
    clientUs: ((cpu.client - cpu0.client) * 1e6) / Math.max(1, n),
  };
}
const cpuText = (r: Rate): string => `${fmt(r.serverUs)}+${fmt(r.clientUs)} µs`;

/** Records and chaining transactions (distinct `xmin`) in the journal so far: their ratio is the group commit's size. */
async function chained(url: string): Promise<{ rows: number; txs: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const res = await c.query<{ rows: string; txs: string }>(
      'SELECT count(*) AS rows, count(DISTINCT xmin::text) AS txs FROM journal_records',
    );
    return { rows: Number(res.rows[0]?.rows), txs: Number(res.rows[0]?.txs) };
  } finally {
    await c.end();
  }
}

/** Appends per second with `writers` concurrent journal handles, each appending one record at a time. */
async function appendRate(url: string, writers: number): Promise<Rate> {
  const journals: Journal[] = await Promise.all(
    Array.from({ length: writers }, () => openJournalAt({ backend: 'postgres', url })),
  );
  let n = 0;
  const until = Date.now() + SECONDS * 1000;
  const cpu0 = cpuNow();
  const t0 = performance.now();
  await Promise.all(
    journals.map(async (j, w) => {
      for (let i = 0; Date.now() < until; i++, n++) await j.append(input(w * 1_000_000 + i));
    }),
  );
  const rate = rateOf(n, t0, cpu0);
  await Promise.all(journals.map((j) => j.close()));
  return rate;
}

/** Appends per second with `writers` concurrent callers sharing ONE journal handle (serve: many requests, one pool). */
async function sharedRate(url: string, writers: number): Promise<Rate> {
  const journal = await openJournalAt({ backend: 'postgres', url });
  let n = 0;
  const until = Date.now() + SECONDS * 1000;
  const cpu0 = cpuNow();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; Date.now() < until; i++, n++) await journal.append(input(w * 1_000_000 + i));
    }),
  );
  const rate = rateOf(n, t0, cpu0);
  await journal.close();
  return rate;
}

/** Single-row autocommitted INSERTs per second with `writers` connections (the floor). */
async function rawRate(url: string, writers: number): Promise<Rate> {
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  await clients[0]!.query(
    'CREATE TABLE IF NOT EXISTS raw_bench (pos bigserial PRIMARY KEY, body text NOT NULL)',
  );
  const body = sealRecord(input(0), { seq: 0, hash: GENESIS_HASH }).line;
  let n = 0;
  const until = Date.now() + SECONDS * 1000;
  const cpu0 = cpuNow();
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < until) {
        await c.query('INSERT INTO raw_bench (body) VALUES ($1)', [body]);
        n++;
      }
    }),
  );
  const rate = rateOf(n, t0, cpu0);
  await Promise.all(clients.map((c) => c.end()));
  return rate;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `COPY (SELECT body …) TO STDOUT | sha256sum` through psql: the floor of reading and hashing every row. */
function copyFloor(url: string): Promise<number> {
  const t0 = performance.now();
  const sql = 'COPY (SELECT body FROM journal_records ORDER BY seq, pos) TO STDOUT';
  const child = spawn('sh', ['-c', `psql "$URL" -Atqc "${sql}" | sha256sum > /dev/null`], {
    env: { ...process.env, URL: url },
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`psql ${code}`)),
    ),
  );
}

const fmt = (n: number): string => n.toFixed(n < 10 ? 2 : 0);

/**
 * Each documented filter (docs/executions.md: action, user, status, target, trigger, since, until, and the `before`
 * page cursor) alone and in combinations, with values that match many and few executions, `limit` 20–100 as the API
 * pages: p50/p99 per filter and over all. Apart: filters that match nothing, the worst case of an ordered index scan
 * under a LIMIT (it reads the whole index looking for a first match).
 */
async function measureQueries(journal: Journal): Promise<void> {
  const cases: [string, ExecutionQuery[]][] = [
    ['(none)', [{ limit: 100 }]],
    ['action', ['ping', 'restart-web', 'disk-usage'].map((action) => ({ action, limit: 100 }))],
    [
      'user',
      [
        { user: 'user-0000000000000011', limit: 100 },
        { user: 'user-0000000000000030', limit: 50 },
      ],
    ],
    [
      'status',
      [
        { status: 'failed', limit: 100 },
        { status: 'succeeded', limit: 100 },
      ],
    ],
    [
      'target',
      [
        { target: 'web-07', limit: 100 },
        { target: 'web-13', limit: 20 },
      ],
    ],
    [
      'trigger',
      [
        { trigger: 'api', limit: 100 },
        { trigger: 'manual', limit: 100 },
      ],
    ],
    ['since', [{ since: '2025-06-01T00:00:00Z', limit: 100 }]],
    ['until', [{ until: '2025-03-01T00:00:00Z', limit: 100 }]],
    ['since+until (one day)', [{ since: '2025-03-01T00:00:00Z', until: '2025-03-02T00:00:00Z' }]],
    [
      'before (page 2)',
      [{ action: 'ping', limit: 100, before: { started_at: '2025-06-01T00:00:00.000Z', id: 'z' } }],
    ],
    [
      'action+since+until',
      [{ action: 'restart-web', since: '2025-03-01T00:00:00Z', until: '2025-03-02T00:00:00Z' }],
    ],
    ['trigger+status', [{ trigger: 'api', status: 'succeeded', limit: 20 }]],
    ['action+target', [{ action: 'ping', target: 'web-05', limit: 100 }]],
    ['user+status', [{ user: 'user-0000000000000007', status: 'failed', limit: 100 }]],
  ];
  const nothing: [string, ExecutionQuery][] = [
    ['status matching nothing', { status: 'timed_out', limit: 100 }],
    ['target matching nothing', { target: 'db-99', limit: 100 }],
    ['action+target matching nothing', { action: 'ping', target: 'web-06', limit: 100 }],
  ];
  const timeOf = async (q: ExecutionQuery): Promise<number> => {
    const s = performance.now();
    await journal.query(q);
    return performance.now() - s;
  };
  const all: number[] = [];
  const line = (name: string, times: number[]): string => {
    times.sort((a, b) => a - b);
    return `  ${name.padEnd(40)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms  p99 ${percentile(times, 99).toFixed(2).padStart(8)} ms`;
  };
  console.log(`filtered queries at ${ROWS} rows (60 each):`);
  for (const [name, queries] of cases) {
    const times: number[] = [];
    for (let k = 0; k < 60; k++) times.push(await timeOf(queries[k % queries.length]!));
    all.push(...times);
    console.log(line(name, times));
  }
  console.log(`${line('every filter above, together', all)} (goal p50 ≤ 5 ms)  load ${load()}`);
  for (const [name, q] of nothing) {
    const times: number[] = [];
    for (let k = 0; k < 5; k++) times.push(await timeOf(q));
    console.log(line(`${name} (5 runs)`, times));
  }
}

async function main(): Promise<void> {
  console.log(
    `PostgreSQL journal benchmark (load ${load()}; appends ${SECONDS}s each; ${ROWS} rows; copy ${COPY})`,
  );
  const appends = await createTestSchema();
  try {
    for (const writers of [1, 4, 16]) {
      const raw = await rawRate(appends.url, writers);
      const before = await chained(appends.url);
      const ours = await appendRate(appends.url, writers);
      const after = await chained(appends.url);
      const group = (after.rows - before.rows) / Math.max(1, after.txs - before.txs);
      const shared = await sharedRate(appends.url, writers);
      console.log(
        `appends, ${String(writers).padStart(2)} writer(s): ${fmt(ours.perSecond)}/s (one connection each, ${group.toFixed(1)} records per chaining commit)  ${fmt(shared.perSecond)}/s (one shared journal)  raw INSERT;COMMIT ${fmt(raw.perSecond)}/s  ratio ${((100 * ours.perSecond) / raw.perSecond).toFixed(0)}% / ${((100 * shared.perSecond) / raw.perSecond).toFixed(0)}% (goal ≥ 50% at 16)  load ${load()}`,
      );
      console.log(
        `  CPU per record, server+client: own connections ${cpuText(ours)}, shared ${cpuText(shared)}, raw ${cpuText(raw)}`,
      );
    }
  } finally {
    await appends.drop();
  }

  const big = await createTestSchema();
  try {
    let t0 = performance.now();
    const start = Date.parse('2025-01-01T00:00:00Z');
    await fillJournal(big.pool, ROWS, (i) => input(i, new Date(start + i * 30_000)));
    console.log(`filled ${ROWS} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s  load ${load()}`);
    const journal = await openJournalAt({ backend: 'postgres', url: big.url });
    await measureQueries(journal);
    await journal.close();
    const floor = await copyFloor(big.url);
    t0 = performance.now();
    const report = await verifyPostgres({ url: big.url });
    const verifyMs = performance.now() - t0;
    console.log(
      `verify of ${report.records} rows: ${(verifyMs / 1000).toFixed(2)} s  COPY|sha256sum ${(floor / 1000).toFixed(2)} s  ratio ${(verifyMs / floor).toFixed(2)}× (goal ≤ 3×) ok=${report.ok}  load ${load()}`,
    );
  } finally {
    await big.drop();
  }

  const target = await createTestSchema();
  const dir = mkdtempSync(path.join(tmpdir(), 'opsledger-pg-bench-'));
  try {
    const source = writeSegment(path.join(dir, 'source'), COPY);
    const timed = async (
      from: string,
      to: string,
    ): Promise<{ ms: number; copied: number; head: CopyResult['head'] }> => {
      const src = await openJournalAt(
        from.startsWith('postgres') ? { backend: 'postgres', url: from } : { backend: 'file', dataDir: from },
      );
      const dst = await openJournalAt(
        to.startsWith('postgres') ? { backend: 'postgres', url: to } : { backend: 'file', dataDir: to },
      );
      const t = performance.now();
      const r = await copyJournal(src, dst);
      const ms = performance.now() - t;
      await Promise.all([src.close(), dst.close()]);
      return { ms, copied: r.copied, head: r.head };
    };
    const there = await timed(path.join(dir, 'source'), target.url);
    const back = await timed(target.url, path.join(dir, 'back'));
    const heads = [source, there.head, back.head].map((h) => (h ? `${h.seq}:${h.hash}` : 'empty'));
    console.log(
      `journal copy of ${COPY} records: file → PostgreSQL ${(there.ms / 1000).toFixed(1)} s (${fmt((there.copied * 1000) / there.ms)}/s), PostgreSQL → file ${(back.ms / 1000).toFixed(1)} s (${fmt((back.copied * 1000) / back.ms)}/s)  heads identical: ${new Set(heads).size === 1}  load ${load()}`,
    );
  } finally {
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
