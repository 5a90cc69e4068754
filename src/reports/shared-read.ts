import { scanInBatches } from '../executions/scan-batches.js';
import type { Journal } from '../executions/types.js';
import type { ScannedLines } from '../executions/verify-chain.js';
import type { EncodedRuns } from './encode-folded-runs.js';
import { foldColumnsFrom } from './fold-columns.js';
import { foldJournalParts } from './fold-journal-parts.js';

/**
 * Where a report's chain walk and its fold meet (docs/reports.md, *One read of the journal*). The walk says whether
 * it walks the whole chain (`walkWhole`: its verification cache does not hold) or not (`settled`); a fold of the
 * whole journal waits for that word, reads every line once for both, and hands the walk the lines it read. A walk
 * whose journal is not read whole (the run cache holds, or no file journal) is handed null and reads it itself.
 */
export class SharedRead {
  private wanted!: (walk: boolean) => void;
  private readonly walkWanted = new Promise<boolean>((resolve) => (this.wanted = resolve));
  private give!: (lines: ScannedLines | null) => void;
  /** Whether the fold handed the walk the lines it read. */
  handed = false;
  /** How many threads read the journal whole (0: it was not read so). */
  threads = 0;
  /** The lines the fold read for the walk, or null. */
  readonly lines = new Promise<ScannedLines | null>((resolve) => (this.give = resolve));

  constructor(walking: boolean) {
    if (!walking) this.settled();
  }

  /** The walk will walk the whole chain: it waits for `lines`. */
  walkWhole(): Promise<ScannedLines | null> {
    this.wanted(true);
    return this.lines;
  }

  /** The walk is done without the fold's lines (or will not happen). */
  settled(): void {
    this.wanted(false);
  }

  /** The journal will not be read whole: a walk reads it itself. */
  notRead(): void {
    this.give(null);
  }

  /** foldRunsCached's `foldAll`: the journal read once (in parts, on several threads), the walk handed its lines. */
  readonly foldAll = async (journal: Journal): Promise<EncodedRuns> => {
    const lines = await this.walkWanted;
    const read = await foldJournalParts(journal, { lines });
    this.handed = read?.lines != null;
    this.threads = read?.threads ?? 0;
    this.give(read?.lines ?? null);
    return read ? read.runs : foldColumnsFrom(scanInBatches(journal));
  };
}
