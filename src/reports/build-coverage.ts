import type { Action, Runbook } from '../definitions/types.js';
import type { RunRow } from './collect-runs.js';
import type { PartOverview } from './part-shapes.js';
import type { ReportModel } from './report-model.js';

/** One action's runs counted per target system (its kept part's share of the overview, PartOverview). */
export function tallyTargets(rows: readonly RunRow[]): PartOverview['targets'] {
  const touched = new Map<string, [string, number, number]>();
  for (const row of rows) {
    for (const target of row.targets) {
      let t = touched.get(target);
      if (!t) touched.set(target, (t = [target, 0, row.started]));
      t[1] += 1;
      t[2] = Math.max(t[2], row.started);
    }
  }
  return [...touched.values()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Automation coverage across target systems: which actions touched each system in the period, and which systems
 * the definitions name (action targets, runbook step targets) that no run touched. The runs come as rows, or as each
 * action's tally (tallyTargets, from the kept parts of the model): both give the same result.
 */
export function buildCoverage(
  rows: readonly RunRow[] | { action: string; targets: PartOverview['targets'] }[],
  actions: readonly Action[],
  runbooks: readonly Runbook[],
): ReportModel['coverage'] {
  const touched = new Map<string, { actions: Set<string>; runs: number; last: number }>();
  const touch = (target: string, action: string, runs: number, last: number) => {
    let t = touched.get(target);
    if (!t) touched.set(target, (t = { actions: new Set(), runs: 0, last: -Infinity }));
    t.actions.add(action);
    t.runs += runs;
    t.last = Math.max(t.last, last);
  };
  for (const row of rows) {
    if ('seq' in row) for (const target of row.targets) touch(target, row.action, 1, row.started);
    else for (const [target, runs, last] of row.targets) touch(target, row.action, runs, last);
  }
  const named = new Map<string, Set<string>>();
  const name = (target: string, by: string) => {
    let s = named.get(target);
    if (!s) named.set(target, (s = new Set()));
    s.add(by);
  };
  for (const a of actions) for (const t of a.targets ?? []) name(t, a.id);
  for (const rb of runbooks)
    for (const s of rb.steps) for (const t of s.targets ?? []) name(t, `${rb.id}/${s.id}`);
  const byName = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    targets: [...touched.entries()].sort(byName).map(([target, t]) => ({
      target,
      actions: [...t.actions].sort(),
      runs: t.runs,
      last_run_at: new Date(t.last).toISOString(),
    })),
    untouched: [...named.entries()]
      .filter(([target]) => !touched.has(target))
      .sort(byName)
      .map(([target, by]) => ({ target, named_by: [...by].sort() })),
  };
}
