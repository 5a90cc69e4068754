import { rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isShallowRepository } from '../git/is-shallow-repository.js';
import { readBranchTip } from '../git/read-branch-tip.js';
import { runGitRaw } from '../git/run-git.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { FileLockError, type ReleaseLock } from '../state/file-lock.js';
import { acquireFlock } from '../state/flock.js';
import { ensureDir, readMeta, type IndexMeta } from './history-store.js';
import type { RefreshOptions } from './refresh-options.js';
import type { RefreshStats } from './types.js';

export interface RefreshResult {
  meta: IndexMeta;
  stats: RefreshStats;
}

let updatedHere = false;

/**
 * Whether this process has updated an index (and so loaded the update machinery): bin/opsledger.js keeps the code
 * cache of the index readers' entry to what a warm read runs (README, CLI start-up).
 */
export function indexUpdatedInThisProcess(): boolean {
  return updatedHere;
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
  const shallow = await checkShallow(options);
  const effective: RefreshOptions = shallow ? { ...options, partial: true } : options;
  const tip = await resolveTip(options.repo, options.branch);
  const damaged = (why: string): void =>
    options.onWarning?.(`history: the index is damaged (${why}); it is not trusted and is rebuilt`);
  const current = readMeta(historyDir, damaged);
  if (current && isCurrent(current, effective, tip)) {
    return { meta: current, stats: { tip, newCommits: 0, rebuilt: false, ms: now() - started } };
  }
  ensureDir(historyDir);
  const release = await lockRefresh(historyDir);
  try {
    const meta = readMeta(historyDir, current ? damaged : undefined);
    if (meta && isCurrent(meta, effective, tip)) {
      return { meta, stats: { tip, newCommits: 0, rebuilt: false, ms: now() - started } };
    }
    // The update machinery (parsers, schemas, git readers) loads only when there is something to update.
    updatedHere = true;
    const [{ updateHistory }, { recordRewrite }] = await Promise.all([
      import('./update-history.js'),
      import('./record-rewrite.js'),
    ]);
    const result = await updateHistory(historyDir, meta, tip, {
      ...effective,
      // The old generation is still there: a rewrite's lost events are read from it before it goes.
      beforeReplace: (previous, chain) =>
        void recordRewrite(historyDir, {
          previous,
          branch: options.branch,
          definitionsDir: options.definitionsDir,
          chain,
          now,
        }),
    });
    return { meta: result.meta, stats: { ...result.stats, ms: now() - started } };
  } finally {
    release();
  }
}

/**
 * flock(2) on `refresh.lock`: the kernel releases it when its holder dies, so a killed refresh never stalls the next
 * one; a live holder is named on stderr after a second (docs/history.md, "Concurrency").
 */
export async function lockRefresh(historyDir: string): Promise<ReleaseLock> {
  const file = path.join(historyDir, 'refresh.lock');
  // An older opsledger (proper-lockfile) made the lock a directory; it is not a lock any more.
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) rmdirSync(file);
  try {
    return await acquireFlock(file, { timeoutMs: 600_000, what: 'the history index refresh' });
  } catch (err) {
    if (err instanceof FileLockError && err.reason === 'locked') {
      throw new OpsledgerError('HISTORY_LOCKED', err.message, { cause: err });
    }
    throw err;
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

/**
 * Whether the repo is a shallow clone read anyway: refused unless allowed (`allowShallow`, or `partial` asked for),
 * as its history would start in the middle, with wrong versions and wrong authors of creation. Once unshallowed, a
 * partial index is rebuilt whole.
 */
async function checkShallow(options: RefreshOptions): Promise<boolean> {
  if (!(await isShallowRepository(options.repo))) return false;
  if (options.allowShallow || options.partial) return true;
  throw new OpsledgerError(
    'SHALLOW_REPOSITORY',
    'the repository is a shallow clone: its history is cut, so versions and who created what would be wrong',
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
