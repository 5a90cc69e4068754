import { createHash } from 'node:crypto';
import type { ScheduleEntry } from './list-schedules.js';
import { compileSchedule, type Schedule } from './parse-schedule.js';

/** Fire times counted one by one before the rest of a long outage is estimated from their mean interval. */
export const EXACT_COUNT_LIMIT = 200_000;

/**
 * How many fire times of a schedule lie in (after, until], and the first and last of them. Pure. Counted one step
 * at a time in O(1) memory (a per-second schedule after a day away: 86,400 steps, about a second); past
 * `EXACT_COUNT_LIMIT` the rest is estimated from the mean interval so far, and `estimated` says so.
 */
export function countFirings(
  schedule: Schedule,
  after: Date,
  until: Date,
): { count: number; first: Date | null; last: Date | null; estimated: boolean } {
  const cron = compileSchedule(schedule);
  let count = 0;
  let first: Date | null = null;
  let last: Date | null = null;
  for (let at = cron.nextRun(after); at !== null && at.getTime() <= until.getTime(); at = cron.nextRun(at)) {
    count++;
    first ??= at;
    last = at;
    if (count === EXACT_COUNT_LIMIT) {
      const final = cron.previousRuns(1, new Date(until.getTime() + 1))[0] ?? at;
      const mean = (at.getTime() - first.getTime()) / Math.max(1, count - 1);
      const rest = mean > 0 ? Math.round((final.getTime() - at.getTime()) / mean) : 0;
      return { count: count + rest, first, last: final, estimated: rest > 0 };
    }
  }
  return { count, first, last, estimated: false };
}

export interface PlannedFirings {
  /** Runs to start now, with the time each was planned for. */
  fire: { entry: ScheduleEntry; planned: Date; late: boolean }[];
  /** Firings that will not run: one per schedule and outage. */
  missed: { entry: ScheduleEntry; count: number; first: Date; last: Date }[];
}

/**
 * What the scheduler does at `now` (docs/schedules.md): for each valid schedule, the fire times in (cursor, now].
 * At start-up they all lie in the outage: one `missed` entry per schedule with their count, first and last planned
 * times, and with `catch_up: latest` the last of them also runs (late). While running, the latest due firing runs
 * and any earlier ones (the process stalled) are missed. Pure; the caller moves the cursors to `now`.
 */
export function planFirings(
  entries: readonly ScheduleEntry[],
  cursors: ReadonlyMap<string, Date>,
  now: Date,
  startup: boolean,
): PlannedFirings {
  const plan: PlannedFirings = { fire: [], missed: [] };
  for (const entry of entries) {
    const cursor = cursors.get(scheduleKey(entry));
    if (entry.problem || !cursor || cursor.getTime() >= now.getTime()) continue;
    const { count, first, last } = countFirings(entry.schedule, cursor, now);
    if (count === 0 || !first || !last) continue;
    if (startup) {
      plan.missed.push({ entry, count, first, last });
      if (entry.catch_up === 'latest') plan.fire.push({ entry, planned: last, late: true });
      continue;
    }
    plan.fire.push({ entry, planned: last, late: false });
    if (count > 1) {
      const before = countFirings(entry.schedule, cursor, new Date(last.getTime() - 1));
      plan.missed.push({ entry, count: count - 1, first, last: before.last ?? first });
    }
  }
  return plan;
}

/** The key of a scheduled definition (an action and a runbook may share an id). */
export function scheduleKey(entry: Pick<ScheduleEntry, 'kind' | 'id'>): string {
  return `${entry.kind}:${entry.id}`;
}

/**
 * The execution id of one firing: the same for every service instance that plans it, so the journal's conditional
 * append lets exactly one of them record it (docs/schedules.md, "Several instances").
 */
export function firingId(entry: Pick<ScheduleEntry, 'kind' | 'id'>, planned: Date, what = 'run'): string {
  const digest = createHash('sha256')
    .update(`${scheduleKey(entry)}\n${what}\n${planned.toISOString()}`)
    .digest('hex');
  return `sch-${digest.slice(0, 40)}`;
}
