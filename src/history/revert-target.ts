import type { DefinitionKind } from '../definitions/types.js';
import { scriptPathOf } from './fold-types.js';
import type { RevertToVersion } from './revert-definition.js';
import type { NativeHistoryIndex } from './native-history-index.js';
import type { DefinitionVersion } from './types.js';

/**
 * What `revert ID --to VERSION` writes back (pure over the index): the version's blob at the definition's current
 * path, with the script file the version named as it was then. `invalid` when that version did not validate.
 */
export function revertTargetOf(
  index: Pick<NativeHistoryIndex, 'states'>,
  kind: DefinitionKind,
  id: string,
  found: DefinitionVersion,
): RevertToVersion & { invalid: boolean } {
  const states = index.states(kind, id);
  const currentPath = states.at(-1)?.path ?? found.path;
  const state = states.find((s) => s.version === found.version && s.blob !== null);
  const scriptPath = scriptPathOf(found.value as unknown as Record<string, unknown>);
  return {
    kind,
    id,
    version: found.version,
    commit: found.commit,
    blob: found.blob,
    currentPath,
    ...(scriptPath ? { script: { path: scriptPath, blob: state?.file_blob ?? null } } : {}),
    invalid: found.valid === false,
  };
}
