/** What a scope rule needs to know about an action: its id and its tags. */
export interface ScopedAction {
  id: string;
  tags?: readonly string[];
}

const globCache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`);
    globCache.set(glob, re);
  }
  return re;
}

/**
 * Whether an action falls inside a role's `scope.actions` (CONTRACTS.md §2): each entry is an id glob (`*`, `?`) or
 * `tag:NAME`. No scope (undefined) means every action; an empty list means none.
 */
export function matchActionScope(patterns: readonly string[] | undefined, action: ScopedAction): boolean {
  if (patterns === undefined) return true;
  return patterns.some((pattern) =>
    pattern.startsWith('tag:')
      ? (action.tags ?? []).includes(pattern.slice(4))
      : globToRegExp(pattern).test(action.id),
  );
}
