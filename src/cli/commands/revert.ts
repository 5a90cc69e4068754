import type { DefinitionKind } from '../../definitions/types.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { scriptPathOf } from '../../history/fold-history.js';
import { revertCommit, revertToVersion, type RevertResult } from '../../history/revert-definition.js';
import type { CommandModule } from '../cli-app.js';
import { kindOption, openCliHistory, readHistory, resolveKind } from './history.js';
import { parseVersion, versionOf } from './show.js';

interface RevertOptions {
  to?: string;
  commit?: string;
  type?: DefinitionKind;
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
    .argument('[id]', 'the definition to restore (with --to)')
    .option('--to <version>', 'the version to restore (3 or v3)')
    .option('--commit <sha>', 'revert this commit with `git revert`')
    .addOption(kindOption())
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, id: string | undefined, options: RevertOptions) => {
        let result: RevertResult;
        if (options.commit !== undefined) {
          if (id !== undefined || options.to !== undefined) {
            throw new OpsledgerError('USAGE', 'pass either ID --to VERSION or --commit SHA, not both');
          }
          result = await revertCommit(ctx.repo, options.commit);
        } else {
          if (id === undefined || options.to === undefined) {
            throw new OpsledgerError('USAGE', 'revert needs ID --to VERSION, or --commit SHA');
          }
          const version = parseVersion(options.to);
          const index = await openCliHistory(ctx);
          const target = await readHistory(index, () => {
            const kind = resolveKind(index, id, options.type);
            const found = versionOf(index, kind, id, version);
            const states = index.states(kind, id);
            const currentPath = states.at(-1)?.path ?? found.path;
            const state = states.find((s) => s.version === version && s.blob !== null);
            const scriptPath = scriptPathOf(found.value as unknown as Record<string, unknown>);
            return {
              kind,
              id,
              version,
              commit: found.commit,
              blob: found.blob,
              currentPath,
              ...(scriptPath ? { script: { path: scriptPath, blob: state?.file_blob ?? null } } : {}),
            };
          });
          result = await revertToVersion(ctx.repo, target);
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
