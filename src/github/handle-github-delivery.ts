import { checkPullRequest, type GithubAppContext, type PullRequestPayload } from './check-pull-request.js';
import { judgePush, type PushPayload } from './judge-push.js';
import { recordMergeApprovals } from './record-merge-approvals.js';
import type { WebhookJob } from './webhook-queue.js';

/** The events the App subscribes to (docs/github.md); others are acknowledged and not queued. */
export const HANDLED_EVENTS = ['pull_request', 'pull_request_review', 'push'] as const;

const CHECKED_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review']);
const REVIEW_ACTIONS = new Set(['submitted', 'dismissed']);

interface Payload {
  action?: string;
  installation?: { id: number };
  pull_request?: PullRequestPayload;
}

/** Do the work of one queued delivery; the answer is a line for the log and the done record. */
export async function handleGithubDelivery(ctx: GithubAppContext, job: WebhookJob): Promise<string> {
  if (job.event === 'push') {
    const verdict = judgePush(job.payload as PushPayload, {
      owner: ctx.config.github.owner,
      repo: ctx.config.github.repo,
      branch: ctx.config.branch,
    });
    if (!verdict.follow) return `push: ignored, ${verdict.why}`;
    if (!ctx.followPush) return 'push: ignored, this server does not follow pushes';
    return `push: ${await ctx.followPush(verdict.after)}`;
  }
  const payload = job.payload as Payload;
  const pr = payload.pull_request;
  const action = payload.action ?? '';
  const installationId = payload.installation?.id;
  const options = installationId === undefined ? {} : { installationId };
  if (!pr) return `${job.event}.${action}: no pull request, ignored`;
  if (job.event === 'pull_request' && CHECKED_ACTIONS.has(action)) {
    return checkPullRequest(ctx, pr, { ...options, reviewOnly: false });
  }
  if (job.event === 'pull_request' && action === 'closed' && pr.merged === true) {
    return recordMergeApprovals(ctx, pr, options);
  }
  if (job.event === 'pull_request_review' && REVIEW_ACTIONS.has(action)) {
    return checkPullRequest(ctx, pr, { ...options, reviewOnly: true });
  }
  return `${job.event}.${action}: nothing to do`;
}
