import {
  OpsledgerError
} from "./chunk-AHBZ5ADF.js";

// src/state/open-state.ts
import { mkdirSync } from "node:fs";
import path2 from "node:path";
import { Low } from "lowdb";

// src/state/durable-json-file.ts
import { readFile } from "node:fs/promises";

// src/state/durable-write.ts
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import path from "node:path";
function fsyncDir(dir) {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
async function writeFileDurably(file, data, mode = 384) {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

// src/state/durable-json-file.ts
var DurableJsonFile = class {
  constructor(file) {
    this.file = file;
  }
  file;
  async read() {
    let text;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if (err.code === "ENOENT") return null;
      throw err;
    }
    return JSON.parse(text);
  }
  async write(data) {
    await writeFileDurably(this.file, `${JSON.stringify(data, null, 2)}
`, 384);
  }
};

// src/state/file-lock.ts
import * as fs from "node:fs";
import lockfile from "proper-lockfile";
var FileLockError = class extends Error {
  constructor(reason, message, options) {
    super(message, options);
    this.reason = reason;
    this.name = "FileLockError";
  }
  reason;
};
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
var call = (cb, fn) => {
  let value;
  try {
    value = fn();
  } catch (err) {
    cb(err);
    return;
  }
  cb(null, value);
};
var LOCK_FS = {
  mkdir: (p, cb) => call(cb, () => fs.closeSync(fs.openSync(p, "wx", 384))),
  rmdir: (p, cb) => call(cb, () => fs.unlinkSync(p)),
  stat: (p, cb) => call(cb, () => fs.statSync(p)),
  utimes: (p, a, m, cb) => call(cb, () => fs.utimesSync(p, a, m)),
  realpath: (p, cb) => call(cb, () => fs.realpathSync(p)),
  // Used by proper-lockfile's exit handler to drop locks still held when the process exits.
  rmdirSync: (p) => fs.unlinkSync(p)
};
async function acquireFileLock(target, options = {}) {
  const staleMs = Math.max(options.staleMs ?? 5e3, 2e3);
  return retryLock(target, options.timeoutMs ?? 1e4, 1, async () => {
    try {
      const release = await lockfile.lock(target, {
        realpath: false,
        fs: LOCK_FS,
        stale: staleMs,
        update: 1e3,
        // A lock taken over while we held it is reported when we release it (the release fails).
        onCompromised: () => void 0
      });
      return () => {
        release().catch(() => {
        });
      };
    } catch (err) {
      if (err.code === "ELOCKED") return null;
      throw new FileLockError("unavailable", `cannot lock ${target}: ${err.message}`, {
        cause: err
      });
    }
  });
}
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
async function withFileLock(target, options, fn) {
  const release = await acquireFileLock(target, options);
  try {
    return await fn();
  } finally {
    release();
  }
}

// src/state/open-state.ts
var NAME = /^[a-z][a-z0-9-]{0,62}$/;
function openState(dataDir, options = {}) {
  const dir = path2.join(dataDir, "state");
  const fileOf = (name) => {
    if (!NAME.test(name)) throw new OpsledgerError("INTERNAL", `invalid state collection name "${name}"`);
    return path2.join(dir, `${name}.json`);
  };
  const load = async (name, defaults) => {
    const db = new Low(new DurableJsonFile(fileOf(name)), defaults());
    try {
      await db.read();
    } catch (err) {
      throw new OpsledgerError(
        "STATE_UNAVAILABLE",
        `cannot read state ${fileOf(name)}: ${err.message}`,
        {
          cause: err
        }
      );
    }
    return db;
  };
  return {
    dir,
    fileOf,
    async read(name, defaults) {
      return (await load(name, defaults)).data;
    },
    async update(name, defaults, mutate) {
      const file = fileOf(name);
      try {
        mkdirSync(dir, { recursive: true, mode: 448 });
        return await withFileLock(file, { timeoutMs: options.lockTimeoutMs ?? 1e4 }, async () => {
          const db = await load(name, defaults);
          const before = JSON.stringify(db.data);
          const result = await mutate(db.data);
          if (JSON.stringify(db.data) !== before) await db.write();
          return result;
        });
      } catch (err) {
        if (err instanceof OpsledgerError) throw err;
        if (err instanceof FileLockError && err.reason === "locked") {
          throw new OpsledgerError("STATE_LOCKED", err.message, { cause: err });
        }
        throw new OpsledgerError(
          "STATE_UNAVAILABLE",
          `cannot write state ${file}: ${err.message}`,
          {
            cause: err
          }
        );
      }
    }
  };
}

export {
  fsyncDir,
  FileLockError,
  retryLock,
  openState
};
