import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
const GOOD = `id: restart-web
name: Restart the web service
owner: alice@example.com
status: draft
script:
  shell: sh
  inline: echo restarting
`;
const BAD = `id: purge-cache
name: Purge the cache
owner: alice@example.com
status: draft
script:
  shell: sh
  inline: echo purging
timeout: soon
`;

/**
 * A command run without blocking the test worker (a blocked worker misses vitest's RPC deadline on a slow install):
 * its status and output, never a throw.
 */
function runAsync(
  cmd: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code ?? 1) : 0;
        resolve({ status: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

function hasPreCommit(): boolean {
  return spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** This work tree as a tagged git repo, the way a user's `.pre-commit-config.yaml` names opsledger (`rev: vX.Y.Z`). */
function publishWorkTree(into: string): string {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  for (const file of listed.split('\0').filter(Boolean)) {
    try {
      cpSync(path.join(ROOT, file), path.join(into, file), { dereference: false });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // deleted in the work tree
    }
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: into, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=Release', '-c', 'user.email=release@example.com', 'commit', '-q', '-m', 'release');
  git('tag', `v${VERSION}`);
  return `v${VERSION}`;
}

describe('the pre-commit framework hook (.pre-commit-hooks.yaml)', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'opsledger-precommit-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('#20.2 installs from a tagged clone with the real pre-commit, passes a good commit and refuses a bad one with file:line', async () => {
    expect(
      hasPreCommit(),
      'the `pre-commit` command is missing: apt-get install -y pre-commit (.ci/run installs it)',
    ).toBe(true);
    const upstream = path.join(base, 'opsledger');
    mkdirSync(upstream);
    const rev = publishWorkTree(upstream);

    const repo = path.join(base, 'ops-repo');
    mkdirSync(path.join(repo, 'definitions/actions'), { recursive: true });
    const env = {
      ...process.env,
      PRE_COMMIT_HOME: path.join(base, 'pre-commit-home'),
      // pre-commit's node environment runs `npm install` (every dependency of the clone) and `npm install -g` of the
      // packed hook: served from npm's cache where it holds the package (`npm ci` filled it) instead of asking the
      // registry about each one, and without the audit and funding requests.
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      GIT_AUTHOR_NAME: 'Alice',
      GIT_AUTHOR_EMAIL: 'alice@example.com',
      GIT_COMMITTER_NAME: 'Alice',
      GIT_COMMITTER_EMAIL: 'alice@example.com',
    };
    const git = (...args: string[]) => runAsync('git', args, { cwd: repo, env });
    await git('init', '-q', '-b', 'main');
    writeFileSync(
      path.join(repo, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${upstream}\n    rev: ${rev}\n    hooks:\n      - id: opsledger-validate\n`,
    );
    const install = await runAsync('pre-commit', ['install', '--install-hooks'], { cwd: repo, env });
    expect(install.status, install.stdout + install.stderr).toBe(0);

    writeFileSync(path.join(repo, 'definitions/actions/restart-web.yaml'), GOOD);
    await git('add', '-A');
    const good = await git('commit', '-q', '-m', 'Add restart-web');
    expect(good.status, good.stdout + good.stderr).toBe(0);

    writeFileSync(path.join(repo, 'definitions/actions/purge-cache.yaml'), BAD);
    await git('add', '-A');
    const bad = await git('commit', '-q', '-m', 'Add purge-cache');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/definitions\/actions\/purge-cache\.yaml:8:\d+/);
    expect((await git('log', '--format=%s')).stdout.trim()).toBe('Add restart-web');
  }, 600_000);
});
