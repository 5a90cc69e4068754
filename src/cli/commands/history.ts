import { Option } from 'commander';
import { DEFINITION_KINDS, type DefinitionKind } from '../../definitions/types.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { openHistoryIndex } from '../../history/open-history-index.js';
import type { NativeHistoryIndex } from '../../history/native-history-index.js';
import { renderHistoryTable } from '../../history/render-history.js';
import { suggestIds } from '../../history/suggest-ids.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';

/** The history index of the context's repo, refreshed; a progress bar on stderr when it is a terminal. */
export async function openCliHistory(ctx: CliContext): Promise<NativeHistoryIndex> {
  return openHistoryIndex({
    repo: ctx.repo,
    dataDir: ctx.dataDir,
    branch: ctx.config.branch,
    definitionsDir: ctx.config.paths.definitions,
    progress: process.stderr.isTTY === true,
  });
}

/** Run a read against the index; an index file found corrupt is rebuilt once and the read retried. */
export async function readHistory<T>(index: NativeHistoryIndex, read: () => T): Promise<T> {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof OpsledgerError) || err.code !== 'HISTORY_INDEX_CORRUPT') throw err;
    await index.rebuild();
    return read();
  }
}

/** The `--type` option shared by the history commands. */
export function kindOption(): Option {
  return new Option('--type <kind>', 'the kind, when an id names more than one').choices([
    ...DEFINITION_KINDS,
  ]);
}

/** The one kind `id` names in the index, or DEFINITION_NOT_FOUND with close ids as the hint. */
export function resolveKind(index: NativeHistoryIndex, id: string, kind?: DefinitionKind): DefinitionKind {
  const kinds = kind ? index.kindsOf(id).filter((k) => k === kind) : index.kindsOf(id);
  if (kinds.length === 1) return kinds[0]!;
  if (kinds.length > 1) {
    throw new OpsledgerError('USAGE', `"${id}" names a ${kinds.join(' and a ')}`, {
      hint: `Pass --type ${kinds.join(' or --type ')}.`,
    });
  }
  throw notFound(index, id, kind);
}

export function notFound(index: NativeHistoryIndex, id: string, kind?: DefinitionKind): OpsledgerError {
  const known = (kind ? [kind] : DEFINITION_KINDS).flatMap((k) => index.ids(k));
  const close = suggestIds(id, known);
  const what = kind ?? 'definition';
  return new OpsledgerError(
    'DEFINITION_NOT_FOUND',
    `no ${what} with id "${id}" in the history of ${index.meta().branch}`,
    {
      hint:
        close.length > 0
          ? `Did you mean ${close.map((c) => `"${c}"`).join(', ')}?`
          : 'Check the id (the `id:` inside the file, not the file name) and the tracked branch.',
    },
  );
}

const EXAMPLES = `
Examples:
  $ opsledger history http-health-check      # every change, one line per changed field
  $ opsledger history web-incident-response  # a runbook, with its steps' changes
  $ opsledger history web-incident-response/restart-web   # one step of a runbook
  $ opsledger history http-health-check --json # the audit events (docs/history.md), oldest first`;

/** `opsledger history ID`: the field-level change history of one action, runbook (with steps), step or role. */
export const historyCommand: CommandModule = (program, app) => {
  program
    .command('history')
    .description('field-level change history of one definition, from git (who, when, which PR, what)')
    .argument('<id>', 'an action, runbook or role id, or RUNBOOK/STEP')
    .addOption(kindOption())
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, id: string, options: { type?: DefinitionKind }) => {
        const index = await openCliHistory(ctx);
        const events = await readHistory(index, () => index.history(id, options.type));
        if (events.length === 0) {
          const base = id.includes('/') ? id.split('/')[0]! : id;
          const err = notFound(index, base, options.type);
          if (id.includes('/') && index.kindsOf(base).includes('runbook')) {
            throw new OpsledgerError(
              'DEFINITION_NOT_FOUND',
              `runbook ${base} has no step "${id.split('/')[1]}"`,
              {
                hint: `See its steps with \`opsledger history ${base}\`.`,
              },
            );
          }
          throw err;
        }
        if (ctx.json) ctx.out.json(events);
        else ctx.out.line(renderHistoryTable(events));
        return 0;
      }),
    );
};
