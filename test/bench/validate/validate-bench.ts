/**
 * Benchmark of `opsledger validate` on a generated repo: how long the pre-commit hook (`--staged`) and the
 * pre-receive hook (`--rev`) take, beside the floors measured in the same run (a bare node start, and native git
 * listing + reading every definition blob with one cat-file). Run: npx tsx test/bench/validate/validate-bench.ts [N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openIndexSource } from '../../../src/definitions/sources/open-index-source.js';
import { openTreeSource } from '../../../src/definitions/sources/open-tree-source.js';
import { openWorkTreeSource } from '../../../src/definitions/sources/open-work-tree-source.js';
import { validateSource } from '../../../src/definitions/validate-source.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin/opsledger.js');
const ACTIONS = Number(process.argv[2] ?? 500);
const RUNS = 7;

function action(i: number): string {
  return `# yaml-language-server: $schema=../schema/action.schema.json
id: action-${i}
name: Action number ${i}
description: A generated action with parameters, targets and a script file.
owner: bob@example.com
tags: [generated, group-${i % 10}]
status: released
script:
  shell: sh
  file: definitions/scripts/action-${i}.sh
parameters:
  - name: dir
    type: string
    required: true
    pattern: '^/'
  - name: keep
    type: integer
    default: 5
  - name: mode
    type: string
    default: safe
    enum: [safe, fast]
  - name: token
    type: string
    secret: true
targets: [web-01, web-02, db-01]
credential: ssh/deploy
timeout: 300
schedule: '${i % 60} 6 * * *'
`;
}

function runbook(i: number): string {
  const steps = Array.from(
    { length: 10 },
    (_, s) => `  - id: step-${s}
    name: Step ${s}
    action: action-${(i * 10 + s) % ACTIONS}
    when: ${s === 0 ? 'on_success' : s % 3 === 0 ? 'always' : 'on_success'}
    automatic: ${s % 4 !== 0}
    with:
      dir: /var/log/app-${s}
      keep: ${s + 1}
      mode: ${s % 2 === 0 ? 'safe' : 'fast'}
`,
  ).join('');
  return `id: runbook-${i}\nname: Runbook ${i}\nowner: carol@example.com\nstatus: released\nsteps:\n${steps}`;
}

async function generate(dir: string): Promise<number> {
  for (const folder of ['actions', 'runbooks', 'roles', 'scripts']) {
    await mkdir(path.join(dir, 'definitions', folder), { recursive: true });
  }
  const writes: Promise<void>[] = [];
  for (let i = 0; i < ACTIONS; i++) {
    writes.push(writeFile(path.join(dir, `definitions/actions/action-${i}.yaml`), action(i)));
    writes.push(writeFile(path.join(dir, `definitions/scripts/action-${i}.sh`), `echo ${i}\n`));
  }
  const runbooks = Math.ceil(ACTIONS / 5);
  for (let i = 0; i < runbooks; i++) {
    writes.push(writeFile(path.join(dir, `definitions/runbooks/runbook-${i}.yaml`), runbook(i)));
  }
  for (let i = 0; i < 20; i++) {
    writes.push(
      writeFile(
        path.join(dir, `definitions/roles/role-${i}.yaml`),
        `id: role-${i}\nmembers: [user${i}@example.com]\npermissions: [actions:execute, executions:read:own]\nscope:\n  actions: ['tag:group-${i % 10}', 'action-${i}*']\n`,
      ),
    );
  }
  await Promise.all(writes);
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'generated');
  return ACTIONS * 2 + runbooks + 20;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time and CPU time (user + system, from bash's `times`) of a command, medians over RUNS runs. */
function timeCommand(cmd: string, args: string[], cwd: string, input?: string): Timing {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    // `times` prints the children's user and system time on its second line, e.g. "0m1.234s 0m0.120s".
    const result = spawnSync(
      'bash',
      ['-c', '"$@" >/dev/null; status=$?; times; exit $status', 'bench', cmd, ...args],
      {
        cwd,
        input,
        maxBuffer: 1 << 28,
        encoding: 'utf8',
      },
    );
    walls.push(performance.now() - started);
    if (result.status !== 0)
      throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    const children = result.stdout.trim().split('\n').at(-1) ?? '';
    const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    cpus.push(((seconds[0] ?? 0) + (seconds[1] ?? 0)) * 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

interface Timing {
  wall: number;
  cpu: number | null;
}

/** Wall time and this process's CPU time of an in-process call, medians over RUNS runs. */
async function timeAsync(fn: () => Promise<unknown>): Promise<Timing> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(cpu);
    walls.push(performance.now() - started);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-bench-validate-'));
  try {
    const files = await generate(dir);
    const blobs = execFileSync('git', ['ls-files', '-s', 'definitions'], { cwd: dir, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ')[1])
      .join('\n');
    const rows: [string, Timing][] = [
      ['floor: node -e "" (process start)', timeCommand(process.execPath, ['-e', ''], dir)],
      [
        'floor: git ls-files -s + one cat-file --batch of every blob',
        timeCommand(
          'sh',
          ['-c', 'git ls-files -s >/dev/null && git cat-file --batch >/dev/null'],
          dir,
          blobs,
        ),
      ],
      ['opsledger validate (work tree)', timeCommand(process.execPath, [BIN, 'validate'], dir)],
      [
        'opsledger validate --staged (pre-commit)',
        timeCommand(process.execPath, [BIN, 'validate', '--staged'], dir),
      ],
      [
        'opsledger validate --rev HEAD (pre-receive)',
        timeCommand(process.execPath, [BIN, 'validate', '--rev', 'HEAD'], dir),
      ],
      [
        'in-process validateSource(work tree)',
        await timeAsync(async () => validateSource(openWorkTreeSource(dir))),
      ],
      [
        'in-process validateSource(index)',
        await timeAsync(async () => validateSource(await openIndexSource(dir))),
      ],
      [
        'in-process validateSource(tree HEAD)',
        await timeAsync(async () => validateSource(await openTreeSource(dir, 'HEAD'))),
      ],
    ];
    const demo = timeCommand(process.execPath, [BIN, 'validate', '--staged'], ROOT);
    const width = Math.max(...rows.map(([label]) => label.length), 40);
    console.log(
      `validate benchmark: ${files} files (${ACTIONS} actions + scripts, ${Math.ceil(ACTIONS / 5)} runbooks x 10 steps, 20 roles), median of ${RUNS}`,
    );
    console.log(
      `load average: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 shared cores)`,
    );
    rows.push(['demo repo: opsledger validate --staged', demo]);
    console.log(`${''.padEnd(width)}  ${'wall'.padStart(8)}  ${'cpu'.padStart(8)}`);
    for (const [label, t] of rows) {
      const cpu = t.cpu === null ? '' : `${t.cpu.toFixed(0)} ms`;
      console.log(`${label.padEnd(width)}  ${`${t.wall.toFixed(0)} ms`.padStart(8)}  ${cpu.padStart(8)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
