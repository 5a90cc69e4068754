import { runGit } from '../../git/run-git.js';
import type { DefinitionSource } from './definition-source.js';
import { createGitEntriesSource, parseGitListing } from './git-entries-source.js';

/**
 * The git index of the work tree at `root`: what `git commit` would record (`validate --staged`, the pre-commit hook).
 * Honours GIT_INDEX_FILE, which git sets for `git commit -a` and `git commit PATH`.
 */
export async function openIndexSource(root: string): Promise<DefinitionSource> {
  const output = await runGit(root, ['ls-files', '-s', '-z', '--full-name']);
  return createGitEntriesSource({
    gitDir: root,
    kind: 'index',
    label: 'index',
    entries: parseGitListing(output, 'ls-files'),
  });
}
