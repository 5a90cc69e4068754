import type { Rollup } from '../executions/types.js';
import { openState } from '../state/open-state.js';
import { RETENTION_COLLECTION, emptyRetention, type RollupAccumulator } from '../state/retention-state.js';

/**
 * The retention rollups of a data dir (`retention.json` in state), as the `Rollup` port type: the monthly summaries a
 * purge keeps of the executions it removed. Durations are kept as a log histogram (bucket b ≈ 1.02^b − 1 ms), so the
 * percentiles are accurate to about 2%.
 */
export async function readRollups(dataDir: string): Promise<Rollup[]> {
  const data = await openState(dataDir).read(RETENTION_COLLECTION, emptyRetention);
  return Object.values(data.rollups ?? {})
    .map(toRollup)
    .sort((a, b) =>
      a.action_id === b.action_id ? (a.month < b.month ? -1 : 1) : a.action_id < b.action_id ? -1 : 1,
    );
}

/** One accumulator as a Rollup, with nearest-rank p50/p95 read from its duration histogram. */
export function toRollup(acc: RollupAccumulator): Rollup {
  const buckets = Object.entries(acc.durations ?? {})
    .map(([b, n]) => [Number(b), n] as const)
    .filter(([b, n]) => Number.isFinite(b) && n > 0)
    .sort(([a], [b]) => a - b);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  const at = (q: number): number | null => {
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const [b, n] of buckets) {
      seen += n;
      if (seen >= rank) return Math.round(1.02 ** b - 1);
    }
    return null;
  };
  return {
    action_id: acc.action_id,
    month: acc.month,
    counts: { ...acc.counts },
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    users: [...acc.users].sort(),
    targets: [...acc.targets].sort(),
  };
}
