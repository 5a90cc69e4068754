import type { Octokit } from 'octokit';
import type { GithubRepoRef } from './github-client.js';

/** The labels opsledger puts on a pull request: `opsledger:risk-high`, `-medium` or `-low`. */
export const RISK_LABEL_PREFIX = 'opsledger:risk-';

/** Give the pull request the label of its risk and take off the stale ones; labels of others are left alone. */
export async function setRiskLabel(
  octokit: Octokit,
  ref: GithubRepoRef,
  issue: number,
  risk: 'high' | 'medium' | 'low',
): Promise<void> {
  const wanted = `${RISK_LABEL_PREFIX}${risk}`;
  const labels = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, {
    ...ref,
    issue_number: issue,
    per_page: 100,
  });
  const names = labels.map((l) => l.name);
  for (const stale of names.filter((n) => n.startsWith(RISK_LABEL_PREFIX) && n !== wanted)) {
    await octokit.rest.issues.removeLabel({ ...ref, issue_number: issue, name: stale });
  }
  if (!names.includes(wanted))
    await octokit.rest.issues.addLabels({ ...ref, issue_number: issue, labels: [wanted] });
}
