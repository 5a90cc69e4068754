import type { Action, Runbook } from '../definitions/types.js';
import type { RunRow } from './collect-runs.js';
import type { ReportModel } from './report-model.js';

/**
 * Automation coverage across target systems: which actions touched each system in the period, and which systems
 * the definitions name (action targets, runbook step targets) that no run touched.
 */
export function buildCoverage(
  rows: readonly RunRow[],
  actions: readonly Action[],
  runbooks: readonly Runbook[],
): ReportModel['coverage'] {
  const touched = new Map<string, { actions: Set<string>; runs: number; last: number }>();
  for (const row of rows) {
    for (const target of row.targets) {
      let t = touched.get(target);
      if (!t) touched.set(target, (t = { actions: new Set(), runs: 0, last: -Infinity }));
      t.actions.add(row.action);
      t.runs += 1;
      t.last = Math.max(t.last, row.started);
    }
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
