import type { Action, Runbook } from '../definitions/types.js';
import type { AuditEvent } from '../history/types.js';
import type { PointInTime } from './create-point-in-time.js';
import type { DefinitionAtCommit, ReportInput, ReportModel } from './report-model.js';
import type { DefinitionState } from './summarize-definition.js';

/**
 * The live state of a definition at the end of the period, or its last state when it was deleted by then. `own`: its
 * events (a runbook's with its steps') up to the end of the period, oldest first.
 */
export function definitionState(
  kind: 'action' | 'runbook',
  id: string,
  live: readonly DefinitionAtCommit[],
  own: readonly AuditEvent[],
): DefinitionState | null {
  const type = kind === 'action' ? 'Action' : 'Runbook';
  const last = own.at(-1);
  const current = live.find((d) => d.id === id);
  if (current) {
    const lastOwn = own.filter((e) => e.auditable_type === type).at(-1);
    return {
      kind,
      value: current.value as Action | Runbook,
      path: current.path,
      version: current.version,
      commit: current.commit,
      updated_at: last?.created_at ?? lastOwn?.created_at ?? '',
      deleted: false,
    };
  }
  const deletion = own.filter((e) => e.auditable_type === type && e.action === 'delete').at(-1);
  if (!deletion) return null;
  return {
    kind,
    value: deletion.audited_changes as unknown as Action | Runbook,
    path: deletion.path,
    version: deletion.version,
    commit: deletion.commit,
    updated_at: deletion.created_at,
    deleted: true,
  };
}

/** Per action, every parameter name that was secret in any version up to the end of the period. */
export function secretParameterNames(
  events: readonly AuditEvent[],
  live: readonly DefinitionAtCommit[],
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (id: string, name: string) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = new Set()));
    s.add(name);
  };
  const fromList = (id: string, list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const p of list as { name?: unknown; secret?: unknown }[]) {
      if (p && p.secret === true && typeof p.name === 'string') add(id, p.name);
    }
  };
  for (const d of live) fromList(d.id, (d.value as Action).parameters);
  for (const e of events) {
    if (e.auditable_type !== 'Action') continue;
    if (e.action !== 'update') {
      fromList(e.auditable_id, e.audited_changes.parameters);
      continue;
    }
    for (const [pointer, pair] of Object.entries(e.audited_changes)) {
      const [, head, name, field] = pointer.split('/');
      if (head !== 'parameters' || !Array.isArray(pair)) continue;
      if (name === undefined) pair.forEach((side) => fromList(e.auditable_id, side));
      else if (field === undefined) pair.forEach((side) => fromList(e.auditable_id, [side]));
      else if (field === 'secret' && pair.includes(true)) add(e.auditable_id, name);
    }
  }
  return out;
}

/** The last commit up to the end of the period that changed a definition (or held an invalid one). */
export function lastDefinitionChange(
  events: readonly AuditEvent[],
  invalid: ReportInput['invalid'],
  pit: PointInTime,
  untilIndex: number,
  commits: ReportInput['commits'],
): ReportModel['definitions_as_of'] {
  let last = -1;
  for (const e of [...events, ...invalid]) {
    const i = pit.indexOf(e.commit);
    if (i <= untilIndex && i > last) last = i;
  }
  const commit = commits[last];
  return commit ? { commit: commit.sha, at: new Date(Date.parse(commit.created_at)).toISOString() } : null;
}
