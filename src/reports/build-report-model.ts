import type { Action, Role, Runbook } from '../definitions/types.js';
import type { Rollup, VerifyReport } from '../executions/types.js';
import type { AuditEvent } from '../history/types.js';
import { buildActionReport } from './build-action-report.js';
import { buildActivity } from './build-activity.js';
import { buildCoverage } from './build-coverage.js';
import { buildRunbookReport } from './build-runbook-report.js';
import { ScheduleTallies } from './build-schedule-adherence.js';
import {
  collectRuns,
  isActionRun,
  isUnranFiring,
  selectRuns,
  type CollectedRuns,
  type FoldedRun,
  type RunRow,
} from './collect-runs.js';
import { createPeople, type People } from './create-people.js';
import { createPointInTime, type PointInTime } from './create-point-in-time.js';
import { FindingCollector, compareGroups } from './finding-catalog.js';
import { findChangeFindings } from './find-change-findings.js';
import { findApprovalFindings } from './find-approval-findings.js';
import { findDefinitionFindings } from './find-definition-findings.js';
import { findFiringFindings } from './find-firing-findings.js';
import { findHistoryFindings } from './find-history-findings.js';
import { findJournalFindings } from './find-journal-findings.js';
import { findRunFindings } from './find-run-findings.js';
import type { ActionReport, ReportInput, ReportModel, RunbookReport } from './report-model.js';
import { summarizeDefinition } from './summarize-definition.js';
import { definitionState, lastDefinitionChange, secretParameterNames } from './definition-states.js';
import { RateAccumulator, WeeklyAccumulator, weeksBetween } from './summarize-runs.js';

/** The usage matrix shows this many weeks (each action page has the full series). */
export const USAGE_WEEKS = 12;
/** Charts cover at most this many weeks (ten years), the latest ones. */
const MAX_WEEKS = 520;

/** Stream the input's executions into compact rows for the period (the one pass over the journal). */
export function collectReportRuns(input: ReportInput): CollectedRuns {
  const since = input.period.since === null ? -Infinity : Date.parse(input.period.since);
  return collectRuns(input.executions, input.resolveUser, { since, until: Date.parse(input.period.until) });
}

/**
 * The runs of the input's period from runs already folded (e.g. read from the run cache). `inPlace`: the folded runs
 * become the rows (no copy of a million objects beside them); the caller must not use them afterwards.
 */
export function selectReportRuns(
  input: ReportInput,
  folded: readonly FoldedRun[],
  inPlace = false,
): CollectedRuns {
  const since = input.period.since === null ? -Infinity : Date.parse(input.period.since);
  return selectRuns(folded, input.resolveUser, { since, until: Date.parse(input.period.until) }, inPlace);
}

/** What every model of one input shares, whatever its runs: the period, the timeline, the definitions, the events. */
export interface ModelContext {
  since: number;
  until: number;
  people: People;
  pit: PointInTime;
  untilIndex: number;
  liveActions: DefinitionAt[];
  liveRunbooks: DefinitionAt[];
  liveRoles: Role[];
  /** Events on the branch up to the period's end, and those of the period. */
  eventsToUntil: AuditEvent[];
  events: AuditEvent[];
  inPeriod: (iso: string) => boolean;
  secrets: Map<string, Set<string>>;
  globalSecrets: Set<string>;
  eventsById: Map<string, AuditEvent[]>;
  actionEvents: Map<string, AuditEvent[]>;
  runbookEvents: Map<string, AuditEvent[]>;
  knownActions: Set<string>;
  rollups: ReportModel['rollups'];
  purged: Map<string, number>;
  runContext: Omit<RunFindingContext, 'collector'>;
}

type DefinitionAt = ReturnType<ReportInput['definitionsAt']>[number];
type RunFindingContext = Parameters<typeof findRunFindings>[1];

