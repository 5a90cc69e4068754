import type { Octokit } from 'octokit';
import { REVIEW_STATES, type ReviewState } from '../review/approval-note.js';
import type { Review } from '../review/evaluate-approvals.js';
import type { GithubRepoRef } from './github-client.js';

const STATES = new Set<string>(REVIEW_STATES);

/** Every submitted review of a pull request (pending drafts and reviews of deleted users are left out). */
export async function listReviews(octokit: Octokit, ref: GithubRepoRef, pull: number): Promise<Review[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    ...ref,
    pull_number: pull,
    per_page: 100,
  });
  return reviews.flatMap((r) =>
    r.user && STATES.has(r.state) && r.submitted_at
      ? [
          {
            reviewer_login: r.user.login,
            state: r.state as ReviewState,
            commit_id: r.commit_id ?? '',
            submitted_at: r.submitted_at,
          },
        ]
      : [],
  );
}
