import type { Octokit } from 'octokit';
import type { GithubRepoRef } from './github-client.js';

/**
 * Post the pull request's one opsledger comment, or edit it: the comment is found again by the hidden `marker` in
 * its body (danger-js), so every push edits the same comment instead of adding one. An unchanged body is left alone.
 */
export async function upsertStickyComment(
  octokit: Octokit,
  ref: GithubRepoRef,
  issue: number,
  body: string,
  marker: string,
): Promise<{ id: number; action: 'created' | 'updated' | 'unchanged' }> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    ...ref,
    issue_number: issue,
    per_page: 100,
  });
  const mine = comments.find((c) => (c.body ?? '').includes(marker));
  if (mine) {
    if (mine.body === body) return { id: mine.id, action: 'unchanged' };
    await octokit.rest.issues.updateComment({ ...ref, comment_id: mine.id, body });
    return { id: mine.id, action: 'updated' };
  }
  const created = await octokit.rest.issues.createComment({ ...ref, issue_number: issue, body });
  return { id: created.data.id, action: 'created' };
}
