import { OpsledgerError } from '../../errors/opsledger-error.js';
import { revertCommit, revertToVersion, type RevertResult } from '../../history/revert-definition.js';
import { revertTargetOf } from '../../history/revert-target.js';
import { createGithubClient } from '../../github/github-client.js';
import { openRevertPullRequest, type RevertRequest } from '../../github/open-revert-pull-request.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';
import {
  idSpecOf,
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions,
  type HistoryCommandOptions,
} from '../cli-history.js';
import { parseVersion, versionOf } from '../definition-versions.js';

interface RevertOptions extends HistoryCommandOptions {
  to?: string;
  commit?: string;
  pr?: boolean;
}

const EXAMPLES = `
Examples:
  $ opsledger revert http-health-check --to 2   # write version 2 back and commit it (Reverts-Audit: http-health-check@v2)
  $ opsledger revert --commit HEAD              # git revert (a merge is reverted against its first parent)
  $ opsledger revert restart-web --to 2 --pr    # the same, as a pull request on GitHub; prints its URL
  $ opsledger revert --commit 1a2b3c4 --pr

Both refuse a work tree with uncommitted changes. With --pr the revert is committed in a temporary worktree at the
tracked branch of github.remote, pushed as opsledger/revert-... and opened as a pull request (docs/github.md); your
work tree is not touched. A conflict of --commit leaves the repo as git leaves it
(exit 2, GIT_CONFLICT): resolve and \`git revert --continue\`, or \`git revert --abort\`.`;

/** Restoring a version that did not validate is allowed, and said (docs/history.md). */
function warnInvalid(ctx: CliContext, invalid: boolean, to?: string, id?: string): void {
  if (invalid) {
    ctx.out.info(
      `warning: version ${to} of ${id} did not validate when it was committed; check it with \`opsledger validate\``,
    );
  }
}

/** `--pr`: the revert as a pull request (docs/github.md "Revert as a pull request"); prints its URL. */
async function openPullRequest(
  ctx: CliContext,
  request: RevertRequest,
  invalid: boolean,
  to?: string,
  id?: string,
): Promise<number> {
  warnInvalid(ctx, invalid, to, id);
  const client = createGithubClient({
    config: ctx.config.github,
    env: ctx.env,
    log: { info: (m) => ctx.out.info(m), warn: (m) => ctx.out.info(`warning: ${m}`) },
  });
  const pr = await openRevertPullRequest({ repo: ctx.repo, config: ctx.config, client, request });
  if (ctx.json) ctx.out.json(pr);
  else {
    ctx.out.line(pr.url);
    ctx.out.info(
      `opened #${pr.number} from ${pr.branch} (${pr.commit.slice(0, 12)}: ${pr.paths.join(', ')})`,
    );
  }
  return 0;
}

/** `opsledger revert ID --to VERSION` or `opsledger revert --commit SHA`: undo a change as a new commit. */
export const revertCommand: CommandModule = (program, app) => {
  withHistoryOptions(
    program
      .command('revert')
      .description('restore a definition version as a new commit, or git-revert a commit')
      .argument('[id]', 'the definition to restore (with --to; KIND:ID when the id names more than one kind)')
      .option('--to <version>', 'the version to restore (3 or v3)')
      .option('--commit <sha>', 'revert this commit with `git revert`')
      .option('--pr', 'push the revert as a branch and open a pull request on GitHub (docs/github.md)'),
    program,
  )
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, id: string | undefined, options: RevertOptions) => {
        let invalidTarget = false;
        let request: RevertRequest;
        if (options.commit !== undefined) {
          if (id !== undefined || options.to !== undefined) {
            throw new OpsledgerError('USAGE', 'pass either ID --to VERSION or --commit SHA, not both');
          }
          request = { kind: 'commit', sha: options.commit };
        } else {
          if (id === undefined || options.to === undefined) {
            throw new OpsledgerError('USAGE', 'revert needs ID --to VERSION, or --commit SHA');
          }
          const spec = idSpecOf(id, options);
          const version = parseVersion(options.to);
          const index = await openCliHistory(ctx, options);
          request = await readHistory(index, () => {
            const kind = resolveKind(index, spec.id, spec.kind);
            const target = revertTargetOf(index, kind, spec.id, versionOf(index, kind, spec.id, version));
            invalidTarget = target.invalid;
            const last = index.states(kind, spec.id).at(-1);
            return {
              kind: 'version',
              target,
              current: last ? { version: last.version, commit: last.commit } : null,
            };
          });
        }
        if (options.pr === true) return openPullRequest(ctx, request, invalidTarget, options.to, id);
        const result: RevertResult =
          request.kind === 'commit'
            ? await revertCommit(ctx.repo, request.sha)
            : await revertToVersion(ctx.repo, request.target);
        warnInvalid(ctx, invalidTarget, options.to, id);
        if (ctx.json) ctx.out.json(result);
        else {
          ctx.out.line(result.commit);
          ctx.out.info(`${result.message.split('\n')[0]} (${result.paths.join(', ')})`);
        }
        return 0;
      }),
    );
};
