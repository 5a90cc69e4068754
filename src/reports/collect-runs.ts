import { recordedVia } from '../executions/recorded-via.js';
import type { ExecutionRecord, ExecutionStatus, Trigger } from '../executions/types.js';
import { parseInstant } from '../executions/parse-instant.js';

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
  /** `runbook_run`: the record of a whole runbook run (`action` is then the runbook id); null for an action's run. */
  kind: 'runbook_run' | null;
  /**
   * A scheduled firing: the planned time (ms), also on the step executions of a scheduled runbook run (the scheduler
   * started them; they are not judged against anyone's roles, docs/schedules.md); null otherwise.
   */
  planned: number | null;
  /** A `missed` record: how many firings it stands for. */
  missed: number | null;
  /** A repetition of a runbook step (`repeat`), from 1. */
  attempt: number | null;
  /** Position of the first-parent commit in force when it started (filled in by the model builder; -1: none). */
  point: number;
}

export interface CollectedRuns {
  /** Runs started inside the period, sorted by start time then id. */
  rows: RunRow[];
  /**
   * Per action, the start of its latest run (not denied, not a missed or skipped firing) up to the end of the period,
   * also before its start.
   */
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
  return selectRuns(foldRuns(executions), resolveUser, period, true);
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

/** `foldRuns` over a journal read a batch at a time (`scanInBatches`: a file or a database). */
export async function foldRunsFrom(batches: AsyncIterable<readonly ExecutionRecord[]>): Promise<FoldedRun[]> {
  const fold = runFolder();
  for await (const batch of batches) for (const r of batch) fold.add(r);
  return fold.finish();
}

function runFolder(): { add(r: ExecutionRecord): void; finish(): FoldedRun[] } {
  const intern = createInterner();
  const targetSets = new Map<string, readonly string[]>();
  const byId = new Map<string, FoldedRun>();
  const add = (r: ExecutionRecord): void => {
    const started = parseInstant(r.started_at);
    if (Number.isNaN(started)) return;
    const existing = byId.get(r.id);
    if (existing && existing.seq >= r.seq) return;
    const targetKey = r.targets.join('\n');
    let targets = targetSets.get(targetKey);
    if (!targets) targetSets.set(targetKey, (targets = [...r.targets].map(intern).sort()));
    const d = r.definition;
    // With the row's `point` already (selectRuns sets it): no property added to every run later.
    const run: RunRow = {
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
        : r.runbook_run_id && r.step_id
          ? { id: '', step: intern(r.step_id), run: intern(r.runbook_run_id) }
          : null,
      local: recordedVia(r) === 'local',
      kind: r.kind === 'runbook_run' ? 'runbook_run' : null,
      planned: r.planned_at === undefined ? null : parseInstant(r.planned_at),
      missed: r.missed?.count ?? null,
      attempt: r.attempt ?? null,
      point: -1,
    };
    byId.set(r.id, run);
  };
  const finish = (): FoldedRun[] => {
    const runs = [...byId.values()].sort(compareRuns);
    linkRunbookSteps(runs);
    return runs;
  };
  return { add, finish };
}

/** A scheduled firing that did not run: `missed` while no scheduler ran, `skipped` by `overlap: skip`. */
export function isUnranFiring(run: Pick<FoldedRun, 'status'>): boolean {
  return run.status === 'missed' || run.status === 'skipped';
}

/** A run of an action (its own or a runbook step's): not a whole runbook run, not a firing that did not run. */
export function isActionRun(run: Pick<FoldedRun, 'status' | 'kind'>): boolean {
  return run.kind === null && !isUnranFiring(run);
}

/**
 * The runs of a period from folded runs (sorted as foldRuns leaves them): those started in [since, until] as rows
 * with their users resolved, and per action the start of its latest run (not denied) up to `until`.
 */
export function selectRuns(
  runs: readonly FoldedRun[],
  resolveUser: (stored: string) => string,
  period: { since: number; until: number },
  /** Turn the folded runs themselves into the rows (the caller no longer needs them) instead of copying them. */
  inPlace = false,
): CollectedRuns {
  const users = new Map<string, string>();
  const lastRunBefore = new Map<string, number>();
  const rows: RunRow[] = [];
  for (const run of runs) {
    if (run.started > period.until) break;
    if (
      run.status !== 'denied' &&
      isActionRun(run) &&
      (lastRunBefore.get(run.action) ?? -Infinity) < run.started
    )
      lastRunBefore.set(run.action, run.started);
    if (run.started < period.since) continue;
    let user = users.get(run.user);
    if (user === undefined) users.set(run.user, (user = resolveUser(run.user)));
    if (inPlace) {
      const row = run as RunRow;
      row.user = user;
      row.point = -1;
      rows.push(row);
    } else rows.push({ ...run, user, point: -1 });
  }
  return { rows, lastRunBefore };
}

/**
 * The specification of a merge (RunView.withNewer does it on the run cache's columns and is tested against this):
 * folded runs updated with runs folded from later records (higher seqs: they replace the same ids). Both sorted as
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
  // A new step execution whose runbook run was folded into the older runs.
  linkRunbookSteps(merged);
  return merged;
}

/**
 * A step's execution names its runbook run; its runbook is that run's `action_id` (the runbook_run record), `?` while
 * that record is not among `runs`. A step of a scheduled runbook run takes the run's planned time.
 */
function linkRunbookSteps(runs: readonly FoldedRun[]): void {
  // Only the steps not linked yet, and only their runbook runs, are looked up: after one new run that is one or none,
  // where a map of every run cost a quarter of a second at 500,000 runs. The last run of an id wins, as in a map.
  const unlinked = runs.filter(
    (r): r is FoldedRun & { runbook: NonNullable<FoldedRun['runbook']> } =>
      r.runbook !== null && (r.runbook.id === '' || r.runbook.id === '?'),
  );
  if (unlinked.length === 0) return;
  const byId = new Map<string, FoldedRun | undefined>(unlinked.map((r) => [r.runbook.run, undefined]));
  for (const r of runs) if (byId.has(r.id)) byId.set(r.id, r);
  for (const run of unlinked) {
    const parent = byId.get(run.runbook.run);
    run.runbook = { ...run.runbook, id: parent?.kind === 'runbook_run' ? parent.action : '?' };
    if (parent?.trigger === 'schedule' && parent.planned !== null) run.planned = parent.planned;
  }
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
