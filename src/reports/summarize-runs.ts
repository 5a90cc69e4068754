import type { ExecutionStatus } from '../executions/types.js';
import type { RateSummary, WeekCount } from './report-model.js';

export type Outcome = 'succeeded' | 'failed' | 'other';

/** How a run counts in rates: timed-out runs fail; cancelled, denied and running ones count apart. */
export function outcomeOf(status: ExecutionStatus | string): Outcome {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'timed_out') return 'failed';
  return 'other';
}

/** The nearest-rank percentile of ascending `sorted` (q in 0..1), or null when empty. */
export function percentile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** The finite durations of `rows`, ascending (a kept part's share of the overview's percentiles). */
export function sortedDurations(rows: readonly { duration: number | null }[]): Float64Array {
  const durations: number[] = [];
  for (const r of rows) if (r.duration !== null && Number.isFinite(r.duration)) durations.push(r.duration);
  return Float64Array.from(durations).sort();
}

/** Counts and duration percentiles of a set of runs, folded one run at a time. */
export class RateAccumulator {
  runs = 0;
  succeeded = 0;
  failed = 0;
  other = 0;
  private durations = new Float64Array(16);
  private length = 0;
  /** Durations added as ascending lists (kept parts): read where they are, not copied (percentileOfSorted). */
  private sorted: ArrayLike<number>[] = [];

  add(status: string, durationMs: number | null): void {
    this.runs += 1;
    this[outcomeOf(status)] += 1;
    if (durationMs !== null && Number.isFinite(durationMs)) this.push(durationMs);
  }

  /**
   * Add runs already counted elsewhere (a kept part of the model): their counts and finite durations, ascending (as
   * sortedDurations gives them; a list that is not is copied and selected from like the others).
   */
  addCounted(
    counts: Pick<RateSummary, 'runs' | 'succeeded' | 'failed' | 'other'>,
    durations: ArrayLike<number>,
  ): void {
    this.runs += counts.runs;
    this.succeeded += counts.succeeded;
    this.failed += counts.failed;
    this.other += counts.other;
    if (durations.length > 0) this.sorted.push(durations);
  }

  summary(): RateSummary {
    const finished = this.succeeded + this.failed;
    const counts = {
      runs: this.runs,
      succeeded: this.succeeded,
      failed: this.failed,
      other: this.other,
      success_rate: finished === 0 ? null : this.succeeded / finished,
    };
    // The overview's 500,000 durations are 150 ascending lists: ranks selected across them where they are, not
    // copied into one array (8 MB of fresh memory with its doubling) and selected there.
    if (this.length === 0 && this.sorted.every(isAscending))
      return {
        ...counts,
        p50_ms: percentileOfSorted(this.sorted, 0.5),
        p95_ms: percentileOfSorted(this.sorted, 0.95),
      };
    for (const list of this.sorted) {
      this.reserve(list.length);
      this.durations.set(list, this.length);
      this.length += list.length;
    }
    this.sorted = [];
    // Two ranks of the durations, selected in place (the overview of a million runs sorted none of them).
    const values = this.durations.subarray(0, this.length);
    return { ...counts, p50_ms: percentileOf(values, 0.5), p95_ms: percentileOf(values, 0.95) };
  }

  private push(value: number): void {
    this.reserve(1);
    this.durations[this.length++] = value;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.durations.length) return;
    const grown = new Float64Array(Math.max(this.length + more, this.durations.length * 2));
    grown.set(this.durations.subarray(0, this.length));
    this.durations = grown;
  }
}

/**
 * The nearest-rank percentile of `values` (finite, in any order; q in 0..1), or null when empty: percentile() of them
 * sorted, found by selection (Hoare's quickselect, median-of-three pivots) which reorders `values` in place.
 */
