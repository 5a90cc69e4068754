import { OpsledgerError } from '../errors/opsledger-error.js';
import { runGitRaw } from '../git/run-git.js';
import type { DefinitionSource } from './sources/definition-source.js';
import { openIndexSource } from './sources/open-index-source.js';
import { openTreeSource } from './sources/open-tree-source.js';
import { openWorkTreeSource } from './sources/open-work-tree-source.js';

export type SourceChoice = { from: 'worktree' } | { from: 'index' } | { from: 'tree'; rev: string };

export interface OpenedSource {
  source: DefinitionSource;
  /** The work tree's top level, or null in a bare repo (or inside a .git folder, as hooks run). */
  root: string | null;
  gitDir: string;
}

/**
 * Find the repo around `dir` (a work tree, a bare repo, or the .git folder a server hook runs in) and open the
 * chosen source. The work tree and the index need a work tree; a commit can be read from any repo.
 */
export async function openDefinitionSource(dir: string, choice: SourceChoice): Promise<OpenedSource> {
  const probe = await runGitRaw(dir, ['rev-parse', '--absolute-git-dir', '--is-inside-work-tree']).catch(
    () => undefined,
  );
  if (!probe || probe.code !== 0) {
    throw new OpsledgerError('NOT_A_REPO', `${dir} is not inside a git repository`);
  }
  const [gitDir = dir, insideWorkTree] = probe.stdout.trim().split('\n');
  let root: string | null = null;
  if (insideWorkTree === 'true') {
    const top = await runGitRaw(dir, ['rev-parse', '--show-toplevel']);
    root = top.code === 0 ? top.stdout.trim() : null;
  }
  if (choice.from === 'tree') {
    return { source: await openTreeSource(root ?? gitDir, choice.rev), root, gitDir };
  }
  if (root === null) {
    throw new OpsledgerError('USAGE', `${dir} has no work tree (a bare repository or a .git folder)`, {
      hint: 'Validate a commit with --rev REV, e.g. `opsledger validate --rev main`.',
    });
  }
  const source = choice.from === 'index' ? await openIndexSource(root) : openWorkTreeSource(root);
  return { source, root, gitDir };
}
