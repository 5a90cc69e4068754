import { runGitRaw } from '../git/run-git.js';
import {
  APPROVALS_NOTES_REF,
  parseApprovalNoteText,
  writeApprovalNote,
  type ApprovalNote,
} from '../review/approval-note.js';
import { runPrCheck } from '../review/pr-check.js';
import type { GithubAppContext, PullRequestPayload } from './check-pull-request.js';
import { fetchBranch, fetchPullRequest } from './fetch-pull-request.js';
import { listReviews } from './list-reviews.js';
import { notesIdentity, pushApprovalNotes, syncApprovalNotes } from './push-approval-notes.js';

/**
 * A pull request was merged: keep its approval evidence in git (docs/github.md "The approval note"). Every review
 * (login, the email it maps to, state, the commit it approved, when) goes into a note on the merge commit under
 * `refs/notes/opsledger/approvals`, which is then pushed to the remote. Idempotent: a note already recorded for this
 * pull request and head is not written twice (a retried job).
 */
export async function recordMergeApprovals(
  ctx: GithubAppContext,
  pr: PullRequestPayload,
  options: { installationId?: number },
): Promise<string> {
  const merge = pr.merge_commit_sha;
  if (!merge) return `#${pr.number}: merged without a merge commit sha, nothing recorded`;
  const { remote } = ctx.config.github;
  await fetchBranch(ctx.repo, remote, pr.base.ref);
  await fetchPullRequest(ctx.repo, remote, { number: pr.number, baseRef: pr.base.ref, headSha: pr.head.sha });
  await syncApprovalNotes(ctx.repo, remote);
  const shown = await runGitRaw(ctx.repo, ['notes', `--ref=${APPROVALS_NOTES_REF}`, 'show', merge]);
  const already =
    shown.code === 0 &&
    parseApprovalNoteText(shown.stdout).some(
      (n) => n.pull_request.number === pr.number && n.pull_request.head_sha === pr.head.sha,
    );
  if (!already) {
    const octokit = await ctx.client.octokit(options.installationId);
    const ref = { owner: ctx.client.owner, repo: ctx.client.repo };
    const report = await runPrCheck({
      repo: ctx.repo,
      base: `${merge}^1`,
      head: pr.head.sha,
      config: ctx.config,
    });
    const reviews = await listReviews(octokit, ref, pr.number);
    const logins = new Map<string, string>();
    for (const [login, email] of Object.entries(ctx.config.github.github_logins ?? {}))
      logins.set(login.toLowerCase(), email);
    for (const a of report.approvals.approvers)
      for (const l of a.logins) logins.set(l.toLowerCase(), a.email);
    const note: ApprovalNote = {
      version: 1,
      pull_request: {
        number: pr.number,
        url: pr.html_url,
        head_sha: pr.head.sha,
        base_ref: pr.base.ref,
        authors: [
          ...new Set([...(pr.user ? [pr.user.login] : []), ...report.approvals.authors.map((a) => a.email)]),
        ],
      },
      approvals: reviews.map((r) => ({ ...r, email: logins.get(r.reviewer_login.toLowerCase()) ?? null })),
      recorded_at: ctx.now().toISOString(),
    };
    await writeApprovalNote(ctx.repo, merge, note, await notesIdentity(ctx.repo));
  }
  await pushApprovalNotes(ctx.repo, remote);
  return `#${pr.number}: approval note on ${merge.slice(0, 7)} ${already ? 'was already there' : 'recorded'}, pushed`;
}
