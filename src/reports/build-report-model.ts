import type { Action, Role, Runbook } from '../definitions/types.js';
import type { Rollup, VerifyReport } from '../executions/types.js';
import type { AuditEvent } from '../history/types.js';
import { buildActionReport } from './build-action-report.js';
import { buildActivity, tallyChangeActivity, tallyRunActivity, type ChangeTally } from './build-activity.js';
import { buildCoverage, tallyTargets } from './build-coverage.js';
import { buildRunbookReport } from './build-runbook-report.js';
import { buildScheduleAdherence } from './build-schedule-adherence.js';
import {
  collectRuns,
  isActionRun,
  isUnranFiring,
  selectRuns,
  type CollectedRuns,
  type FoldedRun,
} from './collect-runs.js';
import { createPeople } from './create-people.js';
import { createPointInTime } from './create-point-in-time.js';
import { FindingCollector, compareGroups } from './finding-catalog.js';
import {
  createStringHash,
  fingerprintRuns,
  partKey,
  type ActionPart,
  type ModelParts,
  type PartOverview,
} from './model-parts.js';
import { findChangeFindings } from './find-change-findings.js';
import { findApprovalFindings } from './find-approval-findings.js';
import { findDefinitionFindings } from './find-definition-findings.js';
import { findFiringFindings } from './find-firing-findings.js';
import { findHistoryFindings } from './find-history-findings.js';
import { findJournalFindings } from './find-journal-findings.js';
import { findRunFindings } from './find-run-findings.js';
import type { ActionReport, ReportInput, ReportModel } from './report-model.js';
import { summarizeDefinition } from './summarize-definition.js';
import { definitionState, lastDefinitionChange, secretParameterNames } from './definition-states.js';
import { RateAccumulator, WeeklyAccumulator, sortedDurations, weeksBetween } from './summarize-runs.js';

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

/**
 * Join audit events, executions and role files into the report model. Pure: the same input gives the same model,
 * sorted throughout, with no clock but `input.now`. Everything rendered comes from here. `collected` lets a caller
 * stream the journal first (e.g. while the chain is verified elsewhere) and hand the rows in. With `parts`, each
 * action's part (its section and run findings) is taken from there when its inputs are unchanged, else built and
 * put there (model-parts.ts): the model is the same either way.
 */
