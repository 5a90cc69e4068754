import * as fs from 'node:fs';
import lockfile from 'proper-lockfile';

/** Why a lock could not be taken: someone holds it past the deadline, or the place cannot be written at all. */
export class FileLockError extends Error {
  constructor(
    readonly reason: 'locked' | 'unavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FileLockError';
  }
}

export interface FileLockOptions {
  /** How long to wait for a lock another process holds before giving up (FileLockError 'locked'). */
  timeoutMs?: number;
  /**
   * A lock whose holder stopped refreshing it this long ago is taken over (the holder crashed). The holder refreshes
   * every second, so keep this well above any pause it may have while holding the lock. Minimum 2000.
   */
  staleMs?: number;
}

export type ReleaseLock = () => void;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Callback<T = void> = (err: NodeJS.ErrnoException | null, value?: T) => void;
const call = <T>(cb: Callback<T>, fn: () => T): void => {
  let value: T;
  try {
    value = fn();
  } catch (err) {
    cb(err as NodeJS.ErrnoException);
    return;
  }
  cb(null, value);
};

/**
 * The file system proper-lockfile works through. Two changes from its default, both for the cost of an append:
 * - the lock is an empty file created with O_EXCL instead of a directory: exactly as atomic on a local file system,
 *   and cheaper where freeing a directory's block is slow (on this machine's ext4, mounted with `discard`, a
 *   mkdir+rmdir cost more than the fdatasync of the append itself);
 * - the calls are synchronous behind the callback API. (proper-lockfile's own sync API copies the fs object on every
 *   lock, which loses its cached mtime precision and costs a utimes per lock.)
 * Staleness, refresh while held and takeover stay proper-lockfile's (mtime based).
 */
const LOCK_FS = {
  mkdir: (p: string, cb: Callback) => call(cb, () => fs.closeSync(fs.openSync(p, 'wx', 0o600))),
  rmdir: (p: string, cb: Callback) => call(cb, () => fs.unlinkSync(p)),
  stat: (p: string, cb: Callback<fs.Stats>) => call(cb, () => fs.statSync(p)),
  utimes: (p: string, a: Date, m: Date, cb: Callback) => call(cb, () => fs.utimesSync(p, a, m)),
  realpath: (p: string, cb: Callback<string>) => call(cb, () => fs.realpathSync(p)),
  // Used by proper-lockfile's exit handler to drop locks still held when the process exits.
  rmdirSync: (p: string) => fs.unlinkSync(p),
};

/**
 * Take the inter-process lock `<target>.lock` (proper-lockfile: created atomically, refreshed while held, taken over
 * when stale). Waits with jittered backoff up to `timeoutMs`. The file calls are synchronous on purpose: an append
 * holds the lock for well under a millisecond, and thread-pool round trips would double that.
 */
export async function acquireFileLock(target: string, options: FileLockOptions = {}): Promise<ReleaseLock> {
  const staleMs = Math.max(options.staleMs ?? 5_000, 2_000);
  return retryLock(target, options.timeoutMs ?? 10_000, 1, async () => {
    try {
      const release = await lockfile.lock(target, {
        realpath: false,
        fs: LOCK_FS,
        stale: staleMs,
        update: 1_000,
        // A lock taken over while we held it is reported when we release it (the release fails).
        onCompromised: () => undefined,
      });
      return () => {
        release().catch(() => {
          // Already released or taken over as stale; nothing left to undo.
        });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') return null;
      throw new FileLockError('unavailable', `cannot lock ${target}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  });
}

/**
 * Call `attempt` until it returns the lock's release, waiting between tries with jittered backoff (from
 * `firstDelayMs`, ×1.6, at most 25 ms) while it answers null (held by someone else); after `timeoutMs`,
 * FileLockError 'locked'. `attempt` throws for anything else.
 */
export async function retryLock(
  target: string,
  timeoutMs: number,
  firstDelayMs: number,
  attempt: () => Promise<ReleaseLock | null> | ReleaseLock | null,
): Promise<ReleaseLock> {
  const deadline = Date.now() + timeoutMs;
  let delay = firstDelayMs;
  for (;;) {
    const release = await attempt();
    if (release) return release;
    if (Date.now() >= deadline) {
      throw new FileLockError('locked', `${target} is locked by another process (waited ${timeoutMs} ms)`);
    }
    await sleep(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 1.6, 25);
  }
}

/** Run `fn` while holding the lock on `target`; the lock is released however `fn` ends. */
export async function withFileLock<T>(
  target: string,
  options: FileLockOptions,
  fn: () => Promise<T> | T,
): Promise<T> {
  const release = await acquireFileLock(target, options);
  try {
    return await fn();
  } finally {
    release();
  }
}
