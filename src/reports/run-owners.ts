import { ScheduleTallies, type Tally } from './build-schedule-adherence.js';
import { flagStrings, Num, Ref, type RunBlock } from './run-block.js';
import type { RunRef, RunView } from './run-view.js';

/**
 * What a runs belong to in the model: `action:<id>` for an action's runs (its own and its runbook steps', and its
 * firings that did not run), `runbook:<id>` for a runbook's runs and the step executions of them.
 */
export type OwnerKey = string;

/** One owner's runs of the period: where they are, and what its part key is made of (ownerFingerprint). */
export interface OwnerRuns {
  /** How many runs it has (refsOf lists them). */
  size: number;
  /** Its runs among the view's objects; those of the block are found by refsOf. */
  extraRefs: RunRef[];
  /** Its number among the block's owners (-1: none of its runs is a block row). */
  number: number;
  /** The runs its section counts: all but firings that did not run (missed, skipped). */
  counted: number;
  /** Three 32-bit lanes over each run's seq, runbook link and planned time (summed and xored: order-free). */
  sumA: number;
  sumB: number;
  xor: number;
  maxStarted: number;
  /** The users as stored (resolved by the model). */
  users: Set<string>;
  /**
   * The commits its runs were pinned to: those of its block rows as references into the block's strings (each once),
   * and those of its objects (a commit may be in both). commitsOf() joins them; a kept summary's references are used
   * as they are (an owner has thousands).
   */
  blockCommits: Refs;
  commits: Set<string>;
}

/** References into the block's strings: a list, or 32-bit integers read from a kept summary (summary-store.ts). */
export type Refs = ArrayLike<number> & Iterable<number>;

/** Every commit an owner's runs were pinned to, once each (`strings`: the block's). */
export function commitsOf(o: OwnerRuns, strings: readonly string[]): Set<string> {
  const all = new Set(o.commits);
  for (const ref of o.blockCommits) all.add(strings[ref]!);
  return all;
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
  /** Where an owner's runs are, in view order (block rows first). */
  refsOf(o: OwnerRuns): RunRef[];
  /** The block's share of this summary when it was walked here (none replaced or relinked): what is kept. */
  block?: BlockSummary;
}

/**
 * What the walk of a run cache block gives for one period, before the runs after the cache are counted: kept between
 * reports under the cache's checksum and the period (summary-store.ts), so a report after one new run does not walk
 * the block again. Plain data; `restoreBlock` copies it.
 */
export interface BlockSummary {
  owners: [
    OwnerKey,
    /** Users and commits as indexes into the block's strings. */
    Omit<OwnerRuns, 'extraRefs' | 'users' | 'blockCommits' | 'commits'> & {
      users: number[];
      commits: Refs;
    },
  ][];
  lastRunBefore: [string, number][];
  firstStarted: number | null;
  actionRuns: number;
  runbookRuns: number;
  schedules: [string, Tally][];
  firings: number[];
  /** Per block row, the number of its owner and of its runbook's owner (-1: none). */
  rowOwner: Int32Array;
  rowRunbook: Int32Array;
}

/**
 * Walk every run of the view once, block rows column by column (no object made): per owner its runs and their
 * digest, and the counts, schedules and firings the model needs of every run. Same result for the same runs, however
 * they are split between the block and the objects.
 */
