import { readMeta } from './history-store.js';
import { recordRewrite } from './record-rewrite.js';
import { historyDirOf, lockRefresh } from './refresh-history.js';
import type { HistoryRewrite } from './types.js';

/**
 * The tracked branch was rewritten upstream (a force-push the service refused to follow, docs/github.md "Pushes"):
 * record it as a refresh records a rewrite, in `<data-dir>/history/rewrites.jsonl`, with the indexed events the new
 * first-parent chain no longer has. The same refused rewrite met again (each later push) is not recorded twice: the
 * last record already has this old head. Null when there is nothing to record (no index, or the head is kept).
 */
export async function recordUpstreamRewrite(options: {
  dataDir: string;
  branch: string;
  /** The rewritten branch's first-parent chain, oldest first. */
  chain: readonly { sha: string }[];
  now: () => number;
}): Promise<HistoryRewrite | null> {
  const historyDir = historyDirOf(options.dataDir);
  const release = await lockRefresh(historyDir);
  try {
    const meta = readMeta(historyDir);
    if (!meta) return null;
    return recordRewrite(historyDir, {
      previous: meta,
      branch: options.branch,
      definitionsDir: meta.definitionsDir,
      chain: options.chain,
      now: options.now,
    });
  } finally {
    release();
  }
}
