import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import {
  action,
  cliAs,
  latestRuns,
  recordsOf,
  runbook,
  sleep,
  waitFor,
  type Rec,
} from './runbook-fixture.js';

// Each step appends its id (and note) to $dir/log; `gate` waits for $dir/go; `long` runs a sleeping grandchild.
const NOTE = 'echo "$OPSLEDGER_ACTION_ID $OPSLEDGER_PARAM_NOTE" >> "$OPSLEDGER_PARAM_DIR/log"';
const ACTIONS = {
  'definitions/actions/ok.yaml': action('ok', NOTE),
  'definitions/actions/fail.yaml': action('fail', `${NOTE}\nexit 3`),
  'definitions/actions/second.yaml': action('second', 'echo "second from A" >> "$OPSLEDGER_PARAM_DIR/log"'),
  'definitions/actions/gate.yaml': action(
    'gate',
    `${NOTE}\nwhile [ ! -e "$OPSLEDGER_PARAM_DIR/go" ]; do sleep 0.1; done`,
  ),
  'definitions/actions/flaky.yaml': action(
    'flaky',
    'n=$(cat "$OPSLEDGER_PARAM_DIR/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$OPSLEDGER_PARAM_DIR/count"\n[ $n -ge 3 ]',
  ),
  'definitions/actions/long.yaml': action(
    'long',
    'sleep 300 &\necho $! > "$OPSLEDGER_PARAM_DIR/pid"\necho started > "$OPSLEDGER_PARAM_DIR/started"\nwait',
  ),
};
const RUNBOOKS = {
  'definitions/runbooks/story.yaml': runbook('story', [
    { id: 'one', action: 'ok' },
    { id: 'two', action: 'fail' },
    {
      id: 'three',
      action: 'ok',
      when: 'on_failure',
      note: 'two ended ${{ steps.two.status }} ${{ steps.two.exit_code }}',
    },
    { id: 'four', action: 'ok', when: 'on_success' },
  ]),
  'definitions/runbooks/pinned.yaml': runbook('pinned', [
    { id: 'wait', action: 'gate' },
    { id: 'then', action: 'second' },
  ]),
  'definitions/runbooks/manual.yaml': runbook('manual', [
    { id: 'first', action: 'ok' },
    { id: 'approve', action: 'ok', automatic: false, note: 'confirmed' },
  ]),
  'definitions/runbooks/retry.yaml': runbook('retry', [
    {
      id: 'poll',
      action: 'flaky',
      extra: '    delay: PT0.3S\n    repeat: { every: PT0.2S, until: succeeded, times: 5 }\n',
    },
    { id: 'bounded', action: 'long', when: 'always', extra: '    timeout: 1\n' },
  ]),
  'definitions/runbooks/slow.yaml': runbook('slow', [
    { id: 'sleeper', action: 'long' },
    { id: 'after', action: 'ok', when: 'always' },
  ]),
};

