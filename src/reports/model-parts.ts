import { createHash } from 'node:crypto';
import type { ChangeTally, PartOverview } from './part-shapes.js';

export type { PartOverview } from './part-shapes.js';
import type { RunRow } from './collect-runs.js';
import type { CollectedFindings } from './finding-catalog.js';
import type { ActionReport } from './report-model.js';

/**
 * One action's part of the report model: its page section and its run findings. Built from that action's runs and
 * definitions alone, so it is kept between reports under a key of exactly those inputs (partKey).
 */
export interface ActionPart {
  report: Omit<ActionReport, 'findings'>;
  findings: CollectedFindings;
  overview: PartOverview;
}

/**
 * The findings about changes (unauthorized, unreleased without four eyes, unapproved or stale approvals): built from
 * the audit events, the commits and the role files alone, no run. Kept under a key of those inputs, so a report after
 * new runs merges them instead of judging every change again.
 */
export interface HistoryPart {
  key: string;
  findings: CollectedFindings;
  /** The period's changes per author and per role held (the users and roles pages' change columns). */
  activity: ChangeTally;
}

/**
 * The parts of the last report's model by key. `get` and `set` are what the model builder uses; `used` is what a
 * report read or built this time (what is written back: parts of a past model are dropped).
 */
export class ModelParts {
  private readonly used = new Map<string, ActionPart>();
  hits = 0;
  misses = 0;
  /** The change findings this report used (kept or built), under their key; whether they were kept. */
  private history: HistoryPart | null = null;
  historyKept = false;

  constructor(
    private readonly previous: ReadonlyMap<string, ActionPart> = new Map(),
    private readonly previousHistory: HistoryPart | null = null,
  ) {}

  /** The findings about changes (authors, approvals) and their tally kept under `key`, if the last report's are those. */
  getHistory(key: string): HistoryPart | undefined {
    if (this.previousHistory?.key !== key) return undefined;
    this.history = this.previousHistory;
    this.historyKept = true;
    return this.history;
  }

  setHistory(part: HistoryPart): void {
    this.history = part;
    this.historyKept = false;
  }

  usedHistory(): HistoryPart | null {
    return this.history;
  }

  get(key: string): ActionPart | undefined {
    const part = this.used.get(key) ?? this.previous.get(key);
    if (part) {
      this.hits += 1;
      this.used.set(key, part);
    }
    return part;
  }

  set(key: string, part: ActionPart): void {
    this.misses += 1;
    this.used.set(key, part);
    this.built.add(key);
  }

  /** Whether the part under `key` was built by this report (not read back). */
  isNew(key: string): boolean {
    return this.built.has(key);
  }

  private readonly built = new Set<string>();

  /** Whether writing back would change the file: a part built, or one of the last report's no longer used. */
  changed(): boolean {
    return (
      this.misses > 0 ||
      this.used.size !== this.previous.size ||
      this.history?.key !== this.previousHistory?.key
    );
  }

  entries(): [string, ActionPart][] {
    return [...this.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/**
 * A digest of one action's runs as the model reads them. A run's fields are those of its journal record with seq
 * `seq` (records are immutable while the run cache's checkpoint holds), except what the report adds: the user as the
 * vault resolves it, the commit in force when it started, whether its pinned commit is on the branch, its runbook
 * (linked once the runbook run's record is read) and planned time. Two 32-bit lanes plus count and seq sum.
 */
export function fingerprintRuns(
  rows: readonly RunRow[],
  onBranch: (commit: string) => number,
  hashOf: (s: string) => number,
): string {
  // Two multiply-xor lanes over eight numbers a run, written out (a closure over the lanes ran 3× slower).
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ rows.length;
  let seqSum = 0;
  const values = new Int32Array(8);
  for (const r of rows) {
    seqSum += r.seq;
    values[0] = r.seq;
    values[1] = Math.floor(r.seq / 2 ** 32);
    values[2] = r.point;
    values[3] = hashOf(r.user);
    values[4] = r.commit === null ? -2 : onBranch(r.commit);
    values[5] = r.runbook === null ? -1 : hashOf(r.runbook.id);
    values[6] = r.planned === null ? -1 : r.planned % 2 ** 31;
    values[7] = r.planned === null ? -1 : Math.floor(r.planned / 2 ** 31);
    for (let i = 0; i < 8; i++) {
      const n = values[i]!;
      a = Math.imul(a ^ n, 0x01000193);
      b = Math.imul(b ^ n, 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  return `${rows.length}:${seqSum}:${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
}

/** A memoizing string hash (FNV-1a) for fingerprintRuns: the rows' strings are interned, so each is hashed once. */
export function createStringHash(): (s: string) => number {
  const memo = new Map<string, number>();
  return (s) => {
    let h = memo.get(s);
    if (h === undefined) {
      h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      memo.set(s, h);
    }
    return h;
  };
}

/** The key of a part: a sha256 of everything it is built from (the caller lists them). */
export function partKey(inputs: unknown): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}
