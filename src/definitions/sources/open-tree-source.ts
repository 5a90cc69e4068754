import { OpsledgerError } from '../../errors/opsledger-error.js';
import { runGit, runGitRaw } from '../../git/run-git.js';
import type { DefinitionSource } from './definition-source.js';
import { createGitEntriesSource, parseGitListing } from './git-entries-source.js';

/**
 * A commit (or tree) of the repo at `gitDir`, which may be bare: `validate --rev`, the pre-receive hook. In a
 * pre-receive hook the pushed objects sit in git's quarantine; the environment git sets lets us read them.
 */
export async function openTreeSource(gitDir: string, rev: string): Promise<DefinitionSource> {
  if (rev.startsWith('-')) throw new OpsledgerError('INPUT_INVALID', `not a revision: ${rev}`);
  let sha = await resolveTreeish(gitDir, `${rev}^{commit}`);
  const isCommit = sha !== null;
  sha ??= await resolveTreeish(gitDir, `${rev}^{tree}`);
  if (sha === null) {
    throw new OpsledgerError('INPUT_INVALID', `no commit or tree named ${rev}`, {
      hint: 'Name a commit, branch or tag that exists: `git rev-parse REV` must succeed.',
    });
  }
  const output = await runGit(gitDir, ['ls-tree', '-r', '-z', '--full-tree', sha]);
  return createGitEntriesSource({
    gitDir,
    kind: 'tree',
    label: `${isCommit ? 'commit' : 'tree'} ${sha.slice(0, 12)}`,
    rev: sha,
    entries: parseGitListing(output, 'ls-tree'),
  });
}

async function resolveTreeish(gitDir: string, spec: string): Promise<string | null> {
  const result = await runGitRaw(gitDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', spec]);
  return result.code === 0 ? result.stdout.trim() : null;
}
