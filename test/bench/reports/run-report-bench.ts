/**
 * Report benchmark (issue 6): the history benchmark repo (5,000 commits, 150 actions, 40 runbooks) plus a journal of
 * 1,000,000 records, then `opsledger report` (Markdown and HTML, journal verified) measured in a child process:
 * wall time per phase and peak memory (`process.resourceUsage().maxRSS`). Beside it, in the same run, two floors on
 * the same data: reading and JSON-parsing every journal line once, and `verify` alone (sha256 of every record).
 *
 *   npx tsx test/bench/reports/run-report-bench.ts [--records 1000000] [--commits 5000] [--keep]
 *   npx tsx test/bench/reports/run-report-bench.ts --reuse DIR [--incremental | --full] [--repeat N]
 *     [--from-sources] [--cpu-prof DIR]
 *
 * `--keep` leaves the repo and data dir (it prints where); `--reuse DIR` measures on a kept one instead of building
 * it again (minutes at 1M records), and `--incremental` then measures only a warm report and the two incremental
 * ones (after one new run, after one commit), each new run and commit distinct from the previous bench's;
 * `--repeat N` measures N rounds of the two and prints their medians (one report varies by ±150 ms here);
 * `--full` measures only the full regeneration (`--repeat N` times: the median). The read-and-parse floor is measured
 * before the reports and again after them, and each ratio is taken against the faster of the two;
 * `--cpu-prof DIR` writes each child's CPU profile there. Each child runs this file bundled by esbuild as the CLI is
 * (test/bench/bundle-bench-child.ts), and its chain walk forks the built `dist/reports/verify-worker.js` (run
 * `npm run build` after changing the sources); `--from-sources` runs it under tsx instead, with the worker from the
 * sources (slower: its transform and keepNames wrappers).
 *
 * Goal (#15.9): at most 2× the read-and-parse floor and 1 GiB peak; ≤ 1 s after one new run or one commit. Cold =
 * first report of the data dir (history index, journal index and report caches built), warm = the next one (caches
 * current), full = warm indexes but the report caches deleted; `--no-verify` shows the report without the chain walk
 * (which runs in a child process, beside the journal scan and the model).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDefaults } from '../../../src/config/load-config.js';
import { GENESIS_HASH, sealRecord } from '../../../src/executions/record-hash.js';
import { openJournal } from '../../../src/executions/open-journal.js';
import type { ExecutionInput, ExecutionStatus } from '../../../src/executions/types.js';
import { verifyJournal } from '../../../src/executions/verify-journal.js';
import { generateReport } from '../../../src/reports/generate-report.js';
import { bundleBenchChild } from '../bundle-bench-child.js';
import { DEFAULT_SHAPE, generateRepo } from '../history/generate-repo.js';
import { meanMedian } from '../history/measure.js';

const SELF = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MiB = 1024 * 1024;
const SEGMENT_BYTES = 64 * MiB;

/** A tiny deterministic PRNG so the journal is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const USERS = [
  'alice@example.com',
  'bob@example.com',
  'carol@example.com',
  'doerte@example.com',
  'eve@example.com',
];
const OPERATORS = Array.from({ length: 20 }, (_, i) => `operator-${i}@example.com`);

/**
 * Write `records` hash-chained journal lines into monthly segments (split at 64 MiB), as real appends would leave
 * them: each run a `running` start record and its final record, spread over the repo's history, pinned to the
 * first-parent commit in force when it started.
 */
