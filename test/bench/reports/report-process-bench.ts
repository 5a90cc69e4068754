/**
 * `opsledger report` as a whole process (#15.9): what a user waits for after one new run or one commit on the report
 * bench's data (1,000,000 records), Node's start and exit included, where run-report-bench.ts times the report inside
 * its process. Two ways to start it, measured interleaved on two copies of one kept data dir so that both meet the
 * same host: the bin as users run it (bin/opsledger.js: the report entry, dist/cli/report.cjs, from its V8 code cache)
 * and main.js (the ES module chunks every other command loads, compiled at every start). Beside them, in the same
 * rounds, `node -e 0`: Node's own start and exit.
 *
 *   npx tsx test/bench/reports/report-process-bench.ts --reuse DIR [--rounds 6]
 *
 * DIR is a data dir kept by `run-report-bench.ts --keep`; it is copied to DIR-bin and DIR-main (removed at the end).
 * Each round: one new run, then a report by each side (alternating which goes first), one commit, then a report by
 * each, then a warm report by each. Both sides first report once, wait a minute (so that the copied caches can be
 * stamped) and report again before the rounds; the bin's first report writes its code cache (in a folder of its own).
 * Run `npm run build` first: both sides run the built dist/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, ROOT } from '../../helpers/cli.js';
import { bundleBenchChild } from '../bundle-bench-child.js';
import { meanMedian } from '../history/measure.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const reuse = opt('reuse');
if (!reuse) {
  console.error('usage: report-process-bench.ts --reuse DIR [--rounds N]');
  process.exit(2);
}
const rounds = Number(opt('rounds') ?? 6);
const NOW = '2024-06-01T00:00:00Z';

const scratch = mkdtempSync(path.join(tmpdir(), 'opsledger-report-process-'));
const codeCache = path.join(scratch, 'code-cache');
// main.js started as the bin starts it for every command but history and report (bin/opsledger.js, `run`).
const viaMain = path.join(scratch, 'via-main.cjs');
writeFileSync(
  viaMain,
  `import(${JSON.stringify(path.join(ROOT, 'dist/cli/main.js'))}).then(({ main }) =>
     main(process.argv).then((code) => { process.exitCode = code; }));\n`,
);
const sides = {
  bin: { dir: `${reuse}-bin`, script: BIN },
  main: { dir: `${reuse}-main`, script: viaMain },
};
type Side = keyof typeof sides;

try {
  const child = bundleBenchChild(path.join(ROOT, 'test/bench/reports/run-report-bench.ts'));
  for (const side of Object.values(sides)) {
    rmSync(side.dir, { recursive: true, force: true });
    cpSync(reuse, side.dir, { recursive: true });
  }
  const dataStep = (side: Side, task: 'append' | 'commit') => {
    const { dir } = sides[side];
    const r = spawnSync(
      process.execPath,
      [child, '--measure', task, path.join(dir, 'repo'), path.join(dir, 'data'), path.join(dir, 'reports')],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`${side} ${task} failed (${r.status}): ${r.stderr}`);
  };
  /** One whole process, timed from its spawn to its exit. */
  const timed = (argv: string[]): number => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, argv, {
      encoding: 'utf8',
      env: { ...process.env, OPSLEDGER_CODE_CACHE_DIR: codeCache },
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
    return ms;
  };
  const report = (side: Side) => {
    const { dir, script } = sides[side];
    return timed([
      script,
      '--repo',
      path.join(dir, 'repo'),
      '--data-dir',
      path.join(dir, 'data'),
      'report',
      '--out',
      path.join(dir, 'reports'),
      '--now',
      NOW,
    ]);
  };
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const side of ['bin', 'main'] as const) report(side);
  await new Promise((resolve) => setTimeout(resolve, 61_000));
  for (const side of ['bin', 'main'] as const) report(side);

  const times: Record<string, Record<Side | 'node', number[]>> = {};
  const note = (label: string, side: Side | 'node', ms: number) => {
    (times[label] ??= { bin: [], main: [], node: [] })[side].push(ms);
    console.log(`${label.padEnd(16)} ${side.padEnd(4)} ${ms.toFixed(0).padStart(6)} ms`);
  };
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? (['bin', 'main'] as const) : (['main', 'bin'] as const);
    for (const side of order) dataStep(side, 'append');
    for (const side of order) note('after a new run', side, report(side));
    for (const side of order) dataStep(side, 'commit');
    for (const side of order) note('after a commit', side, report(side));
    for (const side of order) note('warm', side, report(side));
    note('node -e 0', 'node', timed(['-e', '0']));
  }
  const node = meanMedian(times['node -e 0']!.node);
  console.log(
    `\nmedians of ${rounds} (ms): main.js → the bin (report entry, code cache); node -e 0 ${node.toFixed(0)} ms`,
  );
  for (const [label, t] of Object.entries(times)) {
    if (label === 'node -e 0') continue;
    const [m, b] = [meanMedian(t.main), meanMedian(t.bin)];
    const under = t.bin.filter((ms) => ms < 1000).length;
    console.log(
      `${label.padEnd(16)} ${m.toFixed(0).padStart(6)} → ${b.toFixed(0).padStart(6)}  (${(b / m).toFixed(2)}×; ` +
        `${(b - node).toFixed(0)} ms over node -e 0; the bin under 1 s in ${under} of ${t.bin.length})`,
    );
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  for (const side of Object.values(sides)) rmSync(side.dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}
