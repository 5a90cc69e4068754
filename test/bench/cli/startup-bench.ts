/**
 * CLI start-up benchmark (issue 15 item 7): in one run, on the 5,000-commit bench repo, alternating whole processes of
 * `node -e 0` (the floor), `opsledger --version`, a warm `opsledger history ID` and `git log -- <file>`; prints the
 * medians and each command's distance from the floor. Goals: --version within 10 ms of the floor, a warm history within
 * 15 ms of it.
 *
 *   npx tsx test/bench/cli/startup-bench.ts [--commits 5000] [--runs 21]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
const ACTION = 'action-000';
const ACTION_FILE = 'definitions/actions/web/action-000.yaml';

function timeOnce(cmd: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  const r = spawnSync(cmd, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'opsledger-startup-'));
  try {
    const repo = path.join(work, 'repo');
    generateRepo({ ...DEFAULT_SHAPE, dir: repo, commits: COMMITS });
    const env = { ...process.env, OPSLEDGER_DATA_DIR: path.join(work, 'data') };
    execFileSync(process.execPath, [BIN, 'history', ACTION], { cwd: repo, env, stdio: 'ignore' }); // warm the index
    const cases: [string, string, string[]][] = [
      ['node -e 0', process.execPath, ['-e', '0']],
      ['opsledger --version', process.execPath, [BIN, '--version']],
      [`opsledger history ${ACTION}`, process.execPath, [BIN, 'history', ACTION]],
      [`git log -- ${ACTION_FILE}`, 'git', ['log', '--', ACTION_FILE]],
    ];
    const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const [name, cmd, argv] of cases) times.get(name)!.push(timeOnce(cmd, argv, repo, env));
    }
    const floor = median(times.get('node -e 0')!);
    console.log(
      `CLI start-up, ${COMMITS} commits, ${RUNS} alternating runs each, load ${loadavg()[0]!.toFixed(2)}`,
    );
    for (const [name] of cases) {
      const m = median(times.get(name)!);
      const delta = name === 'node -e 0' ? '' : `  (+${(m - floor).toFixed(1)} ms over node -e 0)`;
      console.log(`  ${name.padEnd(36)} ${m.toFixed(1).padStart(7)} ms${delta}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