let repo: TestRepo;
let tmp: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  repo = await createTestRepo([
    {
      message: 'Add actions and runbooks',
      files: { '.gitignore': '.opsledger/\n', ...ACTIONS, ...RUNBOOKS },
    },
  ]);
  tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-runbooks-'));
  env = { TMPDIR: tmp };
});
afterAll(async () => {
  await repo.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

const workDir = (): string => mkdtempSync(path.join(tmp, 'work-'));
const stepRuns = (runId: string): Rec[] =>
  latestRuns(repo, env, ['--trigger', 'runbook']).filter((r) => r.runbook_run_id === runId);
const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('#17.1 runbook runs (real processes)', () => {
  it('#17.1 step 2 fails: step 3 (on_failure) runs with the failed status and exit code, step 4 (on_success) is skipped with its reason', () => {
    const dir = workDir();
    const r = cliAs(repo, env).run(['runbook', 'run', 'story', '--param', `dir=${dir}`, '--json']);
    expect(r.stderr).not.toMatch(/error\[/);
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout) as Rec;
    expect(run).toMatchObject({
      kind: 'runbook_run',
      status: 'failed',
      action_id: 'story',
      trigger: 'manual',
    });
    expect(run.steps!.map((s) => [s.id, s.status])).toEqual([
      ['one', 'succeeded'],
      ['two', 'failed'],
      ['three', 'succeeded'],
      ['four', 'skipped'],
    ]);
    expect(run.steps![3]!.reason).toMatch(/on_success, but step "two" failed/);
    expect(readFileSync(path.join(dir, 'log'), 'utf8')).toBe('ok \nfail \nok two ended failed 3\n');
    const steps = stepRuns(run.id);
    expect(steps).toHaveLength(3);
    for (const s of steps)
      expect(s).toMatchObject({ trigger: 'runbook', runbook_run_id: run.id, attempt: 1 });
    expect(steps.map((s) => s.step_id).sort()).toEqual(['one', 'three', 'two']);
    // Start, every change of state, and the end are all records of the run.
    const records = recordsOf(repo, env, run.id);
    expect(records[0]!.status).toBe('running');
    expect(records.at(-1)!.status).toBe('failed');
    expect(records.length).toBeGreaterThan(4);
  });

  it('#17.1 every step runs as the branch was when the run started: commit B changes step 2 mid-run, the run uses A', async () => {
    const dir = workDir();
    const child = cliAs(repo, env).spawn(['runbook', 'run', 'pinned', '--param', `dir=${dir}`, '--json']);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(() => existsSync(path.join(dir, 'log')));
    const b = await repo.commit({
      message: 'Change step 2 mid-run',
      files: {
        'definitions/actions/second.yaml': action(
          'second',
          'echo "second from B" >> "$OPSLEDGER_PARAM_DIR/log"',
        ),
      },
    });
    writeFileSync(path.join(dir, 'go'), '');
    expect(await exited).toBe(0);
    const run = JSON.parse(out) as Rec;
    expect(run.status).toBe('succeeded');
    expect(run.pinned_commit).not.toBe(b);
    expect(readFileSync(path.join(dir, 'log'), 'utf8')).toContain('second from A');
    expect(readFileSync(path.join(dir, 'log'), 'utf8')).not.toContain('second from B');
    const then = stepRuns(run.id).find((s) => s.step_id === 'then')!;
    expect(then.definition.commit).not.toBe(b);
    // A new run pins B.
    const dir2 = workDir();
    writeFileSync(path.join(dir2, 'go'), '');
    expect(cliAs(repo, env).run(['runbook', 'run', 'pinned', '--param', `dir=${dir2}`]).code).toBe(0);
    expect(readFileSync(path.join(dir2, 'log'), 'utf8')).toContain('second from B');
  });

  it('#17.1 a manual step waits; a user without permission is refused, an allowed one confirms and is recorded', async () => {
    await repo.commit({
      message: 'Roles',
      files: {
        'definitions/roles/operators.yaml':
          'id: operators\nmembers: [alice@example.com, olivia@example.com]\npermissions: [actions:execute, executions:read:own]\n',
        'definitions/roles/auditors.yaml':
          'id: auditors\nmembers: [audrey@example.com]\npermissions: [executions:read:all]\n',
      },
    });
    const dir = workDir();
    const child = cliAs(repo, env).spawn(['runbook', 'run', 'manual', '--param', `dir=${dir}`, '--json']);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waiting = await waitFor(() =>
      latestRuns(repo, env).find(
        (r) => r.kind === 'runbook_run' && r.action_id === 'manual' && r.status === 'waiting',
      ),
    );
    expect(waiting.steps!.map((s) => s.status)).toEqual(['succeeded', 'waiting']);
    const refused = cliAs(repo, env, 'audrey@example.com').run(['runbook', 'confirm', waiting.id, 'approve']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/error\[PERMISSION_DENIED\]/);
    const confirmed = cliAs(repo, env, 'olivia@example.com').run([
      'runbook',
      'confirm',
      waiting.id,
      'approve',
      '--json',
    ]);
    expect(confirmed.stderr).not.toMatch(/error\[/);
    expect(confirmed.code).toBe(0);
    expect(await exited).toBe(0);
    const run = JSON.parse(out) as Rec;
    expect(run.status).toBe('succeeded');
    expect(run.steps![1]).toMatchObject({ status: 'succeeded', decided_by: { user: 'olivia@example.com' } });
    expect(readFileSync(path.join(dir, 'log'), 'utf8')).toBe('ok \nok confirmed\n');
    // A second confirmation finds nothing waiting.
    const again = cliAs(repo, env, 'olivia@example.com').run(['runbook', 'confirm', waiting.id, 'approve']);
    expect(again.stderr).toMatch(/error\[STEP_NOT_WAITING\]/);
  });

  it('#17.3 a user without actions:execute on a called action is denied: a denied record, nothing runs', () => {
    const dir = workDir();
    const r = cliAs(repo, env, 'audrey@example.com').run([
      'runbook',
      'run',
      'story',
      '--param',
      `dir=${dir}`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[PERMISSION_DENIED\].*nothing ran/);
    expect(existsSync(path.join(dir, 'log'))).toBe(false);
    const denied = latestRuns(repo, env).find((x) => x.kind === 'runbook_run' && x.status === 'denied');
    expect(denied).toMatchObject({ action_id: 'story' });
    expect(stepRuns(denied!.id)).toHaveLength(0);
  });

  it('#17.1 delay, repeat until succeeded (each repetition its own record) and a step timeout', () => {
    const dir = workDir();
    const r = cliAs(repo, env).run(['runbook', 'run', 'retry', '--param', `dir=${dir}`, '--json']);
    expect(r.stderr).not.toMatch(/error\[/);
    const run = JSON.parse(r.stdout) as Rec;
    expect(run.steps!.map((s) => [s.id, s.status, s.executions.length])).toEqual([
      ['poll', 'succeeded', 3],
      ['bounded', 'timed_out', 1],
    ]);
    expect(run.status).toBe('failed');
    const polls = stepRuns(run.id)
      .filter((s) => s.step_id === 'poll')
      .sort((a, b) => a.attempt! - b.attempt!);
    expect(polls.map((p) => [p.attempt, p.status])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'succeeded'],
    ]);
    expect(readFileSync(path.join(dir, 'count'), 'utf8').trim()).toBe('3');
  });

  it('#17.1 runbook cancel ends the running step: its process group is gone, the run is cancelled', async () => {
    const dir = workDir();
    const child = cliAs(repo, env).spawn(['runbook', 'run', 'slow', '--param', `dir=${dir}`, '--json']);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(() => existsSync(path.join(dir, 'started')));
    const grandchild = Number(readFileSync(path.join(dir, 'pid'), 'utf8'));
    expect(pidAlive(grandchild)).toBe(true);
    const run = latestRuns(repo, env).find(
      (r) => r.kind === 'runbook_run' && r.action_id === 'slow' && r.status === 'running',
    )!;
    const cancel = cliAs(repo, env).run(['runbook', 'cancel', run.id]);
    expect(cancel.stderr).not.toMatch(/error\[/);
    expect(await exited).toBe(1);
    const final = JSON.parse(out) as Rec;
    expect(final.status).toBe('cancelled');
    expect(final.error).toMatch(/cancelled: requested by alice@example.com/);
    expect(final.steps!.map((s) => s.status)).toEqual(['cancelled', 'skipped']);
    await waitFor(() => !pidAlive(grandchild), 10_000);
    expect(stepRuns(run.id)[0]!.status).toBe('cancelled');
  });

  it('#17.2 a runbook run whose recorder was SIGKILLed is closed as abandoned by the next start, never left running', async () => {
    const dir = workDir();
    const child = cliAs(repo, env).spawn(['runbook', 'run', 'slow', '--param', `dir=${dir}`]);
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await waitFor(() => existsSync(path.join(dir, 'started')));
    const run = latestRuns(repo, env).find(
      (r) => r.kind === 'runbook_run' && r.action_id === 'slow' && r.status === 'running',
    )!;
    child.kill('SIGKILL');
    await exited;
    await sleep(100);
    const next = cliAs(repo, env).run(['runbook', 'run', 'story', '--param', `dir=${workDir()}`]);
    expect(next.stderr).toMatch(new RegExp(`run ${run.id} \\(slow\\) was left running.*abandoned`));
    const after = latestRuns(repo, env);
    expect(after.find((r) => r.id === run.id)!.status).toBe('abandoned');
    expect(after.filter((r) => r.status === 'running' || r.status === 'waiting')).toEqual([]);
    // The watchdog ends the orphaned step's process group when its recorder dies.
    const grandchild = Number(readFileSync(path.join(dir, 'pid'), 'utf8'));
    await waitFor(() => !pidAlive(grandchild), 15_000);
  });
});