function writeJournal(dataDir: string, repo: string, records: number): { runs: number } {
  const log = execFileSync('git', ['log', '--first-parent', '--reverse', '--format=%H %ct', 'main'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 64 * MiB,
  })
    .trim()
    .split('\n')
    .map((l) => {
      const [sha, ct] = l.split(' ');
      return { sha: sha!, at: Number(ct) * 1000 };
    });
  const first = log[0]!.at;
  const span = log.at(-1)!.at - first + 30 * 86_400_000;
  const runs = Math.floor(records / 2);
  const random = rng(7);
  const dir = path.join(dataDir, 'executions');
  mkdirSync(dir, { recursive: true });
  let head = { seq: 0, hash: GENESIS_HASH };
  let fd = -1;
  let month = '';
  let n = 0;
  let size = 0;
  let buffer: string[] = [];
  let buffered = 0;
  const flush = () => {
    if (buffered > 0) writeSync(fd, buffer.join(''));
    buffer = [];
    buffered = 0;
  };
  const append = (input: ExecutionInput) => {
    const m = input.started_at.slice(0, 7);
    if (m !== month || size >= SEGMENT_BYTES) {
      flush();
      if (fd >= 0) closeSync(fd);
      n = m === month ? n + 1 : 1;
      month = m;
      size = 0;
      fd = openSync(path.join(dir, `segment-${month}-${n}.jsonl`), 'w');
    }
    const sealed = sealRecord(input, head);
    head = { seq: sealed.record.seq, hash: sealed.record.hash };
    buffer.push(sealed.line);
    buffered += sealed.line.length;
    size += Buffer.byteLength(sealed.line);
    if (buffered > 4 * MiB) flush();
  };
  let commit = 0;
  for (let i = 0; i < runs; i++) {
    const start = first + Math.floor((i / runs) * span);
    while (commit + 1 < log.length && log[commit + 1]!.at <= start) commit++;
    const action = `action-${String(Math.floor(random() * DEFAULT_SHAPE.actions)).padStart(3, '0')}`;
    const roll = random();
    const status: ExecutionStatus =
      roll < 0.86
        ? 'succeeded'
        : roll < 0.95
          ? 'failed'
          : roll < 0.98
            ? 'timed_out'
            : roll < 0.99
              ? 'cancelled'
              : 'denied';
    const duration = Math.round(200 + random() * random() * 600_000);
    const runbook = random() < 0.1;
    const base: ExecutionInput = {
      id: `run-${String(i).padStart(8, '0')}`,
      action_id: action,
      definition: {
        commit: log[commit]!.sha,
        blob: null,
        path: `definitions/actions/${action}.yaml`,
        version: 1 + (commit % 7),
        status: random() < 0.97 ? 'released' : 'draft',
        dirty: random() < 0.01,
      },
      trigger: runbook ? 'runbook' : random() < 0.3 ? 'schedule' : 'manual',
      initiator: {
        user: random() < 0.7 ? OPERATORS[Math.floor(random() * OPERATORS.length)]! : USERS[i % USERS.length]!,
        via: 'cli',
      },
      targets: [`web-${String(1 + Math.floor(random() * 5)).padStart(2, '0')}`],
      parameters: { service: 'nginx', token: { redacted: true } },
      started_at: new Date(start).toISOString(),
      finished_at: null,
      duration_ms: null,
      status: 'running',
      exit_code: null,
      ...(runbook
        ? {
            runbook: {
              id: `runbook-${String(i % DEFAULT_SHAPE.runbooks).padStart(2, '0')}`,
              step: 'step-0',
              run_id: `rb-${i}`,
            },
          }
        : {}),
    };
    append(base);
    append({
      ...base,
      finished_at: new Date(start + duration).toISOString(),
      duration_ms: duration,
      status,
      exit_code: status === 'succeeded' ? 0 : 1,
    });
  }
  flush();
  if (fd >= 0) closeSync(fd);
  return { runs };
}

/** Append one finished run through the real journal, as `opsledger run` would. */
async function appendOneRun(dataDir: string): Promise<void> {
  const journal = await openJournal({ dataDir });
  try {
    await journal.append({
      id: `run-incremental-${journal.head()?.seq ?? 0}`,
      action_id: 'action-001',
      definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
      trigger: 'manual',
      initiator: { user: USERS[0]!, via: 'cli' },
      targets: ['web-01'],
      parameters: { service: 'nginx' },
      started_at: '2024-05-31T12:00:00.000Z',
      finished_at: '2024-05-31T12:00:01.000Z',
      duration_ms: 1000,
      status: 'succeeded',
      exit_code: 0,
    });
  } finally {
    await journal.close();
  }
}

/**
 * Commit one definition change (a description) to the bench repo's branch, at the report's `now`: after every run the
 * report covers, as a commit made before a report is (a commit dated before runs moves them to another point in time).
 */
