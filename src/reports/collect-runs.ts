import type { ExecutionRecord, ExecutionStatus, Trigger } from '../executions/types.js';

/** One execution reduced to what reports use; strings are interned so a million rows stay small. */
export interface RunRow {
  id: string;
  seq: number;
  action: string;
  started: number;
  duration: number | null;
  status: ExecutionStatus;
  user: string;
  trigger: Trigger;
  targets: readonly string[];
  version: number | null;
  commit: string | null;
  definitionStatus: string | null;
  dirty: boolean;
  runbook: { id: string; step: string; run: string } | null;
  /** Position of the first-parent commit in force when it started (filled in by the model builder; -1: none). */
  point: number;
}

export interface CollectedRuns {
  /** Runs started inside the period, sorted by start time then id. */
  rows: RunRow[];
  /** Per action, the start of its latest run (not denied) up to the end of the period, also before its start. */
  lastRunBefore: Map<string, number>;
}

/**
 * Stream executions into compact rows: keep the latest state per id (highest seq), resolve users through the vault,
 * keep only runs that started in [since, until]. One pass; memory grows with the number of runs, not their size.
 */
export function collectRuns(
  executions: Iterable<ExecutionRecord>,
  resolveUser: (stored: string) => string,
  period: { since: number; until: number },
): CollectedRuns {
  const strings = new Map<string, string>();
  const intern = (s: string): string => {
    const hit = strings.get(s);
    if (hit !== undefined) return hit;
    strings.set(s, s);
    return s;
  };
  const users = new Map<string, string>();
  const targetSets = new Map<string, readonly string[]>();
  const byId = new Map<string, RunRow>();
  const lastRunBefore = new Map<string, number>();

  for (const r of executions) {
    const started = Date.parse(r.started_at);
    if (Number.isNaN(started) || started > period.until) continue;
    const action = intern(r.action_id);
    if (r.status !== 'denied' && (lastRunBefore.get(action) ?? -Infinity) < started) {
      lastRunBefore.set(action, started);
    }
    if (started < period.since) continue;
    const existing = byId.get(r.id);
    if (existing && existing.seq >= r.seq) continue;
    let user = users.get(r.initiator.user);
    if (user === undefined) users.set(r.initiator.user, (user = intern(resolveUser(r.initiator.user))));
    const targetKey = r.targets.join('\n');
    let targets = targetSets.get(targetKey);
    if (!targets) targetSets.set(targetKey, (targets = [...r.targets].map(intern).sort()));
    const d = r.definition;
    byId.set(r.id, {
      id: r.id,
      seq: r.seq,
      action,
      started,
      duration: r.duration_ms,
      status: r.status,
      user,
      trigger: r.trigger,
      targets,
      version: d.version,
      commit: d.commit === null ? null : intern(d.commit),
      definitionStatus: d.status === null ? null : intern(d.status),
      dirty: d.dirty,
      runbook: r.runbook
        ? { id: intern(r.runbook.id), step: intern(r.runbook.step), run: intern(r.runbook.run_id) }
        : null,
      point: -1,
    });
  }
  const rows = [...byId.values()].sort((a, b) =>
    a.started !== b.started ? a.started - b.started : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return { rows, lastRunBefore };
}

/** The label of the definition version a run was pinned to: `v3`, `v3 (dirty)`, `unknown`. */
export function versionLabel(row: Pick<RunRow, 'version' | 'commit' | 'dirty'>): string {
  if (row.commit === null || row.version === null) return row.dirty ? 'uncommitted' : 'unknown';
  return row.dirty ? `v${row.version} (dirty)` : `v${row.version}`;
}
