import type { PurgeGap } from '../../state/retention-state.js';
import type { ChainHead } from '../types.js';

/**
 * Phase "checkpoints": the retention purges. The records of a gap are gone by design; the chain resumes from the
 * checkpoint hash at its `through_seq`.
 */
export class Checkpoints {
  readonly sorted: PurgeGap[];

  constructor(gaps: readonly PurgeGap[]) {
    this.sorted = [...gaps].sort((a, b) => a.from_seq - b.from_seq);
  }

  /** The gap covering seq `s`, if any. */
  at(s: number): PurgeGap | undefined {
    return this.sorted.find((g) => s >= g.from_seq && s <= g.through_seq);
  }

  /** The head when every record was purged: the last checkpoint. */
  base(): ChainHead | null {
    const last = this.sorted.at(-1);
    return last ? { seq: last.through_seq, hash: last.last_hash } : null;
  }
}
