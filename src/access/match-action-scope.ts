import { matchGlob } from './match-glob.js';

/** What a scope rule needs to know about an action: its id and its tags. */
export interface ScopedAction {
  id: string;
  tags?: readonly string[];
}

/**
 * Whether an action falls inside a role's `scope.actions` (docs/definitions.md): each entry is an id glob (`*`, `?`) or
 * `tag:NAME`. No scope (undefined) means every action; an empty list means none.
 */
export function matchActionScope(patterns: readonly string[] | undefined, action: ScopedAction): boolean {
  if (patterns === undefined) return true;
  return patterns.some((pattern) =>
    pattern.startsWith('tag:')
      ? (action.tags ?? []).includes(pattern.slice(4))
      : matchGlob(pattern, action.id),
  );
}
