import { tallyRunActivity, buildActivity } from './build-activity.js';
import { buildCoverage, tallyTargets } from './build-coverage.js';
import {
  actionSection,
  assembleModel,
  chartWeeks,
  findContextFindings,
  knownNames,
  modelContext,
  runbookSection,
  sortedUnion,
  sumWeekly,
  type ModelContext,
} from './build-report-model.js';
import { isActionRun, isUnranFiring, type RunRow } from './collect-runs.js';
import type { Action, Runbook } from '../definitions/types.js';
import { FindingCollector } from './finding-catalog.js';
import { findFiringFindings } from './find-firing-findings.js';
import { findRunFindings } from './find-run-findings.js';
import { judgeChanges as judgeHistory } from './judge-changes.js';
import { eventsSource } from './events-source.js';
import { partKey, type ActionPart, type ModelParts, type PartOverview } from './model-parts.js';
import type { ActionReport, ReportInput, ReportModel, RunbookReport } from './report-model.js';
import { fnv, summarizeView, type BlockSummary, type OwnerRuns } from './run-owners.js';
import { summaryKey } from './summary-store.js';
import { compareRuns, type RunRef, type RunView } from './run-view.js';
import { keptPartDigest } from './model-parts-store.js';
import type { PagesShown } from './prefetch-parameters.js';
import { sectionDigests } from './page-cache.js';
import { RateAccumulator, sortedDurations } from './summarize-runs.js';

/**
 * The report model from the run cache's columns and the parts kept between reports (model-parts.ts): the same model
 * buildReportModel makes from every run (tests hold them equal), but each action's and runbook's runs become objects
 * only when its part is not kept. A part is found by a key of its inputs: the context, its definition and events, and
 * a digest of its runs read off the columns (run-owners.ts) with what the model derives from them (the users as the
 * vault resolves them, the commits in force, the pinned commits' place on the branch). `prefetch` reads from the
 * journal what the sections of the given runs show on the pages named (recent parameters, runbook runs' records),
 * before they are built.
 */
