import type { DefinitionKind } from '../../definitions/types.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { openCatFileBatch } from '../../git/cat-file-batch.js';
import type { NativeHistoryIndex } from '../../history/native-history-index.js';
import type { DefinitionVersion } from '../../history/types.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';
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

/** `3` or `v3` as a version number, or USAGE. */
export function parseVersion(text: string): number {
  const m = /^v?([1-9][0-9]*)$/i.exec(text.trim());
  if (!m) {
    throw new OpsledgerError('USAGE', `"${text}" is not a version`, { hint: 'Write a version as 3 or v3.' });
  }
  return Number(m[1]);
}

/**
 * One version of a definition from the index, or the precise error: an unknown version, a version that is the
 * deletion, or (no version asked) a definition deleted at the tip.
 */
export function versionOf(
  index: NativeHistoryIndex,
  kind: DefinitionKind,
  id: string,
  version?: number,
): DefinitionVersion {
  const found = index.definitionAt(kind, id, version);
  if (found) return found;
  const states = index.states(kind, id);
  const last = states[states.length - 1];
  if (version === undefined && last && last.blob !== null) {
    // Every version since it was (re)created failed validation (docs/history.md "Validity").
    throw new OpsledgerError('DEFINITION_NOT_FOUND', `${kind} ${id} has no version that validated`, {
      hint: `Show a version as committed with \`opsledger show ${id}@${last.version}\`.`,
    });
  }
  if (version === undefined) {
    throw new OpsledgerError(
      'DEFINITION_NOT_FOUND',
      `${kind} ${id} was deleted at version ${last?.version ?? '?'} (commit ${last?.commit.slice(0, 12) ?? '?'})`,
      {
        hint: `Show an earlier version with \`opsledger show ${id}@${Math.max(1, (last?.version ?? 2) - 1)}\`.`,
      },
    );
  }
  const max = last?.version ?? 0;
  const deleted = states.some((s) => s.version === version && s.blob === null);
  const unparsed = states.some((s) => s.version === version && s.blob !== null);
  throw new OpsledgerError(
    'VERSION_NOT_FOUND',
    deleted
      ? `version ${version} of ${kind} ${id} is its deletion`
      : unparsed
        ? `version ${version} of ${kind} ${id} does not parse: it has no content`
        : `${kind} ${id} has no version ${version} (versions 1..${max})`,
  );
}

const EXAMPLES = `
Examples:
  $ opsledger show http-health-check    # the definition at the tip, as the file reads (comments kept)
  $ opsledger show http-health-check@2  # as version 2 wrote it
  $ opsledger show http-health-check@2 --json`;

/**
 * What `opsledger show ID[@VERSION]` does once its argv is parsed: the history entry calls it straight for a plain
 * `show ID` (history-main.ts), commander's action for every other argv.
 */
export async function runShow(
  ctx: CliContext,
  spec: string,
  options: HistoryCommandOptions,
): Promise<number> {
  const at = spec.lastIndexOf('@');
  const { id, kind: asked } = idSpecOf(at > 0 ? spec.slice(0, at) : spec, options);
  const version = at > 0 ? parseVersion(spec.slice(at + 1)) : undefined;
  const index = await openCliHistory(ctx, options);
  const kind = await readHistory(index, () => resolveKind(index, id, asked));
  const found = await readHistory(index, () => versionOf(index, kind, id, version));
  if (ctx.json) {
    ctx.out.json(found);
    return 0;
  }
  const batch = openCatFileBatch(ctx.repo);
  try {
    const blob = await batch.read(found.blob);
    if (!blob) throw new OpsledgerError('GIT_FAILED', `blob ${found.blob} is missing from the repository`);
    ctx.out.info(`# ${kind} ${id} v${found.version} · ${found.path} · commit ${found.commit.slice(0, 12)}`);
    const text = blob.content.toString('utf8');
    ctx.out.line(text.endsWith('\n') ? text.slice(0, -1) : text);
  } finally {
    await batch.close();
  }
  return 0;
}

/** `opsledger show ID[@VERSION]`: a definition as it was, YAML (the original bytes) or JSON. */
export const showCommand: CommandModule = (program, app) => {
  program
    .command('show')
    .description('a definition as it is at the tip, or as one version left it (ID@VERSION)')
    .argument('<id>', 'ID or ID@VERSION (KIND:ID when the id names more than one kind)')
    .addOption(kindOption(program))
    .addOption(typeOption(program))
    .addOption(allowShallowOption(program))
    .addHelpText('after', EXAMPLES)
    .action(app.action(runShow));
};
