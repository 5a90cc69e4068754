import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from './fixture-repo.js';
import { makeReadOnly } from './read-only-dir.js';

let repo: TestRepo;
let scratch: string;
beforeAll(async () => {
  repo = await createFixtureRepo();
  scratch = await mkdtemp(path.join(tmpdir(), 'opsledger-run-scratch-'));
});
afterAll(async () => {
  await repo.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: repo.dir, env });
const json = <T>(text: string): T => JSON.parse(text) as T;
/** Whether a process still runs (a zombie waiting to be reaped by init has already died). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
/** Every file below a directory, with its content. */
function filesUnder(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((file) => ({ file, text: readFileSync(file, 'latin1') }));
}

interface Rec {
  id: string;
  status: string;
  exit_code: number | null;
  trigger: string;
  targets: string[];
  parameters: Record<string, unknown>;
  definition: {
    commit: string | null;
    blob: string | null;
    path: string | null;
    version: number | null;
    status: string | null;
    dirty: boolean;
  };
  initiator: { user: string; via: string; os_user?: string; host?: string; pseudonym?: string };
  results?: {
    target: string | null;
    status: string;
    exit_code: number | null;
    stdout_tail: string;
    stderr_tail: string;
  }[];
  command?: string[];
}

describe('opsledger run', () => {
  it('passes a value full of shell metacharacters through literally, pinned to the committed definition', () => {
    const nasty = `$(rm -rf /); reboot \`id\` "q" 'single' & | > /etc/x $HOME \\n`;
    const out = path.join(scratch, 'literal.txt');
    const r = cli([
      'run',
      'echo-params',
      '--param',
      `value=${nasty}`,
      '--param',
      `out_file=${out}`,
      '--target',
      'web-01',
      '--json',
    ]);
    expect(r.stderr).toContain('[web-01] target=web-01');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(nasty);
    const rec = json<Rec>(r.stdout);
    expect(rec.status).toBe('succeeded');
    expect(rec.parameters).toEqual({ value: nasty, out_file: out, count: 3, loud: false, mode: 'safe' });
    expect(rec.definition).toEqual({
      commit: repo.git('rev-parse', 'main').trim(),
      blob: repo.git('rev-parse', 'main:definitions/actions/echo-params.yaml').trim(),
      path: 'definitions/actions/echo-params.yaml',
      version: 1,
      status: 'released',
      dirty: false,
    });
    expect(rec.trigger).toBe('manual');
    expect(rec.initiator).toMatchObject({ user: 'alice@example.com', via: 'cli' });
    expect(rec.initiator.pseudonym).toMatch(/^user-/);
    expect(rec.results?.[0]?.stdout_tail).toBe(`target=web-01 id=${rec.id} count=3 loud=false\n`);
  });

  it('coerces and checks parameters against the definition, and records nothing for bad input', () => {
    const dataDir = path.join(scratch, 'bad-params');
    const env = { OPSLEDGER_DATA_DIR: dataDir };
    const base = ['run', 'echo-params', '--param', 'value=x', '--param', 'out_file=/tmp/x'];
    const cases: [string[], RegExp][] = [
      [['--param', 'count=abc'], /parameter "count" must be integer/],
      [['--param', 'nope=1'], /unknown parameter "nope"/],
      [['--param', 'mode=reckless'], /"mode" must be one of fast, safe/],
      [['--param', 'loud=maybe'], /"loud" must be boolean/],
      [['--target', 'mail-01'], /target "mail-01" is not one of the action's targets/],
    ];
    for (const [extra, message] of cases) {
      const r = cli([...base, ...extra], env);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^error\[PARAM_INVALID\]/);
      expect(r.stderr).toMatch(message);
    }
    const missing = cli(['run', 'echo-params', '--param', 'value=x'], env);
    expect(missing.stderr).toMatch(/missing required parameter "out_file"/);
    expect(existsSync(path.join(dataDir, 'executions'))).toBe(false);
    const typed = cli(
      [...base, '--param', 'count=7', '--param', 'loud=true', '--target', 'db-01', '--json'],
      env,
    );
    expect(json<Rec>(typed.stdout).parameters).toMatchObject({ count: 7, loud: true });
  });

  it('kills the whole process group on timeout and records timed_out', () => {
    const pidFile = path.join(scratch, 'sleepy.pid');
    const r = cli(['run', 'sleepy', '--param', `pid_file=${pidFile}`, '--json']);
    expect(r.code).toBe(1);
    const rec = json<Rec>(r.stdout);
    expect(rec.status).toBe('timed_out');
    expect(rec.results?.[0]).toMatchObject({ status: 'timed_out', stdout_tail: 'started\n' });
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(grandchild).toBeGreaterThan(0);
    expect(alive(grandchild)).toBe(false);
  });

  it('never lets a secret value reach the journal, state, output or --json; equal secrets share an HMAC', () => {
    const canary = 'CANARY-7f3a91c2-do-not-leak';
    const dataDir = path.join(scratch, 'secret');
    const env = { OPSLEDGER_DATA_DIR: dataDir };
    const one = cli(
      ['run', 'secret-user', '--param', `token=${canary}`, '--param', 'note=hello', '--json'],
      env,
    );
    const two = cli(['run', 'secret-user', '--param-env', 'token=THE_TOKEN', '--json'], {
      ...env,
      THE_TOKEN: canary,
    });
    const human = cli(['run', 'secret-user', '--param', `token=${canary}`], env);
    const list = cli(['executions', '--json'], env);
    const table = cli(['executions'], env);
    for (const r of [one, two, human]) expect(r.code).toBe(1);
    for (const r of [one, two, human, list, table]) {
      expect(r.stdout).not.toContain(canary);
      expect(r.stderr).not.toContain(canary);
    }
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(2);
    for (const { file, text } of files) expect(text.includes(canary), file).toBe(false);

    const a = json<Rec>(one.stdout);
    const b = json<Rec>(two.stdout);
    expect(a.parameters.token).toEqual({ redacted: true, hmac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(b.parameters.token).toEqual(a.parameters.token);
    expect(a.parameters.note).toBe('hello');
    expect(a.results?.[0]?.stdout_tail).toBe('the token is [REDACTED], really\n');
    expect(a.results?.[0]?.stderr_tail).toBe('[REDACTED]\n');
    expect(human.stderr).toContain('the token is [REDACTED], really');
  });

  it('refuses an unreleased action unless allowed, and flags the run', () => {
    const refused = cli(['run', 'draft-thing']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error\[DEFINITION_UNRELEASED\]: action "draft-thing" is draft/);
    const allowed = cli(['run', 'draft-thing', '--allow-unreleased', '--json']);
    expect(allowed.code).toBe(0);
    expect(json<Rec>(allowed.stdout).definition).toMatchObject({ status: 'draft', dirty: false });
  });

  it('refuses a definition or script changed in the work tree unless allowed, then runs the work-tree version', async () => {
    await repo.write('definitions/scripts/from-file.sh', 'echo "edited locally"\n');
    try {
      const refused = cli(['run', 'from-file']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^error\[DEFINITION_DIRTY\]/);
      const allowed = cli(['run', 'from-file', '--allow-dirty', '--json']);
      expect(allowed.code).toBe(0);
      const rec = json<Rec>(allowed.stdout);
      expect(rec.definition.dirty).toBe(true);
      expect(rec.definition.blob).toBe(
        repo.git('rev-parse', 'main:definitions/actions/from-file.yaml').trim(),
      );
      expect(rec.results?.[0]?.stdout_tail).toBe('edited locally\n');
    } finally {
      repo.git('checkout', '--', 'definitions/scripts/from-file.sh');
    }
    const clean = cli(['run', 'from-file', '--json']);
    expect(json<Rec>(clean.stdout).results?.[0]?.stdout_tail).toBe('committed version\n');

    await repo.write(
      'definitions/actions/brand-new.yaml',
      'id: brand-new\nname: n\nowner: a@example.com\nstatus: released\nscript: { shell: sh, inline: echo new }\n',
    );
    try {
      expect(cli(['run', 'brand-new']).stderr).toMatch(
        /^error\[DEFINITION_DIRTY\]: action "brand-new" is not committed/,
      );
      const rec = json<Rec>(cli(['run', 'brand-new', '--allow-dirty', '--json']).stdout);
      expect(rec.definition).toMatchObject({
        commit: null,
        version: null,
        dirty: true,
        path: 'definitions/actions/brand-new.yaml',
      });
    } finally {
      await rm(path.join(repo.dir, 'definitions/actions/brand-new.yaml'));
    }
  });

  it('never counts the data dir as dirty, and warns when one inside the repo is not git-ignored', () => {
    const ignored = cli(['run', 'draft-thing', '--allow-unreleased', '--json']);
    expect(ignored.stderr).not.toContain('not git-ignored');
    const inside = cli([
      '--data-dir',
      path.join(repo.dir, 'audit-data'),
      'run',
      'draft-thing',
      '--allow-unreleased',
      '--json',
    ]);
    expect(inside.code).toBe(0);
    expect(inside.stderr).toContain('warning: the data dir audit-data/ is not git-ignored');
    expect(json<Rec>(inside.stdout).definition.dirty).toBe(false);
    const again = cli([
      '--data-dir',
      path.join(repo.dir, 'audit-data'),
      'run',
      'draft-thing',
      '--allow-unreleased',
      '--json',
    ]);
    expect(json<Rec>(again.stdout).definition.dirty).toBe(false);
  });

  it('runs once per target with the action concurrency', () => {
    const r = cli(['run', 'node-hello', '--json']);
    expect(r.code).toBe(0);
    const rec = json<Rec>(r.stdout);
    expect(rec.targets).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5']);
    expect(rec.results?.map((x) => [x.target, x.status, x.stdout_tail])).toEqual(
      ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'].map((t) => [t, 'succeeded', `hello from node ${t}\n`]),
    );
  });

  it('fails closed: with the journal unwritable nothing runs and the error is JOURNAL_UNAVAILABLE', () => {
    const dataDir = path.join(scratch, 'read-only');
    const env = { OPSLEDGER_DATA_DIR: dataDir };
    // Warm the history index so the only thing that cannot be written is the journal and state.
    const warm = cli(['history', 'touch-marker'], env);
    expect(warm.code, warm.stderr).toBe(0);
    const lock = makeReadOnly(dataDir);
    const marker = path.join(scratch, 'must-not-exist');
    try {
      const r = cli(['run', 'touch-marker', '--param', `marker=${marker}`], env);
      expect(r.code, `${lock.how}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(/^error\[JOURNAL_UNAVAILABLE\]/m);
      expect(existsSync(marker)).toBe(false);
    } finally {
      lock.undo();
    }
    // A data dir never used before, all of it unwritable (the history index cannot be built either).
    const cold = path.join(scratch, 'read-only-cold');
    const coldLock = makeReadOnly(cold);
    try {
      const r = cli(['run', 'touch-marker', '--param', `marker=${marker}`], { OPSLEDGER_DATA_DIR: cold });
      expect(r.code, `${coldLock.how}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(/^error\[JOURNAL_UNAVAILABLE\]/m);
      expect(existsSync(marker)).toBe(false);
    } finally {
      coldLock.undo();
    }
  });

  it('records cancelled when interrupted (Ctrl-C), and stops the children', async () => {
    const pidFile = path.join(scratch, 'long.pid');
    const child = spawn(
      process.execPath,
      [BIN, 'run', 'long-wait', '--param', `pid_file=${pidFile}`, '--json'],
      {
        cwd: repo.dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const sawWaiting = new Promise<void>((resolve) =>
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        if (stderr.includes('waiting')) resolve();
      }),
    );
    await sawWaiting;
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    const rec = json<Rec>(stdout);
    expect(rec.status).toBe('cancelled');
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    expect(stderr).toContain('SIGINT: stopping the run');
  });
});

describe('opsledger exec and executions', () => {
  it('wraps an outside command: output through, exit code through, recorded as external', () => {
    const dataDir = path.join(scratch, 'exec');
    const env = { OPSLEDGER_DATA_DIR: dataDir };
    const r = cli(
      [
        'exec',
        '--action',
        'nightly-backup',
        '--target',
        'files-01',
        '--',
        'sh',
        '-c',
        'echo out; echo err >&2; exit 7',
      ],
      env,
    );
    expect(r.code).toBe(7);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toContain('err\n');
    const [rec] = json<Rec[]>(cli(['executions', '--json', '--trigger', 'external'], env).stdout);
    expect(rec).toMatchObject({
      action_id: 'nightly-backup',
      trigger: 'external',
      status: 'failed',
      exit_code: 7,
      targets: ['files-01'],
      definition: { commit: null, blob: null, dirty: false },
      command: ['sh', '-c', 'echo out; echo err >&2; exit 7'],
    });

    const canary = 'CANARY-exec-5150';
    const secret = cli(
      [
        'exec',
        '--action',
        'secret-user',
        '--param',
        `token=${canary}`,
        '--',
        'sh',
        '-c',
        `echo "$OPSLEDGER_PARAM_TOKEN" ${canary}`,
      ],
      env,
    );
    expect(secret.code).toBe(0);
    expect(secret.stdout).toBe('[REDACTED] [REDACTED]\n');
    for (const { text } of filesUnder(dataDir)) expect(text).not.toContain(canary);
  });

  it('filters runs by action, status, target, user and time, newest first; a table without --json', () => {
    const dataDir = path.join(scratch, 'filters');
    const env = { OPSLEDGER_DATA_DIR: dataDir };
    const out = path.join(scratch, 'f.txt');
    for (const t of ['web-01', 'web-02']) {
      expect(
        cli(['run', 'echo-params', '--param', 'value=v', '--param', `out_file=${out}`, '--target', t], env)
          .code,
      ).toBe(0);
    }
    expect(cli(['run', 'draft-thing', '--allow-unreleased'], env).code).toBe(0);
    const all = json<Rec[]>(cli(['executions', '--json'], env).stdout);
    expect(all.map((r) => r.targets[0] ?? null)).toEqual([null, 'web-02', 'web-01']);
    const q = (...args: string[]) => json<Rec[]>(cli(['executions', '--json', ...args], env).stdout).length;
    expect(q('--action', 'echo-params')).toBe(2);
    expect(q('--target', 'web-02')).toBe(1);
    expect(q('--status', 'succeeded')).toBe(3);
    expect(q('--status', 'failed')).toBe(0);
    expect(q('--user', 'alice@example.com')).toBe(3);
    expect(q('--user', 'bob@example.com')).toBe(0);
    expect(q('--since', '2999-01-01')).toBe(0);
    expect(q('--until', '2999-01-01', '--limit', '2')).toBe(2);
    const table = cli(['executions', '--action', 'echo-params'], env);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^STARTED \(UTC\)\s+ID\s+ACTION\s+STATUS\s+USER\s+TARGETS\s+DURATION$/,
    );
    expect(table.stdout).toContain('alice@example.com');
    expect(cli(['executions', '--pseudonymize'], env).stdout).not.toContain('alice@example.com');
    const bad = cli(['executions', '--since', 'yesterday'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error\[INPUT_INVALID\]: --since yesterday/);
    const one = json<Rec[]>(cli(['executions', all[0]!.id, '--json'], env).stdout);
    expect(one.map((r) => r.status)).toEqual(['running', 'succeeded']);
  });
});
