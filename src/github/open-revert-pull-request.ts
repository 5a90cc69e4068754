import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpsledgerConfig } from '../config/load-config.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { runGit, runGitRaw } from '../git/run-git.js';
import {
  revertCommit,
  revertToVersion,
  type RevertResult,
  type RevertToVersion,
} from '../history/revert-definition.js';
import { runPrCheck } from '../review/pr-check.js';
import { fetchBranch } from './fetch-pull-request.js';
import type { GithubClient } from './github-client.js';
import { renderRevertBody, repoWebUrl, type RevertDescription } from './render-revert-body.js';

export type RevertRequest =
  | { kind: 'version'; target: RevertToVersion; current: { version: number; commit: string } | null }
  | { kind: 'commit'; sha: string };

export interface RevertPullRequest {
  url: string;
  number: number;
  branch: string;
  commit: string;
  paths: string[];
}

export interface OpenRevertOptions {
  repo: string;
  config: OpsledgerConfig;
  client: GithubClient;
  request: RevertRequest;
  /** Who asks (the API caller): the revert commit's author. Absent: git's identity in the repo. */
  author?: { name: string; email: string };
}

/**
 * Revert through a pull request (docs/github.md "Revert as a pull request"): in a temporary worktree at the tracked
 * branch as the remote has it, commit the revert exactly as `opsledger revert` does, push it as a new branch
 * `opsledger/revert-…` and open a pull request whose body shows what the revert restores. The user's work tree and
 * branches are never touched.
 */
export async function openRevertPullRequest(options: OpenRevertOptions): Promise<RevertPullRequest> {
  const { repo, config, client } = options;
  const { remote } = config.github;
  // `--commit HEAD` names the user's HEAD, not the worktree's: resolve it here, in the repo.
  const request: RevertRequest =
    options.request.kind === 'commit'
      ? { kind: 'commit', sha: await fullSha(repo, options.request.sha) }
      : options.request;
  const baseRef = await fetchBranch(repo, remote, config.branch);
  const baseSha = (await runGit(repo, ['rev-parse', baseRef])).trim();
  const parent = await mkdtemp(path.join(tmpdir(), 'opsledger-revert-'));
  const dir = path.join(parent, 'worktree');
  await runGit(repo, ['worktree', 'add', '--quiet', '--detach', dir, baseSha]);
  try {
    const result: RevertResult =
      request.kind === 'version'
        ? await revertToVersion(dir, request.target)
        : await revertCommit(dir, request.sha);
    let commit = result.commit;
    if (options.author) {
      const who = `${options.author.name} <${options.author.email}>`;
      await runGit(dir, ['commit', '--amend', '--quiet', '--no-edit', `--author=${who}`]);
      commit = (await runGit(dir, ['rev-parse', 'HEAD'])).trim();
    }
    const name =
      request.kind === 'version'
        ? `${request.target.id}-v${request.target.version}`
        : request.sha.slice(0, 12);
    const branch = `opsledger/revert-${name}-${commit.slice(0, 7)}`;
    const pushed = await runGitRaw(dir, ['push', '--quiet', remote, `${commit}:refs/heads/${branch}`]);
    if (pushed.code !== 0) {
      throw new OpsledgerError('GIT_FAILED', `cannot push ${branch} to ${remote}: ${pushed.stderr.trim()}`, {
        hint: 'The service needs push access to the remote (github.remote in opsledger.yaml, docs/github.md).',
      });
    }
    const report = await runPrCheck({ repo, base: baseSha, head: commit, config });
    const body = renderRevertBody(report, describe(request, result, baseSha, repoWebUrl(config.github)));
    const pr = await client
      .octokit()
      .then((octokit) =>
        octokit.rest.pulls.create({
          owner: client.owner,
          repo: client.repo,
          title: result.message.split('\n')[0]!,
          head: branch,
          base: config.branch,
          body,
        }),
      )
      .catch(async (err: unknown) => {
        // No pull request, no branch: the pushed branch is taken back so a retry starts clean.
        await runGitRaw(dir, ['push', '--quiet', remote, '--delete', branch]);
        throw githubFailed(err, `opening the pull request from ${branch}`);
      });
    return { url: pr.data.html_url, number: pr.data.number, branch, commit, paths: result.paths };
  } finally {
    await runGitRaw(repo, ['worktree', 'remove', '--force', dir]);
    await rm(parent, { recursive: true, force: true });
  }
}

/** An error GitHub answered (octokit's RequestError has `status`) as GITHUB_FAILED; others as they are. */
function githubFailed(err: unknown, what: string): unknown {
  const status = (err as { status?: unknown }).status;
  if (typeof status !== 'number') return err;
  return new OpsledgerError(
    'GITHUB_FAILED',
    `${what}: GitHub answered ${status}: ${(err as Error).message}`,
    {
      cause: err,
    },
  );
}

async function fullSha(repo: string, rev: string): Promise<string> {
  const resolved = await runGitRaw(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (resolved.code !== 0) {
    throw new OpsledgerError('INPUT_INVALID', `${rev} is not a commit`, {
      hint: 'Pass a commit sha from `opsledger history ID` (COMMIT column).',
    });
  }
  return resolved.stdout.trim();
}

function describe(
  request: RevertRequest,
  result: RevertResult,
  baseSha: string,
  webUrl: string | null,
): RevertDescription {
  if (request.kind === 'commit') {
    return {
      what: `commit \`${request.sha.slice(0, 12)}\``,
      links: [
        { label: 'reverted commit', sha: request.sha },
        { label: 'tracked branch at', sha: baseSha },
      ],
      webUrl,
      commitMessage: result.message,
      trailer: `This reverts commit ${request.sha}.`,
    };
  }
  const { target, current } = request;
  return {
    what: `${target.kind} \`${target.id}\` to version ${target.version}`,
    links: [
      { label: `restored: version ${target.version}`, sha: target.commit },
      ...(current ? [{ label: `replaced: version ${current.version} (current)`, sha: current.commit }] : []),
      { label: 'tracked branch at', sha: baseSha },
    ],
    webUrl,
    commitMessage: result.message,
    trailer: `Reverts-Audit: ${target.id}@v${target.version}`,
  };
}
