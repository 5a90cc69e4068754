/**
 * CLI start-up benchmark (issue 15 item 7): in one run, on the 5,000-commit bench repo, alternating whole processes of
 * `node -e 0` (the floor), `opsledger --version`, a warm `opsledger history ID` (and `history ID --json`, an argv the
 * entry parses with commander) and `git log -- <file>`, with `--help`, `show ID` and `blame ID` (the other commands the
 * index answers), and a warm history in a copy of the repo with this repo's `opsledger.yaml` (its config checked once,
 * then trusted by its stat); prints the medians and each command's distance from the floor. Goals: --version within
 * 10 ms of the floor, a warm history within 15 ms of it.
 *
 *   npx tsx test/bench/cli/startup-bench.ts [--commits 5000] [--runs 21] [--baseline <package dir>]
 *
 * `--baseline` adds the same commands run from another built copy of opsledger (e.g. `git archive` of an older commit,
 * its dist built, node_modules linked), measured in the same alternation: a before/after on the same machine load.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SHAPE, generateRepo } from '../history/generate-repo.js';
import { median } from '../history/measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin/opsledger.js');
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const COMMITS = flag('--commits', DEFAULT_SHAPE.commits);
const RUNS = flag('--runs', 21);
const BASELINE = (() => {
  const i = args.indexOf('--baseline');
  return i >= 0 ? path.resolve(args[i + 1]!, 'bin/opsledger.js') : null;
})();
const ACTION = 'action-000';
const ACTION_FILE = 'definitions/actions/web/action-000.yaml';

/**
 * CPU time (user + system, ms) of this process's waited-for children so far, from /proc/self/stat (Linux; 10 ms
 * ticks): on a loaded machine a command's CPU time moves far less than its wall time, so it is printed beside it.
 */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime (fields 16 and 17 of stat)
  } catch {
    return NaN;
  }
}

function timeOnce(
  cmd: string,
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): { wall: number; cpu: number } {
  const cpu0 = childrenCpuMs();
  const t = performance.now();
  const r = spawnSync(cmd, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: childrenCpuMs() - cpu0 };
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'opsledger-startup-'));
  try {
    const repo = path.join(work, 'repo');
    generateRepo({ ...DEFAULT_SHAPE, dir: repo, commits: COMMITS });
    const env = { ...process.env, OPSLEDGER_DATA_DIR: path.join(work, 'data') };
    execFileSync(process.execPath, [BIN, 'history', ACTION], { cwd: repo, env, stdio: 'ignore' }); // warm the index
    // The same repo with a config (most repos have one: `opsledger init` writes it), its index warm and its config kept
    // (a config is kept once more than 2 s old: docs/cli.md).
    const configured = path.join(work, 'repo-configured');
    cpSync(repo, configured, { recursive: true });
    copyFileSync(path.join(ROOT, 'opsledger.yaml'), path.join(configured, 'opsledger.yaml'));
    const configuredEnv = { ...process.env, OPSLEDGER_DATA_DIR: path.join(work, 'data-configured') };
    await new Promise((resolve) => setTimeout(resolve, 2500));
    for (let i = 0; i < 2; i++)
      execFileSync(process.execPath, [BIN, 'history', ACTION], {
        cwd: configured,
        env: configuredEnv,
        stdio: 'ignore',
      });
    // The baseline keeps its own data dir: one of another index format would rebuild the shared one on every turn.
    const baselineEnv = { ...process.env, OPSLEDGER_DATA_DIR: path.join(work, 'data-baseline') };
    const cases: [string, string, string[], NodeJS.ProcessEnv?, string?][] = [
      ['node -e 0', process.execPath, ['-e', '0']],
      ['opsledger --version', process.execPath, [BIN, '--version']],
      [`opsledger history ${ACTION}`, process.execPath, [BIN, 'history', ACTION]],
      // An argv that needs parsing (commander) rather than the plain one the entry runs without it.
      [`opsledger history ${ACTION} --json`, process.execPath, [BIN, 'history', ACTION, '--json']],
      [
        `opsledger history ${ACTION}, opsledger.yaml`,
        process.execPath,
        [BIN, 'history', ACTION],
        configuredEnv,
        configured,
      ],
      [`git log -- ${ACTION_FILE}`, 'git', ['log', '--', ACTION_FILE]],
      ['opsledger --help', process.execPath, [BIN, '--help']],
      [`opsledger show ${ACTION}`, process.execPath, [BIN, 'show', ACTION]],
      [`opsledger blame ${ACTION}`, process.execPath, [BIN, 'blame', ACTION]],
    ];
    if (BASELINE) {
      execFileSync(process.execPath, [BASELINE, 'history', ACTION], {
        cwd: repo,
        env: baselineEnv,
        stdio: 'ignore',
      });
      cases.push(
        ['baseline: opsledger --version', process.execPath, [BASELINE, '--version'], baselineEnv],
        [
          `baseline: opsledger history ${ACTION}`,
          process.execPath,
          [BASELINE, 'history', ACTION],
          baselineEnv,
        ],
        [
          `baseline: opsledger history ${ACTION} --json`,
          process.execPath,
          [BASELINE, 'history', ACTION, '--json'],
          baselineEnv,
        ],
        ['baseline: opsledger --help', process.execPath, [BASELINE, '--help'], baselineEnv],
        [`baseline: opsledger show ${ACTION}`, process.execPath, [BASELINE, 'show', ACTION], baselineEnv],
        [`baseline: opsledger blame ${ACTION}`, process.execPath, [BASELINE, 'blame', ACTION], baselineEnv],
      );
    }
    const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    const cpu = new Map<string, number>(cases.map(([name]) => [name, 0]));
    for (let i = 0; i < RUNS; i++) {
      for (const [name, cmd, argv, caseEnv, cwd] of cases) {
        const t = timeOnce(cmd, argv, cwd ?? repo, caseEnv ?? env);
        times.get(name)!.push(t.wall);
        cpu.set(name, cpu.get(name)! + t.cpu);
      }
    }
    const floor = median(times.get('node -e 0')!);
    const cpuFloor = cpu.get('node -e 0')! / RUNS;
    console.log(
      `CLI start-up, ${COMMITS} commits, ${RUNS} alternating runs each, load ${loadavg()[0]!.toFixed(2)}`,
    );
    for (const [name] of cases) {
      const m = median(times.get(name)!);
      const c = cpu.get(name)! / RUNS;
      const delta =
        name === 'node -e 0'
          ? ''
          : `  (+${(m - floor).toFixed(1)} ms over node -e 0; CPU +${(c - cpuFloor).toFixed(1)} ms)`;
      console.log(
        `  ${name.padEnd(40)} ${m.toFixed(1).padStart(7)} ms wall (median), ${c.toFixed(1).padStart(6)} ms CPU (mean)${delta}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