function commitOneChange(repo: string): void {
  const first = execFileSync('git', ['ls-files', 'definitions/actions'], { cwd: repo, encoding: 'utf8' })
    .split('\n')
    .find((f) => f.endsWith('.yaml'))!;
  const file = path.join(repo, first);
  const text = readFileSync(file, 'utf8').replace(
    /^description: .*$/m,
    `description: Changed by the bench ${Date.now()}.`,
  );
  writeFileSync(file, text);
  const env = {
    ...process.env,
    GIT_AUTHOR_DATE: '2024-06-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2024-06-01T00:00:00Z',
  };
  execFileSync(
    'git',
    ['-c', 'user.name=Alice', '-c', 'user.email=alice@example.com', 'commit', '-qam', 'Bench: one change'],
    {
      cwd: repo,
      env,
    },
  );
}

/** Child process: one measured task; prints one JSON line with its time, phases and peak memory. */
async function measure(task: string, repo: string, dataDir: string, outDir: string): Promise<void> {
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  let extra: Record<string, unknown> = {};
  if (task === 'parse') {
    // Each segment read a chunk at a time into one reused buffer and each line decoded and parsed from it: the
    // fastest plain reader measured here. Reading each segment whole (as rounds before this one did) made a fresh
    // 64 MiB buffer and string per segment, whose first touch of fresh pages (~2.5 ms per MiB on this VM) doubled the
    // floor to ~8 s and halved every ratio against it.
    let lines = 0;
    const dir = path.join(dataDir, 'executions');
    let buf = Buffer.allocUnsafe(1 << 20);
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()) {
      const fd = openSync(path.join(dir, name), 'r');
      let carry = 0;
      for (;;) {
        if (carry === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, carry);
          buf = bigger;
        }
        const got = readSync(fd, buf, carry, buf.length - carry, null);
        if (got === 0) break;
        const end = carry + got;
        let at = 0;
        for (let nl = buf.indexOf(10, at); nl >= 0 && nl < end; nl = buf.indexOf(10, at)) {
          JSON.parse(buf.toString('utf8', at, nl));
          at = nl + 1;
          lines++;
        }
        carry = end - at;
        if (carry > 0) buf.copy(buf, 0, at, end);
      }
      closeSync(fd);
    }
    extra = { lines };
  } else if (task === 'verify') {
    const report = await verifyJournal({ dataDir });
    extra = { records: report.records, ok: report.ok };
  } else if (task === 'append') {
    // The steps of an incremental round, for a driver alternating two builds' children on two copies of the data.
    await appendOneRun(dataDir);
  } else if (task === 'commit') {
    commitOneChange(repo);
  } else {
    // A full regeneration with the indexes warm: the report caches (runs, verification) deleted first.
    if (task.startsWith('report-full')) rmSync(path.join(dataDir, 'cache'), { recursive: true, force: true });
    // Which phase the peak memory is reached in: RSS sampled every 50 ms, its maximum kept per phase (MiB).
    let phasePeak = 0;
    // The chain is walked in a child process: the two processes' memory together, sampled at the same instants.
    let treePeak = 0;
    const verify: { child: { maxRssMiB: number; cpuMs: number } | null } = { child: null };
    const sampler = setInterval(() => {
      const rss = process.memoryUsage.rss();
      phasePeak = Math.max(phasePeak, rss);
      treePeak = Math.max(treePeak, rss + childrenRss());
    }, 50);
    const peaks: Record<string, number> = {};
    const result = await generateReport({
      repo,
      dataDir,
      config: withDefaults({}),
      outDir,
      formats: ['md', 'html'],
      since: null,
      until: null,
      now: '2024-06-01T00:00:00Z',
      pseudonymize: false,
      check: false,
      verify: !task.endsWith('no-verify'),
      progress: false,
      onVerifyChild: (usage) => {
        verify.child = usage;
      },
      onPhase: (name, ms) => {
        phases[name] = Math.round(ms);
        peaks[name] = Math.round(Math.max(phasePeak, process.memoryUsage.rss()) / MiB);
        phasePeak = 0;
      },
    });
    clearInterval(sampler);
    const findings = result.model.findings.reduce((s, g) => s + g.total, 0);
    extra = {
      withChildMiB: Math.round(Math.max(treePeak, process.resourceUsage().maxRSS * 1024) / MiB),
      verifyChildMiB: verify.child?.maxRssMiB ?? null,
      verifyChildCpuMs: verify.child?.cpuMs ?? null,
      rssMiBByPhase: peaks,
      pages: result.pages,
      runs: result.model.counts.runs,
      events: result.model.counts.events,
      findings,
    };
  }
  const ms = Math.round(performance.now() - t0);
  const usage = process.resourceUsage();
  const maxRssMiB = Math.round(usage.maxRSS / 1024);
  // CPU time of this process (all its threads) and of the verify child when one ran: on a loaded machine it moves far
  // less than the wall time.
  const cpuMs =
    Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) + Number(extra.verifyChildCpuMs ?? 0);
  process.stdout.write(`${JSON.stringify({ task, ms, cpuMs, maxRssMiB, phases, ...extra })}\n`);
}

