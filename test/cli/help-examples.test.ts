import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliApp } from '../../src/cli/cli-app.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { createOutput } from '../../src/cli/output.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { PACKAGE_VERSION } from '../../src/package/package-root.js';
import { createDemoClone, type DemoClone } from '../helpers/demo-clone.js';

/**
 * Examples that cannot run as written against a throwaway clone, each with why. Everything else must exit 0, or
 * the code in EXPECTED_CODES.
 */
const NOT_RUN: Record<string, string> = {
  'opsledger serve': 'starts a long-running server (test/server/serve-e2e.test.ts runs it)',
  'opsledger serve --host 0.0.0.0 --port 9000 --log-level warn': 'a long-running server on a public address',
  'opsledger serve --trust-proxy loopback': 'a long-running server',
  'opsledger hooks install --target ../ops-repo': 'needs a second repo (test/hooks/ installs into one)',
  'opsledger hooks install --target /srv/git/ops.git': 'needs a bare repo on a server',
  'opsledger hooks uninstall --target ../ops-repo': 'needs a second repo',
  'opsledger runbook run web-incident-response --param service=nginx':
    "runs the demo's real scripts against its targets; test/runbooks/ runs runbooks end to end",
  'opsledger runbook confirm 01JD8Z3M4K9Q2W6E8R1T5Y7U3I restart': 'needs a run waiting for that step',
  'opsledger runbook confirm 01JD8Z3M4K9Q2W6E8R1T5Y7U3I restart --reject':
    'needs a run waiting for that step',
  'opsledger runbook cancel 01JD8Z3M4K9Q2W6E8R1T5Y7U3I': 'needs a running runbook run',
  'opsledger export --to s3://audit-archive/opsledger':
    'needs an S3 store; test/export/ runs it against s3rver',
  'opsledger export verify --from s3://audit-archive/opsledger': 'needs an S3 store; test/export/ runs it',
  'opsledger revert restart-web --to 2 --pr':
    'opens a pull request on GitHub; test/github/revert-pull-request.test.ts runs it against the fake GitHub',
  'opsledger revert --commit 1a2b3c4 --pr': 'opens a pull request on GitHub; test/github/ runs it',
  'opsledger pr-check --base main --head sample':
    'needs the sample branch the lines above it make; test/review/readme-example.test.ts runs the whole block',
  'opsledger verify --database-url postgres://opsledger@db.example.com/opsledger':
    'needs a PostgreSQL server; test/executions/postgres-journal.test.ts runs it on one',
  'opsledger db migrate --database-url postgres://opsledger@db.example.com/opsledger':
    'needs a PostgreSQL server; test/helpers/postgres.ts migrates every test schema',
  'opsledger db migrate --database-url postgres://opsledger@db.example.com/opsledger --json':
    'needs a PostgreSQL server',
  'opsledger journal copy --from .opsledger --to postgres://opsledger@db.example.com/opsledger':
    'needs a PostgreSQL server; test/executions/journal-copy.test.ts runs it on one',
  'opsledger journal copy --from postgres://opsledger@db.example.com/opsledger --to /backup/opsledger --json':
    'needs a PostgreSQL server',
};

/** Examples whose documented result on the demo is a non-zero exit code, each with why. */
const EXPECTED_CODES: Record<string, { code: number; why: string }> = {
  [`opsledger schemas update && git add definitions/schema && git commit -m "Schemas of opsledger ${PACKAGE_VERSION}"`]:
    {
      code: 1,
      why: "the demo's schemas are those of this version, so `git commit` has nothing to commit",
    },
};

/** Every command path of the CLI (`['keys', 'create']`), from the program with every command registered. */
async function listCommandPaths(): Promise<string[][]> {
  const program = new Command('opsledger');
  const app = createCliApp(program, {
    out: createOutput(process.stdout, process.stderr),
    env: {},
    cwd: ROOT,
  });
  for (const load of Object.values(COMMANDS)) (await load())(program, app);
  const walk = (c: Command, prefix: string[]): string[][] =>
    c.commands.flatMap((sub) => [[...prefix, sub.name()], ...walk(sub, [...prefix, sub.name()])]);
  return [[], ...walk(program, [])];
}

