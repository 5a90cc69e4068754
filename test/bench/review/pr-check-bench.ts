/**
 * pr-check benchmark (issue 18): in the 5,000-commit history benchmark repo, a pull request touching 20 definitions
 * (14 actions, 4 runbooks, 2 roles), checked by `opsledger pr-check` in-process and through the CLI, beside
 * `git diff --stat main...pr` measured in the same run (rounds taking turns; medians).
 *
 *   npx tsx test/bench/review/pr-check-bench.ts [--commits 5000] [--rounds 5]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDefaults } from '../../../src/config/load-config.js';
import { runPrCheck } from '../../../src/review/pr-check.js';
import { DEFAULT_SHAPE, generateRepo } from '../history/generate-repo.js';
import { median } from '../history/measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const COMMITS = arg('--commits', DEFAULT_SHAPE.commits);
const ROUNDS = arg('--rounds', 5);

function run(cmd: string, argv: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
  });
}

/** CPU milliseconds of this process plus every child it has waited for (Linux /proc: cutime + cstime). */
function cpuNow(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const children = (Number(fields[13]) + Number(fields[14])) * 10; // clock ticks of 10 ms
  const own = process.cpuUsage();
  return children + (own.user + own.system) / 1000;
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Wall and CPU (own and children's) time of one run: CPU is the figure a loaded machine does not distort. */
async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  const c = cpuNow();
  const t = performance.now();
  await fn();
  return { wall: performance.now() - t, cpu: cpuNow() - c };
}

/** Branch `pr` from main: 14 actions get a new timeout, 4 runbooks a step timeout, 2 roles a member. */
function makePullRequest(dir: string): void {
  const git = (...a: string[]): string => execFileSync('git', a, { cwd: dir, encoding: 'utf8' });
  git('checkout', '-q', '-B', 'pr', 'main');
  const files = (sub: string) =>
    git('ls-files', `definitions/${sub}`)
      .trim()
      .split('\n')
      .filter((f) => f.endsWith('.yaml'));
  const edit = (file: string, change: (text: string) => string): void => {
    const full = path.join(dir, file);
    const before = readFileSync(full, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`no change made to ${file}`);
    writeFileSync(full, after);
  };
  const actions = files('actions').filter((f) =>
    /^timeout: \d+$/m.test(readFileSync(path.join(dir, f), 'utf8')),
  );
  for (const f of actions.slice(0, 14))
    edit(f, (t) => t.replace(/^timeout: (\d+)$/m, (_, n) => `timeout: ${Number(n) + 7}`));
  for (const f of files('runbooks').slice(0, 4))
    edit(f, (t) => t.replace(/ {4}timeout: (\d+)/, (_, n) => `    timeout: ${Number(n) + 7}`));
  for (const f of files('roles').slice(0, 2))
    edit(f, (t) => t.replace('members:\n', 'members:\n  - newcomer@example.com\n'));
  execFileSync('git', ['commit', '-q', '-am', 'Tune 20 definitions'], {
    cwd: dir,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Bob',
      GIT_AUTHOR_EMAIL: 'bob@example.com',
      GIT_COMMITTER_NAME: 'Bob',
      GIT_COMMITTER_EMAIL: 'bob@example.com',
    },
  });
  git('checkout', '-q', 'main');
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'opsledger-bench-pr-check-'));
  const dir = path.join(work, 'repo');
  try {
    generateRepo({ ...DEFAULT_SHAPE, commits: COMMITS, dir });
    makePullRequest(dir);
    const count = execFileSync('git', ['rev-list', '--count', 'main'], { cwd: dir, encoding: 'utf8' }).trim();
    const config = withDefaults({});
    const check = await runPrCheck({ repo: dir, base: 'main', head: 'pr', config });
    console.log(
      `repo: ${count} commits; the pull request changes ${check.counts.definitions} definitions (risk ${check.risk}, ${check.counts.errors} errors); load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const diff: Timing[] = [];
    const inProcess: Timing[] = [];
    const cli: Timing[] = [];
    const node: Timing[] = [];
    const argv = [
      path.join(ROOT, 'bin/opsledger.js'),
      'pr-check',
      '--base',
      'main',
      '--head',
      'pr',
      '--json',
    ];
    for (let round = 0; round < ROUNDS; round++) {
      diff.push(await timed(() => run('git', ['diff', '--stat', 'main...pr'], dir)));
      inProcess.push(await timed(() => runPrCheck({ repo: dir, base: 'main', head: 'pr', config })));
      cli.push(
        await timed(async () => {
          const r = await run(process.execPath, argv, dir);
          if (r.code > 1) throw new Error(`pr-check failed with ${r.code}`);
        }),
      );
      node.push(await timed(() => run(process.execPath, ['-e', '0'], dir)));
    }
    const med = (list: Timing[]): Timing => ({
      wall: median(list.map((x) => x.wall)),
      cpu: median(list.map((x) => x.cpu)),
    });
    const d = med(diff);
    const ms = (v: number): string => `${v.toFixed(0)} ms`;
    const row = (what: string, x: Timing): string =>
      `| ${what} | ${ms(x.wall)} | ${(x.wall / d.wall).toFixed(1)}× | ${ms(x.cpu)} | ${(x.cpu / Math.max(d.cpu, 1)).toFixed(1)}× |`;
    console.log(
      `\n| measure (median of ${ROUNDS} rounds) | wall | ÷ git diff | CPU with children | ÷ git diff |`,
    );
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(row('git diff --stat main...pr', d));
    console.log(row('pr-check in-process (runPrCheck)', med(inProcess)));
    console.log(row('pr-check through the CLI (--json)', med(cli)));
    console.log(row('node -e 0 (process start-up alone)', med(node)));
    console.log(
      `\nload after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
