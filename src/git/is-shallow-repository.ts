import { statSync } from 'node:fs';
import path from 'node:path';
import { runGitRaw } from './run-git.js';

/**
 * Whether the repo is a shallow clone (its history is cut at a graft): the `shallow` file of a plain `.git`
 * directory (no process: this runs on every history read), else `git rev-parse --is-shallow-repository`.
 */
export async function isShallowRepository(repo: string): Promise<boolean> {
  const gitDir = path.join(repo, '.git');
  const dir = statSync(gitDir, { throwIfNoEntry: false });
  if (dir?.isDirectory()) {
    const shallow = statSync(path.join(gitDir, 'shallow'), { throwIfNoEntry: false });
    return shallow !== undefined && shallow.size > 0;
  }
  const result = await runGitRaw(repo, ['rev-parse', '--is-shallow-repository']);
  return result.code === 0 && result.stdout.trim() === 'true';
}
