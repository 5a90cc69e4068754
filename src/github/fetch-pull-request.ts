import { OpsledgerError } from '../errors/opsledger-error.js';
import { runGit, runGitRaw } from '../git/run-git.js';

/** Where fetched pull requests live in the local repo (never a branch of the user's). */
export const FETCH_REF_PREFIX = 'refs/opsledger/github';

/** A branch name from a webhook payload, refused when git would not take it as one. */
async function checkBranch(repo: string, name: string): Promise<void> {
  const ok = (await runGitRaw(repo, ['check-ref-format', '--branch', name])).code === 0;
  if (!ok || name.startsWith('-')) {
    throw new OpsledgerError('INPUT_INVALID', `${JSON.stringify(name)} is not a branch name`, {
      hint: 'The webhook payload names the pull request base branch; check the delivery on GitHub.',
    });
  }
}

export interface FetchedPullRequest {
  /** The local ref of the base branch tip (what pr-check judges against). */
  base: string;
  /** The head commit. */
  head: string;
}

/**
 * Fetch a pull request's base branch and head (`refs/pull/N/head`, which GitHub keeps for forks too) from the
 * configured remote into `refs/opsledger/github/...`, and check the head commit the event names arrived.
 */
export async function fetchPullRequest(
  repo: string,
  remote: string,
  pr: { number: number; baseRef: string; headSha: string },
): Promise<FetchedPullRequest> {
  await checkBranch(repo, pr.baseRef);
  const base = `${FETCH_REF_PREFIX}/base/${pr.baseRef}`;
  const head = `${FETCH_REF_PREFIX}/pull/${pr.number}/head`;
  await fetchRefs(repo, remote, [
    `+refs/heads/${pr.baseRef}:${base}`,
    `+refs/pull/${pr.number}/head:${head}`,
  ]);
  const present = await runGitRaw(repo, ['cat-file', '-e', `${pr.headSha}^{commit}`]);
  if (present.code !== 0) {
    throw new OpsledgerError(
      'GIT_FAILED',
      `head ${pr.headSha.slice(0, 12)} of #${pr.number} is not on ${remote}`,
      {
        hint: 'The pull request moved on since this event; the next event checks its new head.',
      },
    );
  }
  return { base, head: pr.headSha };
}

/** Fetch the base branch only (after a merge: the merge commit). */
export async function fetchBranch(repo: string, remote: string, branch: string): Promise<string> {
  await checkBranch(repo, branch);
  const ref = `${FETCH_REF_PREFIX}/base/${branch}`;
  await fetchRefs(repo, remote, [`+refs/heads/${branch}:${ref}`]);
  return ref;
}

/** `git fetch --no-tags REMOTE REFSPEC...`: a remote name or URL, refspecs as given. */
export async function fetchRefs(repo: string, remote: string, refspecs: string[]): Promise<void> {
  await runGit(repo, ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', remote, ...refspecs]);
}
