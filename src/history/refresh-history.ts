import path from 'node:path';
import lockfile from 'proper-lockfile';
import { readBranchTip } from '../git/read-branch-tip.js';
import { runGitRaw } from '../git/run-git.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { ensureDir, readMeta, type IndexMeta } from './history-store.js';
import type { RefreshStats } from './types.js';

export interface RefreshOptions {
  repo: string;
  dataDir: string;
  branch: string;
  definitionsDir: string;
  /** Called with (done, total) while folding many commits; the CLI draws a progress bar from it. */
  onProgress?: (phase: 'start' | 'tick' | 'stop', done: number, total: number) => void;
  /**
   * Fold a history known to be incomplete (a shallow clone, `--allow-shallow`): events say `partial: true` and the
   * first version seen of an object is an update, not a create (docs/history.md "Partial histories").
   */
  partial?: boolean;
  now?: () => number;
}

export interface RefreshResult {
  meta: IndexMeta;
  stats: RefreshStats;
}

/** `<dataDir>/history`, where the derived index lives. */
export function historyDirOf(dataDir: string): string {
  return path.join(dataDir, 'history');
}

/**
 * Bring the index in `<dataDir>/history` up to the tip of the tracked branch: nothing to do when the tip is indexed,
 * only the new commits after a fast-forward, a full rebuild after a rewrite (force-push), a schema change, a config
 * change or a corrupt index. Writers hold a lock; readers never wait.
 */
export async function refreshHistory(options: RefreshOptions): Promise<RefreshResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const historyDir = historyDirOf(options.dataDir);
  const tip = await resolveTip(options.repo, options.branch);
  const current = readMeta(historyDir);
  if (current && isCurrent(current, options, tip)) {
    return { meta: current, stats: { tip, newCommits: 0, rebuilt: false, ms: now() - started } };
  }
  ensureDir(historyDir);
  const release = await lockfile.lock(historyDir, {
    lockfilePath: path.join(historyDir, 'refresh.lock'),
    realpath: false,
    stale: 60_000,
    retries: { retries: 600, minTimeout: 50, maxTimeout: 200 },
  });
  try {
    const meta = readMeta(historyDir);
    if (meta && isCurrent(meta, options, tip)) {
      return { meta, stats: { tip, newCommits: 0, rebuilt: false, ms: now() - started } };
    }
    // The update machinery (parsers, schemas, git readers) loads only when there is something to update.
    const { updateHistory } = await import('./update-history.js');
    const result = await updateHistory(historyDir, meta, tip, options);
    return { meta: result.meta, stats: { ...result.stats, ms: now() - started } };
  } finally {
    await release();
  }
}

function isCurrent(meta: IndexMeta, options: RefreshOptions, tip: string | null): boolean {
  return (
    meta.tip === tip &&
    meta.branch === options.branch &&
    meta.definitionsDir === options.definitionsDir &&
    (meta.partial ?? false) === (options.partial ?? false)
  );
}

/** The tracked branch's commit; null for a repo with no commit yet; BRANCH_NOT_FOUND when other branches exist. */
async function resolveTip(repo: string, branch: string): Promise<string | null> {
  const tip = await readBranchTip(repo, branch);
  if (tip !== null) return tip;
  const any = await runGitRaw(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (any.code !== 0) return null;
  throw new OpsledgerError('BRANCH_NOT_FOUND', `the tracked branch "${branch}" does not exist`);
}
