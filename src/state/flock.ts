import { closeSync, constants, openSync, readSync, writeSync } from 'node:fs';
import type fsExt from 'fs-ext';
import { requirePackage } from '../package/require-package.js';
import { FileLockError, retryLock, type ReleaseLock } from './file-lock.js';
import { reportLockWait } from './lock-wait-reporter.js';

const BUSY = new Set(['EAGAIN', 'EWOULDBLOCK']);
/** How long a lock is waited for in silence before the wait is reported (docs/executions.md, "Locks"). */
const NOTICE_AFTER_MS = 1_000;
/** The holder's pid, written at the start of the lock file once the lock is taken: fixed width, so no truncate. */
const PID_BYTES = 12;

export { setLockWaitReporter } from './lock-wait-reporter.js';

let flockSync: (typeof fsExt)['flockSync'] | undefined;

/**
 * fs-ext's flock, loaded on the first lock taken: a native addon costs ~8 ms to load, and a warm `opsledger history`
 * takes no lock (README, CLI start-up).
 */
function flock(fd: number, flags: 'exnb' | 'un'): void {
  flockSync ??= (requirePackage('fs-ext') as typeof fsExt).flockSync;
  flockSync(fd, flags);
}

export interface FlockOptions {
  /** How long to wait for a holder before FileLockError 'locked' (default 10 s). */
  timeoutMs?: number;
  /** After how long a wait is reported (default 1 s). */
  noticeAfterMs?: number;
}

/**
 * An exclusive inter-process lock held with flock(2) on a lock file that stays in place (fs-ext: the one native
 * dependency; Node has no flock). Taking and releasing it are two system calls, about 2 µs, where a lock file created
 * and deleted per lock cost 90–100 µs here — which matters to an append that is itself one write and one fdatasync.
 * The kernel drops the lock the moment its holder dies, so a crashed writer never leaves a stale lock to wait out.
 *
 * flock locks belong to an open file description: two `FileFlock`s on the same file exclude each other even inside
 * one process, and one `FileFlock` must not be acquired twice at once (its owner serializes its own use).
 */
export class FileFlock {
  private fd: number | null = null;

  /** `what` names the lock in the waiting notice ("the execution journal"). */
  constructor(
    readonly file: string,
    readonly what = 'a lock',
  ) {}

  /**
   * Wait (polling with jittered backoff) up to `timeoutMs` for the lock; FileLockError 'locked' after that. A wait
   * longer than `noticeAfterMs` is reported once, naming the holder's pid.
   */
  async acquire(options: FlockOptions = {}): Promise<ReleaseLock> {
    const fd = this.open();
    const timeoutMs = options.timeoutMs ?? 10_000;
    const noticeAt = Date.now() + (options.noticeAfterMs ?? NOTICE_AFTER_MS);
    let noticed = false;
    return retryLock(this.file, timeoutMs, 0.5, () => {
      try {
        flock(fd, 'exnb');
        stampHolder(fd);
        return () => this.unlock(fd);
      } catch (err) {
        if (BUSY.has((err as NodeJS.ErrnoException).code ?? '')) {
          if (!noticed && Date.now() >= noticeAt) {
            noticed = true;
            const pid = readHolder(fd);
            reportLockWait(
              `waiting for ${this.what} (${this.file}) held by ${pid === null ? 'another process' : `pid ${pid}`} … (giving up after ${Math.round(timeoutMs / 1000)} s)`,
            );
          }
          return null;
        }
        throw new FileLockError('unavailable', `cannot lock ${this.file}: ${(err as Error).message}`, {
          cause: err,
        });
      }
    });
  }

  /** Close the lock file (releasing the lock if held). */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  /** Opened read-write (and created when missing), so a data dir that cannot be written fails here, before any work. */
  private open(): number {
    if (this.fd !== null) return this.fd;
    try {
      this.fd = openSync(this.file, constants.O_RDWR | constants.O_CREAT, 0o600);
    } catch (err) {
      throw new FileLockError(
        'unavailable',
        `cannot open the lock file ${this.file}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    return this.fd;
  }

  private unlock(fd: number): void {
    try {
      flock(fd, 'un');
    } catch {
      // The descriptor is gone (closed): so is the lock.
    }
  }
}

/** Write our pid where a waiting process reads who holds the lock (best effort: the lock holds without it). */
function stampHolder(fd: number): void {
  try {
    writeSync(fd, Buffer.from(`${process.pid}`.padEnd(PID_BYTES - 1) + '\n'), 0, PID_BYTES, 0);
  } catch {
    // A lock file we cannot write still locks.
  }
}

/** The pid the last holder wrote, or null. */
function readHolder(fd: number): number | null {
  try {
    const buf = Buffer.alloc(PID_BYTES);
    const got = readSync(fd, buf, 0, PID_BYTES, 0);
    const pid = Number(buf.toString('latin1', 0, got).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Take the lock with a descriptor of its own; the returned release also closes it. */
export async function acquireFlock(
  file: string,
  options: FlockOptions & { what?: string } = {},
): Promise<ReleaseLock> {
  const lock = new FileFlock(file, options.what);
  try {
    const release = await lock.acquire(options);
    return () => {
      release();
      lock.close();
    };
  } catch (err) {
    lock.close();
    throw err;
  }
}

/** Run `fn` while holding the flock on `file`; the lock is released however `fn` ends. */
export async function withFlock<T>(
  file: string,
  options: FlockOptions & { what?: string },
  fn: () => Promise<T> | T,
): Promise<T> {
  const release = await acquireFlock(file, options);
  try {
    return await fn();
  } finally {
    release();
  }
}
