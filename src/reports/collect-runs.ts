import { recordedVia } from '../executions/recorded-via.js';
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
  /** The CLI wrote it into the journal itself (`recorded_via: local`), not the service (docs/executions.md). */
  local: boolean;
  /** Position of the first-parent commit in force when it started (filled in by the model builder; -1: none). */
  point: number;
}

export interface CollectedRuns {
  /** Runs started inside the period, sorted by start time then id. */
  rows: RunRow[];
  /** Per action, the start of its latest run (not denied) up to the end of the period, also before its start. */
  lastRunBefore: Map<string, number>;
}

/** One execution's latest state as folded from the journal: a RunRow before the period and the vault apply. */
export type FoldedRun = Omit<RunRow, 'point'>;

/**
 * Stream executions into compact rows: keep the latest state per id (highest seq), resolve users through the vault,
 * keep only runs that started in [since, until]. One pass; memory grows with the number of runs, not their size.
 */
export function collectRuns(
  executions: Iterable<ExecutionRecord>,
  resolveUser: (stored: string) => string,
  period: { since: number; until: number },
): CollectedRuns {
  return selectRuns(foldRuns(executions), resolveUser, period);
}

/**
 * The latest state of every execution (highest seq), sorted by start time then id, users as stored (pseudonyms
 * stay unresolved, so a folded set can be kept on disk without the vault: docs/reports.md, *The run cache*).
 */
export function foldRuns(executions: Iterable<ExecutionRecord>): FoldedRun[] {
  const fold = runFolder();
  for (const r of executions) fold.add(r);
  return fold.finish();
}

/** `foldRuns` over a journal read a batch at a time (`Journal.scan()`, a file or a database). */
export async function foldRunsFrom(executions: AsyncIterable<ExecutionRecord>): Promise<FoldedRun[]> {
  const fold = runFolder();
  for await (const r of executions) fold.add(r);
  return fold.finish();
}

function runFolder(): { add(r: ExecutionRecord): void; finish(): FoldedRun[] } {
  const intern = createInterner();
  const targetSets = new Map<string, readonly string[]>();
  const byId = new Map<string, FoldedRun>();
  const add = (r: ExecutionRecord): void => {
    const started = Date.parse(r.started_at);
    if (Number.isNaN(started)) return;
    const existing = byId.get(r.id);
    if (existing && existing.seq >= r.seq) return;
    const targetKey = r.targets.join('\n');
    let targets = targetSets.get(targetKey);
    if (!targets) targetSets.set(targetKey, (targets = [...r.targets].map(intern).sort()));
    const d = r.definition;
    byId.set(r.id, {
      id: r.id,
      seq: r.seq,
      action: intern(r.action_id),
      started,
      duration: r.duration_ms,
      status: r.status,
      user: intern(r.initiator.user),
      trigger: r.trigger,
      targets,
      version: d.version,
      commit: d.commit === null ? null : intern(d.commit),
      definitionStatus: d.status === null ? null : intern(d.status),
      dirty: d.dirty,
      runbook: r.runbook
        ? { id: intern(r.runbook.id), step: intern(r.runbook.step), run: intern(r.runbook.run_id) }
        : null,
      local: recordedVia(r) === 'local',
    });
  };
  return { add, finish: () => [...byId.values()].sort(compareRuns) };
}

/**
 * The runs of a period from folded runs (sorted as foldRuns leaves them): those started in [since, until] as rows
 * with their users resolved, and per action the start of its latest run (not denied) up to `until`.
 */
export function selectRuns(
  runs: readonly FoldedRun[],
  resolveUser: (stored: string) => string,
  period: { since: number; until: number },
): CollectedRuns {
  const users = new Map<string, string>();
  const lastRunBefore = new Map<string, number>();
  const rows: RunRow[] = [];
  for (const run of runs) {
    if (run.started > period.until) break;
    if (run.status !== 'denied' && (lastRunBefore.get(run.action) ?? -Infinity) < run.started)
      lastRunBefore.set(run.action, run.started);
    if (run.started < period.since) continue;
    let user = users.get(run.user);
    if (user === undefined) users.set(run.user, (user = resolveUser(run.user)));
    rows.push({ ...run, user, point: -1 });
  }
  return { rows, lastRunBefore };
}

/**
 * Folded runs updated with runs folded from later records (higher seqs: they replace the same ids). Both sorted as
 * foldRuns leaves them; the result is what folding every record at once gives.
 */
export function mergeFoldedRuns(older: readonly FoldedRun[], newer: readonly FoldedRun[]): FoldedRun[] {
  if (newer.length === 0) return [...older];
  const replaced = new Set(newer.map((r) => r.id));
  const merged: FoldedRun[] = [];
  let j = 0;
  for (const run of older) {
    if (replaced.has(run.id)) continue;
    while (j < newer.length && compareRuns(newer[j]!, run) < 0) merged.push(newer[j++]!);
    merged.push(run);
  }
  while (j < newer.length) merged.push(newer[j++]!);
  return merged;
}

function compareRuns(a: FoldedRun, b: FoldedRun): number {
  return a.started !== b.started ? a.started - b.started : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Strings shared by many rows (actions, users, commits) kept once. */
function createInterner(): (s: string) => string {
  const strings = new Map<string, string>();
  return (s) => {
    const hit = strings.get(s);
    if (hit !== undefined) return hit;
    strings.set(s, s);
    return s;
  };
}

/** The label of the definition version a run was pinned to: `v3`, `v3 (dirty)`, `unknown`. */
export function versionLabel(row: Pick<RunRow, 'version' | 'commit' | 'dirty'>): string {
  if (row.commit === null || row.version === null) return row.dirty ? 'uncommitted' : 'unknown';
  return row.dirty ? `v${row.version} (dirty)` : `v${row.version}`;
}
