import type { FindingPlace } from '../finding-codes.js';
import type { LoadedDefinition, LoadedDefinitions } from '../load-definitions.js';
import { locatePointer } from '../parse-yaml.js';
import type { Action, DefinitionKind, Role, Runbook } from '../types.js';

/** A loaded definition narrowed to one kind. */
export type Loaded<V> = LoadedDefinition & { definition: { path: string; value: V } };

/** What the cross-file rules see: every loaded definition by kind and id, and the ids of broken files. */
export interface RuleContext {
  actions: Loaded<Action>[];
  runbooks: Loaded<Runbook>[];
  roles: Loaded<Role>[];
  /** The first action file (by path) for each id. */
  actionById: Map<string, Loaded<Action>>;
  brokenIds: Record<DefinitionKind, Set<string>>;
}

/** Index the loaded definitions for the rules. */
export function createRuleContext(loaded: LoadedDefinitions): RuleContext {
  const of = <V>(kind: DefinitionKind): Loaded<V>[] =>
    loaded.definitions.filter((d) => d.definition.kind === kind) as Loaded<V>[];
  const actions = of<Action>('action');
  const actionById = new Map<string, Loaded<Action>>();
  for (const action of actions) {
    if (!actionById.has(action.definition.value.id)) actionById.set(action.definition.value.id, action);
  }
  return {
    actions,
    runbooks: of<Runbook>('runbook'),
    roles: of<Role>('role'),
    actionById,
    brokenIds: loaded.brokenIds,
  };
}

/** The file, line and column of a JSON Pointer in a loaded definition (with `key`: that key inside the map). */
export function placeOf(loaded: LoadedDefinition, pointer: string, key?: string): FindingPlace {
  const at = locatePointer(loaded.parsed, pointer, key);
  return {
    file: loaded.definition.path,
    line: at.line,
    col: at.col,
    pointer: key === undefined ? pointer : `${pointer}/${escapePointer(key)}`,
  };
}

/** Escape one JSON Pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
