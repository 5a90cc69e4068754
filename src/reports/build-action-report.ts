import type { RecordedParameter } from '../executions/types.js';
import type { AuditEvent } from '../history/types.js';
import type { RunRow } from './collect-runs.js';
import { versionLabel } from './collect-runs.js';
import type { People } from './create-people.js';
import { describeChange } from './describe-change.js';
import { describeParameters } from './describe-parameters.js';
import type {
  ActionReport,
  ComplianceFinding,
  DefinitionSummary,
  OutcomeEntry,
  OutcomeSide,
  RunEntry,
  RunParameter,
  VersionStats,
} from './report-model.js';
import { RateAccumulator, WeeklyAccumulator, outcomeOf } from './summarize-runs.js';

export type ParametersOf = (id: string) => Readonly<Record<string, RecordedParameter>> | null;

/**
 * The fewest finished runs on each side of a change for the report to compare its failure rates: below it, a
 * difference is noise (one failure in three runs is 33 points) and the row says "too few runs to compare".
 */
export const MIN_OUTCOME_RUNS = 5;

/** How many of an action's latest runs its page lists (totals and charts cover all of them). */
export const RECENT_RUNS = 50;

export const DURATION_BUCKETS: readonly [number, string][] = [
  [1_000, '< 1 s'],
  [5_000, '1–5 s'],
  [15_000, '5–15 s'],
  [60_000, '15–60 s'],
  [300_000, '1–5 min'],
  [900_000, '5–15 min'],
  [3_600_000, '15–60 min'],
  [Infinity, '≥ 1 h'],
];

export interface ActionReportInput {
  id: string;
  definition: DefinitionSummary | null;
  /** The targets the current definition names. */
  definedTargets: readonly string[];
  /** This action's events in the period, oldest first. */
  events: readonly AuditEvent[];
  /** This action's runs in the period, by start time. */
  rows: readonly RunRow[];
  weeks: readonly string[];
  secretNames: ReadonlySet<string>;
  people: People;
  /** Runs on each side of a change in the change → outcome timeline. */
  outcomeWindow: number;
  purged: number;
  findings: { total: number; items: ComplianceFinding[] };
  /** The recorded parameters of a run (only the listed ones are looked up). */
  parametersOf: ParametersOf;
}

/** One action's section: definition, change history, runs, per-version rates, change → outcome timeline. */
export function buildActionReport(input: ActionReportInput): ActionReport {
  const { rows, people } = input;
  const total = new RateAccumulator();
  const weekly = new WeeklyAccumulator();
  const versions = new Map<string, { commit: string | null; version: number | null; acc: RateAccumulator }>();
  const histogram = new Array<number>(DURATION_BUCKETS.length).fill(0);
  const targets = new Map<string, { runs: number; last: number }>();
  for (const row of rows) {
    total.add(row.status, row.duration);
    weekly.add(row.started, row.status);
    const label = versionLabel(row);
    let v = versions.get(label);
    if (!v)
      versions.set(label, (v = { commit: row.commit, version: row.version, acc: new RateAccumulator() }));
    v.acc.add(row.status, row.duration);
    if (row.duration !== null) histogram[DURATION_BUCKETS.findIndex(([max]) => row.duration! < max)]! += 1;
    for (const t of row.targets) {
      const hit = targets.get(t);
      if (hit) {
        hit.runs += 1;
        hit.last = Math.max(hit.last, row.started);
      } else targets.set(t, { runs: 1, last: row.started });
    }
  }
  const last = rows.at(-1);
  return {
    id: input.id,
    definition: input.definition,
    changes: input.events.map((e) => describeChange(e, input.secretNames, people)),
    change_count: input.events.length,
    runs: {
      ...total.summary(),
      last_run_at: last ? new Date(last.started).toISOString() : null,
      purged: input.purged,
    },
    recent: rows
      .slice(-RECENT_RUNS)
      .reverse()
      .map((r) =>
        runEntry(r, people, describeParameters(input.parametersOf(r.id), input.secretNames, people)),
      ),
    versions: [...versions.entries()]
      .map(([label, v]): VersionStats => ({ version: label, commit: v.commit, ...v.acc.summary() }))
      .sort(compareVersions),
    weekly: weekly.over(input.weeks),
    durations: DURATION_BUCKETS.map(([, bucket], i) => ({ bucket, count: histogram[i] ?? 0 })),
    outcomes: input.events
      .filter((e) => e.auditable_type === 'Action' && e.action === 'update')
      .map((e) => outcomeAround(e, rows, input.outcomeWindow, people)),
    outcome_window: input.outcomeWindow,
    targets: [...targets.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([target, t]) => ({ target, runs: t.runs, last_run_at: new Date(t.last).toISOString() })),
    untouched_targets: [...input.definedTargets].filter((t) => !targets.has(t)).sort(),
    findings: input.findings,
  };
}

/** A run as a table row of a report. */
export function runEntry(r: RunRow, people: People, parameters: RunParameter[]): RunEntry {
  return {
    id: r.id,
    action: r.action,
    step: r.runbook?.step ?? null,
    started_at: new Date(r.started).toISOString(),
    duration_ms: r.duration,
    status: r.status,
    user: people.person(r.user),
    trigger: r.trigger,
    targets: [...r.targets],
    version: versionLabel(r),
    commit: r.commit,
    parameters,
    runbook_run: r.runbook?.run ?? null,
  };
}

/** Failure rate in the `window` runs before a change against the `window` runs after it (by start time). */
export function outcomeAround(
  event: AuditEvent,
  rows: readonly RunRow[],
  window: number,
  people: People,
): OutcomeEntry {
  const at = Date.parse(event.created_at);
  const [before, after] = sidesOf(rows, at, window);
  return {
    version: event.version,
    commit: event.commit,
    created_at: new Date(at).toISOString(),
    user: people.person(event.user.email),
    message: people.scrub(event.message),
    fields: Object.keys(event.audited_changes).sort(),
    before,
    after,
    comparable: before.finished >= MIN_OUTCOME_RUNS && after.finished >= MIN_OUTCOME_RUNS,
  };
}

/** The failure rates of the `window` runs started up to `at` and the `window` runs started after it. */
function sidesOf(rows: readonly RunRow[], at: number, window: number): [OutcomeSide, OutcomeSide] {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.started <= at) lo = mid + 1;
    else hi = mid;
  }
  return [failureRate(rows.slice(Math.max(0, lo - window), lo)), failureRate(rows.slice(lo, lo + window))];
}

function failureRate(rows: readonly RunRow[]): OutcomeSide {
  let failed = 0;
  let finished = 0;
  for (const r of rows) {
    const o = outcomeOf(r.status);
    if (o === 'other') continue;
    finished += 1;
    if (o === 'failed') failed += 1;
  }
  return { runs: rows.length, finished, failed, rate: finished === 0 ? null : failed / finished };
}

function compareVersions(a: VersionStats, b: VersionStats): number {
  const na = /^v(\d+)/.exec(a.version)?.[1];
  const nb = /^v(\d+)/.exec(b.version)?.[1];
  if (na !== undefined && nb !== undefined && na !== nb) return Number(na) - Number(nb);
  if ((na === undefined) !== (nb === undefined)) return na === undefined ? 1 : -1;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}
