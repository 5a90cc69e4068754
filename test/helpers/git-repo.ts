import { mkdtemp, mkdir, rm, writeFile, rename as fsRename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export interface Author {
  name: string;
  email: string;
}

export const ALICE: Author = { name: 'Alice Admin', email: 'alice@example.com' };
export const BOB: Author = { name: 'Bob Builder', email: 'bob@example.com' };
export const CAROL: Author = { name: 'Carol Checker', email: 'carol@example.com' };

/** One commit of a throwaway repo: files to write (null deletes), renames, and who/when. */
export interface CommitSpec {
  message: string;
  author?: Author;
  committer?: Author;
  /** ISO date for both author and committer; defaults to a fixed clock advancing one hour per commit. */
  date?: string;
  files?: Record<string, string | null>;
  renames?: Record<string, string>;
}

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  commit(spec: CommitSpec): Promise<string>;
  write(file: string, content: string): Promise<void>;
  cleanup(): Promise<void>;
}

let clock = Date.parse('2026-01-05T09:00:00Z');

function envFor(author: Author, committer: Author, date: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_COMMITTER_DATE: date,
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: process.env.HOME,
  };
}

/**
 * A throwaway git repo on branch `main` with a fixed identity, built from a list of commits. The helper changesets'
 * `gitdir` and semantic-release's `gitCommits` follow: a history test reads as the commits it makes.
 */
export async function createTestRepo(
  commits: CommitSpec[] = [],
  options: { bare?: boolean } = {},
): Promise<TestRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-test-'));
  const run = (args: string[], env: NodeJS.ProcessEnv = process.env): string =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...env, LC_ALL: 'C' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  run(['init', '-q', '-b', 'main', ...(options.bare ? ['--bare'] : [])]);
  run(['config', 'user.name', ALICE.name]);
  run(['config', 'user.email', ALICE.email]);
  run(['config', 'commit.gpgsign', 'false']);
  const repo: TestRepo = {
    dir,
    git: (...args) => run(args, envFor(ALICE, ALICE, new Date(clock).toISOString())),
    async write(file, content) {
      const full = path.join(dir, file);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
    },
    commit: (spec) => commitFiles(repo, spec),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  for (const spec of commits) await commitFiles(repo, spec);
  return repo;
}

/** Apply a commit spec to the repo and return the new commit's sha. */
export async function commitFiles(repo: TestRepo, spec: CommitSpec): Promise<string> {
  for (const [from, to] of Object.entries(spec.renames ?? {})) {
    await mkdir(path.dirname(path.join(repo.dir, to)), { recursive: true });
    await fsRename(path.join(repo.dir, from), path.join(repo.dir, to));
  }
  for (const [file, content] of Object.entries(spec.files ?? {})) {
    if (content === null) await rm(path.join(repo.dir, file), { force: true });
    else await repo.write(file, content);
  }
  clock += 3600_000;
  const date = spec.date ?? new Date(clock).toISOString();
  const author = spec.author ?? ALICE;
  const env = envFor(author, spec.committer ?? author, date);
  const git = (args: string[]): string =>
    execFileSync('git', args, {
      cwd: repo.dir,
      env: { ...env, LC_ALL: 'C' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  git(['add', '-A']);
  git(['commit', '-q', '--allow-empty', '-m', spec.message]);
  return git(['rev-parse', 'HEAD']).trim();
}

/** Run git in the repo as `author` at `date` (for merges, reverts and other commands that make commits). */
export function gitAs(repo: TestRepo, author: Author, args: string[], date?: string): string {
  clock += 3600_000;
  const env = envFor(author, author, date ?? new Date(clock).toISOString());
  return execFileSync('git', args, {
    cwd: repo.dir,
    env: { ...env, LC_ALL: 'C' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
