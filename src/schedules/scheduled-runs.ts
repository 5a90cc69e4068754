import type { Journal } from '../executions/types.js';
import type { ScheduleEntry } from './list-schedules.js';

/** The latest planned time this schedule was recorded at (a run, a skip or a missed record), from the journal. */
export async function lastPlanned(journal: Journal, entry: ScheduleEntry): Promise<Date | null> {
  let latest = 0;
  for (const r of await journal.query({ action: entry.id, trigger: 'schedule', limit: 50 })) {
    if (r.schedule?.kind !== entry.kind) continue;
    for (const t of [r.planned_at, r.missed?.last]) if (t) latest = Math.max(latest, Date.parse(t));
  }
  return latest > 0 ? new Date(latest) : null;
}

/** Whether a scheduled run of this definition is still running or waiting (what `overlap` decides on). */
export async function isBusy(journal: Journal, entry: ScheduleEntry): Promise<boolean> {
  await journal.refresh();
  return (await journal.query({ action: entry.id, trigger: 'schedule', limit: 20 })).some(
    (r) => r.schedule?.kind === entry.kind && (r.status === 'running' || r.status === 'waiting'),
  );
}
