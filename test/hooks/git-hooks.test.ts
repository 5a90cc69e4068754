import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let base: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'opsledger-hooks-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Bob Builder',
  GIT_AUTHOR_EMAIL: 'bob@example.com',
  GIT_COMMITTER_NAME: 'Bob Builder',
  GIT_COMMITTER_EMAIL: 'bob@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
};

/** Run real git; hooks run as git runs them. Never throws: the exit code is part of what tests check. */
function git(cwd: string, ...args: string[]): Run {
  const result = spawnSync('git', args, { cwd, env: { ...process.env, ...IDENTITY }, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const VALID = `id: restart-web
name: Restart the web server
owner: bob@example.com
status: released
script:
  shell: sh
  inline: echo restarting
timeout: 60
`;
const INVALID = VALID.replace('timeout: 60', 'timout: 60');

async function write(dir: string, file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), content);
}

async function workRepo(): Promise<string> {
  const dir = path.join(base, 'work');
  expect(git(base, 'init', '-q', '-b', 'main', dir).code).toBe(0);
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

describe('pre-commit and commit-msg hooks with real git commit', () => {
  it('refuses a commit of an invalid definition naming file and line; a valid one passes', async () => {
    const dir = await workRepo();
    const install = runCli(['hooks', 'install', '--target', dir]);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    expect(install.stdout).toContain('installed pre-commit, commit-msg');
    await write(dir, 'definitions/actions/restart-web.yaml', INVALID);
    git(dir, 'add', '-A');
    const refused = git(dir, 'commit', '-q', '-m', 'Add restart-web');
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain(
      'definitions/actions/restart-web.yaml:8:1: error[schema] unknown key "timout"',
    );
    expect(refused.stderr).toContain('opsledger: commit refused');
    expect(git(dir, 'rev-parse', '--verify', '-q', 'HEAD').code).not.toBe(0);

    await write(dir, 'definitions/actions/restart-web.yaml', VALID);
    git(dir, 'add', '-A');
    const accepted = git(dir, 'commit', '-q', '-m', 'Add restart-web');
    expect(accepted.stderr).not.toContain('refused');
    expect(accepted.code).toBe(0);
  });

  it('checks what is staged, not the work tree', async () => {
    const dir = await workRepo();
    runCli(['hooks', 'install', '--target', dir]);
    await write(dir, 'definitions/actions/restart-web.yaml', INVALID);
    git(dir, 'add', '-A');
    // Fixed on disk but not staged: the commit would still record the invalid file.
    await write(dir, 'definitions/actions/restart-web.yaml', VALID);
    expect(git(dir, 'commit', '-q', '-m', 'Add').code).not.toBe(0);
    // `git commit -a` stages the fix through a temporary index (GIT_INDEX_FILE): the hook sees it and passes.
    expect(git(dir, 'commit', '-q', '-a', '-m', 'Add').code).toBe(0);
    await write(dir, 'definitions/actions/restart-web.yaml', INVALID);
    expect(git(dir, 'commit', '-q', '-a', '-m', 'Break it').code).not.toBe(0);
  });

  it('commit-msg refuses a malformed Reverts-Audit trailer', async () => {
    const dir = await workRepo();
    runCli(['hooks', 'install', '--target', dir]);
    const bad = git(
      dir,
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'Restore restart-web',
      '-m',
      'Reverts-Audit: restart-web v3',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('commit-msg:3: Reverts-Audit trailer "restart-web v3" is not ID@vN');
    const good = git(
      dir,
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'Restore restart-web',
      '-m',
      'Reverts-Audit: restart-web@v3',
    );
    expect(good.code).toBe(0);
  });

  it('in a repo carrying opsledger hooks/, install points core.hooksPath at them', async () => {
    const dir = await workRepo();
    await cp(path.join(ROOT, 'hooks'), path.join(dir, 'hooks'), { recursive: true });
    const install = runCli(['hooks', 'install', '--json'], { cwd: dir });
    expect(install.code).toBe(0);
    expect(JSON.parse(install.stdout)).toMatchObject({
      mode: 'hooks-path',
      hooks: ['pre-commit', 'commit-msg'],
    });
    expect(git(dir, 'config', '--get', 'core.hooksPath').stdout.trim()).toBe('hooks');
    expect(git(dir, 'config', '--get', 'opsledger.bin').stdout.trim()).toBe(
      path.join(ROOT, 'bin/opsledger.js'),
    );
    await write(dir, 'definitions/actions/restart-web.yaml', INVALID);
    git(dir, 'add', '-A');
    const refused = git(dir, 'commit', '-q', '-m', 'Add');
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('definitions/actions/restart-web.yaml:8:1');
    const uninstall = runCli(['hooks', 'uninstall'], { cwd: dir });
    expect(uninstall.stdout).toContain('core.hooksPath unset');
    expect(git(dir, 'config', '--get', 'core.hooksPath').code).toBe(1);
    expect(git(dir, 'commit', '-q', '-m', 'Add without hooks').code).toBe(0);
  });

  it("keeps a hook that is not opsledger's unless --force, and uninstall restores it", async () => {
    const dir = await workRepo();
    const own = '#!/bin/sh\necho my own hook\n';
    await write(dir, '.git/hooks/pre-commit', own);
    const conflict = runCli(['hooks', 'install', '--target', dir]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain('error[HOOK_CONFLICT]');
    expect(await readFile(path.join(dir, '.git/hooks/pre-commit'), 'utf8')).toBe(own);
    const forced = runCli(['hooks', 'install', '--force', '--target', dir]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('pre-commit.before-opsledger');
    expect(await readFile(path.join(dir, '.git/hooks/pre-commit'), 'utf8')).toContain(
      '# opsledger-hook: pre-commit',
    );
    // A second install updates opsledger's own hooks without complaint.
    expect(runCli(['hooks', 'install', '--target', dir]).code).toBe(0);
    const removed = runCli(['hooks', 'uninstall', '--target', dir]);
    expect(removed.code).toBe(0);
    expect(await readFile(path.join(dir, '.git/hooks/pre-commit'), 'utf8')).toBe(own);
  });
});

describe('pre-receive hook with real git push into a bare repo', () => {
  async function setup(): Promise<{ work: string; server: string }> {
    const server = path.join(base, 'server.git');
    expect(git(base, 'init', '-q', '--bare', '-b', 'main', server).code).toBe(0);
    const install = runCli(['hooks', 'install', '--target', server, '--json']);
    expect(install.code).toBe(0);
    expect(JSON.parse(install.stdout)).toMatchObject({ mode: 'copy', hooks: ['pre-receive'] });
    const work = await workRepo();
    git(work, 'remote', 'add', 'origin', server);
    return { work, server };
  }

  async function commit(work: string, files: Record<string, string>, message: string): Promise<void> {
    for (const [file, content] of Object.entries(files)) await write(work, file, content);
    git(work, 'add', '-A');
    expect(git(work, 'commit', '-q', '--no-verify', '-m', message).code).toBe(0);
  }

  it('accepts a valid tip and refuses an invalid one naming file and line', async () => {
    const { work, server } = await setup();
    await commit(work, { 'definitions/actions/restart-web.yaml': VALID }, 'Add restart-web');
    const first = git(work, 'push', 'origin', 'main');
    expect(first.stderr).not.toContain('refusing');
    expect(first.code).toBe(0);
    await commit(work, { 'definitions/actions/restart-web.yaml': INVALID }, 'Break restart-web');
    const refused = git(work, 'push', 'origin', 'main');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'remote: definitions/actions/restart-web.yaml:8:1: error[schema] unknown key "timout"',
    );
    expect(refused.stderr).toContain('pre-receive hook declined');
    expect(git(server, 'rev-parse', 'main').stdout).toBe(git(work, 'rev-parse', 'HEAD~1').stdout);
    // Fixed on top: the new tip is valid, so the push goes through.
    await commit(
      work,
      { 'definitions/actions/restart-web.yaml': VALID.replace('60', '90') },
      'Fix restart-web',
    );
    expect(git(work, 'push', 'origin', 'main').code).toBe(0);
    expect(git(server, 'rev-parse', 'main').stdout).toBe(git(work, 'rev-parse', 'HEAD').stdout);
  });

  it('checks a new tracked branch; other branches, tags and their deletion pass', async () => {
    const { work } = await setup();
    await commit(work, { 'definitions/actions/restart-web.yaml': INVALID }, 'Invalid from the start');
    const refused = git(work, 'push', 'origin', 'main');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('restart-web.yaml:8:1');
    // Work in progress on another branch is not live: it is not checked.
    expect(git(work, 'push', 'origin', 'main:wip').code).toBe(0);
    expect(git(work, 'push', 'origin', 'HEAD:refs/tags/draft').code).toBe(0);
    expect(git(work, 'push', 'origin', ':wip').code).toBe(0);
  });

  it('refuses deleting the tracked branch and rewriting its history', async () => {
    const { work, server } = await setup();
    await commit(work, { 'definitions/actions/restart-web.yaml': VALID }, 'Add');
    await commit(
      work,
      { 'definitions/actions/restart-web.yaml': VALID.replace('60', '90') },
      'Raise timeout',
    );
    expect(git(work, 'push', 'origin', 'main').code).toBe(0);
    const deleted = git(work, 'push', 'origin', ':main');
    expect(deleted.code).not.toBe(0);
    expect(deleted.stderr).toContain('deleting the tracked branch main');
    const forced = git(work, 'push', '--force', 'origin', 'HEAD~1:main');
    expect(forced.code).not.toBe(0);
    expect(forced.stderr).toContain('non-fast-forward');
    // The server admin may allow it explicitly.
    git(server, 'config', 'opsledger.allowForcePush', 'true');
    expect(git(work, 'push', '--force', 'origin', 'HEAD~1:main').code).toBe(0);
  });

  it('follows the tracked branch named in opsledger.yaml on the server, from the push after the change', async () => {
    const { work } = await setup();
    // The first push of main is judged by opsledger's defaults (nothing on the server yet): main is tracked.
    await commit(
      work,
      { 'opsledger.yaml': 'branch: production\n', 'definitions/actions/restart-web.yaml': INVALID },
      'Invalid, and names another branch',
    );
    expect(git(work, 'push', 'origin', 'main').code).not.toBe(0);
    await commit(work, { 'definitions/actions/restart-web.yaml': VALID }, 'Valid');
    expect(git(work, 'push', 'origin', 'main').code).toBe(0);
    // Now main on the server names production: main is no longer checked, a new production branch is.
    await commit(work, { 'definitions/actions/restart-web.yaml': INVALID }, 'Break it');
    expect(git(work, 'push', 'origin', 'main').code).toBe(0);
    const refused = git(work, 'push', 'origin', 'main:production');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('restart-web.yaml:8:1');
  });

  describe('#13.1 the rules that judge a push come from the server, never from the push', () => {
    async function serverWithValidMain(): Promise<{ work: string; server: string }> {
      const repo = await setup();
      await commit(repo.work, { 'definitions/actions/restart-web.yaml': VALID }, 'Add restart-web');
      expect(git(repo.work, 'push', 'origin', 'main').code).toBe(0);
      return repo;
    }

    function expectRefused(work: string, server: string, where: string): void {
      const refused = git(work, 'push', 'origin', 'main');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(`remote: ${where}: error[schema] unknown key "timout"`);
      expect(refused.stderr).toContain('pre-receive hook declined');
      expect(git(server, 'rev-parse', 'main').stdout).toBe(git(work, 'rev-parse', 'HEAD~1').stdout);
    }

    it('#13.1 a push naming a decoy branch in opsledger.yaml with an invalid definition is refused', async () => {
      const { work, server } = await serverWithValidMain();
      await commit(
        work,
        { 'opsledger.yaml': 'branch: decoy\n', 'definitions/actions/restart-web.yaml': INVALID },
        'Decoy',
      );
      expectRefused(work, server, 'definitions/actions/restart-web.yaml:8:1');
    });

    it('#13.1 a push moving paths.definitions away from an invalid definition is refused', async () => {
      const { work, server } = await serverWithValidMain();
      await commit(
        work,
        {
          'opsledger.yaml': 'paths:\n  definitions: nowhere\n',
          'definitions/actions/restart-web.yaml': INVALID,
        },
        'Point the definitions elsewhere',
      );
      expectRefused(work, server, 'definitions/actions/restart-web.yaml:8:1');
    });

    it('#13.1 definitions moved along with paths.definitions are checked where they go, by the old rules', async () => {
      const { work, server } = await serverWithValidMain();
      git(work, 'rm', '-q', '-r', 'definitions');
      await commit(
        work,
        {
          'opsledger.yaml': 'paths:\n  definitions: ops\n',
          'ops/schema/action.schema.json': '{}\n',
          'ops/actions/restart-web.yaml': INVALID,
        },
        'Move definitions with a permissive schema',
      );
      expectRefused(work, server, 'ops/actions/restart-web.yaml:8:1');
    });

    it('#13.1 a push replacing the schema with a permissive one and an invalid definition is refused', async () => {
      const { work, server } = await serverWithValidMain();
      await commit(
        work,
        {
          'definitions/schema/action.schema.json': '{}\n',
          'definitions/actions/restart-web.yaml': INVALID,
        },
        'Permissive schema',
      );
      expectRefused(work, server, 'definitions/actions/restart-web.yaml:8:1');
    });

    it('#13.1 a new branch is judged by the tracked tip on the server; opsledger.branch pins the branch', async () => {
      const { work, server } = await serverWithValidMain();
      // The server's main already has its own permissive schema: it is the rules for main and for a new branch.
      await commit(work, { 'definitions/schema/action.schema.json': '{}\n' }, 'Own schema');
      expect(git(work, 'push', 'origin', 'main').code).toBe(0);
      await commit(
        work,
        { 'definitions/actions/restart-web.yaml': INVALID },
        'Invalid by the shipped schema',
      );
      expect(git(work, 'push', 'origin', 'main').code).toBe(0);
      // Pinned to release: a push of release with a decoy opsledger.yaml is still checked, by main's rules.
      git(server, 'config', 'opsledger.branch', 'release');
      await commit(work, { 'opsledger.yaml': 'branch: decoy\n' }, 'Decoy');
      expect(git(work, 'push', 'origin', 'main').code).toBe(0);
      expect(git(work, 'push', 'origin', 'main:release').code).toBe(0);
      await commit(
        work,
        {
          'definitions/schema/action.schema.json': readFileSyncText(
            path.join(ROOT, 'definitions/schema/action.schema.json'),
          ),
        },
        'Strict schema again',
      );
      // The strict schema arrives in this push: it is judged by the old (permissive) rules and goes through...
      expect(git(work, 'push', 'origin', 'main:release').code).toBe(0);
      // ...and judges the next one.
      await commit(
        work,
        { 'definitions/actions/restart-web.yaml': INVALID.replace('echo', 'echo now') },
        'Next',
      );
      const refused = git(work, 'push', 'origin', 'main:release');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('(rules of commit');
      expect(refused.stderr).toContain('definitions/actions/restart-web.yaml:8:1');
    });
  });
});

function readFileSyncText(file: string): string {
  return readFileSync(file, 'utf8');
}
