function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  reportLockWait
} from "./chunk-UC4CDG3P.js";
import {
  requirePackage
} from "./chunk-N5OJQZGE.js";

// src/state/flock.ts
import { closeSync, constants, openSync, readSync, writeSync } from "node:fs";

// src/state/file-lock.ts
var FileLockError = class extends Error {
  constructor(reason, message, options) {
    super(message, options);
    this.reason = reason;
    this.name = "FileLockError";
  }
  reason;
};
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function retryLock(target, timeoutMs, firstDelayMs, attempt) {
  const deadline = Date.now() + timeoutMs;
  let delay = firstDelayMs;
  for (; ; ) {
    const release = await attempt();
    if (release) return release;
    if (Date.now() >= deadline) {
      throw new FileLockError("locked", `${target} is locked by another process (waited ${timeoutMs} ms)`);
    }
    await sleep(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 1.6, 25);
  }
}

// src/state/flock.ts
var BUSY = /* @__PURE__ */ new Set(["EAGAIN", "EWOULDBLOCK"]);
var NOTICE_AFTER_MS = 1e3;
var PID_BYTES = 12;
var flockSync;
function flock(fd, flags) {
  flockSync ??= requirePackage("fs-ext").flockSync;
  flockSync(fd, flags);
}
var FileFlock = class {
  /** `what` names the lock in the waiting notice ("the execution journal"). */
  constructor(file, what = "a lock") {
    this.file = file;
    this.what = what;
  }
  file;
  what;
  fd = null;
  /**
   * Wait (polling with jittered backoff) up to `timeoutMs` for the lock; FileLockError 'locked' after that. A wait
   * longer than `noticeAfterMs` is reported once, naming the holder's pid.
   */
  async acquire(options = {}) {
    const fd = this.open();
    const timeoutMs = options.timeoutMs ?? 1e4;
    const noticeAt = Date.now() + (options.noticeAfterMs ?? NOTICE_AFTER_MS);
    let noticed = false;
    return retryLock(this.file, timeoutMs, 0.5, () => {
      try {
        flock(fd, "exnb");
        stampHolder(fd);
        return () => this.unlock(fd);
      } catch (err) {
        if (BUSY.has(err.code ?? "")) {
          if (!noticed && Date.now() >= noticeAt) {
            noticed = true;
            const pid = readHolder(fd);
            reportLockWait(
              `waiting for ${this.what} (${this.file}) held by ${pid === null ? "another process" : `pid ${pid}`} \u2026 (giving up after ${Math.round(timeoutMs / 1e3)} s)`
            );
          }
          return null;
        }
        throw new FileLockError("unavailable", `cannot lock ${this.file}: ${err.message}`, {
          cause: err
        });
      }
    });
  }
  /** Close the lock file (releasing the lock if held). */
  close() {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
  /** Opened read-write (and created when missing), so a data dir that cannot be written fails here, before any work. */
  open() {
    if (this.fd !== null) return this.fd;
    try {
      this.fd = openSync(this.file, constants.O_RDWR | constants.O_CREAT, 384);
    } catch (err) {
      throw new FileLockError(
        "unavailable",
        `cannot open the lock file ${this.file}: ${err.message}`,
        {
          cause: err
        }
      );
    }
    return this.fd;
  }
  unlock(fd) {
    try {
      flock(fd, "un");
    } catch {
    }
  }
};
function stampHolder(fd) {
  try {
    writeSync(fd, Buffer.from(`${process.pid}`.padEnd(PID_BYTES - 1) + "\n"), 0, PID_BYTES, 0);
  } catch {
  }
}
function readHolder(fd) {
  try {
    const buf = Buffer.alloc(PID_BYTES);
    const got = readSync(fd, buf, 0, PID_BYTES, 0);
    const pid = Number(buf.toString("latin1", 0, got).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
async function acquireFlock(file, options = {}) {
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
async function withFlock(file, options, fn) {
  const release = await acquireFlock(file, options);
  try {
    return await fn();
  } finally {
    release();
  }
}

export {
  FileLockError,
  FileFlock,
  acquireFlock,
  withFlock
};
