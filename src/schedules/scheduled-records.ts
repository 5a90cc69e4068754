import type { ExecutionInput } from '../executions/types.js';
import type { ScheduleEntry } from './list-schedules.js';

/** The schedule a firing's records carry: kind, cron, timezone and the commit the schedule was read at. */
export function scheduleOf(entry: ScheduleEntry): NonNullable<ExecutionInput['schedule']> {
  return {
    kind: entry.kind,
    cron: entry.schedule.cron,
    timezone: entry.schedule.timezone,
    commit: entry.commit,
  };
}

/** A firing recorded without a run (skipped, failed to start, missed): started and finished at `at`. */
export function scheduledRecord(
  entry: ScheduleEntry,
  id: string,
  planned: Date,
  at: Date,
  user: string,
  end: Pick<ExecutionInput, 'status' | 'error'>,
): ExecutionInput {
  return {
    id,
    ...(entry.kind === 'runbook' ? { kind: 'runbook_run' as const } : {}),
    action_id: entry.id,
    definition: {
      commit: entry.commit,
      blob: null,
      path: null,
      version: entry.version,
      status: null,
      dirty: false,
    },
    trigger: 'schedule',
    initiator: { user, via: 'scheduler' },
    targets: [],
    parameters: {},
    started_at: at.toISOString(),
    finished_at: at.toISOString(),
    duration_ms: 0,
    exit_code: null,
    planned_at: planned.toISOString(),
    schedule: scheduleOf(entry),
    ...end,
  };
}

/** The one `missed` record of the firings from `first` to `last` that did not run (docs/schedules.md). */
export function missedRecord(
  entry: ScheduleEntry,
  id: string,
  count: number,
  first: Date,
  last: Date,
  at: Date,
  user: string,
): ExecutionInput {
  return {
    ...scheduledRecord(entry, id, last, at, user, {
      status: 'missed',
      error: `missed: ${count} firing${count === 1 ? '' : 's'} from ${first.toISOString()} to ${last.toISOString()} did not run (the scheduler was not running)${entry.catch_up === 'latest' ? '; catch_up: latest runs the last one now' : ''}`,
    }),
    missed: { count, first: first.toISOString(), last: last.toISOString() },
  };
}
