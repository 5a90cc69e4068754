import { recordUpstreamRewrite } from '../history/record-upstream-rewrite.js';
import type { RefreshStats } from '../history/types.js';
import { coalesceRuns } from './coalesce-runs.js';
import { branchContains, firstParentChain, followTrackedBranch } from './follow-tracked-branch.js';

export interface PushFollowerOptions {
  repo: string;
  dataDir: string;
  remote: string;
  branch: string;
  /** A history refresh begun after this call (it emits the alerts of what history gained). */
  refresh: () => Promise<RefreshStats>;
  now: () => number;
  log: { warn(message: string): void };
}

/**
 * What serve does with a push to the tracked branch (docs/github.md, "Pushes"): a push whose commit the clone has is
 * done; else fetch the branch and move the clone on a fast-forward, then refresh history, one fetch and refresh at a
 * time (pushes meanwhile share the next one, which fetches the latest). A branch rewritten upstream is not followed:
 * the rewrite is recorded as a refresh records one, so the refresh tells `history.rewritten`.
 */
export function createPushFollower(options: PushFollowerOptions): (after: string) => Promise<string> {
  const { repo, branch } = options;
  const sync = coalesceRuns(async (): Promise<string> => {
    const move = await followTrackedBranch(repo, options.remote, branch);
    let note: string;
    switch (move.kind) {
      case 'fast-forward':
        note = `${branch} fast-forwarded ${move.from?.slice(0, 12) ?? '(new)'}..${move.fetched.slice(0, 12)}`;
        break;
      case 'diverged': {
        const chain = await firstParentChain(repo, move.fetched);
        await recordUpstreamRewrite({ dataDir: options.dataDir, branch, chain, now: options.now });
        note =
          `${branch} on ${options.remote} (${move.fetched.slice(0, 12)}) does not contain the clone's ` +
          `${move.from?.slice(0, 12) ?? ''}: a rewrite, not followed; recorded as history.rewritten`;
        options.log.warn(`push: ${note}`);
        break;
      }
      case 'ahead':
        note = `the clone's ${branch} is ahead of ${options.remote}; nothing to move`;
        break;
      case 'up-to-date':
        note = `${branch} is up to date`;
    }
    const stats = await options.refresh();
    return `${note}; history at ${stats.tip?.slice(0, 12) ?? '(empty)'} (${stats.newCommits} new commit(s))`;
  });
  return async (after) => {
    if (await branchContains(repo, branch, after)) return `${after.slice(0, 12)} is on ${branch} already`;
    return sync();
  };
}