export async function buildModelFromView(
  input: ReportInput,
  view: RunView,
  parts: ModelParts,
  prefetch: (rows: readonly RunRow[], pages: PagesShown) => Promise<void>,
  summaries: KeptSummaries | null = null,
): Promise<ReportModel> {
  const ctx = modelContext(input);
  const { pit, people } = ctx;
  const period = { since: ctx.since, until: ctx.until };
  // The walk of the cached block is kept under its checksum and the period: after new runs only they are counted.
  const summaryAt =
    summaries && view.blockDigest && view.block
      ? summaryKey(view.blockDigest, period.since, view.block.startedBy(period.until))
      : null;
  const kept = summaryAt && !view.hasDeadRows() ? await summaries!.read(summaryAt) : null;
  const summary = summarizeView(view, period, kept);
  if (summaryAt && summary.block) await summaries!.write(summaryAt, summary.block);
  const users = new Map<string, string>();
  const resolve = (stored: string) => {
    let user = users.get(stored);
    if (user === undefined) users.set(stored, (user = input.resolveUser(stored)));
    return user;
  };
  const rowsOf = (refs: readonly RunRef[]): RunRow[] => {
    // A block row is made a fresh object here (the rows read together); a run read after the cache is shared by the
    // view, so it is copied.
    const rows = view
      .runs(refs)
      .map((run, k) => (refs[k]! >= 0 ? run : { ...run }) as RunRow)
      .sort(compareRuns);
    const pointAt = pit.sweep();
    for (const row of rows) {
      row.user = resolve(row.user);
      row.point = pointAt(row.started);
    }
    return rows;
  };
  const derive = derivation(input);
  // The commits an owner's runs were pinned to and their place on the branch, order-free (an owner has thousands):
  // those of its block rows by reference (each commit's mark computed once per report), then its objects' others.
  const strings = view.block?.strings ?? [];
  const marks = new Map<string, number>();
  const mark = (c: string) => {
    let h = marks.get(c);
    if (h === undefined) marks.set(c, (h = fnv(`${c}@${pit.indexOf(c)}`)));
    return h;
  };
  const refMarks = new Float64Array(strings.length).fill(NaN);
  const commitsDigest = (o: OwnerRuns) => {
    let size = 0;
    let sum = 0;
    let sumB = 0;
    let xor = 0;
    const add = (h: number) => {
      size += 1;
      sum = (sum + h) | 0;
      sumB = (sumB + Math.imul(h ^ (h >>> 15), 0x5bd1e995)) | 0;
      xor ^= h;
    };
    for (const ref of o.blockCommits) {
      let h = refMarks[ref]!;
      if (Number.isNaN(h)) refMarks[ref] = h = mark(strings[ref]!);
      add(h);
    }
    if (o.commits.size > 0) {
      const inBlock = new Set<string>();
      for (const ref of o.blockCommits) inBlock.add(strings[ref]!);
      for (const c of o.commits) if (!inBlock.has(c)) add(mark(c));
    }
    return [size, sum >>> 0, sumB >>> 0, xor >>> 0];
  };
  const fingerprint = (o: OwnerRuns | undefined) =>
    o === undefined
      ? null
      : [
          o.size,
          o.counted,
          o.sumA >>> 0,
          o.sumB >>> 0,
          o.xor >>> 0,
          derive.points(o.maxStarted),
          [...o.users].map(resolve).sort(),
          commitsDigest(o),
        ];

  const collector = new FindingCollector();
  const changeTally = judgeChanges(input, ctx, parts, collector);
  findFiringFindings(rowsOf(summary.firings), { people, collector });
  findContextFindings(input, ctx, summary.lastRunBefore, collector);
  const weeks = chartWeeks(ctx, summary.firstStarted);
  const owner = (key: string) => summary.owners.get(key);
  const refsOf = (o: OwnerRuns | undefined) => (o ? summary.refsOf(o) : []);
  const actionIds = sortedUnion(
    ctx.liveActions.map((d) => d.id),
    ctx.actionEvents.keys(),
    [...summary.owners].filter(([k, o]) => k.startsWith('action:') && o.counted > 0).map(([k]) => k.slice(7)),
  );
  // The events up to the period's end, and the invalid entries, are the same while the history index's identity and
  // the last commit in the period are: their digests are then kept from the last report (ModelParts.eventsDigest).
  // One definition's are the same while its record and which of its events are listed are (eventsSource).
  const whole = input.historyIdentity ? partKey(['events', input.historyIdentity, ctx.untilIndex]) : null;
  // Everything an action's part is built from besides its own runs and definition events (same for every part).
  // `--now` and the period's end reach a part only through what they select, each in its key: its runs (the
  // fingerprint), its definition, events and secrets up to the commit in force at the end, the role events up to it,
  // the weeks of the charts and the purged months. So a report at a later clock time keeps every part whose runs and
  // definitions did not change.
  const context = partKey([
    input.period.since,
    weeks,
    input.config.reports.outcome_window,
    ctx.runContext.streak,
    ctx.runContext.requireServer,
    people.person('someone@opsledger.invalid'),
    // Names only matter when pseudonymizing (they are scrubbed from free text).
    input.pseudonymize
      ? [...knownNames(input.events)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      : null,
    parts.eventsDigest(whole, 'context', () => [
      ctx.eventsToUntil.filter((e) => e.auditable_type === 'Role').map((e) => [pit.indexOf(e.commit), e]),
      input.invalid,
    ]),
  ]);
  const planned = actionIds.map((id) => {
    const section = actionSection(input, ctx, id, [], weeks);
    const key = partKey([
      context,
      id,
      fingerprint(owner(`action:${id}`)),
      section.definition,
      section.definedTargets,
      parts.eventsDigest(
        eventsSource(
          input.eventRecords?.get(`action:${id}`),
          ctx.eventsById.get(`action:${id}`) ?? [],
          whole,
        ),
        `action:${id}`,
        () => ctx.eventsById.get(`action:${id}`) ?? [],
      ),
      [...(ctx.secrets.get(id) ?? [])].sort(),
      ctx.purged.get(id) ?? 0,
      ctx.knownActions.has(id),
    ]);
    return { id, key, part: parts.get(key) };
  });
  // Only the parts not kept are built: their runs made objects, and what their sections show read first.
  const built: { id: string; key: string; part: ActionPart }[] = [];
  await inBatches(
    planned,
    (p) => rowsOf(refsOf(owner(`action:${p.id}`))).filter(isActionRun),
    (rows) => prefetch(rows.flat(), 'actions'),
    ({ id, key, part }, rows) => {
      // No runs made: the part is kept.
      if (!rows) {
        built.push({ id, key, part: part! });
        return;
      }
      const { findings: _none, ...report } = actionSection(input, ctx, id, rows, weeks).build({
        total: 0,
        items: [],
      });
      // What the runs give besides the section (their findings and overview) is carried over from the part the last
      // report kept for the same runs, judged by the same roles and tags, when only the definition changed since.
      const runs = runsKey(context, id, fingerprint(owner(`action:${id}`)), ctx, rows);
      const carried = parts.keptRuns(runs);
      let findings = carried?.findings;
      if (!findings) {
        const own = new FindingCollector();
        if (rows.length > 0) findRunFindings(new Map([[id, rows]]), { ...ctx.runContext, collector: own });
        findings = own.collected();
      }
      const overview: PartOverview = carried?.overview ?? {
        durations: sortedDurations(rows),
        ...tallyRunActivity(rows, pit),
        targets: tallyTargets(rows),
      };
      const fresh: ActionPart = { report, findings, overview, runs };
      parts.set(key, fresh);
      built.push({ id, key, part: fresh });
    },
  );
  for (const { part } of built) collector.merge(part.findings);
  const actions = built.map(({ id, part }) => {
    // Copied by its properties' descriptors, not spread: a kept part's page-only fields are read from its file only
    // if its page is rendered (part-codec.ts).
    const section = Object.defineProperties(
      {},
      Object.getOwnPropertyDescriptors(part.report),
    ) as ActionReport;
    section.findings = collector.aboutLater('action', id);
    // The part's file checksum (read, or written by this report) stands for its content; the findings about it are
    // added here.
    sectionDigests.set(section, () => {
      const kept = keptPartDigest(part);
      return kept && `part ${kept} ${collector.aboutText('action', id)}`;
    });
    return section;
  });

  const runbooks = await runbookSections(input, ctx, summary.owners, parts, {
    context,
    fingerprint,
    rowsOf,
    refsOf,
    prefetch,
    collector,
  });
  // Kept parts hold only the findings that could still be shown: when that is no longer enough (findings went away),
  // every part is built again.
  if (!collector.exact()) {
    parts.forgetKept();
    return buildModelFromView(input, view, parts, prefetch, summaries);
  }
  parts.shownSince = collector.shownSince();
  const totals = new RateAccumulator();
  // Every action run is in exactly one action's part: the parts' counts add up to the overview's.
  for (const [i, { part }] of built.entries()) totals.addCounted(actions[i]!.runs, part.overview.durations);
  const activity = buildActivity({
    rows: built.map(({ id, part }) => ({ action: id, tally: part.overview })),
    events: changeTally,
    pit,
    people,
    currentRoles: ctx.liveRoles,
  });
  const m = assembleModel(input, ctx, {
    weeks,
    actions,
    runbooks,
    totals,
    weekly: sumWeekly(weeks, actions),
    activity,
    coverage: buildCoverage(
      built.map(({ id, part }) => ({ action: id, targets: part.overview.targets })),
      ctx.liveActions.map((d) => d.value as Action),
      ctx.liveRunbooks.map((d) => d.value as Runbook),
    ),
    runs: summary.actionRuns,
    runbookRuns: summary.runbookRuns,
    collector,
    schedules: summary.schedules,
  });
  return m;
}

/** Where the block summaries are kept between reports (summary-store.ts for a data dir). */
export interface KeptSummaries {
  read(key: string): Promise<BlockSummary | null>;
  write(key: string, summary: BlockSummary): Promise<void>;
}

/** The runbooks' sections: kept ones by key, the others built from their runs (read from the columns). */
async function runbookSections(
  input: ReportInput,
  ctx: ModelContext,
  owners: ReadonlyMap<string, OwnerRuns>,
  parts: ModelParts,
  use: {
    context: string;
    fingerprint: (o: OwnerRuns | undefined) => unknown;
    rowsOf: (refs: readonly RunRef[]) => RunRow[];
    refsOf: (o: OwnerRuns | undefined) => RunRef[];
    prefetch: (rows: readonly RunRow[], pages: PagesShown) => Promise<void>;
    collector: FindingCollector;
  },
): Promise<RunbookReport[]> {
  const ids = sortedUnion(
    ctx.liveRunbooks.map((d) => d.id),
    ctx.runbookEvents.keys(),
    [...owners].filter(([k, o]) => k.startsWith('runbook:') && o.counted > 0).map(([k]) => k.slice(8)),
  );
  const planned = ids.map((id) => {
    // The findings about it by their digests: a kept part's texts are not read for its key (aboutText).
    const findings = use.collector.aboutText('runbook', id);
    const key = partKey([
      'runbook',
      use.context,
      id,
      use.fingerprint(owners.get(`runbook:${id}`)),
      ctx.liveRunbooks.find((d) => d.id === id)?.value ?? null,
      ...periodEvents(ctx.eventsById.get(`runbook:${id}`) ?? [], ctx.runbookEvents.get(id) ?? []),
      [...ctx.globalSecrets].sort(),
      findings,
    ]);
    return { id, key, part: parts.getRunbook(key) };
  });
  const sections: RunbookReport[] = [];
  await inBatches(
    planned,
    (p) => {
      const rows = use.rowsOf(use.refsOf(owners.get(`runbook:${p.id}`)));
      const steps = rows.filter((r) => isActionRun(r) && r.runbook?.id === p.id);
      const runs = rows.filter((r) => r.kind === 'runbook_run' && !isUnranFiring(r));
      return { steps, runs };
    },
    (missing) => use.prefetch(missing.flatMap((m) => [...m.steps, ...m.runs]).sort(compareRuns), 'runbooks'),
    ({ id, key, part }, m) => {
      // The part's file checksum (read, or written by this report) stands for its content, findings included.
      if (!m) {
        const kept = part!;
        sectionDigests.set(kept.runbook, () => digestOf(kept));
        sections.push(kept.runbook);
        return;
      }
      const runbook = runbookSection(input, ctx, id, m.steps, m.runs, use.collector.about('runbook', id));
      const fresh = { runbook };
      parts.set(key, fresh);
      sectionDigests.set(runbook, () => digestOf(fresh));
      sections.push(runbook);
    },
  );
  return sections;
}

/**
 * Build the parts of `planned` a few at a time (PARTS_AT_ONCE), in order: for those of a batch not kept, `rowsOf` makes
 * their runs objects and `prefetch` reads what their sections show from the journal; then `each` is told every part
 * of the batch, with its runs when it is not kept. A batch's runs are let go of before the next ones are made, so a
 * full build never holds every run as an object at once (500,000 of them held 250 MiB more at the peak, each MiB
 * touched for the first time paid for); with the run cache read in parts, a batch's rows are read together.
 */
async function inBatches<P extends { id: string; part: unknown }, R>(
  planned: readonly P[],
  rowsOf: (p: P) => R,
  prefetch: (rows: R[]) => Promise<void>,
  each: (p: P, rows: R | undefined) => void,
): Promise<void> {
  for (let at = 0; at < planned.length; at += PARTS_AT_ONCE) {
    const batch = planned.slice(at, at + PARTS_AT_ONCE);
    const rows = new Map(batch.filter((p) => p.part === undefined).map((p) => [p, rowsOf(p)]));
    await prefetch([...rows.values()]);
    for (const p of batch) each(p, rows.get(p));
  }
}

/**
 * The key of what an action's runs give besides its section, its run findings and overview (ActionPart.runs): the
 * context (the role events and invalid entries up to the period's end, how people are named, the streak and server
 * rules), the action, its runs' fingerprint (their content, users, pinned commits and the commits in force when they
 * started), whether it has history, and of its events those the tag timeline reads up to its latest run's commit in
 * force (find-run-findings.ts judges each run by the roles and tags then). A commit after its runs changes none of it.
 */
function runsKey(
  context: string,
  id: string,
  fingerprint: unknown,
  ctx: ModelContext,
  rows: readonly { point: number }[],
): string {
  let latest = -1;
  for (const row of rows) latest = Math.max(latest, row.point);
  const tags: unknown[] = [];
  for (const e of ctx.eventsById.get(`action:${id}`) ?? []) {
    const at = ctx.pit.indexOf(e.commit);
    if (at >= 0 && at <= latest)
      tags.push([at, e.action, e.audited_changes.tags ?? null, e.audited_changes['/tags'] ?? null]);
  }
  return partKey(['runs', context, id, fingerprint, ctx.knownActions.has(id), tags]);
}

/** How many parts are built at once (inBatches). */
const PARTS_AT_ONCE = 16;

/**
 * A runbook's events up to the end and those of the period, for its key: the period's are among the others (the same
 * objects), so they enter as their places there instead of a second copy of each (40 KB a runbook at 8,000 events);
 * one that is not (never, as the context is built) enters whole.
 */
function periodEvents(all: readonly object[], inPeriod: readonly object[]): [readonly object[], unknown[]] {
  const place = new Map(all.map((e, i) => [e, i]));
  return [all, inPeriod.map((e) => place.get(e) ?? e)];
}

function digestOf(part: object): string | undefined {
  const kept = keptPartDigest(part);
  return kept && `part ${kept}`;
}

/**
 * The findings about changes and the period's changes per author and role: judged from the history alone (events,
 * commits, role files) and the way people are named, so kept between reports (model-parts.ts, HistoryPart); after a
 * commit only the commits after the kept ones are judged (judge-changes.ts).
 */
function judgeChanges(input: ReportInput, ctx: ModelContext, parts: ModelParts, collector: FindingCollector) {
  const { part, kept, delta } = judgeHistory(input, ctx, parts.keptHistory());
  parts.useHistory(part, kept, delta);
  collector.merge(part.findings);
  return part.activity;
}

/**
 * What fixes the point in time of an owner's runs: a run's point is the last commit whose (monotonic) time is at or
 * before its start, so runs up to `maxStarted` see the commits up to the first one after it and no further. Their
 * digest (commits and times) is the part of the branch an owner's part depends on: a later commit leaves it alone.
 */
function derivation(input: ReportInput) {
  const n = input.commits.length;
  const effective = new Float64Array(n);
  const prefix = new Array<string>(n + 1);
  let max = -Infinity;
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  prefix[0] = '0';
  for (let i = 0; i < n; i++) {
    const c = input.commits[i]!;
    max = Math.max(max, Date.parse(c.created_at));
    effective[i] = max;
    const text = `${c.sha}@${max}`;
    for (let k = 0; k < text.length; k++) {
      a = Math.imul(a ^ text.charCodeAt(k), 0x01000193);
      b = Math.imul(b ^ text.charCodeAt(k), 0x5bd1e995);
    }
    prefix[i + 1] = `${i + 1}:${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
  }
  return {
    points(maxStarted: number): string {
      // The commits at or before maxStarted: the points of runs up to then are theirs alone.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (effective[mid]! <= maxStarted) lo = mid + 1;
        else hi = mid;
      }
      return prefix[lo]!;
    },
  };
}
