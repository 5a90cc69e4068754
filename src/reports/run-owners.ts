import { ScheduleTallies } from './build-schedule-adherence.js';
import type { RunBlock } from './run-block.js';
import type { RunRef, RunView } from './run-view.js';

/**
 * What a runs belong to in the model: `action:<id>` for an action's runs (its own and its runbook steps', and its
 * firings that did not run), `runbook:<id>` for a runbook's runs and the step executions of them.
 */
export type OwnerKey = string;

/** One owner's runs of the period: where they are, and what its part key is made of (ownerFingerprint). */
export interface OwnerRuns {
  refs: RunRef[];
  /** The runs its section counts: all but firings that did not run (missed, skipped). */
  counted: number;
  /** Three 32-bit lanes over each run's seq, runbook link and planned time (summed and xored: order-free). */
  sumA: number;
  sumB: number;
  xor: number;
  maxStarted: number;
  /** The users as stored (resolved by the model) and the commits the runs were pinned to. */
  users: Set<string>;
  commits: Set<string>;
}

/** The runs of a period per owner, and what the model counts over all of them, in one pass over the view. */
export interface ViewSummary {
  owners: Map<OwnerKey, OwnerRuns>;
  /** Per action, the start of its latest run (not denied, not a firing that did not run) up to the period's end. */
  lastRunBefore: Map<string, number>;
  /** The start of the period's first run, or null. */
  firstStarted: number | null;
  actionRuns: number;
  runbookRuns: number;
  schedules: ScheduleTallies;
  /** Missed firings and abandoned runbook runs (the firing findings). */
  firings: RunRef[];
}

/**
 * Walk every run of the view once, block rows column by column (no object made): per owner its runs and their
 * digest, and the counts, schedules and firings the model needs of every run. Same result for the same runs, however
 * they are split between the block and the objects.
 */
export function summarizeView(view: RunView, period: { since: number; until: number }): ViewSummary {
  const summary: ViewSummary = {
    owners: new Map(),
    lastRunBefore: new Map(),
    firstStarted: null,
    actionRuns: 0,
    runbookRuns: 0,
    schedules: new ScheduleTallies(),
    firings: [],
  };
  const ownerOf = (key: OwnerKey): OwnerRuns => {
    let o = summary.owners.get(key);
    if (!o)
      summary.owners.set(
        key,
        (o = {
          refs: [],
          counted: 0,
          sumA: 0,
          sumB: 0,
          xor: 0,
          maxStarted: -Infinity,
          users: new Set(),
          commits: new Set(),
        }),
      );
    return o;
  };
  const hashOf = stringHash();
  const { block } = view;
  if (block) walkBlock(view, block, period, summary, ownerOf);
  // The runs after the cache (and the relinked ones) are objects: the same counting, field by field.
  view.extra.forEach((r, k) => {
    const ref = -1 - k;
    if (r.started > period.until) return;
    const unran = r.status === 'missed' || r.status === 'skipped';
    if (r.kind === null && !unran && r.status !== 'denied') noteLastRun(summary, r.action, r.started);
    if (r.started < period.since) return;
    if (summary.firstStarted === null || r.started < summary.firstStarted) summary.firstStarted = r.started;
    summary.schedules.add(r.kind, r.action, r.trigger, r.status, r.started, r.planned, r.missed);
    if (r.status === 'missed' || (r.kind === 'runbook_run' && r.status === 'abandoned'))
      summary.firings.push(ref);
    const h = runHash(r.seq, r.runbook === null ? -1 : hashOf(r.runbook.id), r.planned);
    const count = (o: OwnerRuns) => {
      countRun(o, ref, !unran, h, r.started);
      o.users.add(r.user);
      if (r.commit !== null) o.commits.add(r.commit);
    };
    if (r.kind === 'runbook_run') {
      if (!unran) summary.runbookRuns += 1;
      count(ownerOf(`runbook:${r.action}`));
      return;
    }
    if (!unran) summary.actionRuns += 1;
    count(ownerOf(`action:${r.action}`));
    if (r.runbook !== null && !unran) count(ownerOf(`runbook:${r.runbook.id}`));
  });
  return summary;
}

/**
 * The block's rows, column by column: every string compared and hashed once per distinct value (by its reference),
 * no object and no string made per row.
 */
