import { readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** Environment variables that change how git finds a repository: with any of them set, git itself is asked. */
const DISCOVERY_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_TEST_ASSUME_DIFFERENT_OWNER',
];

const HEAD_REF = /^ref: refs\/[^\s]+\s*$/;
const HEAD_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})\s*$/;

/**
 * The top of the work tree holding `dir`, found the way `git rev-parse --show-toplevel` finds it, from the file system
 * alone (no git process: this runs before every command, README "CLI start-up"). Only the plain case is answered: a
 * `.git` directory that is a repository, owned by this user, whose config moves nothing (no `core.worktree`, no
 * `core.bare = true`, include or extension), reached without crossing a file system and without passing a bare
 * repository or the inside of a `.git`. Anything else (a `.git` file of a linked worktree or submodule, a GIT_DIR in
 * the environment, no repository at all) is undefined: ask git.
 */
export function findWorkTree(dir: string, env: NodeJS.ProcessEnv): string | undefined {
  if (DISCOVERY_ENV.some((name) => env[name] !== undefined)) return undefined;
  const uid = process.geteuid?.();
  if (uid === undefined) return undefined;
  let current: string;
  let stats: Stats;
  try {
    current = realpathSync(dir);
    stats = statSync(current);
  } catch {
    return undefined;
  }
  if (!stats.isDirectory()) return undefined;
  for (;;) {
    const dotGit = statOrNull(path.join(current, '.git'));
    if (dotGit?.isDirectory() && isGitDirectory(path.join(current, '.git'))) {
      return dotGit.uid === uid && stats.uid === uid && configMovesNothing(path.join(current, '.git'))
        ? current
        : undefined;
    }
    // A `.git` file (linked worktree, submodule), a `.git` that is no repository, or a bare repository here: git's
    // own rules decide.
    if (dotGit !== null || isGitDirectory(current)) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    const parentStats = statOrNull(parent);
    // git stops at a file system boundary.
    if (parentStats === null || parentStats.dev !== stats.dev) return undefined;
    current = parent;
    stats = parentStats;
  }
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/** git's `is_git_directory`: an objects and a refs folder and a HEAD that names a ref or a commit. */
function isGitDirectory(dir: string): boolean {
  if (!statOrNull(path.join(dir, 'objects'))?.isDirectory()) return false;
  if (!statOrNull(path.join(dir, 'refs'))?.isDirectory()) return false;
  try {
    const head = readFileSync(path.join(dir, 'HEAD'), 'utf8');
    return HEAD_REF.test(head) || HEAD_SHA.test(head);
  } catch {
    return false;
  }
}

/**
 * The repository's config sets nothing that moves the work tree or changes how git reads the repository: no
 * `worktree` key, no `bare = true`, no include, no `[extensions]`, format version 0 (or none).
 */
function configMovesNothing(gitDir: string): boolean {
  let config: string;
  try {
    config = readFileSync(path.join(gitDir, 'config'), 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
  // A key whose name is nowhere in the file cannot match: its pattern is not compiled (most configs name neither
  // worktree nor an include; README, CLI start-up). Lower-casing keeps every ASCII letter the patterns' /i matches.
  const lower = config.toLowerCase();
  if (lower.includes('worktree') && /^\s*worktree\s*(=|$)/im.test(config)) return false;
  if (/^\s*bare\s*(=\s*(true|yes|on|1)\s*)?$/im.test(config)) return false;
  if (
    (lower.includes('include') || lower.includes('extensions')) &&
    /^\s*\[\s*(include|includeif|extensions)\b/im.test(config)
  ) {
    return false;
  }
  const version = /^\s*repositoryformatversion\s*=\s*(\S+)/im.exec(config);
  return version === null || Number(version[1]) === 0;
}
