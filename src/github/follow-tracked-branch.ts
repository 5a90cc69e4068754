import { readBranchTip } from '../git/read-branch-tip.js';
import { runGit, runGitRaw } from '../git/run-git.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { fetchRefs, FETCH_REF_PREFIX } from './fetch-pull-request.js';

/**
 * What following the remote's tracked branch did: `fast-forward` moved the clone's branch (and its work tree when it
 * is checked out); `up-to-date` and `ahead` (the clone has commits the remote lacks) moved nothing; `diverged` (a
 * force-push upstream, or commits made in the clone) moved nothing either: the service never drops commits it holds.
 */
export interface BranchFollow {
  kind: 'up-to-date' | 'fast-forward' | 'ahead' | 'diverged';
  /** The clone's branch before (null: it did not exist). */
  from: string | null;
  /** The remote's branch as fetched. */
  fetched: string;
}

/** Where the remote's tracked branch is fetched to, beside the pull request refs. */
export const PUSHED_REF_PREFIX = `${FETCH_REF_PREFIX}/pushed`;

/** Whether `commit` is on `branch` of the clone already (a push older than what the clone holds). */
export async function branchContains(repo: string, branch: string, commit: string): Promise<boolean> {
  const tip = await readBranchTip(repo, branch);
  if (tip === null) return false;
  if (tip === commit) return true;
  return (await runGitRaw(repo, ['merge-base', '--is-ancestor', commit, tip])).code === 0;
}

async function isAncestor(repo: string, older: string, newer: string): Promise<boolean> {
  const res = await runGitRaw(repo, ['merge-base', '--is-ancestor', older, newer]);
  if (res.code > 1) throw new OpsledgerError('GIT_FAILED', `git merge-base failed: ${res.stderr.trim()}`);
  return res.code === 0;
}

/**
 * Fetch the tracked branch from the remote (`git fetch`, into `refs/opsledger/github/pushed/<branch>`) and move the
 * clone's branch to it only when that is a fast-forward: with `git merge --ff-only` when the branch is checked out
 * (the work tree follows), else a compare-and-swap `git update-ref`.
 */
export async function followTrackedBranch(
  repo: string,
  remote: string,
  branch: string,
): Promise<BranchFollow> {
  const ref = `${PUSHED_REF_PREFIX}/${branch}`;
  await fetchRefs(repo, remote, [`+refs/heads/${branch}:${ref}`]);
  const fetched = (await runGit(repo, ['rev-parse', '--verify', `${ref}^{commit}`])).trim();
  const from = await readBranchTip(repo, branch);
  if (from === fetched) return { kind: 'up-to-date', from, fetched };
  if (from !== null && !(await isAncestor(repo, from, fetched))) {
    return { kind: (await isAncestor(repo, fetched, from)) ? 'ahead' : 'diverged', from, fetched };
  }
  const head = await runGitRaw(repo, ['symbolic-ref', '-q', 'HEAD']);
  if (head.code === 0 && head.stdout.trim() === `refs/heads/${branch}`) {
    await runGit(repo, ['merge', '--ff-only', '--quiet', fetched]);
  } else {
    await runGit(repo, [
      'update-ref',
      '-m',
      'opsledger: push webhook',
      `refs/heads/${branch}`,
      fetched,
      from ?? '',
    ]);
  }
  return { kind: 'fast-forward', from, fetched };
}

/** The first-parent chain of a commit, oldest first (what a rewrite record compares the index with). */
export async function firstParentChain(repo: string, commit: string): Promise<{ sha: string }[]> {
  const out = await runGit(repo, ['rev-list', '--first-parent', '--reverse', commit]);
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((sha) => ({ sha }));
}
