import type { RetentionConfig } from '../config/load-config.js';
import type { PurgeGap, RollupAccumulator } from '../state/retention-state.js';
import type { ExecutionRecord, ExecutionStatus, Rollup } from './types.js';

/** What retention needs to know of one execution: its latest state and where its records are. */
export interface ExecutionFacts {
  latest: ExecutionRecord;
  /** seq of every record of the execution. */
  seqs: number[];
}

/** Statuses kept `failed_days` (when set): failures and runs that never finished are what audits ask about. */
const LONGER: readonly ExecutionStatus[] = ['failed', 'timed_out', 'denied', 'running', 'abandoned'];

/** Days an execution is kept under the policy, or null when the policy keeps it forever. */
export function retentionDays(policy: RetentionConfig, latest: ExecutionRecord): number | null {
  const perAction = policy.actions?.[latest.action_id];
  if (perAction !== undefined) return perAction;
  if (LONGER.includes(latest.status) && policy.failed_days !== undefined) return policy.failed_days;
  return policy.default_days ?? null;
}

export interface RetentionPlan {
  /** Executions to purge (every record of each). */
  expired: ExecutionFacts[];
  /** The seqs to remove from the journal files, ascending. */
  purgeSeqs: number[];
}

/**
 * Pure: which executions have outlived the policy at `now` (age counted from finished_at, else started_at). The
 * execution holding the chain head is always kept, so appends keep chaining to a record that is still there.
 */
export function planRetention(
  executions: readonly ExecutionFacts[],
  policy: RetentionConfig,
  now: Date,
  headSeq: number | null,
): RetentionPlan {
  const expired = executions.filter((e) => {
    if (headSeq !== null && e.seqs.includes(headSeq)) return false;
    const days = retentionDays(policy, e.latest);
    if (days === null) return false;
    const at = Date.parse(e.latest.finished_at ?? e.latest.started_at);
    return now.getTime() - at > days * 86_400_000;
  });
  const purgeSeqs = expired.flatMap((e) => e.seqs).sort((a, b) => a - b);
  return { expired, purgeSeqs };
}

/**
 * Pure: the gaps after purging `purgeSeqs` (given the hash of each purged record), merged with the existing gaps
 * where they touch, so the list stays short: a run of purged seqs ending in `through_seq` is bridged by the hash of
 * its last record.
 */
export function mergeGaps(
  existing: readonly PurgeGap[],
  purgeSeqs: readonly number[],
  hashOf: (seq: number) => string,
  at: { purged_at: string; reason: string },
): PurgeGap[] {
  const runs: PurgeGap[] = [];
  for (const seq of purgeSeqs) {
    const last = runs.at(-1);
    if (last && seq === last.through_seq + 1) {
      last.through_seq = seq;
      last.last_hash = hashOf(seq);
      last.records++;
    } else {
      runs.push({ from_seq: seq, through_seq: seq, last_hash: hashOf(seq), ...at, records: 1 });
    }
  }
  const all = [...existing.map((g) => ({ ...g })), ...runs].sort((a, b) => a.from_seq - b.from_seq);
  const merged: PurgeGap[] = [];
  for (const g of all) {
    const last = merged.at(-1);
    if (last && g.from_seq <= last.through_seq + 1) {
      if (g.through_seq > last.through_seq) {
        last.through_seq = g.through_seq;
        last.last_hash = g.last_hash;
        last.purged_at = g.purged_at;
      }
      last.records += g.records;
    } else {
      merged.push(g);
    }
  }
  return merged;
}

const BUCKET = Math.log(1.02);
const bucketOf = (ms: number): number => Math.floor(Math.log(ms + 1) / BUCKET);
const valueOf = (bucket: number): number => Math.round(Math.exp((bucket + 0.5) * BUCKET) - 1);

/** Pure: fold purged executions into the per-action monthly rollups (mutates and returns `rollups`). */
export function foldRollups(
  rollups: Record<string, RollupAccumulator>,
  executions: readonly ExecutionRecord[],
): Record<string, RollupAccumulator> {
  for (const r of executions) {
    const month = r.started_at.slice(0, 7);
    const key = `${r.action_id}|${month}`;
    const acc = (rollups[key] ??= {
      action_id: r.action_id,
      month,
      counts: {},
      durations: {},
      users: [],
      targets: [],
    });
    acc.counts[r.status] = (acc.counts[r.status] ?? 0) + 1;
    if (r.duration_ms !== null) {
      const b = String(bucketOf(r.duration_ms));
      acc.durations[b] = (acc.durations[b] ?? 0) + 1;
    }
    if (!acc.users.includes(r.initiator.user)) acc.users.push(r.initiator.user);
    for (const t of r.targets) if (!acc.targets.includes(t)) acc.targets.push(t);
  }
  return rollups;
}

/** Pure: the rollups as reports read them (p50/p95 from the 2% histogram, lists sorted), by action then month. */
export function finishRollups(rollups: Readonly<Record<string, RollupAccumulator>>): Rollup[] {
  const quantile = (durations: Record<string, number>, q: number): number | null => {
    const buckets = Object.entries(durations)
      .map(([b, n]) => [Number(b), n] as const)
      .sort((a, b) => a[0] - b[0]);
    const total = buckets.reduce((n, [, c]) => n + c, 0);
    if (total === 0) return null;
    let seen = 0;
    for (const [b, n] of buckets) {
      seen += n;
      if (seen >= q * total) return valueOf(b);
    }
    return valueOf(buckets.at(-1)![0]);
  };
  return Object.values(rollups)
    .map((a) => ({
      action_id: a.action_id,
      month: a.month,
      counts: a.counts,
      p50_ms: quantile(a.durations, 0.5),
      p95_ms: quantile(a.durations, 0.95),
      users: [...a.users].sort(),
      targets: [...a.targets].sort(),
    }))
    .sort((x, y) =>
      x.action_id < y.action_id ? -1 : x.action_id > y.action_id ? 1 : x.month < y.month ? -1 : 1,
    );
}