/** The `  $ opsledger …` lines of one `--help` text, without the `$ `. */
function extractHelpExamples(help: string): string[] {
  return help
    .split('\n')
    .filter((l) => l.startsWith('  $ opsledger '))
    .map((l) => l.slice(4).trim());
}

/** The `opsledger …` and `npx opsledger …` lines of the README's code blocks, as a shell on PATH would run them. */
function extractReadmeExamples(readme: string): string[] {
  const blocks = [...readme.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((b) => b.split('\n'))
    .filter((l) => /^(npx )?opsledger /.test(l))
    .map((l) => l.replace(/^npx /, '').trim());
}

/** The example without its trailing comment: the key of the allow-lists. */
const commandOf = (line: string): string => line.replace(/\s+#.*$/, '').trim();

let clone: DemoClone;
let examples: { where: string; line: string }[] = [];

beforeAll(async () => {
  clone = await createDemoClone();
  for (const p of await listCommandPaths()) {
    const help = runCli([...p, '--help']);
    expect(help.code, `opsledger ${p.join(' ')} --help`).toBe(0);
    for (const line of extractHelpExamples(help.stdout))
      examples.push({ where: `opsledger ${p.join(' ')} --help`, line });
  }
  for (const line of extractReadmeExamples(readFileSync(path.join(ROOT, 'README.md'), 'utf8')))
    examples.push({ where: 'README.md', line });
  // The same example in two places runs once.
  examples = examples.filter((e, i) => examples.findIndex((x) => x.line === e.line) === i);
}, 120_000);

afterAll(async () => {
  await clone?.cleanup();
});

describe('#20.6 every example in --help texts and the README runs on the demo repo as written', () => {
  it('#20.6 finds the examples of every command (help texts and README)', () => {
    const commands = new Set(examples.map((e) => e.line.split(/\s+/)[1]));
    for (const name of Object.keys(COMMANDS)) expect(commands, `an example of ${name}`).toContain(name);
    expect(examples.filter((e) => e.where === 'README.md').length).toBeGreaterThanOrEqual(3);
  });

  // Asynchronous child processes only: a worker blocked for minutes by synchronous ones misses vitest's RPC deadline.
  it('#20.6 each example exits 0 (or its documented code) in a throwaway clone of the demo', async () => {
    const failures: string[] = [];
    const git = async (...args: string[]): Promise<string> =>
      (await run('git', args, { cwd: clone.dir, encoding: 'utf8' })).stdout;
    const start = (await git('rev-parse', 'HEAD')).trim();
    for (const { where, line } of examples) {
      const command = commandOf(line);
      if (command in NOT_RUN) continue;
      // The variable the `run --param-env` example names, as its reader would have set it.
      const result = await bash(line, clone.dir, { ...clone.env, NEW_SECRET: 'demo-secret-value' });
      // Each example starts from the demo as cloned (an earlier one may have committed or written files).
      await git('reset', '-q', '--hard', start);
      await git('clean', '-qfd');
      // … or anchored the chain head (`opsledger anchor` writes refs/opsledger/anchors, which a report checks).
      const refs = await git('for-each-ref', '--format=%(refname)', 'refs/opsledger/');
      for (const ref of refs.split('\n').filter(Boolean)) await git('update-ref', '-d', ref);
      const expected = EXPECTED_CODES[command]?.code ?? 0;
      if (result.status !== expected) {
        failures.push(
          `${where}: ${line}\n  exit ${result.status} (expected ${expected})\n  ${(result.stderr || result.stdout).trim().split('\n').slice(0, 4).join('\n  ')}`,
        );
      }
    }
    expect(failures.join('\n\n')).toBe('');
  }, 600_000);
});

const run = promisify(execFile);

/** Run one example line with bash; resolves with its exit code and output (killed after 120 s). */
function bash(
  line: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', line], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