export function summarizeView(
  view: RunView,
  period: { since: number; until: number },
  kept: BlockSummary | null = null,
): ViewSummary {
  const summary: ViewSummary = {
    owners: new Map(),
    lastRunBefore: new Map(),
    firstStarted: null,
    actionRuns: 0,
    runbookRuns: 0,
    schedules: new ScheduleTallies(),
    firings: [],
    refsOf: (o) => o.extraRefs,
  };
  const ownerOf = (key: OwnerKey): OwnerRuns => {
    let o = summary.owners.get(key);
    if (!o)
      summary.owners.set(
        key,
        (o = {
          size: 0,
          extraRefs: [],
          number: -1,
          counted: 0,
          sumA: 0,
          sumB: 0,
          xor: 0,
          maxStarted: -Infinity,
          users: new Set(),
          blockCommits: [],
          commits: new Set(),
        }),
      );
    return o;
  };
  const hashOf = stringHash();
  const { block } = view;
  // The block's share is the same for every report of the same cache and period: kept (summary-store.ts) unless
  // later records replaced or relinked one of its rows.
  if (block && kept && kept.rowOwner.length === block.count && !view.hasDeadRows())
    restoreBlock(kept, block.strings, summary);
  else if (block) {
    const rows = walkBlock(view, block, period, summary, ownerOf);
    if (!view.hasDeadRows()) summary.block = captureBlock(summary, rows);
  }
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
      countRun(o, !unran, h, r.started);
      o.extraRefs.push(ref);
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
 * no object and no string made per row. Returns where each row went (what a kept summary stores).
 */
function walkBlock(
  view: RunView,
  block: RunBlock,
  period: { since: number; until: number },
  summary: ViewSummary,
  ownerOf: (key: OwnerKey) => OwnerRuns,
): BlockRows {
  const { strings, count: n } = block;
  const { numbers, refs } = block.columns();
  const refCount = strings.length;
  const flagOf = (test: (s: string) => boolean) => flagStrings(strings, test);
  const unranRef = flagOf((s) => s === 'missed' || s === 'skipped');
  const deniedRef = flagOf((s) => s === 'denied');
  const missedRef = flagOf((s) => s === 'missed');
  const abandonedRef = flagOf((s) => s === 'abandoned');
  const runbookRunRef = flagOf((s) => s === 'runbook_run');
  const scheduleRef = flagOf((s) => s === 'schedule');
  const hashOfRef = new Int32Array(refCount);
  for (let i = 0; i < refCount; i++) hashOfRef[i] = fnv(strings[i]!);
  // Per action reference: its latest run, its schedule tallies (as an action and as a runbook).
  const lastRun = new Float64Array(refCount).fill(-Infinity);
  const tallies = new Array<Tally | undefined>(2 * refCount);
  // Owners by number (per action and per runbook reference), and which users and commits each one's runs have: a
  // set of owner × reference each.
  const owners: OwnerRuns[] = [];
  const actionNumbers = new Int32Array(refCount).fill(-1);
  const runbookNumbers = new Int32Array(refCount).fill(-1);
  const numbered = (list: Int32Array, ref: number, key: OwnerKey): number => {
    let k = list[ref]!;
    if (k === -1) {
      const o = ownerOf(key);
      list[ref] = k = o.number = owners.push(o) - 1;
    }
    return k;
  };
  // Each row's owner and, for a step, its runbook's: an owner's rows are found again only if its part is built.
  const rowOwner = new Int32Array(n).fill(-1);
  const rowRunbook = new Int32Array(n).fill(-1);
  summary.refsOf = refsIn(rowOwner, rowRunbook);
  const seenUsers = new Set<number>();
  const seenCommits = new Set<number>();
  // An owner's runs mostly repeat the user and commit of its run before: only a change is looked up.
  const lastUser: number[] = [];
  const lastCommit: number[] = [];
  const noteUser = (k: number, ref: number) => {
    if (lastUser[k] === ref) return;
    lastUser[k] = ref;
    seenUsers.add(k * refCount + ref);
  };
  const noteCommit = (k: number, ref: number) => {
    if (lastCommit[k] === ref) return;
    lastCommit[k] = ref;
    seenCommits.add(k * refCount + ref);
  };
  const SEQ = Num.Seq * n;
  const STARTED = Num.Started * n;
  const PLANNED = Num.Planned * n;
  const MISSED = Num.Missed * n;
  const ACTION = Ref.Action * n;
  const STATUS = Ref.Status * n;
  const USER = Ref.User * n;
  const TRIGGER = Ref.Trigger * n;
  const COMMIT = Ref.Commit * n;
  const RUNBOOK = Ref.RunbookId * n;
  const KIND = Ref.Kind * n;
  for (let i = 0; i < n; i++) {
    if (!view.live(i)) continue;
    const started = numbers[STARTED + i]!;
    if (started > period.until) break;
    const status = refs[STATUS + i]!;
    const kindRef = refs[KIND + i]!;
    const isRunbookRun = kindRef !== -1 && runbookRunRef[kindRef] === 1;
    const unran = unranRef[status] === 1;
    const action = refs[ACTION + i]!;
    if (!isRunbookRun && !unran && deniedRef[status] === 0 && lastRun[action]! < started)
      lastRun[action] = started;
    if (started < period.since) continue;
    if (summary.firstStarted === null || started < summary.firstStarted) summary.firstStarted = started;
    const p = numbers[PLANNED + i]!;
    const planned = Number.isNaN(p) ? null : p;
    if (planned !== null && scheduleRef[refs[TRIGGER + i]!] === 1) {
      const t = (tallies[(isRunbookRun ? refCount : 0) + action] ??= summary.schedules.tally(
        isRunbookRun ? 'runbook_run' : null,
        strings[action]!,
      ));
      const m = numbers[MISSED + i]!;
      summary.schedules.addTo(t, strings[status]!, started, planned, Number.isNaN(m) ? null : m);
    }
    if (missedRef[status] === 1 || (isRunbookRun && abandonedRef[status] === 1)) summary.firings.push(i);
    const runbook = refs[RUNBOOK + i]!;
    const h = runHash(numbers[SEQ + i]!, runbook === -1 ? -1 : hashOfRef[runbook]!, planned);
    const user = refs[USER + i]!;
    const commit = refs[COMMIT + i]!;
    let k: number;
    if (isRunbookRun) {
      if (!unran) summary.runbookRuns += 1;
      k = numbered(runbookNumbers, action, `runbook:${strings[action]!}`);
    } else {
      if (!unran) summary.actionRuns += 1;
      k = numbered(actionNumbers, action, `action:${strings[action]!}`);
      if (runbook !== -1 && !unran) {
        const r = numbered(runbookNumbers, runbook, `runbook:${strings[runbook]!}`);
        countRun(owners[r]!, true, h, started);
        rowRunbook[i] = r;
        noteUser(r, user);
        if (commit !== -1) noteCommit(r, commit);
      }
    }
    countRun(owners[k]!, !unran, h, started);
    rowOwner[i] = k;
    noteUser(k, user);
    if (commit !== -1) noteCommit(k, commit);
  }
  for (let a = 0; a < refCount; a++)
    if (lastRun[a] !== -Infinity) noteLastRun(summary, strings[a]!, lastRun[a]!);
  // Each owner's users and commits, also as references (what a kept summary stores).
  const userRefs = owners.map((): number[] => []);
  const commitRefs = owners.map((): number[] => []);
  for (const k of seenUsers) {
    const o = Math.floor(k / refCount);
    owners[o]!.users.add(strings[k % refCount]!);
    userRefs[o]!.push(k % refCount);
  }
  for (const k of seenCommits) commitRefs[Math.floor(k / refCount)]!.push(k % refCount);
  owners.forEach((o, k) => (o.blockCommits = commitRefs[k]!));
  return { rowOwner, rowRunbook, userRefs, commitRefs };
}

/** Where an owner's runs are: its block rows (found by owner number) and its objects. */
function refsIn(rowOwner: Int32Array, rowRunbook: Int32Array): (o: OwnerRuns) => RunRef[] {
  return (o) => {
    const found: RunRef[] = [];
    const n = rowOwner.length;
    if (o.number !== -1)
      for (let i = 0; i < n; i++) if (rowOwner[i] === o.number || rowRunbook[i] === o.number) found.push(i);
    return [...found, ...o.extraRefs];
  };
}

/** The row owners of a walked block, and each owner's users and commits as references (captureBlock keeps them). */
interface BlockRows {
  rowOwner: Int32Array;
  rowRunbook: Int32Array;
  userRefs: number[][];
  commitRefs: number[][];
}

/** The block's share of a summary just walked (before the objects are counted), copied. */
function captureBlock(summary: ViewSummary, rows: BlockRows): BlockSummary {
  return {
    owners: [...summary.owners].map(
      ([key, { extraRefs: _none, users: _u, blockCommits: _b, commits: _c, ...o }]) => [
        key,
        { ...o, users: rows.userRefs[o.number]!, commits: rows.commitRefs[o.number]! },
      ],
    ),
    lastRunBefore: [...summary.lastRunBefore],
    firstStarted: summary.firstStarted,
    actionRuns: summary.actionRuns,
    runbookRuns: summary.runbookRuns,
    schedules: summary.schedules.entries().map(([key, t]) => [key, { ...t, late: [...t.late] }]),
    firings: [...summary.firings],
    rowOwner: rows.rowOwner,
    rowRunbook: rows.rowRunbook,
  };
}

/** A kept block summary as the walk would have left `summary` (fresh objects: the kept one is not changed). */
function restoreBlock(kept: BlockSummary, strings: readonly string[], summary: ViewSummary): void {
  const named = (refs: readonly number[]) => new Set(refs.map((ref) => strings[ref]!));
  for (const [key, { commits, ...o }] of kept.owners)
    summary.owners.set(key, {
      ...o,
      extraRefs: [],
      users: named(o.users),
      blockCommits: commits,
      commits: new Set(),
    });
  for (const [action, started] of kept.lastRunBefore) summary.lastRunBefore.set(action, started);
  summary.firstStarted = kept.firstStarted;
  summary.actionRuns = kept.actionRuns;
  summary.runbookRuns = kept.runbookRuns;
  summary.schedules = ScheduleTallies.of(
    kept.schedules.map(([key, t]) => [key, { ...t, late: [...t.late] }]),
  );
  summary.firings = [...kept.firings];
  summary.refsOf = refsIn(kept.rowOwner, kept.rowRunbook);
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

function countRun(o: OwnerRuns, counted: boolean, h: number, started: number): void {
  o.size += 1;
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

/** FNV-1a (32 bits) of a string's UTF-16 code units. */
export function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
