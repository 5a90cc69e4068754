/**
 * Before and after, measured interleaved (#15.9): the report bench's child (run-report-bench.ts) built from a baseline
 * commit and from the working tree, run alternately on two copies of one kept bench data dir, so that both meet the
 * same host. On the 2-core bench VM the page cache is reclaimed in the background and the load moves: the same
 * read-and-parse floor measured 2.2–4.1 s within one hour, more than most changes measured here.
 *
 *   npx tsx test/bench/reports/compare-report-builds.ts --reuse DIR --baseline REF [--rounds 4] [--full 2]
 *
 * DIR is a data dir kept by `run-report-bench.ts --keep`; it is copied to DIR-base and DIR-head (removed at the end).
 * Each round: one new run, then a report by each build (alternating which goes first), one commit, then a report by
 * each; `--full N`: N full regenerations each (report caches deleted), alternating. Prints each report's time, the
 * medians of each side, their ratio, and each against the read-and-parse floor measured before and after the rounds.
 * Each side keeps its own caches, so one build never reads the other's; both first report once, wait a minute (so the
 * copied caches can be stamped) and report again before the rounds.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../helpers/cli.js';
import { bundleBenchChild } from '../bundle-bench-child.js';
import { meanMedian } from '../history/measure.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const reuse = opt('reuse');
const baseline = opt('baseline');
if (!reuse || !baseline) {
  console.error('usage: compare-report-builds.ts --reuse DIR --baseline REF [--rounds N] [--full N]');
  process.exit(2);
}
const rounds = Number(opt('rounds') ?? 4);
const fulls = Number(opt('full') ?? 0);
const BENCH = 'test/bench/reports/run-report-bench.ts';

const worktree = mkdtempSync(path.join(tmpdir(), 'opsledger-baseline-'));
const sides = {
  base: { dir: `${reuse}-base`, bundle: '' },
  head: { dir: `${reuse}-head`, bundle: '' },
};
try {
  execFileSync('git', ['worktree', 'add', '--detach', worktree, baseline], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(worktree, 'node_modules'));
  sides.base.bundle = bundleBenchChild(path.join(worktree, BENCH), 'compare-base');
  sides.head.bundle = bundleBenchChild(path.join(ROOT, BENCH), 'compare-head');
  for (const side of Object.values(sides)) {
    rmSync(side.dir, { recursive: true, force: true });
    cpSync(reuse, side.dir, { recursive: true });
  }

  const run = (side: keyof typeof sides, task: string): Record<string, unknown> => {
    const { dir } = sides[side];
    // The data steps (a new run, a commit) are the working tree's: a baseline's bench may not have them.
    const child = task === 'append' || task === 'commit' ? sides.head.bundle : sides[side].bundle;
    const r = spawnSync(
      process.execPath,
      [child, '--measure', task, path.join(dir, 'repo'), path.join(dir, 'data'), path.join(dir, 'reports')],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (r.status !== 0) throw new Error(`${side} ${task} failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  };
  const times: Record<string, Record<keyof typeof sides, number[]>> = {};
  const report = (label: string, side: keyof typeof sides, task = 'report') => {
    const r = run(side, task);
    (times[label] ??= { base: [], head: [] })[side].push(Number(r.ms));
    console.log(
      `${label.padEnd(16)} ${side.padEnd(4)} ${String(r.ms).padStart(6)} ms  cpu ${String(r.cpuMs).padStart(6)} ms  peak ${r.maxRssMiB} MiB  ${JSON.stringify(r.phases)}`,
    );
  };
  // Each side's caches current first (the copies hold the kept dir's; a baseline may have kept others), then a report
  // once they are past the age a stamp needs (a copy is a new file: model parts a minute, read-cache-file.ts), so
  // that the rounds meet stamped caches, as reports a while apart do.
  for (const side of ['base', 'head'] as const) run(side, 'report');
  await new Promise((resolve) => setTimeout(resolve, 61_000));
  for (const side of ['base', 'head'] as const) run(side, 'report');
  // The read-and-parse floor (run-report-bench.ts), before the rounds and after them: ratios use the faster.
  const floors = [Number(run('head', 'parse').ms)];
  // Which side goes first alternates from one round (or full regeneration) to the next.
  const orderOf = (i: number) => (i % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const));
  for (let i = 0; i < rounds; i++) {
    const order = orderOf(i);
    for (const side of order) run(side, 'append');
    for (const side of order) report('after a new run', side);
    for (const side of order) run(side, 'commit');
    for (const side of order) report('after a commit', side);
    for (const side of order) report('warm', side);
  }
  for (let i = 0; i < fulls; i++) for (const side of orderOf(i)) report('full', side, 'report-full');
  floors.push(Number(run('head', 'parse').ms));
  const floor = Math.min(...floors);
  console.log(`floor (read + JSON.parse every line): ${floors.join(' / ')} ms`);
  console.log(`\nmedians (${baseline} → working tree), ms, and ÷ the faster floor:`);
  for (const [label, t] of Object.entries(times))
    console.log(
      `${label.padEnd(16)} ${String(meanMedian(t.base)).padStart(7)} → ${String(meanMedian(t.head)).padStart(7)}  (${(meanMedian(t.head) / meanMedian(t.base)).toFixed(2)}×; ÷ floor ${(meanMedian(t.base) / floor).toFixed(2)} → ${(meanMedian(t.head) / floor).toFixed(2)}; ${t.base.join(' ')} | ${t.head.join(' ')})`,
    );
} finally {
  for (const side of Object.values(sides)) rmSync(side.dir, { recursive: true, force: true });
  if (existsSync(worktree)) execFileSync('git', ['worktree', 'remove', '--force', worktree], { cwd: ROOT });
  execFileSync('git', ['worktree', 'prune'], { cwd: ROOT });
}
