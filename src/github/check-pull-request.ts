import type { OpsledgerConfig } from '../config/load-config.js';
import { evaluateApprovals } from '../review/evaluate-approvals.js';
import { runPrCheck } from '../review/pr-check.js';
import { PR_CHECK_MARKER, renderPrCheckMarkdown } from '../review/render-pr-check-markdown.js';
import { checkRunOutcome } from './check-run-outcome.js';
import { fetchPullRequest } from './fetch-pull-request.js';
import type { GithubClient, GithubLog } from './github-client.js';
import { listReviews } from './list-reviews.js';
import { completeCheckRun, findCheckRun, startCheckRun } from './publish-check-run.js';
import { setRiskLabel } from './set-risk-label.js';
import { upsertStickyComment } from './upsert-sticky-comment.js';

/** What the App's handlers need: the service's clone, its config, the client, the clock. */
export interface GithubAppContext {
  repo: string;
  config: OpsledgerConfig;
  client: GithubClient;
  now: () => Date;
  log: GithubLog;
  /**
   * A push to the tracked branch (docs/github.md, "Pushes"): bring the clone's branch to `after` and refresh history;
   * the answer is a line for the log. Absent where nothing follows pushes (they are then ignored).
   */
  followPush?: (after: string) => Promise<string>;
}

/** The fields of a webhook's `pull_request` the App reads. */
export interface PullRequestPayload {
  number: number;
  html_url: string;
  user: { login: string } | null;
  head: { sha: string; ref: string };
  base: { sha: string; ref: string };
  merged?: boolean | null;
  merge_commit_sha?: string | null;
}

/**
 * Check a pull request (docs/github.md "What the App does"): fetch its base and head, run pr-check, judge the
 * reviews, then publish: the check run `opsledger` on the head (in progress, then its conclusion with annotations),
 * the sticky comment, the risk label. `reviewOnly` (a review came in): the head's run is updated in place, its
 * annotations kept; a run that does not exist yet is created with them.
 */
export async function checkPullRequest(
  ctx: GithubAppContext,
  pr: PullRequestPayload,
  options: { installationId?: number; reviewOnly: boolean },
): Promise<string> {
  const octokit = await ctx.client.octokit(options.installationId);
  const ref = { owner: ctx.client.owner, repo: ctx.client.repo };
  const existing = options.reviewOnly ? await findCheckRun(octokit, ref, pr.head.sha) : null;
  const runId = existing ?? (await startCheckRun(octokit, ref, pr.head.sha, ctx.now()));
  try {
    const fetched = await fetchPullRequest(ctx.repo, ctx.config.github.remote, {
      number: pr.number,
      baseRef: pr.base.ref,
      headSha: pr.head.sha,
    });
    const report = await runPrCheck({
      repo: ctx.repo,
      base: fetched.base,
      head: fetched.head,
      config: ctx.config,
    });
    const reviews = await listReviews(octokit, ref, pr.number);
    const evaluation = evaluateApprovals(report, reviews, pr.user ? [pr.user.login] : []);
    const body = renderPrCheckMarkdown(report, evaluation);
    const outcome = checkRunOutcome(report, evaluation, body);
    await completeCheckRun(octokit, ref, runId, outcome, {
      now: ctx.now(),
      withAnnotations: existing === null,
    });
    const comment = await upsertStickyComment(octokit, ref, pr.number, body, PR_CHECK_MARKER);
    await setRiskLabel(octokit, ref, pr.number, report.risk);
    return `#${pr.number} ${pr.head.sha.slice(0, 7)}: ${outcome.conclusion}, comment ${comment.action}, risk ${report.risk}`;
  } catch (err) {
    // The check never stays "in progress" forever: it ends as a failure that says why, and the job is retried.
    await completeCheckRun(
      octokit,
      ref,
      runId,
      {
        conclusion: 'failure',
        title: 'opsledger could not check this pull request',
        summary: `${(err as Error).message}\n\nThe service retries; see its log for details.`,
        annotations: [],
      },
      { now: ctx.now(), withAnnotations: false },
    ).catch((e: unknown) => ctx.log.warn(`cannot mark the check run failed: ${(e as Error).message}`));
    throw err;
  }
}
