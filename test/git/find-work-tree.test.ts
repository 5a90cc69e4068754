import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { findWorkTree } from '../../src/git/find-work-tree.js';
import { findRepoRoot } from '../../src/git/repo-info.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

const run = promisify(execFile);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function repoWith(files: Record<string, string> = { 'sub/deep/a.txt': 'a\n' }): Promise<TestRepo> {
  const repo = await createTestRepo([{ message: 'one', files }]);
  cleanups.push(repo.cleanup);
  return repo;
}

/** What git answers for `dir`: its top level, or null where it says there is none. */
async function gitTopLevel(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir, env });
    return path.resolve(stdout.trim());
  } catch {
    return null;
  }
}

async function opsledgerTopLevel(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  return findRepoRoot(dir, env).catch((err: { code?: string }) => {
    if (err.code !== 'NOT_A_REPO') throw err;
    return null;
  });
}

describe('findWorkTree (the top level without a git process)', () => {
  it('answers for a plain repo from its top, a subfolder, and through a symlinked path, as git does', async () => {
    const repo = await repoWith();
    const link = path.join(await mkdtemp(path.join(tmpdir(), 'opsledger-link-')), 'to-sub');
    cleanups.push(() => rm(path.dirname(link), { recursive: true, force: true }));
    await symlink(path.join(repo.dir, 'sub'), link);
    for (const dir of [repo.dir, path.join(repo.dir, 'sub'), path.join(repo.dir, 'sub/deep'), link]) {
      const fast = findWorkTree(dir, process.env);
      expect(fast, dir).toBeDefined();
      expect(fast).toBe(await gitTopLevel(dir));
    }
  });

  it('leaves to git every case it does not read itself, and findRepoRoot still agrees with git', async () => {
    const repo = await repoWith();
    const sub = path.join(repo.dir, 'sub');
    const cases: { name: string; dir: string; env?: NodeJS.ProcessEnv }[] = [];

    // Inside .git, and inside a bare repository.
    cases.push({ name: 'inside .git', dir: path.join(repo.dir, '.git/refs') });
    const bare = await createTestRepo([], { bare: true });
    cleanups.push(bare.cleanup);
    cases.push({ name: 'bare repo', dir: path.join(bare.dir, 'refs') });

    // A linked worktree (a .git file).
    const worktree = path.join(await mkdtemp(path.join(tmpdir(), 'opsledger-wt-')), 'linked');
    cleanups.push(() => rm(path.dirname(worktree), { recursive: true, force: true }));
    repo.git('worktree', 'add', '-q', '-b', 'other', worktree);
    cases.push({ name: 'linked worktree', dir: worktree });

    // GIT_DIR / GIT_WORK_TREE in the environment.
    cases.push({ name: 'GIT_DIR', dir: sub, env: { ...process.env, GIT_DIR: path.join(repo.dir, '.git') } });
    cases.push({
      name: 'GIT_DIR + GIT_WORK_TREE',
      dir: sub,
      env: { ...process.env, GIT_DIR: path.join(repo.dir, '.git'), GIT_WORK_TREE: sub },
    });

    // A config that moves the work tree.
    const moved = await repoWith({ 'x.txt': 'x\n' });
    const elsewhere = path.join(moved.dir, 'elsewhere');
    await mkdir(elsewhere);
    moved.git('config', 'core.worktree', elsewhere);
    cases.push({ name: 'core.worktree', dir: moved.dir });

    // A .git folder that is not a repository, inside a real one.
    const fake = path.join(repo.dir, 'sub/fake');
    await mkdir(path.join(fake, '.git'), { recursive: true });
    await writeFile(path.join(fake, '.git/HEAD'), 'not a head\n');
    cases.push({ name: 'not-a-repo .git', dir: fake });

    // No repository at all.
    const outside = await mkdtemp(path.join(tmpdir(), 'opsledger-norepo-'));
    cleanups.push(() => rm(outside, { recursive: true, force: true }));
    cases.push({ name: 'no repo', dir: outside });

    for (const { name, dir, env = process.env } of cases) {
      expect(findWorkTree(dir, env), name).toBeUndefined();
      expect(await opsledgerTopLevel(dir, env), name).toBe(await gitTopLevel(dir, env));
    }
  });

  it('answers a repo nested in another from the inner one, as git does', async () => {
    const outer = await repoWith();
    const inner = path.join(outer.dir, 'sub/inner');
    await mkdir(inner, { recursive: true });
    await run('git', ['init', '-q', '-b', 'main'], { cwd: inner });
    await mkdir(path.join(inner, 'x'));
    for (const dir of [inner, path.join(inner, 'x'), path.join(outer.dir, 'sub')]) {
      expect(findWorkTree(dir, process.env)).toBe(await gitTopLevel(dir));
    }
  });
});
