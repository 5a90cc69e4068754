import type { AuditEvent } from '../history/types.js';
import type { ExecutionRecord } from '../executions/types.js';
import { RECENT_RUNS, runEntry, type ParametersOf } from './build-action-report.js';
import { buildRunbookRuns } from './build-runbook-runs.js';
import { describeParameters } from './describe-parameters.js';
import type { RunRow } from './collect-runs.js';
import type { People } from './create-people.js';
import { describeChange } from './describe-change.js';
import type { ComplianceFinding, DefinitionSummary, RunbookReport } from './report-model.js';
import { RateAccumulator } from './summarize-runs.js';

export interface RunbookReportInput {
  id: string;
  definition: DefinitionSummary | null;
  /** The runbook's own and its steps' events in the period, oldest first. */
  events: readonly AuditEvent[];
  /** Executions started by this runbook's steps in the period, by start time. */
  rows: readonly RunRow[];
  /** Its `runbook_run` records in the period (missed and skipped firings left out), by start time. */
  runbookRuns: readonly RunRow[];
  recordOf: (id: string) => ExecutionRecord | null;
  resolveUser: (stored: string) => string;
  secretNames: ReadonlySet<string>;
  people: People;
  findings: { total: number; items: ComplianceFinding[] };
  parametersOf: ParametersOf;
}

/** One runbook's section: definition and steps, change history (steps included), step executions and rates. */
export function buildRunbookReport(input: RunbookReportInput): RunbookReport {
  const total = new RateAccumulator();
  const steps = new Map<string, { action: string; acc: RateAccumulator }>();
  const runs = new Set<string>();
  for (const row of input.rows) {
    total.add(row.status, row.duration);
    const step = row.runbook?.step ?? '?';
    runs.add(row.runbook?.run ?? row.id);
    let s = steps.get(step);
    if (!s) steps.set(step, (s = { action: row.action, acc: new RateAccumulator() }));
    s.acc.add(row.status, row.duration);
  }
  const order = input.definition?.steps.map((s) => s.id) ?? [];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  for (const run of input.runbookRuns) runs.add(run.id);
  const last = Math.max(
    input.rows.at(-1)?.started ?? -Infinity,
    input.runbookRuns.at(-1)?.started ?? -Infinity,
  );
  return {
    id: input.id,
    definition: input.definition,
    changes: input.events.map((e) => describeChange(e, input.secretNames, input.people)),
    change_count: input.events.length,
    runs: {
      ...total.summary(),
      last_run_at: Number.isFinite(last) ? new Date(last).toISOString() : null,
      runbook_runs: runs.size,
    },
    recent: input.rows
      .slice(-RECENT_RUNS)
      .reverse()
      .map((r) =>
        runEntry(
          r,
          input.people,
          describeParameters(input.parametersOf(r.id), input.secretNames, input.people),
        ),
      ),
    steps: [...steps.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([step, s]) => ({ step, action: s.action, summary: s.acc.summary() })),
    runbook_runs: buildRunbookRuns({
      rows: input.runbookRuns,
      recordOf: input.recordOf,
      resolveUser: input.resolveUser,
      secretNames: input.secretNames,
      people: input.people,
    }),
    findings: input.findings,
  };
}
