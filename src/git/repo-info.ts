import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { findWorkTree } from './find-work-tree.js';
import { runGitRaw } from './run-git.js';

/**
 * The git top level of `dir`, or NOT_A_REPO: read from the file system for a plain repository (`findWorkTree`), else
 * `git rev-parse --show-toplevel`. `env` is the environment git runs with (`runGitRaw`'s: GIT_DIR and the like send
 * the question to git).
 */
export async function findRepoRoot(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const found = findWorkTree(dir, env);
  if (found !== undefined) return found;
  const result = await runGitRaw(dir, ['rev-parse', '--show-toplevel'], { env }).catch(() => undefined);
  if (!result || result.code !== 0) {
    throw new OpsledgerError('NOT_A_REPO', `${dir} is not inside a git work tree`);
  }
  return path.resolve(result.stdout.trim());
}

/** `git config user.email` (and name) of the person running the command, if set. */
export async function readGitUser(dir: string): Promise<{ name: string | null; email: string | null }> {
  const [name, email] = await Promise.all([
    runGitRaw(dir, ['config', 'user.name']),
    runGitRaw(dir, ['config', 'user.email']),
  ]);
  return {
    name: name.code === 0 ? name.stdout.trim() || null : null,
    email: email.code === 0 ? email.stdout.trim().toLowerCase() || null : null,
  };
}

/** The commit sha a ref points at, or null when the ref does not exist. */
export async function resolveRef(dir: string, ref: string): Promise<string | null> {
  const result = await runGitRaw(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}