export function modelContext(input: ReportInput): ModelContext {
  const since = input.period.since === null ? -Infinity : Date.parse(input.period.since);
  const until = Date.parse(input.period.until);
  // Names are only needed to scrub them when pseudonymizing.
  const people = createPeople(input.pseudonymize, input.pseudonymize ? knownNames(input.events) : new Map());
  const pit = createPointInTime(input);
  const untilIndex = pit.indexAt(until);
  const untilCommit = input.commits[untilIndex]?.sha ?? null;
  const live = (kind: 'action' | 'runbook' | 'role') =>
    untilCommit === null
      ? []
      : [...input.definitionsAt(kind, untilCommit)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const liveActions = live('action');
  const eventsToUntil = input.events.filter((e) => {
    const i = pit.indexOf(e.commit);
    return i >= 0 && i <= untilIndex;
  });
  const inPeriod = (iso: string) => {
    const at = Date.parse(iso);
    return at >= since && at <= until;
  };
  const events = eventsToUntil.filter((e) => inPeriod(e.created_at));
  const secrets = secretParameterNames(eventsToUntil, liveActions);
  const sinceMonth = input.period.since?.slice(0, 7) ?? '';
  const rollups = input.rollups
    .filter((r) => r.month >= sinceMonth && r.month <= input.period.until.slice(0, 7))
    .sort((a, b) =>
      a.action_id !== b.action_id ? (a.action_id < b.action_id ? -1 : 1) : a.month < b.month ? -1 : 1,
    )
    .map((r) => ({ ...r, users: r.users.map((u) => people.person(input.resolveUser(u))).sort() }));
  const purged = new Map<string, number>();
  for (const r of rollups) {
    const n = Object.values(r.counts).reduce((s, c) => s + (c ?? 0), 0);
    purged.set(r.action_id, (purged.get(r.action_id) ?? 0) + n);
  }
  const knownActions = new Set(
    eventsToUntil.filter((e) => e.auditable_type === 'Action').map((e) => e.auditable_id),
  );
  return {
    since,
    until,
    people,
    pit,
    untilIndex,
    liveActions,
    liveRunbooks: live('runbook'),
    liveRoles: live('role').map((d) => d.value as Role),
    eventsToUntil,
    events,
    inPeriod,
    secrets,
    globalSecrets: new Set([...secrets.values()].flatMap((s) => [...s])),
    eventsById: groupBy(eventsToUntil, (e) =>
      e.auditable_type === 'Action'
        ? `action:${e.auditable_id}`
        : e.auditable_type === 'Role'
          ? `role:${e.auditable_id}`
          : `runbook:${e.auditable_id.split('/')[0] ?? e.auditable_id}`,
    ),
    actionEvents: groupBy(
      events.filter((e) => e.auditable_type === 'Action'),
      (e) => e.auditable_id,
    ),
    runbookEvents: groupBy(
      events.filter((e) => e.auditable_type === 'Runbook' || e.auditable_type === 'Runbook::Step'),
      (e) => e.auditable_id.split('/')[0] ?? e.auditable_id,
    ),
    knownActions,
    rollups,
    purged,
    runContext: {
      pit,
      people,
      knownActions,
      streak: input.config.reports.failing_streak,
      requireServer: input.config.executions?.require_server === true,
    },
  };
}

/**
 * The findings that do not come from runs: definitions (stale, secrets in git, invalid files) and rewrites of the
 * branch. `lastRunBefore`: per action, the start of its latest run up to the period's end.
 */
export function findContextFindings(
  input: ReportInput,
  ctx: ModelContext,
  lastRunBefore: ReadonlyMap<string, number>,
  collector: FindingCollector,
): void {
  findDefinitionFindings({
    actions: ctx.liveActions,
    runbooks: ctx.liveRunbooks,
    events: ctx.eventsToUntil,
    invalid: input.invalid.filter(
      (e) => ctx.inPeriod(e.created_at) && ctx.pit.indexOf(e.commit) <= ctx.untilIndex,
    ),
    lastRunBefore,
    until: ctx.until,
    staleDays: input.config.reports.stale_days,
    people: ctx.people,
    collector,
  });
  findHistoryFindings(input.rewrites ?? [], { since: ctx.since, until: ctx.until }, ctx.people, collector);
}

/** The weeks the charts cover: from the period's first run (or its start) to its end, at most MAX_WEEKS. */
export function chartWeeks(ctx: ModelContext, firstStarted: number | null): string[] {
  const weeks = firstStarted === null ? [] : weeksBetween(Math.max(ctx.since, firstStarted), ctx.until);
  return weeks.length > MAX_WEEKS ? weeks.slice(-MAX_WEEKS) : weeks;
}

/** One action's section from its runs of the period (`rows`, `point` set) and its definition and events. */
export function actionSection(
  input: ReportInput,
  ctx: ModelContext,
  id: string,
  rows: readonly RunRow[],
  weeks: readonly string[],
) {
  const state = definitionState('action', id, ctx.liveActions, ctx.eventsById.get(`action:${id}`) ?? []);
  const definition = state ? summarizeDefinition(state, ctx.people) : null;
  const definedTargets = state && !state.deleted ? ((state.value as Action).targets ?? []) : [];
  const build = (about: ActionReport['findings']) =>
    buildActionReport({
      id,
      definition,
      definedTargets,
      events: ctx.actionEvents.get(id) ?? [],
      rows,
      weeks,
      secretNames: ctx.secrets.get(id) ?? new Set(),
      people: ctx.people,
      outcomeWindow: input.config.reports.outcome_window,
      purged: ctx.purged.get(id) ?? 0,
      findings: about,
      parametersOf: input.parametersOf ?? (() => null),
    });
  return { definition, definedTargets, build };
}

/** One runbook's section from its step executions and runbook runs of the period. */
export function runbookSection(
  input: ReportInput,
  ctx: ModelContext,
  id: string,
  rows: readonly RunRow[],
  runbookRuns: readonly RunRow[],
  findings: RunbookReport['findings'],
): RunbookReport {
  const state = definitionState('runbook', id, ctx.liveRunbooks, ctx.eventsById.get(`runbook:${id}`) ?? []);
  return buildRunbookReport({
    id,
    definition: state ? summarizeDefinition(state, ctx.people) : null,
    events: ctx.runbookEvents.get(id) ?? [],
    rows,
    runbookRuns,
    recordOf: input.recordOf ?? (() => null),
    resolveUser: input.resolveUser,
    secretNames: ctx.globalSecrets,
    people: ctx.people,
    findings,
    parametersOf: input.parametersOf ?? (() => null),
  });
}

/**
 * Join audit events, executions and role files into the report model, from every run of the period (`collected`).
 * Pure: the same input gives the same model, sorted throughout, with no clock but `input.now`. Everything rendered
 * comes from here or from buildModelFromView, which builds the same model from the run cache's columns and the
 * parts kept between reports (build-model-from-view.ts); this one is the reference it is tested against.
 */
export function buildReportModel(
  input: ReportInput,
  collected: CollectedRuns = collectReportRuns(input),
): ReportModel {
  const ctx = modelContext(input);
  const { pit, people } = ctx;
  const { rows, lastRunBefore } = collected;
  const pointAt = pit.sweep();
  for (const row of rows) row.point = pointAt(row.started);
  // Runs of actions (their own or a runbook step's) make the run statistics; whole runbook runs and scheduled
  // firings that did not run (missed, skipped) are counted apart (docs/reports.md).
  const actionRows = rows.filter(isActionRun);
  const runbookRunRows = rows.filter((r) => r.kind === 'runbook_run' && !isUnranFiring(r));
  const collector = new FindingCollector();
  findChangeFindings(ctx.events, pit, people, collector);
  findApprovalFindings(ctx.eventsToUntil, ctx.events, pit, people, collector);
  const rowsByAction = groupBy(actionRows, (r) => r.action);
  findRunFindings(rowsByAction, { ...ctx.runContext, collector });
  findFiringFindings(rows, { people, collector });
  findContextFindings(input, ctx, lastRunBefore, collector);
  const weeks = chartWeeks(ctx, rows[0]?.started ?? null);
  const actionIds = sortedUnion(
    ctx.liveActions.map((d) => d.id),
    ctx.actionEvents.keys(),
    rowsByAction.keys(),
  );
  const actions = actionIds.map((id) =>
    actionSection(input, ctx, id, rowsByAction.get(id) ?? [], weeks).build(collector.about('action', id)),
  );
  const runbookRows = groupBy(
    actionRows.filter((r) => r.runbook !== null),
    (r) => r.runbook?.id ?? '',
  );
  const runbookRunsOf = groupBy(runbookRunRows, (r) => r.action);
  const runbooks = sortedUnion(
    ctx.liveRunbooks.map((d) => d.id),
    ctx.runbookEvents.keys(),
    runbookRows.keys(),
    runbookRunsOf.keys(),
  ).map((id) =>
    runbookSection(
      input,
      ctx,
      id,
      runbookRows.get(id) ?? [],
      runbookRunsOf.get(id) ?? [],
      collector.about('runbook', id),
    ),
  );
  const totals = new RateAccumulator();
  const weekly = new WeeklyAccumulator();
  for (const r of actionRows) {
    totals.add(r.status, r.duration);
    weekly.add(r.started, r.status);
  }
  const schedules = new ScheduleTallies();
  for (const r of rows) schedules.add(r.kind, r.action, r.trigger, r.status, r.started, r.planned, r.missed);
  return assembleModel(input, ctx, {
    weeks,
    actions,
    runbooks,
    totals,
    weekly: weekly.over(weeks),
    activity: buildActivity({
      rows: actionRows,
      events: ctx.events,
      pit,
      people,
      currentRoles: ctx.liveRoles,
    }),
    coverage: buildCoverage(
      actionRows,
      ctx.liveActions.map((d) => d.value as Action),
      ctx.liveRunbooks.map((d) => d.value as Runbook),
    ),
    runs: actionRows.length,
    runbookRuns: runbookRunRows.length,
    collector,
    schedules,
  });
}

/** The model from its pieces (both builders end here). */
export function assembleModel(
  input: ReportInput,
  ctx: ModelContext,
  pieces: {
    weeks: readonly string[];
    actions: ActionReport[];
    runbooks: RunbookReport[];
    totals: RateAccumulator;
    weekly: ReportModel['weekly'];
    activity: ReturnType<typeof buildActivity>;
    coverage: ReportModel['coverage'];
    runs: number;
    runbookRuns: number;
    collector: FindingCollector;
    schedules: ScheduleTallies;
  },
): ReportModel {
  const { actions, activity, coverage } = pieces;
  const usageWeeks = pieces.weeks.slice(-USAGE_WEEKS);
  const model: ReportModel = {
    generated_at: new Date(Date.parse(input.now)).toISOString(),
    period: { since: input.period.since, until: input.period.until },
    repo: input.repo,
    definitions_as_of: lastDefinitionChange(
      ctx.eventsToUntil,
      input.invalid,
      ctx.pit,
      ctx.untilIndex,
      input.commits,
    ),
    pseudonymized: input.pseudonymize !== null,
    journal: {
      head: input.head,
      verify: null,
    },
    counts: {
      actions: ctx.liveActions.length,
      runbooks: ctx.liveRunbooks.length,
      roles: ctx.liveRoles.length,
      events: ctx.events.length,
      invalid: input.invalid.filter((e) => ctx.inPeriod(e.created_at)).length,
      runs: pieces.runs,
      runbook_runs: pieces.runbookRuns,
      purged_runs: [...ctx.purged.values()].reduce((s, n) => s + n, 0),
      users: activity.users.length,
      targets: coverage.targets.length,
    },
    totals: pieces.totals.summary(),
    weekly: pieces.weekly,
    actions,
    runbooks: pieces.runbooks,
    usage: {
      weeks: usageWeeks,
      rows: actions
        .map((a) => {
          const byWeek = new Map(a.weekly.map((w) => [w.week, w.succeeded + w.failed + w.other]));
          return { action: a.id, counts: usageWeeks.map((w) => byWeek.get(w) ?? 0), total: a.runs.runs };
        })
        .filter((r) => r.total > 0),
    },
    rollups: ctx.rollups,
    users: activity.users,
    roles: activity.roles,
    coverage,
    findings: pieces.collector.groups(),
    schedules: pieces.schedules.adherence({
      actions: ctx.liveActions.map((d) => d.value as Action),
      runbooks: ctx.liveRunbooks.map((d) => d.value as Runbook),
    }),
  };
  return attachVerification(model, input.verify, input.rollups, input.now);
}

/**
 * The model with the journal's verification added: the index summary and the integrity and retention findings.
 * Pure; separate so a caller can build the model while the chain is still being walked, and attach the result after.
 */
export function attachVerification(
  model: ReportModel,
  verify: VerifyReport | null,
  rollups: readonly Rollup[],
  now: string,
): ReportModel {
  if (!verify) return model;
  const collector = new FindingCollector();
  findJournalFindings(verify, rollups, collector, now);
  return {
    ...model,
    journal: {
      ...model.journal,
      verify: {
        ok: verify.ok,
        records: verify.records,
        problems: verify.problems.length,
        gaps: verify.gaps.length,
      },
    },
    findings: [...model.findings, ...collector.groups()].sort(compareGroups),
  };
}

/** The overview's weekly counts as the sum of the actions' (each over the same weeks). */
export function sumWeekly(weeks: readonly string[], actions: readonly ActionReport[]): ReportModel['weekly'] {
  const sum = weeks.map((week) => ({ week, succeeded: 0, failed: 0, other: 0 }));
  for (const a of actions) {
    for (const [i, w] of a.weekly.entries()) {
      const s = sum[i]!;
      s.succeeded += w.succeeded;
      s.failed += w.failed;
      s.other += w.other;
    }
  }
  return sum;
}

export function knownNames(events: readonly AuditEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events) {
    for (const u of [e.user, e.committer, ...(e.authors ?? [])]) if (u?.name) names.set(u.name, u.email);
  }
  return names;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(item);
  }
  return map;
}

export function sortedUnion(...lists: Iterable<string>[]): string[] {
  const all = new Set<string>();
  for (const list of lists) for (const id of list) all.add(id);
  return [...all].sort();
}
