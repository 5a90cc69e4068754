import { kindOfPath, type DefinitionKind } from '../definitions/types.js';
import type { FoldCommit, FoldContext, SideCommit } from './fold-types.js';
import { diffValues } from './semantic-diff.js';
import type { Credit } from './types.js';

/** What one side commit changed in one file: pointers, or everything (it added, removed or broke the file). */
type SideChange = string[] | 'all';

const changedCache = new WeakMap<SideCommit, Map<string, SideChange>>();

/**
 * Credit each changed pointer of a merge's event to the commit on the merged side that last set it (pure; docs/
 * history.md "Attribution"): the newest side commit whose own change of one of the definition's paths changed that
 * pointer, an ancestor or a descendant of it (a file it added, removed or could not parse counts for every pointer;
 * a script file's change for `/script/file_blob`). A pointer no side commit set was changed by the merge itself.
 * Pointer `''` stands for the whole object (a create or delete).
 */
export function creditPointers(
  commit: FoldCommit,
  kind: DefinitionKind,
  paths: readonly string[],
  pointers: readonly string[],
  ctx: FoldContext,
): Credit[] {
  const side = commit.side ?? [];
  return pointers.map((pointer) => {
    for (const sc of side) {
      for (const ch of sc.changes) {
        if (!paths.includes(ch.path)) continue;
        const set = changedBy(sc, ch, kind, ctx);
        if (set === 'all' || pointer === '' || set.some((k) => related(k, pointer))) {
          return { name: sc.author.name, email: sc.author.email, commit: sc.sha };
        }
      }
    }
    return { name: commit.author.name, email: commit.author.email, commit: commit.sha };
  });
}

function related(a: string, b: string): boolean {
  return a === b || b.startsWith(`${a}/`) || a.startsWith(`${b}/`);
}

function changedBy(
  sc: SideCommit,
  ch: SideCommit['changes'][number],
  kind: DefinitionKind,
  ctx: FoldContext,
): SideChange {
  let byPath = changedCache.get(sc);
  if (!byPath) changedCache.set(sc, (byPath = new Map()));
  let set = byPath.get(ch.path);
  if (set === undefined) {
    if (kindOfPath(ch.path, ctx.definitionsDir) === null) set = ['/script/file_blob'];
    else {
      const old = ch.oldBlob ? (ctx.sideValue?.(kind, ch.oldBlob) ?? null) : null;
      const now = ch.newBlob ? (ctx.sideValue?.(kind, ch.newBlob) ?? null) : null;
      set = old && now ? Object.keys(diffValues(old, now)) : 'all';
    }
    byPath.set(ch.path, set);
  }
  return set;
}
