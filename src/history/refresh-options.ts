import type { IndexMeta } from './history-store.js';

/** What a refresh of the history index needs (refresh-history.ts decides; update-history.ts folds). */
export interface RefreshOptions {
  repo: string;
  dataDir: string;
  branch: string;
  definitionsDir: string;
  /** Told when a damaged index file is found (it is then rebuilt, never trusted). */
  onWarning?: (message: string) => void;
  /** Called with (done, total) while folding many commits; the CLI draws a progress bar from it. */
  onProgress?: (phase: 'start' | 'tick' | 'stop', done: number, total: number) => void;
  /**
   * Fold a history known to be incomplete (a shallow clone, `--allow-shallow`): events say `partial: true` and the
   * first version seen of an object is an update, not a create (docs/history.md "Partial histories").
   */
  partial?: boolean;
  now?: () => number;
  /** Read a shallow clone (folded as partial) instead of refusing it with SHALLOW_REPOSITORY (docs/history.md). */
  allowShallow?: boolean;
  /** Called when a rebuild is about to replace an index that had a tip, with the new first-parent chain. */
  beforeReplace?: (previous: IndexMeta, chain: readonly { sha: string }[]) => void;
}
