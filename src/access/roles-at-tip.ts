import type { Role } from '../definitions/types.js';
import type { HistoryIndex } from '../history/types.js';

/** Something that answers "which role files are live now". */
export interface RolesProvider {
  /** The roles at the tip of the tracked branch as the history index last saw it. */
  roles(): Role[];
  /** The commit those roles were read at (null for an empty branch). */
  commit(): string | null;
}

/**
 * Roles come from `definitions/roles/` at the tip of the tracked branch (so every access change is a reviewed, audited
 * commit), read through the history index and cached per tip: a refresh of the index that moves the tip changes
 * access at once.
 */
export function rolesAtTip(history: Pick<HistoryIndex, 'tip' | 'definitionsAt'>): RolesProvider {
  let cachedTip: string | null | undefined;
  let cached: Role[] = [];
  const load = (): Role[] => {
    const tip = history.tip();
    if (tip !== cachedTip) {
      cached = tip === null ? [] : history.definitionsAt('role', tip).map((v) => v.value as Role);
      cachedTip = tip;
    }
    return cached;
  };
  return { roles: load, commit: () => history.tip() };
}
