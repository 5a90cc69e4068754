import { Option } from 'commander';
import { DEFINITION_KINDS, type DefinitionKind } from '../../definitions/types.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { openHistoryIndex } from '../../history/open-history-index.js';
import type { NativeHistoryIndex } from '../../history/native-history-index.js';
import { renderHistoryTable } from '../render-history.js';
import { parseIdSpec, type IdSpec } from '../../history/parse-id-spec.js';
import { suggestIds } from '../../history/suggest-ids.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';

/** What the history commands share: the kind options and `--allow-shallow`. */
export interface HistoryCommandOptions {
  type?: DefinitionKind;
  kind?: DefinitionKind;
  allowShallow?: boolean;
}

/** The history index of the context's repo, refreshed; a progress bar on stderr when it is a terminal. */
export async function openCliHistory(
  ctx: CliContext,
  options: Pick<HistoryCommandOptions, 'allowShallow'> = {},
): Promise<NativeHistoryIndex> {
  return openHistoryIndex({
    repo: ctx.repo,
    dataDir: ctx.dataDir,
    branch: ctx.config.branch,
    definitionsDir: ctx.config.paths.definitions,
    progress: process.stderr.isTTY === true,
    allowShallow: options.allowShallow === true,
  });
}

/** `--allow-shallow`, on every command that reads the history (docs/history.md "Shallow clones"). */
export function allowShallowOption(): Option {
  return new Option(
    '--allow-shallow',
    'read a shallow clone anyway: a partial history, its events marked partial: true',
  );
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

/** The `--kind` option shared by the history commands. */
export function kindOption(): Option {
  return new Option('--kind <kind>', 'the kind, when an id names more than one (or write KIND:ID)').choices([
    ...DEFINITION_KINDS,
  ]);
}

/** `--type`, the older name of `--kind` (kept for scripts; hidden from help). */
export function typeOption(): Option {
  return new Option('--type <kind>', 'the same as --kind').choices([...DEFINITION_KINDS]).hideHelp();
}

/** The id and kind a command was given: `ID` or `KIND:ID`, and `--kind`/`--type`. */
export function idSpecOf(text: string, options: HistoryCommandOptions): IdSpec {
  if (options.kind && options.type && options.kind !== options.type) {
    throw new OpsledgerError('USAGE', `--kind ${options.kind} and --type ${options.type} disagree`, {
      hint: 'Pass one of them.',
    });
  }
  return parseIdSpec(text, options.kind ?? options.type);
}

/**
 * The one kind `id` names in the index: DEFINITION_NOT_FOUND with close ids as the hint, or AMBIGUOUS when it names
 * several and no kind was given (history is never merged across kinds).
 */
export function resolveKind(index: NativeHistoryIndex, id: string, kind?: DefinitionKind): DefinitionKind {
  const kinds = kind ? index.kindsOf(id).filter((k) => k === kind) : index.kindsOf(id);
  if (kinds.length === 1) return kinds[0]!;
  if (kinds.length > 1) throw ambiguous(id, kinds);
  throw notFound(index, id, kind);
}

function ambiguous(id: string, kinds: readonly DefinitionKind[]): OpsledgerError {
  const named = kinds.map((k) => `${k === 'action' ? 'an' : 'a'} ${k}`);
  const list = `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
  return new OpsledgerError('AMBIGUOUS', `"${id}" is the id of ${list}`, {
    hint: `Name the kind: --kind ${kinds.join('|')}, or write ${kinds.map((k) => `${k}:${id}`).join(' or ')}.`,
  });
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
  $ opsledger history http-health-check --json # the audit events (docs/history.md), oldest first
  $ opsledger history runbook:web-incident-response   # name the kind of an id more than one kind uses (or --kind)
  $ opsledger history http-health-check --allow-shallow  # a shallow clone: a partial history`;

/** `opsledger history ID`: the field-level change history of one action, runbook (with steps), step or role. */
export const historyCommand: CommandModule = (program, app) => {
  program
    .command('history')
    .description('field-level change history of one definition, from git (who, when, which PR, what)')
    .argument('<id>', 'an action, runbook or role id (or KIND:ID), or RUNBOOK/STEP')
    .addOption(kindOption())
    .addOption(typeOption())
    .addOption(allowShallowOption())
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, text: string, options: HistoryCommandOptions) => {
        const { id, kind } = idSpecOf(text, options);
        const index = await openCliHistory(ctx, options);
        // A bare id names one kind, or it is AMBIGUOUS: history is never merged across kinds.
        const events = await readHistory(index, () =>
          index.history(id, id.includes('/') ? kind : resolveKind(index, id, kind)),
        );
        if (events.length === 0) {
          const base = id.includes('/') ? id.split('/')[0]! : id;
          const err = notFound(index, base, kind);
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
