/**
 * History benchmark (issue 3): builds a synthetic repo with git fast-import, then prints in one run the cold index
 * build beside the native floor, the incremental update after one commit, warm `history` of one action (in-process
 * and through the CLI) beside `git log -- <file>`, and a naive isomorphic-git walk of one file.
 *
 *   npx tsx test/bench/history/run-history-bench.ts [--commits 5000] [--keep]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHistoryIndex } from '../../../src/history/open-history-index.js';
import { DEFAULT_SHAPE, generateRepo } from './generate-repo.js';
import { cpuMs, median } from './measure.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const args = process.argv.slice(2);
const commitsArg = args.indexOf('--commits');
const COMMITS = commitsArg >= 0 ? Number(args[commitsArg + 1]) : DEFAULT_SHAPE.commits;
const KEEP = args.includes('--keep');
/** Cold builds timed after the first one (each from an empty data dir). */
const COLD_RUNS = 5;
/** Rounds of (cold-build process, isomorphic-git walk of about ten seconds): medians are shown. */
const ROUNDS = 3;
const ACTION = 'action-000';
/** The generator never moves action-000, so `git log -- file` and isomorphic-git see its whole history. */
const ACTION_FILE = 'definitions/actions/web/action-000.yaml';

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

function run(cmd: string, argv: string[], cwd: string, input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${cmd} ${argv.join(' ')}: ${code}`)),
    );
    child.stdin.end(input);
  });
}

/** The native floor: one first-parent raw log and one cat-file --batch of every blob it names. */
async function nativeFloor(dir: string): Promise<{ blobs: number }> {
  const log = await run(
    'git',
    [
      'log',
      '--first-parent',
      '--diff-merges=first-parent',
      '--raw',
      '--no-abbrev',
      '--no-renames',
      '-z',
      '--format=%H%x00%P%x00%aN%x00%aE%x00%aI%x00%B',
      'main',
      '--',
      'definitions',
      'scripts',
    ],
    dir,
  );
  const blobs = new Set<string>();
  for (const token of log.toString('utf8').split('\0')) {
    const t = token.replace(/^\n/, '');
    if (t.startsWith(':')) {
      const nb = t.split(' ')[3];
      if (nb && !/^0+$/.test(nb)) blobs.add(nb);
    }
  }
  await run('git', ['cat-file', '--batch'], dir, [...blobs].join('\n') + '\n');
  return { blobs: blobs.size };
}

function cli(dir: string, dataDir: string, argv: string[]): string {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/opsledger.js'), '--repo', dir, '--data-dir', dataDir, ...argv],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`opsledger ${argv.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function commitOne(dir: string, actionFile: string, n: number): void {
  const file = path.join(dir, actionFile);
  const text = fs.readFileSync(file, 'utf8').replace(/^timeout: \d+$/m, `timeout: ${4000 + n}`);
  writeFileSync(file, text);
  execFileSync('git', ['commit', '-q', '-am', `bench: timeout ${n}`], { cwd: dir });
}

const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'opsledger-bench-history-'));
  const dir = path.join(work, 'repo');
  try {
    const g0 = performance.now();
    generateRepo({ ...DEFAULT_SHAPE, commits: COMMITS, dir });
    const genMs = performance.now() - g0;
    const fpCount = execFileSync('git', ['rev-list', '--count', '--first-parent', 'main'], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    const allCount = execFileSync('git', ['rev-list', '--count', 'main'], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    console.log(
      `repo: ${allCount} commits (${fpCount} first-parent), generated in ${fmt(genMs)}; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );

    const rows: [string, string, string][] = [];
    const add = (what: string, value: string, note = ''): void => void rows.push([what, value, note]);

    // Cold build vs native floor (both measured now, without a commit-graph).
    let blobs = 0;
    const floorCpu: number[] = [];
    const floor = await timeAsync(3, async () => {
      const c = cpuMs();
      ({ blobs } = await nativeFloor(dir));
      floorCpu.push(cpuMs() - c);
    });
    // Cold builds and the isomorphic-git walk each run in fresh processes, taking turns over ROUNDS rounds so that a
    // host slowing down or speeding up mid-run weighs on both sides alike. A cold-build process builds COLD_RUNS + 1
    // times; its first build also loads and compiles the engine and is shown apart.
    const child = <T>(script: string, ...argv: string[]): T =>
      JSON.parse(
        execFileSync(process.execPath, [...process.execArgv, path.join(HERE, script), ...argv], {
          encoding: 'utf8',
        }),
      ) as T;
    const coldRuns: { first: number; median: number; cpu: number }[] = [];
    const isoRuns: { commits: number; ms: number; cpu: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      coldRuns.push(child('cold-build-child.ts', dir, String(COLD_RUNS), work));
      isoRuns.push(child('iso-walk-child.ts', dir, ACTION_FILE));
    }
    const firstBuild = median(coldRuns.map((r) => r.first));
    const cold = median(coldRuns.map((r) => r.median));
    const [floorC, coldC] = [median(floorCpu), median(coldRuns.map((r) => r.cpu))];
    const [iso, isoC, isoCommits] = [
      median(isoRuns.map((r) => r.ms)),
      median(isoRuns.map((r) => r.cpu)),
      isoRuns[0]!.commits,
    ];
    add(
      'native floor (git log --raw + cat-file --batch of all blobs)',
      fmt(floor),
      `${blobs} blobs; CPU ${fmt(floorC)}`,
    );
    add('first cold build in a fresh process (engine not yet loaded/compiled)', fmt(firstBuild));
    add(
      `cold index build (in-process, median of ${ROUNDS}x${COLD_RUNS} after the first)`,
      fmt(cold),
      `${(cold / floor).toFixed(1)}x native floor (goal <= 10x); CPU ${fmt(coldC)} = ${(coldC / floorC).toFixed(1)}x`,
    );

    // Warm index for the rest.
    const dataDir = path.join(work, 'data');
    const coldCli = performance.now();
    cli(dir, dataDir, ['history', ACTION, '--json']);
    add('cold index build + history (CLI process)', fmt(performance.now() - coldCli));

    const index = await openHistoryIndex({ repo: dir, dataDir, branch: 'main' });
    let n = 0;
    const refreshOnly: number[] = [];
    for (let i = 0; i < 5; i++) {
      commitOne(dir, ACTION_FILE, n++);
      const t = performance.now();
      const stats = await index.refresh();
      refreshOnly.push(performance.now() - t);
      if (stats.newCommits !== 1 || stats.rebuilt)
        throw new Error(`unexpected refresh ${JSON.stringify(stats)}`);
    }
    add(
      'incremental update after one commit (in-process refresh)',
      fmt(median(refreshOnly)),
      'goal <= 150 ms',
    );
    const incCli: number[] = [];
    for (let i = 0; i < 3; i++) {
      commitOne(dir, ACTION_FILE, n++);
      const t = performance.now();
      cli(dir, dataDir, ['history', ACTION, '--json']);
      incCli.push(performance.now() - t);
    }
    add('one new commit, then history (CLI process)', fmt(median(incCli)));

    const events = index.history(ACTION).length;
    const warmIn = await timeAsync(20, async () => {
      const fresh = await openHistoryIndex({ repo: dir, dataDir, branch: 'main' });
      return fresh.history(ACTION);
    });
    const warmCli = await timeAsync(10, async () => cli(dir, dataDir, ['history', ACTION, '--json']));
    const gitLog = await timeAsync(10, () =>
      run('git', ['log', '--format=%H %aN %aI %s', 'main', '--', ACTION_FILE], dir),
    );
    const gitLogFollow = await timeAsync(5, () =>
      run('git', ['log', '--first-parent', '-p', '--format=%H %aN %aI %s', 'main', '--', ACTION_FILE], dir),
    );
    add(`git log -- <file> (${ACTION_FILE})`, fmt(gitLog));
    add('git log --first-parent -p -- <file>', fmt(gitLogFollow));
    add(
      `warm history ${ACTION} (in-process: open + history)`,
      fmt(warmIn),
      `${events} events; ${(gitLog / warmIn).toFixed(1)}x faster than git log -- file`,
    );
    add(
      `warm history ${ACTION} --json (CLI process)`,
      fmt(warmCli),
      `${(gitLog / warmCli).toFixed(2)}x git log -- file`,
    );
    const node = await timeAsync(10, () => run(process.execPath, ['-e', '0'], dir));
    add('(node -e 0, process start floor)', fmt(node));

    // Commit-graph with changed-path Bloom filters: what it does to both sides.
    const cg = performance.now();
    execFileSync('git', ['commit-graph', 'write', '--reachable', '--changed-paths'], { cwd: dir });
    add('git commit-graph write --reachable --changed-paths', fmt(performance.now() - cg));
    const floorCg = await timeAsync(3, () => nativeFloor(dir));
    // Measured as the cold build above (a fresh process, the median after its first build).
    const coldCg = child<{ median: number }>('cold-build-child.ts', dir, String(COLD_RUNS), work).median;
    const gitLogCg = await timeAsync(10, () =>
      run('git', ['log', '--format=%H %aN %aI %s', 'main', '--', ACTION_FILE], dir),
    );
    add('  with commit-graph: native floor', fmt(floorCg));
    add(
      '  with commit-graph: cold index build',
      fmt(coldCg),
      `${(coldCg / floorCg).toFixed(1)}x native floor`,
    );
    add(
      '  with commit-graph: git log -- <file>',
      fmt(gitLogCg),
      `warm in-process history is ${(gitLogCg / warmIn).toFixed(1)}x faster`,
    );

    add(
      `isomorphic-git walk of one file (log({filepath}) + readBlob, ${isoCommits} commits, median of ${ROUNDS})`,
      fmt(iso),
      `cold build of all 200 is ${(iso / cold).toFixed(1)}x faster (goal >= 10x); CPU ${fmt(isoC)} = ` +
        `${(isoC / coldC).toFixed(1)}x the cold build's; warm history ${(iso / warmIn).toFixed(0)}x faster`,
    );

    const width = Math.max(...rows.map((r) => r[0].length));
    for (const [what, value, note] of rows)
      console.log(`${what.padEnd(width)}  ${value.padStart(9)}  ${note}`);
    console.log(
      `load after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (KEEP) console.log(`kept ${work}`);
  } finally {
    if (!KEEP) rmSync(work, { recursive: true, force: true });
  }
}

await main();