function walkBlock(
  view: RunView,
  block: RunBlock,
  period: { since: number; until: number },
  summary: ViewSummary,
  ownerOf: (key: OwnerKey) => OwnerRuns,
): void {
  const { strings } = block;
  const refCount = strings.length;
  const flagOf = (test: (s: string) => boolean) => Uint8Array.from(strings, (s) => (test(s) ? 1 : 0));
  const unranRef = flagOf((s) => s === 'missed' || s === 'skipped');
  const deniedRef = flagOf((s) => s === 'denied');
  const missedRef = flagOf((s) => s === 'missed');
  const abandonedRef = flagOf((s) => s === 'abandoned');
  const runbookRunRef = flagOf((s) => s === 'runbook_run');
  const hashOfRef = new Int32Array(refCount);
  for (let i = 0; i < refCount; i++) hashOfRef[i] = fnv(strings[i]!);
  const actionOwners = new Array<OwnerRuns | undefined>(refCount);
  const runbookOwners = new Array<OwnerRuns | undefined>(refCount);
  const usersOf = new Map<OwnerRuns, Set<number>>();
  const commitsOf = new Map<OwnerRuns, Set<number>>();
  const refsOf = (o: OwnerRuns, map: Map<OwnerRuns, Set<number>>) => {
    let set = map.get(o);
    if (!set) map.set(o, (set = new Set()));
    return set;
  };
  for (let i = 0; i < block.count; i++) {
    if (!view.live(i)) continue;
    const started = block.started(i);
    if (started > period.until) break;
    const status = block.ref('status', i);
    const kindRef = block.ref('kind', i);
    const isRunbookRun = kindRef !== -1 && runbookRunRef[kindRef] === 1;
    const unran = unranRef[status] === 1;
    const action = block.ref('action', i);
    if (!isRunbookRun && !unran && deniedRef[status] === 0) noteLastRun(summary, strings[action]!, started);
    if (started < period.since) continue;
    if (summary.firstStarted === null || started < summary.firstStarted) summary.firstStarted = started;
    const planned = block.planned(i);
    if (planned !== null)
      summary.schedules.add(
        isRunbookRun ? 'runbook_run' : null,
        strings[action]!,
        strings[block.ref('trigger', i)]!,
        strings[status]!,
        started,
        planned,
        block.missed(i),
      );
    if (missedRef[status] === 1 || (isRunbookRun && abandonedRef[status] === 1)) summary.firings.push(i);
    const runbook = block.ref('runbook', i);
    const h = runHash(block.seq(i), runbook === -1 ? -1 : hashOfRef[runbook]!, planned);
    const user = block.ref('user', i);
    const commit = block.ref('commit', i);
    let o: OwnerRuns;
    if (isRunbookRun) {
      if (!unran) summary.runbookRuns += 1;
      o = runbookOwners[action] ??= ownerOf(`runbook:${strings[action]!}`);
    } else {
      if (!unran) summary.actionRuns += 1;
      o = actionOwners[action] ??= ownerOf(`action:${strings[action]!}`);
      if (runbook !== -1 && !unran) {
        const r = (runbookOwners[runbook] ??= ownerOf(`runbook:${strings[runbook]!}`));
        countRun(r, i, true, h, started);
        refsOf(r, usersOf).add(user);
        if (commit !== -1) refsOf(r, commitsOf).add(commit);
      }
    }
    countRun(o, i, !unran, h, started);
    refsOf(o, usersOf).add(user);
    if (commit !== -1) refsOf(o, commitsOf).add(commit);
  }
  for (const [o, refs] of usersOf) for (const r of refs) o.users.add(strings[r]!);
  for (const [o, refs] of commitsOf) for (const r of refs) o.commits.add(strings[r]!);
}

function noteLastRun(summary: ViewSummary, action: string, started: number): void {
  const last = summary.lastRunBefore.get(action);
  if (last === undefined || last < started) summary.lastRunBefore.set(action, started);
}

/** One run's share of its owner's digest: its seq, runbook link and planned time, mixed. */
function runHash(seq: number, runbook: number, planned: number | null): number {
  let h = mix(0x811c9dc5, seq | 0);
  h = mix(h, Math.floor(seq / 2 ** 32));
  h = mix(h, runbook);
  h = mix(h, planned === null ? -1 : planned % 2 ** 31);
  return mix(h, planned === null ? -1 : Math.floor(planned / 2 ** 31));
}

function countRun(o: OwnerRuns, ref: RunRef, counted: boolean, h: number, started: number): void {
  o.refs.push(ref);
  if (counted) o.counted += 1;
  const b = Math.imul(h ^ (h >>> 15), 0x5bd1e995);
  o.sumA = (o.sumA + h) | 0;
  o.sumB = (o.sumB + b) | 0;
  o.xor ^= h;
  if (started > o.maxStarted) o.maxStarted = started;
}

function mix(h: number, n: number): number {
  return Math.imul(h ^ n, 0x01000193);
}

/** FNV-1a of a string, memoized (the runs' strings repeat). */
function stringHash(): (s: string) => number {
  const memo = new Map<string, number>();
  return (s) => {
    let h = memo.get(s);
    if (h === undefined) memo.set(s, (h = fnv(s)));
    return h;
  };
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
