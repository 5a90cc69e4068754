// What the commands that read the change history share: opening the index, its options, naming an id.
import type { Command, Option } from 'commander';
import { DEFINITION_KINDS, type DefinitionKind } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { openHistoryIndex } from '../history/open-history-index.js';
import type { NativeHistoryIndex } from '../history/native-history-index.js';
import { parseIdSpec, type IdSpec } from '../history/parse-id-spec.js';
import { suggestIds } from '../history/suggest-ids.js';
import type { CliContext } from './context.js';

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
    // Drawn when stderr is a terminal, asked only when there are commits to index: a warm read never touches
    // process.stderr (README, CLI start-up). Warnings go where the command's other messages go.
    progress: true,
    onWarning: (message) => ctx.out.info(`warning: ${message}`),
    allowShallow: options.allowShallow === true,
  });
}

/**
 * `--allow-shallow`, on every command that reads the history (docs/history.md "Shallow clones"). The options are made
 * by the program's `createOption` (commander's `new Option`): this module imports no commander, so a plain
 * `opsledger history ID`, which the history entry runs without parsing (history-main.ts), never evaluates it.
 */
export function allowShallowOption(program: Pick<Command, 'createOption'>): Option {
  return program.createOption(
    '--allow-shallow',
    'read a shallow clone anyway: a partial history, its events marked partial: true',
  );
}

/**
 * `--kind`, the hidden `--type` and `--allow-shallow`: the options of every command that names one definition and
 * reads its history (history, show, blame, diff, approvals, revert).
 */
export function withHistoryOptions(command: Command, program: Pick<Command, 'createOption'>): Command {
  return command
    .addOption(kindOption(program))
    .addOption(typeOption(program))
    .addOption(allowShallowOption(program));
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
function kindOption(program: Pick<Command, 'createOption'>): Option {
  return program
    .createOption('--kind <kind>', 'the kind, when an id names more than one (or write KIND:ID)')
    .choices([...DEFINITION_KINDS]);
}

/** `--type`, the older name of `--kind` (kept for scripts; hidden from help). */
function typeOption(program: Pick<Command, 'createOption'>): Option {
  return program
    .createOption('--type <kind>', 'the same as --kind')
    .choices([...DEFINITION_KINDS])
    .hideHelp();
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