/** The resident memory of this process's children (Linux /proc; 0 where it cannot be read). */
function childrenRss(): number {
  try {
    const ids = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/);
    let sum = 0;
    for (const id of ids.filter(Boolean)) {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1];
      if (kb) sum += Number(kb) * 1024;
    }
    return sum;
  } catch {
    return 0;
  }
}

/**
 * How close the wall time can come to the floor on this machine's cores: the CPU time of the report (all its threads)
 * and of its verify child, spread over every core without a gap, is the least any schedule of the same work takes.
 * Printed for the reports that did more CPU work than `CORES × 2 × floor`: only less work (not more threads) can
 * bring those within 2× the floor.
 */
function cpuBound(r: Record<string, unknown>, floor: Record<string, unknown>): string {
  const cores = availableParallelism();
  const least = Number(r.cpuMs) / cores;
  if (least <= 2 * Number(floor.ms)) return '';
  return `; its ${(Number(r.cpuMs) / 1000).toFixed(1)} s of CPU on ${cores} cores take at least ${(least / 1000).toFixed(1)} s = ${(least / Number(floor.ms)).toFixed(2)}× the floor (2× allows ${((2 * cores * Number(floor.ms)) / 1000).toFixed(1)} s of CPU)`;
}

/** Each child runs the bench bundled as the CLI is (bundle-bench-child.ts); `--from-sources`: under tsx instead. */
const fromSources = args.includes('--from-sources');
let bundled: string | undefined;

