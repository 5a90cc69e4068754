import type { ExecutionRecord, Journal, RecordedParameter } from '../executions/types.js';
import { RECENT_RUNS } from './build-action-report.js';
import { RUNBOOK_RUN_PAGES } from './build-runbook-runs.js';
import { isActionRun, isUnranFiring, type RunRow } from './collect-runs.js';

type Parameters = Readonly<Record<string, RecordedParameter>>;

/**
 * Whose pages the runs are read for: the actions' (each lists its own last RECENT_RUNS), the runbooks' (each lists
 * its last RECENT_RUNS steps), or both (a model built from every row at once).
 */
export type PagesShown = 'actions' | 'runbooks' | 'both';

/**
 * The parameters the report shows: those of the recent runs listed on each action and runbook page (the last
 * RECENT_RUNS of each), read from the journal before the (pure, synchronous) model is built. `pages`: only the
 * recent runs of those pages are read (a batch of action parts does not read the runbook pages' steps among its
 * runs: the runbooks' own batches do, from the same runs).
 */
export async function prefetchParameters(
  journal: Journal,
  rows: readonly RunRow[],
  pages: PagesShown = 'both',
): Promise<(id: string) => Parameters | null> {
  const recent = new Set<string>();
  const last = (key: (r: RunRow) => string | null): void => {
    const seen = new Map<string, number>();
    for (let i = rows.length - 1; i >= 0; i--) {
      const k = key(rows[i]!);
      if (k === null) continue;
      const n = seen.get(k) ?? 0;
      if (n >= RECENT_RUNS) continue;
      seen.set(k, n + 1);
      recent.add(rows[i]!.id);
    }
  };
  // Exactly the runs the pages list: an action's runs and a runbook's steps (no whole runbook run, no firing that
  // did not run), so a part built from one action's runs reads what a report of every run reads for it.
  if (pages !== 'runbooks') last((r) => (isActionRun(r) ? r.action : null));
  if (pages !== 'actions') last((r) => (isActionRun(r) ? (r.runbook?.id ?? null) : null));
  const found = new Map<string, Parameters>();
  for (const id of recent) {
    const record = await journal.get(id);
    if (record) found.set(id, record.parameters);
  }
  return (id) => found.get(id) ?? null;
}

/**
 * The records the runbook-run pages read (the run's steps, each step execution's status): the latest
 * RUNBOOK_RUN_PAGES runbook runs of each runbook and their step executions, read before the model is built.
 */
export async function prefetchRunbookRecords(
  journal: Journal,
  rows: readonly RunRow[],
): Promise<(id: string) => ExecutionRecord | null> {
  const perRunbook = new Map<string, number>();
  const found = new Map<string, ExecutionRecord>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row.kind !== 'runbook_run' || isUnranFiring(row)) continue;
    const n = perRunbook.get(row.action) ?? 0;
    if (n >= RUNBOOK_RUN_PAGES) continue;
    perRunbook.set(row.action, n + 1);
    const run = await journal.get(row.id);
    if (!run) continue;
    found.set(run.id, run);
    for (const step of run.steps ?? []) {
      for (const id of step.executions) {
        const r = await journal.get(id);
        if (r) found.set(id, r);
      }
    }
  }
  return (id) => found.get(id) ?? null;
}
