import type { Octokit } from 'octokit';
import type { GithubRepoRef } from './github-client.js';

/** The name of opsledger's check run on a pull request's head commit. */
export const CHECK_RUN_NAME = 'opsledger';

/** GitHub accepts at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** GitHub's limit on a check run's summary and text. */
const MAX_OUTPUT = 65_535;

export type CheckConclusion = 'success' | 'failure' | 'action_required';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

export interface CheckRunResult {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

function cut(text: string): string {
  return text.length <= MAX_OUTPUT ? text : `${text.slice(0, MAX_OUTPUT - 40)}\n\n… (cut at GitHub's limit)`;
}

/** Start the check on `sha`: a new check run `opsledger`, in progress (a new push gets a new run). */
export async function startCheckRun(
  octokit: Octokit,
  ref: GithubRepoRef,
  sha: string,
  now: Date,
): Promise<number> {
  const res = await octokit.rest.checks.create({
    ...ref,
    name: CHECK_RUN_NAME,
    head_sha: sha,
    status: 'in_progress',
    started_at: now.toISOString(),
  });
  return res.data.id;
}

/** The latest `opsledger` check run of `sha`, or null. */
export async function findCheckRun(
  octokit: Octokit,
  ref: GithubRepoRef,
  sha: string,
): Promise<number | null> {
  const res = await octokit.rest.checks.listForRef({
    ...ref,
    ref: sha,
    check_name: CHECK_RUN_NAME,
    filter: 'latest',
  });
  return res.data.check_runs[0]?.id ?? null;
}

/**
 * Complete the run: the conclusion with the summary and the first 50 annotations, then the rest 50 per request
 * (GitHub appends each batch). `withAnnotations: false` when the run already has them (a review changed approvals).
 */
export async function completeCheckRun(
  octokit: Octokit,
  ref: GithubRepoRef,
  id: number,
  result: CheckRunResult,
  options: { now: Date; withAnnotations: boolean },
): Promise<void> {
  const all = options.withAnnotations ? result.annotations : [];
  const output = { title: result.title, summary: cut(result.summary) };
  await octokit.rest.checks.update({
    ...ref,
    check_run_id: id,
    status: 'completed',
    conclusion: result.conclusion,
    completed_at: options.now.toISOString(),
    output: { ...output, annotations: all.slice(0, ANNOTATIONS_PER_REQUEST) },
  });
  for (let i = ANNOTATIONS_PER_REQUEST; i < all.length; i += ANNOTATIONS_PER_REQUEST) {
    await octokit.rest.checks.update({
      ...ref,
      check_run_id: id,
      output: { ...output, annotations: all.slice(i, i + ANNOTATIONS_PER_REQUEST) },
    });
  }
}
