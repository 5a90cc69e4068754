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
  const tallies = new ScheduleTallies();
  for (const row of rows)
    tallies.add(row.kind, row.action, row.trigger, row.status, row.started, row.planned, row.missed);
  return tallies.adherence(live);
}

/**
 * The firings of the period per scheduled definition, counted one run at a time (from rows, or from the run cache's
 * columns without making an object per run: build-model-from-view.ts); `adherence` gives buildScheduleAdherence's list.
 */
export class ScheduleTallies {
  private readonly groups = new Map<string, Tally>();

  /** Tallies as `entries` listed them (a kept summary: run-owners.ts). */
  static of(entries: readonly (readonly [string, Tally])[]): ScheduleTallies {
    const tallies = new ScheduleTallies();
    for (const [key, tally] of entries) tallies.groups.set(key, tally);
    return tallies;
  }

  /** The tallies by key (`action:<id>`, `runbook:<id>`), in the order they were started. */
  entries(): [string, Tally][] {
    return [...this.groups];
  }

  add(
    kind: 'runbook_run' | null,
    action: string,
    trigger: string,
    status: string,
    started: number,
    planned: number | null,
    missed: number | null,
  ): void {
    if (trigger !== 'schedule' || planned === null) return;
    this.addTo(this.tally(kind, action), status, started, planned, missed);
  }

  /** The tally of one scheduled definition (for a caller that adds many runs of it). */
  tally(kind: 'runbook_run' | null, action: string): Tally {
    const key = `${kind === 'runbook_run' ? 'runbook' : 'action'}:${action}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = newTally()));
    return g;
  }

  /** One scheduled firing (trigger `schedule`, a planned time) of the definition `g` tallies. */
  addTo(g: Tally, status: string, started: number, planned: number, missed: number | null): void {
    g.lastPlanned = Math.max(g.lastPlanned, planned);
    if (status === 'missed') {
      g.missed += missed ?? 1;
      g.outages += 1;
    } else if (status === 'skipped') g.skipped += 1;
    else {
      g.late.push(Math.max(0, started - planned));
      const outcome = outcomeOf(status as RunRow['status']);
      if (outcome === 'succeeded') g.succeeded += 1;
      else if (outcome === 'failed') g.failed += 1;
    }
  }

  adherence(live: { actions: readonly Action[]; runbooks: readonly Runbook[] }): ScheduleAdherence[] {
    const schedules = new Map<string, string>();
    for (const a of live.actions) if (a.schedule) schedules.set(`action:${a.id}`, describe(a.schedule));
    for (const r of live.runbooks) if (r.schedule) schedules.set(`runbook:${r.id}`, describe(r.schedule));
    const keys = new Set([...schedules.keys(), ...this.groups.keys()]);
    return [...keys]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => {
        const i = key.indexOf(':');
        const kind = key.slice(0, i) as 'action' | 'runbook';
        return adherenceOf(
          kind,
          key.slice(i + 1),
          schedules.get(key) ?? null,
          this.groups.get(key) ?? newTally(),
        );
      });
  }
}

export interface Tally {
  missed: number;
  outages: number;
  skipped: number;
  succeeded: number;
  failed: number;
  lastPlanned: number;
  late: number[];
}

function newTally(): Tally {
  return { missed: 0, outages: 0, skipped: 0, succeeded: 0, failed: 0, lastPlanned: -Infinity, late: [] };
}

function adherenceOf(
  kind: 'action' | 'runbook',
  id: string,
  schedule: string | null,
  t: Tally,
): ScheduleAdherence {
  const { missed, outages, skipped, succeeded, failed, lastPlanned, late } = t;
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
