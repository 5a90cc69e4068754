import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { openState } from '../../src/state/open-state.js';
import { setLockWaitReporter } from '../../src/state/flock.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { actionYaml, ACTION_PATH } from '../history/fixtures.js';
import { makeInput } from '../executions/make-input.js';

let dataDir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-locks-'));
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  setLockWaitReporter(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A separate process holding `file` with the product's own lock (compiled dist/), until killed. */
async function holdLock(file: string): Promise<{ pid: number; kill: () => Promise<void> }> {
  mkdirSync(path.dirname(file), { recursive: true });
  const flock = pathToFileURL(path.join(ROOT, 'dist/state/flock.js')).href;
  const code = `import { acquireFlock } from ${JSON.stringify(flock)};
    await acquireFlock(${JSON.stringify(file)}, { timeoutMs: 5000 });
    process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.stdout!.once('data', () => resolve());
  });
  return {
    pid: child.pid!,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The real CLI, asynchronously (so a holder can be killed meanwhile); killed after 15 s. */
function startCli(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
  return { done, stderr: () => stderr };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await sleep(10);
  if (!check()) throw new Error(`never happened: ${what}`);
}

describe('locks a killed process held', () => {
  let repo: TestRepo | null = null;
  afterEach(async () => {
    await repo?.cleanup();
    repo = null;
  });

  it('#13.10 history refresh.lock: a SIGKILLed holder does not stall the next command; a live holder is named on stderr', async () => {
    repo = await createTestRepo();
    await repo.commit({ message: 'Add restart-web', files: { [ACTION_PATH]: actionYaml() } });
    const lock = path.join(dataDir, 'history', 'refresh.lock');
    const history = (cwd: string) =>
      startCli(['--repo', cwd, '--data-dir', dataDir, '--json', 'history', 'restart-web'], cwd);

    const killed = await holdLock(lock);
    await killed.kill();
    const first = await history(repo.dir).done;
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toHaveLength(1);

    // A new commit, so the next command must update the index (and take the lock), while a live process holds it.
    await repo.commit({ message: 'Raise timeout', files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } });
    const live = await holdLock(lock);
    const second = history(repo.dir);
    await until(() => /waiting for the history index refresh/.test(second.stderr()), 'the waiting notice');
    expect(second.stderr()).toMatch(
      new RegExp(`waiting for the history index refresh \\(.*refresh\\.lock\\) held by pid ${live.pid} …`),
    );
    await live.kill();
    const after = await second.done;
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toHaveLength(2);
  }, 40_000);

  it('#13.10 a refresh.lock directory an older opsledger left behind does not stall the next command', async () => {
    repo = await createTestRepo();
    await repo.commit({ message: 'Add restart-web', files: { [ACTION_PATH]: actionYaml() } });
    mkdirSync(path.join(dataDir, 'history', 'refresh.lock'), { recursive: true });
    const r = await startCli(
      ['--repo', repo.dir, '--data-dir', dataDir, '--json', 'history', 'restart-web'],
      repo.dir,
    ).done;
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
  }, 40_000);

  it('#13.10 journal and state locks: a SIGKILLed holder does not stall the next writer; a live holder is named', async () => {
    const notices: string[] = [];
    setLockWaitReporter((m) => notices.push(m));

    const journalLock = path.join(dataDir, 'executions', 'journal.lock');
    await (await holdLock(journalLock)).kill();
    const journal = await openJournal({ dataDir, lockTimeoutMs: 60_000 });
    await journal.append(makeInput({ id: 'after-kill' }));
    const live = await holdLock(journalLock);
    const appending = journal.append(makeInput({ id: 'while-held' }));
    await until(() => notices.length > 0, 'the journal notice');
    expect(notices[0]).toMatch(
      new RegExp(`^waiting for the execution journal \\(.*journal\\.lock\\) held by pid ${live.pid} …`),
    );
    await live.kill();
    expect((await appending).seq).toBe(2);
    await journal.close();

    const state = openState(dataDir, { lockTimeoutMs: 60_000 });
    const stateLock = path.join(dataDir, 'state', 'counter.json.lock');
    await (await holdLock(stateLock)).kill();
    await state.update(
      'counter',
      () => ({ n: 0 }),
      (d) => void d.n++,
    );
    const holder = await holdLock(stateLock);
    const updating = state.update(
      'counter',
      () => ({ n: 0 }),
      (d) => void d.n++,
    );
    await until(() => notices.length > 1, 'the state notice');
    expect(notices[1]).toMatch(
      new RegExp(
        `^waiting for the state file counter\\.json \\(.*counter\\.json\\.lock\\) held by pid ${holder.pid} …`,
      ),
    );
    await holder.kill();
    await updating;
    expect(await state.read('counter', () => ({ n: 0 }))).toEqual({ n: 2 });
  }, 40_000);
});
