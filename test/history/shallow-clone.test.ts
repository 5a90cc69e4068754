import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/history/types.js';
import { pino } from 'pino';
import { withDefaults } from '../../src/config/load-config.js';
import { openServerDeps } from '../../src/server/open-server-deps.js';
import { runCli } from '../helpers/cli.js';
import { BOB, CAROL, createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { ACTION_PATH, actionYaml } from './fixtures.js';

let origin: TestRepo;
let clone: string;
let parent: string;
const cli = (...args: string[]) => runCli(['--repo', clone, ...args]);
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const SHALLOW_TEXT =
  'error[SHALLOW_REPOSITORY]: the repository is a shallow clone: its history is cut, so versions and who created ' +
  'what would be wrong\n' +
  'hint: Run `git fetch --unshallow` for the whole history, or pass --allow-shallow for a partial one.\n';

beforeAll(async () => {
  origin = await createTestRepo();
  await origin.commit({ message: 'Add restart-web', files: { [ACTION_PATH]: actionYaml() } });
  await origin.commit({
    message: 'Raise timeout',
    author: BOB,
    files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) },
  });
  await origin.commit({
    message: 'Approve',
    author: CAROL,
    files: { [ACTION_PATH]: actionYaml({ timeout: 600, status: 'approved' }) },
  });
  parent = mkdtempSync(path.join(tmpdir(), 'opsledger-shallow-'));
  clone = path.join(parent, 'clone');
  execFileSync('git', ['clone', '-q', '--depth', '2', `file://${origin.dir}`, clone], { stdio: 'ignore' });
});

afterAll(async () => {
  await origin.cleanup();
  rmSync(parent, { recursive: true, force: true });
});

describe('#14.5 shallow clones', () => {
  it('#14.5 (after the fold merge) events of a partial history say partial: true; the first is not a create', () => {
    const partial = cli(
      '--json',
      'history',
      'restart-web',
      '--allow-shallow',
      '--data-dir',
      path.join(parent, 'data-partial'),
    );
    expect(partial.code).toBe(0);
    const events = JSON.parse(partial.stdout) as (AuditEvent & { partial?: boolean })[];
    expect(events.map((e) => e.partial)).toEqual([true, true]);
    expect(events[0]!.action).not.toBe('create');
  });

  it('#14.5 every history command refuses a shallow clone with SHALLOW_REPOSITORY (exit 2) and the unshallow hint', () => {
    expect(git('rev-parse', '--is-shallow-repository').trim()).toBe('true');
    for (const args of [
      ['history', 'restart-web'],
      ['audit'],
      ['show', 'restart-web'],
      ['blame', 'restart-web'],
      ['diff', 'restart-web', '1', '2'],
      ['revert', 'restart-web', '--to', '1'],
    ]) {
      const r = cli(...args);
      expect({ args, ...r }).toEqual({ args, code: 2, stdout: '', stderr: SHALLOW_TEXT });
    }
    const json = cli('--json', 'audit');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error.code).toBe('SHALLOW_REPOSITORY');
  });

  it('#14.5 the server refuses to open a shallow clone unless allowed; report takes --allow-shallow too', async () => {
    const options = {
      repo: clone,
      dataDir: path.join(parent, 'data-serve'),
      config: withDefaults({}),
      logger: pino({ level: 'silent' }),
      env: {},
    };
    await expect(openServerDeps(options)).rejects.toMatchObject({ code: 'SHALLOW_REPOSITORY', exitCode: 2 });
    const deps = await openServerDeps({ ...options, allowShallow: true });
    try {
      expect(deps.history.history('restart-web').map((e) => e.message)).toEqual(['Raise timeout', 'Approve']);
    } finally {
      await deps.close();
    }
    const out = path.join(parent, 'report');
    const refused = cli('report', '--out', out, '--no-verify');
    expect(refused).toMatchObject({ code: 2, stderr: SHALLOW_TEXT });
    expect(cli('report', '--out', out, '--no-verify', '--allow-shallow').code).toBe(0);
  });

  it('#14.5 --allow-shallow reads the partial history; after `git fetch --unshallow` the index is rebuilt whole', () => {
    const partial = cli('--json', 'history', 'restart-web', '--allow-shallow');
    expect(partial.code).toBe(0);
    const events = JSON.parse(partial.stdout) as AuditEvent[];
    // The clone holds the last two commits: the history starts at the graft.
    expect(events.map((e) => [e.version, e.message, e.user.email])).toEqual([
      [1, 'Raise timeout', BOB.email],
      [2, 'Approve', CAROL.email],
    ]);
    const meta = JSON.parse(readFileSync(path.join(clone, '.opsledger/history/meta.json'), 'utf8'));
    expect(meta.partial).toBe(true);
    for (const args of [['audit'], ['show', 'restart-web'], ['blame', 'restart-web']]) {
      expect(cli(...args, '--allow-shallow').code).toBe(0);
    }

    git('fetch', '-q', '--unshallow');
    const whole = cli('--json', 'history', 'restart-web');
    expect(whole.code).toBe(0);
    expect((JSON.parse(whole.stdout) as AuditEvent[]).map((e) => [e.version, e.action, e.message])).toEqual([
      [1, 'create', 'Add restart-web'],
      [2, 'update', 'Raise timeout'],
      [3, 'update', 'Approve'],
    ]);
    const rebuilt = JSON.parse(readFileSync(path.join(clone, '.opsledger/history/meta.json'), 'utf8'));
    expect(rebuilt.partial).toBeUndefined();
  });
});
