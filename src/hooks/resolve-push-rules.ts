import type { DefinitionSource } from '../definitions/sources/definition-source.js';
import { openTreeSource } from '../definitions/sources/open-tree-source.js';
import { readRules } from '../definitions/validate-source.js';
import { runGitRaw } from '../git/run-git.js';
import { ZERO_SHA, type RefUpdate } from './plan-ref-updates.js';

/** The rules one pushed ref update is judged by, all read from the server's side (docs/security.md). */
export interface PushRules {
  /** The tracked branch: `git config opsledger.branch`, else the one the rules' opsledger.yaml names. */
  trackedBranch: string;
  /** Where opsledger.yaml and the schemas come from: a commit already on the server, or opsledger's defaults. */
  rules: DefinitionSource | 'shipped';
}

/**
 * Settle the rules of a ref update without reading anything that is being pushed: the ref's current tip (before the
 * push) when it exists; for a new branch, the tip of the repo's tracked branch (named by `pinnedBranch`, else by
 * opsledger.yaml on the default branch HEAD points at); opsledger's defaults when the repo has none of these.
 */
export async function resolvePushRules(
  gitDir: string,
  update: RefUpdate,
  pinnedBranch: string | null,
): Promise<PushRules> {
  const rules = ZERO_SHA.test(update.oldSha)
    ? await trackedTipRules(gitDir, pinnedBranch)
    : await openTreeSource(gitDir, update.oldSha);
  const trackedBranch = pinnedBranch ?? (await readRules(rules)).branch;
  return { trackedBranch, rules };
}

async function trackedTipRules(
  gitDir: string,
  pinnedBranch: string | null,
): Promise<DefinitionSource | 'shipped'> {
  const head = await runGitRaw(gitDir, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const defaultBranch = head.code === 0 ? head.stdout.trim() : 'main';
  const defaultTip = await branchTip(gitDir, defaultBranch);
  const defaultRules = defaultTip === null ? 'shipped' : await openTreeSource(gitDir, defaultTip);
  const tracked = pinnedBranch ?? (await readRules(defaultRules)).branch;
  if (tracked === defaultBranch) return defaultRules;
  const trackedTip = await branchTip(gitDir, tracked);
  return trackedTip === null ? defaultRules : openTreeSource(gitDir, trackedTip);
}

/** The commit a branch points at before the push (git updates refs only after pre-receive accepts). */
async function branchTip(gitDir: string, branch: string): Promise<string | null> {
  const result = await runGitRaw(gitDir, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `refs/heads/${branch}^{commit}`,
  ]);
  return result.code === 0 ? result.stdout.trim() : null;
}