export function percentileOf(values: Float64Array, q: number): number | null {
  if (values.length === 0) return null;
  const k = Math.min(Math.max(1, Math.ceil(q * values.length)), values.length) - 1;
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * The nearest-rank percentile of the values of ascending `lists` taken together (q in 0..1), or null when they hold
 * none: percentileOf() of their concatenation, found where they are. Each step takes the middle of the widest list's
 * candidates as a pivot and counts the values below and up to it in every list by bisection; the rank then lies below
 * the pivot, at it, or above it, and at least half of that list's candidates go.
 */
export function percentileOfSorted(lists: readonly ArrayLike<number>[], q: number): number | null {
  let total = 0;
  for (const list of lists) total += list.length;
  if (total === 0) return null;
  const rank = Math.min(Math.max(1, Math.ceil(q * total)), total);
  const lo = lists.map(() => 0);
  const hi = lists.map((list) => list.length);
  for (;;) {
    let widest = -1;
    for (let j = 0; j < lists.length; j++)
      if (hi[j]! > lo[j]! && (widest < 0 || hi[j]! - lo[j]! > hi[widest]! - lo[widest]!)) widest = j;
    // The rank is always among the candidates (a pivot below it or above it leaves it in its range).
    if (widest < 0) throw new Error('percentileOfSorted: lists not ascending');
    const pivot = lists[widest]![(lo[widest]! + hi[widest]!) >>> 1]!;
    let below = 0;
    let upTo = 0;
    const belows = lists.map((list) => {
      const b = bound(list, pivot, false);
      below += b;
      return b;
    });
    const upTos = lists.map((list) => {
      const u = bound(list, pivot, true);
      upTo += u;
      return u;
    });
    if (below >= rank) for (let j = 0; j < lists.length; j++) hi[j] = Math.min(hi[j]!, belows[j]!);
    else if (upTo >= rank) return pivot;
    else for (let j = 0; j < lists.length; j++) lo[j] = Math.max(lo[j]!, upTos[j]!);
  }
}

/** How many values of ascending `list` are below `v` (or up to it, with `inclusive`). */
function bound(list: ArrayLike<number>, v: number, inclusive: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < v || (inclusive && list[mid]! === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isAscending(list: ArrayLike<number>): boolean {
  for (let i = 1; i < list.length; i++) if (!(list[i - 1]! <= list[i]!)) return false;
  return true;
}

/** The ISO 8601 week of a UTC instant, e.g. `2026-W02`. */
export function isoWeek(ms: number): string {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday 00:00 UTC starting the ISO week of `ms`. */
export function weekStart(ms: number): number {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}

/** Every ISO week from the one holding `fromMs` to the one holding `toMs`, in order. */
export function weeksBetween(fromMs: number, toMs: number): string[] {
  const weeks: string[] = [];
  for (let t = weekStart(fromMs); t <= toMs; t += 7 * 86_400_000) weeks.push(isoWeek(t));
  return weeks;
}

const DAY = 86_400_000;
const weekLabels = new Map<number, string>();

/** The number of the Monday-based week holding `ms`, counted from the epoch (1970-01-01 was a Thursday). */
function weekNumber(ms: number): number {
  return Math.floor((Math.floor(ms / DAY) + 3) / 7);
}

/** Fold runs into per-week counts over the given weeks (weeks without runs are zero). */
export class WeeklyAccumulator {
  private counts = new Map<number, WeekCount>();

  add(ms: number, status: string): void {
    const n = weekNumber(ms);
    let c = this.counts.get(n);
    if (!c) {
      let week = weekLabels.get(n);
      if (week === undefined) weekLabels.set(n, (week = isoWeek(ms)));
      this.counts.set(n, (c = { week, succeeded: 0, failed: 0, other: 0 }));
    }
    c[outcomeOf(status)] += 1;
  }

  over(weeks: readonly string[]): WeekCount[] {
    const byLabel = new Map([...this.counts.values()].map((c) => [c.week, c]));
    return weeks.map((week) => byLabel.get(week) ?? { week, succeeded: 0, failed: 0, other: 0 });
  }
}
