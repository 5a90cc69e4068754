import type { ExecutionRecord, RunbookStepState } from '../executions/types.js';
import type { RunRow } from './collect-runs.js';
import { versionLabel } from './collect-runs.js';
import type { People } from './create-people.js';
import { describeParameters } from './describe-parameters.js';
import type { RunbookRunEntry, RunbookStepEntry } from './report-model.js';

/** How many of a runbook's latest runs in the period get a page (the runbook page counts them all). */
export const RUNBOOK_RUN_PAGES = 200;

export interface RunbookRunsInput {
  /** One runbook's `runbook_run` rows in the period, by start time. */
  rows: readonly RunRow[];
  /** The latest record of an execution (the run's steps, its step executions). */
  recordOf: (id: string) => ExecutionRecord | null;
  resolveUser: (stored: string) => string;
  secretNames: ReadonlySet<string>;
  people: People;
}

/**
 * The latest RUNBOOK_RUN_PAGES runbook runs of one runbook, newest first, each with its steps as a timeline: status,
 * start, duration, who confirmed or rejected, why a step was skipped, and one entry per repetition. Only the runs
 * shown are looked up in the journal.
 */
export function buildRunbookRuns(input: RunbookRunsInput): RunbookRunEntry[] {
  return input.rows
    .slice(-RUNBOOK_RUN_PAGES)
    .reverse()
    .map((row) => runbookRunEntry(row, input.recordOf(row.id), input));
}

function runbookRunEntry(
  row: RunRow,
  record: ExecutionRecord | null,
  input: RunbookRunsInput,
): RunbookRunEntry {
  const { people } = input;
  const user = (stored: string): string => people.person(input.resolveUser(stored));
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: row.id,
    runbook: row.action,
    status: row.status,
    started_at: new Date(row.started).toISOString(),
    finished_at: record?.finished_at ?? null,
    duration_ms: row.duration,
    user: people.person(row.user),
    trigger: row.trigger,
    planned_at: iso(row.planned),
    pinned_commit: record?.pinned_commit ?? row.commit,
    version: versionLabel(row),
    targets: [...row.targets],
    parameters: describeParameters(record?.parameters ?? null, input.secretNames, people),
    error: record?.error ? people.scrub(record.error) : null,
    cancel_requested: record?.cancel_requested
      ? { user: user(record.cancel_requested.user), at: record.cancel_requested.at }
      : null,
    steps: (record?.steps ?? []).map((s) => stepEntry(s, input, user)),
  };
}

function stepEntry(
  step: RunbookStepState,
  input: RunbookRunsInput,
  user: (stored: string) => string,
): RunbookStepEntry {
  const started = step.started_at ? Date.parse(step.started_at) : null;
  const finished = step.finished_at ? Date.parse(step.finished_at) : null;
  return {
    id: step.id,
    action: step.action,
    status: step.status,
    started_at: step.started_at ?? null,
    finished_at: step.finished_at ?? null,
    duration_ms: started !== null && finished !== null ? Math.max(0, finished - started) : null,
    exit_code: step.exit_code,
    reason: step.reason ? input.people.scrub(step.reason) : null,
    decided_by: step.decided_by
      ? {
          user: user(step.decided_by.user),
          at: step.decided_by.at,
          // A confirmed step goes on to run; a rejected one keeps its status.
          decision: step.status === 'rejected' ? 'rejected' : 'confirmed',
        }
      : null,
    executions: step.executions.map((id, i) => {
      const r = input.recordOf(id);
      return {
        id,
        attempt: r?.attempt ?? i + 1,
        status: r?.status ?? 'unknown',
        started_at: r?.started_at ?? null,
        duration_ms: r?.duration_ms ?? null,
        exit_code: r?.exit_code ?? null,
      };
    }),
  };
}
