import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runGitRaw } from './run-git.js';
import { isAbsent } from '../state/is-absent.js';

const SHA = /^[0-9a-f]{40}$/;

/**
 * The commit a local branch points at, read from the ref files when the repo has a plain `.git` directory (no
 * process spawn: the warm path of every history read), else from `git rev-parse`. Null when the branch does not exist.
 */
export async function readBranchTip(repo: string, branch: string): Promise<string | null> {
  const fromFiles = readLooseOrPacked(repo, `refs/heads/${branch}`);
  if (fromFiles !== undefined) return fromFiles;
  const result = await runGitRaw(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}

/**
 * The object any full ref (`refs/notes/…`) points at, read as `readBranchTip` does; null when it does not exist.
 * A ref in neither the loose files nor packed-refs of a files-backend repo does not exist: no spawn for that either.
 */
export async function readRefTip(repo: string, ref: string): Promise<string | null> {
  const fromFiles = readLooseOrPacked(repo, ref, true);
  if (fromFiles !== undefined) return fromFiles;
  const result = await runGitRaw(repo, ['rev-parse', '--verify', '--quiet', ref]);
  return result.code === 0 ? result.stdout.trim() : null;
}

/** The sha from `.git/<ref>` or `.git/packed-refs`; undefined when git must be asked. */
function readLooseOrPacked(repo: string, ref: string, absentIsNull = false): string | null | undefined {
  const gitDir = path.join(repo, '.git');
  try {
    if (!statSync(gitDir).isDirectory()) return undefined;
    // A reftable repo keeps refs elsewhere; only the classic files backend is read here.
    if (statSync(path.join(gitDir, 'reftable'), { throwIfNoEntry: false })) return undefined;
  } catch {
    return undefined;
  }
  // A ref that does not exist (the approval notes of most repos) and a repo without packed-refs throw nothing.
  const looseFile = path.join(gitDir, ...ref.split('/'));
  try {
    if (!isAbsent(looseFile)) {
      const loose = readFileSync(looseFile, 'utf8').trim();
      return SHA.test(loose) ? loose : undefined;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
  }
  let packed: string;
  try {
    const packedFile = path.join(gitDir, 'packed-refs');
    if (isAbsent(packedFile)) return absentIsNull ? null : undefined;
    packed = readFileSync(packedFile, 'utf8');
  } catch (err) {
    return absentIsNull && (err as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
  const target = ref;
  for (const line of packed.split('\n')) {
    if (line.endsWith(` ${target}`) && SHA.test(line.slice(0, 40)) && line.length === 41 + target.length) {
      return line.slice(0, 40);
    }
  }
  return absentIsNull ? null : undefined;
}
