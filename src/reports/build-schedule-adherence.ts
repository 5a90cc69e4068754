import type { Action, Runbook, ScheduleField } from '../definitions/types.js';
import type { RunRow } from './collect-runs.js';
import type { ScheduleAdherence } from './report-model.js';
import { outcomeOf, percentile } from './summarize-runs.js';

/**
 * Schedule adherence (docs/reports.md): per scheduled definition, the firings of the period — planned against
 * started, how late the started ones began (p50, max), missed (from the `missed` records' counts) and skipped
 * firings, the success rate of the runs — plus the definitions scheduled at the end of the period without a firing.
 */
export function buildScheduleAdherence(
  rows: readonly RunRow[],
  live: { actions: readonly Action[]; runbooks: readonly Runbook[] },
): ScheduleAdherence[] {
  const schedules = new Map<string, string>();
  for (const a of live.actions) if (a.schedule) schedules.set(`action:${a.id}`, describe(a.schedule));
  for (const r of live.runbooks) if (r.schedule) schedules.set(`runbook:${r.id}`, describe(r.schedule));

  const groups = new Map<string, { kind: 'action' | 'runbook'; id: string; rows: RunRow[] }>();
  for (const key of schedules.keys()) {
    const [kind, id] = key.split(':') as ['action' | 'runbook', string];
    groups.set(key, { kind, id, rows: [] });
  }
  for (const row of rows) {
    if (row.trigger !== 'schedule' || row.planned === null) continue;
    const kind = row.kind === 'runbook_run' ? 'runbook' : 'action';
    const key = `${kind}:${row.action}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind, id: row.action, rows: [] }));
    g.rows.push(row);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => adherenceOf(g.kind, g.id, schedules.get(key) ?? null, g.rows));
}

function adherenceOf(
  kind: 'action' | 'runbook',
  id: string,
  schedule: string | null,
  rows: readonly RunRow[],
): ScheduleAdherence {
  let missed = 0;
  let outages = 0;
  let skipped = 0;
  let succeeded = 0;
  let failed = 0;
  let lastPlanned = -Infinity;
  const late: number[] = [];
  for (const row of rows) {
    lastPlanned = Math.max(lastPlanned, row.planned ?? -Infinity);
    if (row.status === 'missed') {
      missed += row.missed ?? 1;
      outages += 1;
    } else if (row.status === 'skipped') skipped += 1;
    else {
      late.push(Math.max(0, row.started - (row.planned ?? row.started)));
      const outcome = outcomeOf(row.status);
      if (outcome === 'succeeded') succeeded += 1;
      else if (outcome === 'failed') failed += 1;
    }
  }
  const sorted = Float64Array.from(late).sort();
  return {
    kind,
    id,
    schedule,
    planned: late.length + missed + skipped,
    started: late.length,
    late_p50_ms: percentile(sorted, 0.5),
    late_max_ms: sorted.length === 0 ? null : sorted[sorted.length - 1]!,
    missed,
    outages,
    skipped,
    succeeded,
    failed,
    success_rate: succeeded + failed === 0 ? null : succeeded / (succeeded + failed),
    last_planned_at: Number.isFinite(lastPlanned) ? new Date(lastPlanned).toISOString() : null,
  };
}

function describe(schedule: ScheduleField): string {
  return typeof schedule === 'string'
    ? `${schedule} (UTC)`
    : `${schedule.cron} (${schedule.timezone ?? 'UTC'})`;
}
