import { OpsledgerError } from '../../errors/opsledger-error.js';
import { scriptPathOf } from '../../history/fold-history.js';
import { revertCommit, revertToVersion, type RevertResult } from '../../history/revert-definition.js';
import type { CommandModule } from '../cli-app.js';
import {
  allowShallowOption,
  idSpecOf,
  kindOption,
  openCliHistory,
  readHistory,
  resolveKind,
  typeOption,
  type HistoryCommandOptions,
} from '../cli-history.js';
import { parseVersion, versionOf } from './show.js';

interface RevertOptions extends HistoryCommandOptions {
  to?: string;
  commit?: string;
}

const EXAMPLES = `
Examples:
  $ opsledger revert http-health-check --to 2   # write version 2 back and commit it (Reverts-Audit: http-health-check@v2)
  $ opsledger revert --commit HEAD              # git revert (a merge is reverted against its first parent)

Both refuse a work tree with uncommitted changes. A conflict of --commit leaves the repo as git leaves it
(exit 2, GIT_CONFLICT): resolve and \`git revert --continue\`, or \`git revert --abort\`.`;

/** `opsledger revert ID --to VERSION` or `opsledger revert --commit SHA`: undo a change as a new commit. */
export const revertCommand: CommandModule = (program, app) => {
  program
    .command('revert')
    .description('restore a definition version as a new commit, or git-revert a commit')
    .argument('[id]', 'the definition to restore (with --to; KIND:ID when the id names more than one kind)')
    .option('--to <version>', 'the version to restore (3 or v3)')
    .option('--commit <sha>', 'revert this commit with `git revert`')
    .addOption(kindOption())
    .addOption(typeOption())
    .addOption(allowShallowOption())
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, id: string | undefined, options: RevertOptions) => {
        let result: RevertResult;
        let invalidTarget = false;
        if (options.commit !== undefined) {
          if (id !== undefined || options.to !== undefined) {
            throw new OpsledgerError('USAGE', 'pass either ID --to VERSION or --commit SHA, not both');
          }
          result = await revertCommit(ctx.repo, options.commit);
        } else {
          if (id === undefined || options.to === undefined) {
            throw new OpsledgerError('USAGE', 'revert needs ID --to VERSION, or --commit SHA');
          }
          const spec = idSpecOf(id, options);
          const version = parseVersion(options.to);
          const index = await openCliHistory(ctx, options);
          const target = await readHistory(index, () => {
            const kind = resolveKind(index, spec.id, spec.kind);
            const found = versionOf(index, kind, spec.id, version);
            const states = index.states(kind, spec.id);
            const currentPath = states.at(-1)?.path ?? found.path;
            const state = states.find((s) => s.version === version && s.blob !== null);
            const scriptPath = scriptPathOf(found.value as unknown as Record<string, unknown>);
            invalidTarget = found.valid === false;
            return {
              kind,
              id: spec.id,
              version,
              commit: found.commit,
              blob: found.blob,
              currentPath,
              ...(scriptPath ? { script: { path: scriptPath, blob: state?.file_blob ?? null } } : {}),
            };
          });
          result = await revertToVersion(ctx.repo, target);
        }
        // Restoring a version that did not validate at its commit is allowed, and said (docs/history.md).
        if (invalidTarget) {
          ctx.out.info(
            `warning: version ${options.to} of ${id} did not validate when it was committed; check it with \`opsledger validate\``,
          );
        }
        if (ctx.json) ctx.out.json(result);
        else {
          ctx.out.line(result.commit);
          ctx.out.info(`${result.message.split('\n')[0]} (${result.paths.join(', ')})`);
        }
        return 0;
      }),
    );
};
