/** The fields of a GitHub `push` delivery the App reads. */
export interface PushPayload {
  ref?: string;
  after?: string;
  deleted?: boolean;
  repository?: { full_name?: string } | null;
}

/** What a push means to the service: follow it (fetch the tracked branch, refresh history), or why it is ignored. */
export type PushVerdict = { follow: true; after: string } | { follow: false; why: string };

const SHA = /^[0-9a-f]{40}$/;

/**
 * Judge a verified `push` delivery against the configured repository (`github.owner`/`github.repo`, compared as
 * GitHub does, without case) and the tracked branch (docs/github.md, "Pushes"): only a push that moves that branch
 * is followed. An App can be installed on many repositories with one webhook secret, so the repository is checked.
 */
export function judgePush(
  payload: PushPayload,
  target: { owner: string | undefined; repo: string | undefined; branch: string },
): PushVerdict {
  const name = payload.repository?.full_name ?? '';
  if (!target.owner || !target.repo) {
    return { follow: false, why: 'github.owner and github.repo are not set, so no push can be matched' };
  }
  if (name.toLowerCase() !== `${target.owner}/${target.repo}`.toLowerCase()) {
    return {
      follow: false,
      why: `a push to ${name || 'an unnamed repository'}, not ${target.owner}/${target.repo}`,
    };
  }
  if (payload.ref !== `refs/heads/${target.branch}`) {
    return {
      follow: false,
      why: `a push to ${payload.ref ?? 'no ref'}, not the tracked branch ${target.branch}`,
    };
  }
  if (payload.deleted === true) {
    return {
      follow: false,
      why: `the tracked branch ${target.branch} was deleted on GitHub; the clone keeps it`,
    };
  }
  if (!payload.after || !SHA.test(payload.after)) {
    return { follow: false, why: 'the push names no commit (after)' };
  }
  // A force-push is not taken on its word (`forced`): the fetch finds out whether the clone's branch is kept.
  return { follow: true, after: payload.after };
}
