// The versions of one definition as the commands that name one take them: `ID@VERSION`, `3` or `v3`, and the
// version the history index holds, or the precise error.
import type { DefinitionKind } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { NativeHistoryIndex } from '../history/native-history-index.js';
import type { DefinitionVersion } from '../history/types.js';
import { idSpecOf, type HistoryCommandOptions } from './cli-history.js';
import type { IdSpec } from '../history/parse-id-spec.js';

/** `ID[@VERSION]` (ID may be KIND:ID): the id and kind as idSpecOf reads them, and the version when one is named. */
export function versionedSpecOf(spec: string, options: HistoryCommandOptions): IdSpec & { version?: number } {
  const at = spec.lastIndexOf('@');
  const named = idSpecOf(at > 0 ? spec.slice(0, at) : spec, options);
  return at > 0 ? { ...named, version: parseVersion(spec.slice(at + 1)) } : named;
}

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
