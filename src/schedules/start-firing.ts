import { hostname } from 'node:os';
import { startRun } from '../executions/start-run.js';
import type { ExecutionRecord } from '../executions/types.js';
import { startRunbookRun } from '../runbooks/start-runbook-run.js';
import type { ScheduleEntry } from './list-schedules.js';
import { scheduleOf } from './scheduled-records.js';
import type { SchedulerOptions } from './scheduler-types.js';

/**
 * Start the run of one claimed firing through the recorder with `trigger: schedule`, its planned time and the id
 * derived from the firing: an action pinned to the tip, or a runbook run (no access check: the schedule itself was
 * merged through review). Resolves once its start is durable.
 */
export async function startFiring(
  options: SchedulerOptions,
  entry: ScheduleEntry,
  planned: Date,
  tip: string,
  id: string,
  now: () => Date,
): Promise<{ record: ExecutionRecord; done: Promise<ExecutionRecord> }> {
  const extra = { planned_at: planned.toISOString(), schedule: scheduleOf(entry) };
  const initiator = {
    user: options.serviceUser ?? entry.owner,
    via: 'scheduler' as const,
    host: hostname(),
  };
  // What a scheduled run of an action and of a runbook share.
  const common = {
    repo: options.repo,
    dataDir: options.dataDir,
    branch: options.branch,
    journal: options.journal,
    history: options.history,
    definitionsDir: options.definitionsDir,
    params: {},
    targets: [],
    initiator,
    trigger: 'schedule' as const,
    env: options.env,
    now,
    makeId: () => id,
    claim: true,
    extra,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return entry.kind === 'action'
    ? await startRun({
        ...common,
        actionId: entry.id,
        allowDirty: false,
        allowUnreleased: false,
        atCommit: tip,
      })
    : await startRunbookRun({ ...common, runbookId: entry.id, access: 'none' });
}
