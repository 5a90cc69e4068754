/** A point of the hash chain: the journal's `ChainHead` (state sits below the journal and cannot import it). */
interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * What a retention purge leaves behind in state (`retention.json`): the documented gaps in the chain, each with the
 * hash of its last purged record (the checkpoint the next kept record chains to), and per-action monthly rollups of
 * the purged executions so reports still show the history.
 */
export interface PurgeGap {
  /** First and last seq of a run of purged records. */
  from_seq: number;
  through_seq: number;
  /** Hash of the record at `through_seq`: the `prev_hash` of the record after the gap. */
  last_hash: string;
  purged_at: string;
  reason: string;
  records: number;
}

/** A rollup being accumulated: durations as a log histogram (2% buckets) so purges can be merged. */
export interface RollupAccumulator {
  action_id: string;
  month: string;
  /** Runs per status (an execution status: `succeeded`, `failed`, …). */
  counts: Partial<Record<string, number>>;
  /** Bucket number → count; bucket b holds durations near 1.02^b − 1 ms. */
  durations: Record<string, number>;
  users: string[];
  targets: string[];
}

export interface RetentionData {
  gaps: PurgeGap[];
  /** Keyed `<action_id>|<YYYY-MM>`. */
  rollups: Record<string, RollupAccumulator>;
}

export const RETENTION_COLLECTION = 'retention';
export const emptyRetention = (): RetentionData => ({ gaps: [], rollups: {} });

/** The checkpoint a journal whose every record was purged continues from (null: none purged). */
export function chainBase(data: RetentionData): ChainHead | null {
  let best: PurgeGap | null = null;
  for (const g of data.gaps) if (!best || g.through_seq > best.through_seq) best = g;
  return best ? { seq: best.through_seq, hash: best.last_hash } : null;
}
