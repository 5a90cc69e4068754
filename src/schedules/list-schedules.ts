import type { Action, Runbook } from '../definitions/types.js';
import type { DefinitionVersion } from '../history/types.js';
import {
  describeScheduleProblem,
  listNextFirings,
  normalizeSchedule,
  type Schedule,
} from './parse-schedule.js';

/** One scheduled definition as the scheduler sees it (docs/schedules.md). */
export interface ScheduleEntry {
  kind: 'action' | 'runbook';
  id: string;
  owner: string;
  schedule: Schedule;
  catch_up: 'none' | 'latest';
  overlap: 'allow' | 'skip' | 'queue';
  /** The commit that carried this version of the schedule (a run records it). */
  commit: string;
  version: number;
  /** Why it cannot fire (an invalid cron or time zone that reached the branch), else null. */
  problem: string | null;
  next: string[];
}

/**
 * The scheduled actions and runbooks among the definitions live at one commit, with their next `count` fire times
 * after `now`, ordered by kind and id. Pure.
 */
export function listSchedules(
  definitions: readonly DefinitionVersion[],
  now: Date,
  count: number,
): ScheduleEntry[] {
  const entries: ScheduleEntry[] = [];
  for (const version of definitions) {
    if (version.kind === 'role') continue;
    const value = version.value as Action | Runbook;
    if (value.schedule === undefined) continue;
    const problem = describeScheduleProblem(value.schedule);
    const schedule = normalizeSchedule(value.schedule);
    entries.push({
      kind: version.kind,
      id: value.id,
      owner: value.owner,
      schedule,
      catch_up: value.catch_up ?? 'none',
      overlap: value.overlap ?? 'skip',
      commit: version.commit,
      version: version.version,
      problem,
      next: problem ? [] : listNextFirings(schedule, now, count).map((d) => d.toISOString()),
    });
  }
  return entries.sort((a, b) => (a.kind === b.kind ? (a.id < b.id ? -1 : 1) : a.kind < b.kind ? -1 : 1));
}