export function buildReportModel(
  input: ReportInput,
  collected: CollectedRuns = collectReportRuns(input),
  parts?: ModelParts,
): ReportModel {
  const since = input.period.since === null ? -Infinity : Date.parse(input.period.since);
  const until = Date.parse(input.period.until);
  const people = createPeople(input.pseudonymize, knownNames(input.events));
  const pit = createPointInTime(input);
  const untilIndex = pit.indexAt(until);
  const untilCommit = input.commits[untilIndex]?.sha ?? null;
  const live = (kind: 'action' | 'runbook' | 'role') =>
    untilCommit === null
      ? []
      : [...input.definitionsAt(kind, untilCommit)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const liveActions = live('action');
  const liveRunbooks = live('runbook');
  const liveRoles = live('role').map((d) => d.value as Role);

  const eventsToUntil = input.events.filter((e) => {
    const i = pit.indexOf(e.commit);
    return i >= 0 && i <= untilIndex;
  });
  const inPeriod = (iso: string) => Date.parse(iso) >= since && Date.parse(iso) <= until;
  const events = eventsToUntil.filter((e) => inPeriod(e.created_at));
  const { rows, lastRunBefore } = collected;
  const pointAt = pit.sweep();
  for (const row of rows) row.point = pointAt(row.started);
  // Runs of actions (their own or a runbook step's) make the run statistics; whole runbook runs and scheduled
  // firings that did not run (missed, skipped) are counted apart (docs/reports.md).
  const actionRows = rows.filter(isActionRun);
  const runbookRunRows = rows.filter((r) => r.kind === 'runbook_run' && !isUnranFiring(r));

  const secrets = secretParameterNames(eventsToUntil, liveActions);
  const eventsById = groupBy(eventsToUntil, (e) =>
    e.auditable_type === 'Action'
      ? `action:${e.auditable_id}`
      : e.auditable_type === 'Role'
        ? `role:${e.auditable_id}`
        : `runbook:${e.auditable_id.split('/')[0] ?? e.auditable_id}`,
  );
  const collector = new FindingCollector();
  const rowsByAction = groupBy(actionRows, (r) => r.action);
  const knownActions = new Set(
    eventsToUntil.filter((e) => e.auditable_type === 'Action').map((e) => e.auditable_id),
  );
  // The period's changes per author and role, from the model's history part when it is kept.
  let changeTally: ChangeTally | null = null;
  if (!parts) {
    findChangeFindings(events, pit, people, collector);
    findApprovalFindings(eventsToUntil, events, pit, people, collector);
  } else {
    // The changes are judged from the history alone (events, commits, role files) and the way people are named: kept
    // between reports, so one after new runs only merges them (model-parts.ts, HistoryPart).
    const key = partKey([
      'history',
      input.now,
      input.period,
      people.person('someone@opsledger.invalid'),
      input.pseudonymize
        ? [...knownNames(input.events)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        : null,
      input.commits.map((c) => [c.sha, c.created_at]),
      input.events,
      input.invalid,
    ]);
    let part = parts.getHistory(key);
    if (!part) {
      const own = new FindingCollector();
      findChangeFindings(events, pit, people, own);
      findApprovalFindings(eventsToUntil, events, pit, people, own);
      part = { key, findings: own.collected(), activity: tallyChangeActivity(events, pit) };
      parts.setHistory(part);
    }
    collector.merge(part.findings);
    changeTally = part.activity;
  }
  const runContext = {
    pit,
    people,
    knownActions,
    streak: input.config.reports.failing_streak,
    requireServer: input.config.executions?.require_server === true,
  };
  if (!parts) findRunFindings(rowsByAction, { ...runContext, collector });
  findFiringFindings(rows, { people, collector });
  findDefinitionFindings({
    actions: liveActions,
    runbooks: liveRunbooks,
    events: eventsToUntil,
    invalid: input.invalid.filter((e) => inPeriod(e.created_at) && pit.indexOf(e.commit) <= untilIndex),
    lastRunBefore,
    until,
    staleDays: input.config.reports.stale_days,
    people,
    collector,
  });
  findHistoryFindings(input.rewrites ?? [], { since, until }, people, collector);

  const firstRun = rows[0];
  let weeks = firstRun ? weeksBetween(Math.max(since, firstRun.started), until) : [];
  if (weeks.length > MAX_WEEKS) weeks = weeks.slice(-MAX_WEEKS);
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

  const outcomeWindow = input.config.reports.outcome_window;
  const actionEvents = groupBy(
    events.filter((e) => e.auditable_type === 'Action'),
    (e) => e.auditable_id,
  );
  const actionIds = sortedUnion(
    liveActions.map((d) => d.id),
    actionEvents.keys(),
    rowsByAction.keys(),
  );
  const globalSecrets = new Set([...secrets.values()].flatMap((s) => [...s]));
  const parametersOf = input.parametersOf ?? (() => null);
  const buildAction = (id: string, findings: ActionPart['findings'] | null) => {
    const state = definitionState('action', id, liveActions, eventsById.get(`action:${id}`) ?? []);
    const definition = state ? summarizeDefinition(state, people) : null;
    const definedTargets = state && !state.deleted ? ((state.value as Action).targets ?? []) : [];
    const rows = rowsByAction.get(id) ?? [];
    const build = (about: ActionReport['findings']) =>
      buildActionReport({
        id,
        definition,
        definedTargets,
        events: actionEvents.get(id) ?? [],
        rows,
        weeks,
        secretNames: secrets.get(id) ?? new Set(),
        people,
        outcomeWindow,
        purged: purged.get(id) ?? 0,
        findings: about,
        parametersOf,
      });
    return { definition, definedTargets, rows, build, findings };
  };
  let actions: ActionReport[];
  // Each kept part's share of the overview (totals, users and roles, coverage): null when built from the rows.
  let overviews: { action: string; overview: PartOverview }[] | null = null;
  if (!parts) {
    actions = actionIds.map((id) => buildAction(id, null).build(collector.about('action', id)));
  } else {
    // Everything an action's part is built from besides its own runs and definition events (same for every part).
    const context = partKey([
      input.now,
      input.period,
      weeks,
      outcomeWindow,
      runContext.streak,
      runContext.requireServer,
      people.person('someone@opsledger.invalid'),
      // Names only matter when pseudonymizing (they are scrubbed from free text).
      input.pseudonymize
        ? [...knownNames(input.events)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        : null,
      eventsToUntil.filter((e) => e.auditable_type === 'Role').map((e) => [pit.indexOf(e.commit), e]),
      input.invalid,
    ]);
    const hashOf = createStringHash();
    const onBranch = (commit: string) => pit.indexOf(commit);
    const built = actionIds.map((id) => {
      const action = buildAction(id, null);
      const key = partKey([
        context,
        id,
        fingerprintRuns(action.rows, onBranch, hashOf),
        action.definition,
        action.definedTargets,
        eventsById.get(`action:${id}`) ?? [],
        [...(secrets.get(id) ?? [])].sort(),
        purged.get(id) ?? 0,
        knownActions.has(id),
      ]);
      let part = parts.get(key);
      if (!part) {
        const own = new FindingCollector();
        if (action.rows.length > 0)
          findRunFindings(new Map([[id, action.rows]]), { ...runContext, collector: own });
        const { findings: _none, ...report } = action.build({ total: 0, items: [] });
        const overview: PartOverview = {
          durations: sortedDurations(action.rows),
          ...tallyRunActivity(action.rows, pit),
          targets: tallyTargets(action.rows),
        };
        part = { report, findings: own.collected(), overview };
        parts.set(key, part);
      }
      collector.merge(part.findings);
      return { id, part };
    });
    actions = built.map(({ id, part }) => ({ ...part.report, findings: collector.about('action', id) }));
    overviews = built.map(({ id, part }) => ({ action: id, overview: part.overview }));
  }

  const runbookEvents = groupBy(
    events.filter((e) => e.auditable_type === 'Runbook' || e.auditable_type === 'Runbook::Step'),
    (e) => e.auditable_id.split('/')[0] ?? e.auditable_id,
  );
  const runbookRows = groupBy(
    actionRows.filter((r) => r.runbook !== null),
    (r) => r.runbook?.id ?? '',
  );
  const runbookRunsOf = groupBy(runbookRunRows, (r) => r.action);
  const runbookIds = sortedUnion(
    liveRunbooks.map((d) => d.id),
    runbookEvents.keys(),
    runbookRows.keys(),
    runbookRunsOf.keys(),
  );
  const recordOf = input.recordOf ?? (() => null);
  const runbooks = runbookIds.map((id) => {
    const state = definitionState('runbook', id, liveRunbooks, eventsById.get(`runbook:${id}`) ?? []);
    return buildRunbookReport({
      id,
      definition: state ? summarizeDefinition(state, people) : null,
      events: runbookEvents.get(id) ?? [],
      rows: runbookRows.get(id) ?? [],
      runbookRuns: runbookRunsOf.get(id) ?? [],
      recordOf,
      resolveUser: input.resolveUser,
      secretNames: globalSecrets,
      people,
      findings: collector.about('runbook', id),
      parametersOf,
    });
  });

  const totals = new RateAccumulator();
  let weeklyCounts: ReportModel['weekly'];
  if (overviews) {
    // Every action run is in exactly one action's part: the parts' counts add up to the overview's.
    for (const [i, { overview }] of overviews.entries())
      totals.addCounted(actions[i]!.runs, overview.durations);
    weeklyCounts = sumWeekly(weeks, actions);
  } else {
    const weekly = new WeeklyAccumulator();
    for (const r of actionRows) {
      totals.add(r.status, r.duration);
      weekly.add(r.started, r.status);
    }
    weeklyCounts = weekly.over(weeks);
  }
  const usageWeeks = weeks.slice(-USAGE_WEEKS);
  const activity = buildActivity({
    rows: overviews ? overviews.map(({ action, overview }) => ({ action, tally: overview })) : actionRows,
    events: changeTally ?? events,
    pit,
    people,
    currentRoles: liveRoles,
  });
  const coverage = buildCoverage(
    overviews ? overviews.map(({ action, overview }) => ({ action, targets: overview.targets })) : actionRows,
    liveActions.map((d) => d.value as Action),
    liveRunbooks.map((d) => d.value as Runbook),
  );
  const model: ReportModel = {
    generated_at: new Date(Date.parse(input.now)).toISOString(),
    period: { since: input.period.since, until: input.period.until },
    repo: input.repo,
    definitions_as_of: lastDefinitionChange(eventsToUntil, input.invalid, pit, untilIndex, input.commits),
    pseudonymized: input.pseudonymize !== null,
    journal: {
      head: input.head,
      verify: null,
    },
    counts: {
      actions: liveActions.length,
      runbooks: liveRunbooks.length,
      roles: liveRoles.length,
      events: events.length,
      invalid: input.invalid.filter((e) => inPeriod(e.created_at)).length,
      runs: actionRows.length,
      runbook_runs: runbookRunRows.length,
      purged_runs: [...purged.values()].reduce((s, n) => s + n, 0),
      users: activity.users.length,
      targets: coverage.targets.length,
    },
    totals: totals.summary(),
    weekly: weeklyCounts,
    actions,
    runbooks,
    usage: {
      weeks: usageWeeks,
      rows: actions
        .map((a) => {
          const byWeek = new Map(a.weekly.map((w) => [w.week, w.succeeded + w.failed + w.other]));
          return { action: a.id, counts: usageWeeks.map((w) => byWeek.get(w) ?? 0), total: a.runs.runs };
        })
        .filter((r) => r.total > 0),
    },
    rollups,
    users: activity.users,
    roles: activity.roles,
    coverage,
    findings: collector.groups(),
    schedules: buildScheduleAdherence(rows, {
      actions: liveActions.map((d) => d.value as Action),
      runbooks: liveRunbooks.map((d) => d.value as Runbook),
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
function sumWeekly(weeks: readonly string[], actions: readonly ActionReport[]): ReportModel['weekly'] {
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

function knownNames(events: readonly AuditEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events) {
    for (const u of [e.user, e.committer, ...(e.authors ?? [])]) if (u?.name) names.set(u.name, u.email);
  }
  return names;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(item);
  }
  return map;
}

function sortedUnion(...lists: Iterable<string>[]): string[] {
  const all = new Set<string>();
  for (const list of lists) for (const id of list) all.add(id);
  return [...all].sort();
}
