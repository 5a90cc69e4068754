import type { DefinitionKind } from '../../definitions/types.js';
import {
  problemsOf,
  type FoldCommit,
  type FoldOutput,
  type FoldState,
  type ObjectState,
  type ParsedBlob,
} from '../fold-types.js';
import { addFindings, invalidEntry } from './invalid-entry.js';

/**
 * The path that defines `id` after the commit (docs/history.md "Duplicate ids"): the path that held it, while it still
 * claims it; else the claimant that claimed first (valid before invalid, then by path). A path newly claiming an id
 * another path holds gets a `duplicate_id` finding, keeps its parse as a copy, and takes the id over when the holder
 * goes away.
 */
export function findHolder(
  state: FoldState,
  kind: DefinitionKind,
  id: string,
  before: ObjectState | null,
  fresh: ReadonlyMap<string, ParsedBlob>,
  defChanges: FoldCommit['changes'],
  commit: FoldCommit,
  out: FoldOutput,
): string | null {
  const claims = (p: string): boolean => {
    const f = state.files[p];
    return f !== undefined && f.kind === kind && f.id === id;
  };
  let holder: string | null = before && claims(before.path) ? before.path : null;
  if (holder === null) {
    let best: string | null = null;
    for (const p in state.files) {
      const f = state.files[p]!;
      if (f.kind !== kind || f.id !== id || !(fresh.get(p)?.ok || f.copy)) continue;
      const b = best === null ? null : state.files[best]!;
      if (
        b === null ||
        (f.valid && !b.valid) ||
        (f.valid === b.valid && (f.since < b.since || (f.since === b.since && p < best!)))
      ) {
        best = p;
      }
    }
    holder = best;
  }
  for (const c of defChanges) {
    const f = state.files[c.path];
    const parsed = fresh.get(c.path);
    if (c.path === holder || !f || !claims(c.path) || !parsed?.ok) continue;
    f.copy = { value: parsed.value, problems: problemsOf(parsed.findings) };
    if (holder === null || f.since !== commit.seq) continue;
    addFindings(
      out,
      invalidEntry(
        commit,
        kind,
        id,
        c.path,
        [
          {
            code: 'duplicate_id',
            file: c.path,
            line: 1,
            col: 1,
            message: `id "${id}" is already defined in ${holder}`,
            hint: 'Give each definition its own id; history follows the file that held it first.',
            pointer: '/id',
            severity: 'error',
          },
        ],
        [c.path],
      ),
    );
  }
  return holder;
}