function runChild(task: string, repo: string, dataDir: string, outDir: string): Record<string, unknown> {
  const entry = fromSources ? ['--import', 'tsx', SELF] : [(bundled ??= bundleBenchChild(SELF))];
  const profile = args.includes('--cpu-prof')
    ? ['--cpu-prof', `--cpu-prof-dir=${args[args.indexOf('--cpu-prof') + 1]!}`, '--cpu-prof-interval=100']
    : [];
  const r = spawnSync(process.execPath, [...profile, ...entry, '--measure', task, repo, dataDir, outDir], {
    encoding: 'utf8',
    maxBuffer: 16 * MiB,
  });
  if (r.status !== 0) throw new Error(`${task} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const m = args.indexOf('--measure');
  if (m >= 0) return measure(args[m + 1]!, args[m + 2]!, args[m + 3]!, args[m + 4]!);
  const records = arg('records', 1_000_000);
  const commits = arg('commits', DEFAULT_SHAPE.commits);
  const reuse = args.includes('--reuse') ? args[args.indexOf('--reuse') + 1]! : null;
  const root = reuse ?? mkdtempSync(path.join(tmpdir(), 'opsledger-report-bench-'));
  const repo = path.join(root, 'repo');
  const dataDir = path.join(root, 'data');
  const outDir = path.join(root, 'reports');
  const keep = reuse !== null || args.includes('--keep');
  try {
    let t = performance.now();
    if (!reuse) {
      generateRepo({ ...DEFAULT_SHAPE, commits, dir: repo });
      writeJournal(dataDir, repo, records);
    }
    const bytes = readdirSync(path.join(dataDir, 'executions'))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => readFileSync(path.join(dataDir, 'executions', f)).length)
      .reduce((a, b) => a + b, 0);
    console.log(
      `setup: ${reuse ? 'reused' : 'built'} repo and journal (${Math.round(bytes / MiB)} MiB) in ${Math.round(performance.now() - t)} ms`,
    );
    console.log(
      `load average before: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const show = (label: string, r: Record<string, unknown>) =>
      console.log(
        `${label.padEnd(34)} ${String(r.ms).padStart(7)} ms  cpu ${String(r.cpuMs).padStart(7)} ms  peak ${String(r.maxRssMiB).padStart(5)} MiB  ${JSON.stringify({ ...r, task: undefined, ms: undefined, cpuMs: undefined, maxRssMiB: undefined })}`,
      );
    t = performance.now();
    const firstFloor = runChild('parse', repo, dataDir, outDir);
    show('floor: read + JSON.parse journal', firstFloor);
    const incrementalOnly = args.includes('--incremental');
    const fullOnly = args.includes('--full');
    const rounds = Math.max(1, arg('repeat', 1));
    const round = (i: number) => (rounds > 1 ? ` (${i})` : '');
    if (!incrementalOnly && !fullOnly)
      show('floor: verify (sha256 chain)', runChild('verify', repo, dataDir, outDir));
    const measured: [string, Record<string, unknown>][] = incrementalOnly
      ? [['report, warm (caches current)', runChild('report', repo, dataDir, outDir)]]
      : fullOnly
        ? Array.from({ length: rounds }, (_, i) => [
            `report, full (caches deleted)${round(i + 1)}`,
            runChild('report-full', repo, dataDir, outDir),
          ])
        : [
            // A reused data dir has its indexes built already: its first report is not a cold one.
            [
              reuse ? 'report, first on the reused data' : 'report, cold (indexes built)',
              runChild('report', repo, dataDir, outDir),
            ],
            ['report, warm (caches current)', runChild('report', repo, dataDir, outDir)],
            ['report, full (caches deleted)', runChild('report-full', repo, dataDir, outDir)],
            ['report, warm, --no-verify', runChild('report-no-verify', repo, dataDir, outDir)],
          ];
    // Incremental: one new run (only the records after the caches' checkpoint are folded and verified), then one
    // commit (same journal: its runs and its verification come from the caches).
    // `--repeat N` rounds of both, each new run and commit distinct, then the median of each.
    for (let i = 1; i <= (fullOnly ? 0 : rounds); i++) {
      await appendOneRun(dataDir);
      measured.push([`report, after one new run${round(i)}`, runChild('report', repo, dataDir, outDir)]);
      commitOneChange(repo);
      measured.push([`report, after one commit${round(i)}`, runChild('report', repo, dataDir, outDir)]);
    }
    for (const [label, r] of measured) show(label, r);
    // The floor again, after the reports: the ratios are taken against the faster of the two (the stricter figure; a
    // floor measured while the machine was still writing the journal back, or busy otherwise, reads slow).
    const lastFloor = runChild('parse', repo, dataDir, outDir);
    show('floor, again after the reports', lastFloor);
    const floor = Number(lastFloor.ms) < Number(firstFloor.ms) ? lastFloor : firstFloor;
    if (rounds > 1)
      for (const label of [
        'report, after one new run',
        'report, after one commit',
        ...(fullOnly ? ['report, full (caches deleted)'] : []),
      ]) {
        const ms = measured
          .filter(([l]) => l.startsWith(`${label} (`))
          .map(([, r]) => Number(r.ms))
          .sort((a, b) => a - b);
        if (ms.length === 0) continue;
        const median = meanMedian(ms);
        console.log(
          `${label.padEnd(34)} median ${median} ms of ${rounds} (${ms[0]}–${ms.at(-1)} ms); ${
            label.includes('full')
              ? `${(median / Number(floor.ms)).toFixed(2)}× the floor`
              : `${ms.filter((m) => m <= 1000).length} of ${rounds} within 1 s`
          }`,
        );
      }
    // #15.9: the goal is at most 2× the read-and-parse floor and at most 1 GiB peak.
    for (const [label, r] of measured)
      console.log(
        `${label.padEnd(34)} ${(Number(r.ms) / Number(floor.ms)).toFixed(2)}× the floor (CPU ${(Number(r.cpuMs) / Number(floor.cpuMs)).toFixed(2)}× the floor's), peak ${r.maxRssMiB} MiB${r.verifyChildMiB ? ` (with the verify child beside it: ${r.withChildMiB} MiB; the child alone ${r.verifyChildMiB} MiB)` : ''}${cpuBound(r, floor)}`,
      );
    console.log(
      `load average after: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      'goal (#15.9): report at most 2× the read-and-parse floor and at most 1 GiB (1024 MiB) peak (the report and its verify child together)',
    );
    if (keep) console.log(`kept ${root}`);
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}

await main();
