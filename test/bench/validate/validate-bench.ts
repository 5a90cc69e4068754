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

function timeCommand(cmd: string, args: string[], cwd: string, input?: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(cmd, args, { cwd, input, maxBuffer: 1 << 28 });
    if (result.status !== 0 && cmd !== process.execPath) throw new Error(`${cmd} ${args.join(' ')} failed`);
    if (cmd === process.execPath && args[0] === BIN && result.status !== 0) {
      throw new Error(`opsledger ${args.join(' ')} exited ${result.status}: ${result.stdout.toString()}`);
    }
    times.push(performance.now() - started);
  }
  return median(times);
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
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
    const rows: [string, number][] = [
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
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(
      `validate benchmark: ${files} files (${ACTIONS} actions + scripts, ${Math.ceil(ACTIONS / 5)} runbooks x 10 steps, 20 roles), median of ${RUNS}`,
    );
    console.log(
      `load average: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 shared cores)`,
    );
    for (const [label, ms] of rows) console.log(`${label.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms`);
    console.log(
      `${'demo repo: opsledger validate --staged'.padEnd(width)}  ${demo.toFixed(0).padStart(6)} ms`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
