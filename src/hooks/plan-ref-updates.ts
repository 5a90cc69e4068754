/** One line git gives a pre-receive hook: `<old-sha> <new-sha> <ref>`. */
export interface RefUpdate {
  oldSha: string;
  newSha: string;
  ref: string;
}

export const ZERO_SHA = /^0+$/;

/** What the hook does with one ref update. */
export type RefDecision =
  | { update: RefUpdate; action: 'skip'; reason: string }
  | { update: RefUpdate; action: 'reject'; reason: string }
  | { update: RefUpdate; action: 'validate'; rev: string; fastForwardFrom: string | null };

export interface RefPolicy {
  /** The tracked branch for this update, from the server side (docs/hooks.md: never from the pushed tip). */
  trackedBranch: string;
  /** Validate every branch, not only the tracked one. */
  allBranches: boolean;
  /** Allow deleting the tracked branch. */
  allowDeleteTracked: boolean;
  /** Allow a non-fast-forward update (history rewrite) of the tracked branch. */
  allowForcePush: boolean;
}

/** Parse the pre-receive input: one `<old> <new> <ref>` per line; blank lines ignored. */
export function parseRefUpdates(input: string): RefUpdate[] {
  return input
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [oldSha = '', newSha = '', ...rest] = line.split(' ');
      return { oldSha, newSha, ref: rest.join(' ') };
    });
}

/**
 * Decide what to do with one pushed ref: only branches are checked; the tracked branch (or every branch when asked)
 * has its new tip validated; deleting the tracked branch or rewriting its history is refused unless allowed, since
 * what is on its first-parent history is the audit trail.
 */
export function planRefUpdate(update: RefUpdate, policy: RefPolicy): RefDecision {
  if (!update.ref.startsWith('refs/heads/')) {
    return { update, action: 'skip', reason: 'not a branch' };
  }
  const branch = update.ref.slice('refs/heads/'.length);
  const tracked = branch === policy.trackedBranch;
  if (!tracked && !policy.allBranches) {
    return { update, action: 'skip', reason: `not the tracked branch ${policy.trackedBranch}` };
  }
  if (ZERO_SHA.test(update.newSha)) {
    if (tracked && !policy.allowDeleteTracked) {
      return {
        update,
        action: 'reject',
        reason: `deleting the tracked branch ${branch} would drop the live definitions and their audit trail`,
      };
    }
    return { update, action: 'skip', reason: 'branch deleted' };
  }
  const isNew = ZERO_SHA.test(update.oldSha);
  return {
    update,
    action: 'validate',
    rev: update.newSha,
    fastForwardFrom: tracked && !isNew && !policy.allowForcePush ? update.oldSha : null,
  };
}
