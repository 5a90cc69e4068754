function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/executions/close-abandoned-runs.ts
import {
  closeSync as closeSync2,
  constants as constants2,
  fstatSync,
  lstatSync,
  openSync as openSync2,
  readdirSync,
  rmSync,
  unlinkSync as unlinkSync2
} from "node:fs";
import path2 from "node:path";
import fsExt2 from "fs-ext";

// src/executions/recorder-lease.ts
import {
  closeSync,
  constants,
  fdatasync,
  fsync,
  write,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync
} from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import fsExt from "fs-ext";
var LEASE_RESERVE_BYTES = 256 * 1024;
var leaseDir = (dataDir) => path.join(dataDir, "executions", "recorders");
var LEASE_SUFFIX = ".run";
async function takeRecorderLeaseAsync(options) {
  const { dir, file, temp, content } = leaseParts(options);
  let fd = null;
  try {
    mkdirSync(dir, { recursive: true, mode: 448 });
    fd = openSync(temp, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 384);
    fsExt.flockSync(fd, "exnb");
    const buf = leaseBytes(content);
    let written = 0;
    while (written < buf.length) written += await writeAsync(fd, buf, written, buf.length - written, written);
    await fdatasyncAsync(fd);
    renameSync(temp, file);
    const dirFd = openSync(dir, "r");
    try {
      await fsyncAsync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch (err) {
    throw leaseFailed(fd, temp, file, err);
  }
  return heldLease(fd, file, content);
}
var writeAsync = promisify(
  (fd, buf, offset, length, position, cb) => write(fd, buf, offset, length, position, (e, n) => cb(e, n))
);
var fdatasyncAsync = promisify(fdatasync);
var fsyncAsync = promisify(fsync);
function leaseParts(options) {
  const dir = leaseDir(options.dataDir);
  const file = path.join(dir, `${options.id}${LEASE_SUFFIX}`);
  const temp = path.join(dir, `.${options.id}.tmp`);
  const content = {
    v: 1,
    id: options.id,
    pid: options.pid,
    host: options.host,
    started_at: options.startedAt,
    temp_dirs: []
  };
  return { dir, file, temp, content };
}
function leaseFailed(fd, temp, file, err) {
  if (fd !== null) closeSync(fd);
  try {
    unlinkSync(temp);
  } catch {
  }
  return new OpsledgerError(
    "JOURNAL_UNAVAILABLE",
    `cannot take the recorder lease ${file}: ${err.message}`,
    {
      cause: err
    }
  );
}
function heldLease(fd, file, content) {
  const held = fd;
  let kept = false;
  let released = false;
  return {
    file,
    async addTempDir(tempDir) {
      content.temp_dirs.push(tempDir);
      try {
        const buf = leaseBytes(content);
        let written = 0;
        while (written < buf.length)
          written += await writeAsync(held, buf, written, buf.length - written, written);
        await fdatasyncAsync(held);
      } catch {
      }
    },
    keepEnd(end) {
      writeLease(held, { ...content, end: fitEnd(end) });
      kept = true;
    },
    release() {
      if (released) return;
      released = true;
      if (!kept) {
        try {
          unlinkSync(file);
        } catch {
        }
      }
      closeSync(held);
    }
  };
}
function writeLease(fd, content) {
  const buf = leaseBytes(content);
  let written = 0;
  while (written < buf.length) written += writeSync(fd, buf, written, buf.length - written, written);
  fdatasyncSync(fd);
}
function leaseBytes(content) {
  const json = Buffer.from(JSON.stringify(content), "utf8");
  if (json.length + 1 > LEASE_RESERVE_BYTES) throw new Error("the lease content exceeds its reserve");
  const buf = Buffer.alloc(LEASE_RESERVE_BYTES, 32);
  json.copy(buf);
  buf[buf.length - 1] = 10;
  return buf;
}
function fitEnd(end) {
  const room = LEASE_RESERVE_BYTES - 4096;
  if (Buffer.byteLength(JSON.stringify(end)) <= room) return end;
  const results = (end.results ?? []).map((r) => ({
    ...r,
    stdout_tail: "",
    stderr_tail: "",
    truncated_bytes: r.truncated_bytes + Buffer.byteLength(r.stdout_tail) + Buffer.byteLength(r.stderr_tail)
  }));
  return { ...end, results };
}
function readLease(fd, size) {
  const buf = Buffer.alloc(Math.min(size, LEASE_RESERVE_BYTES));
  const n = readSync(fd, buf, 0, buf.length, 0);
  try {
    const parsed = JSON.parse(buf.subarray(0, n).toString("utf8").trim());
    return parsed && parsed.v === 1 && typeof parsed.id === "string" ? parsed : null;
  } catch {
    return null;
  }
}

// src/executions/close-abandoned-runs.ts
var OPEN_STATUSES = /* @__PURE__ */ new Set(["running", "waiting"]);
async function closeAbandonedRuns(options) {
  let names;
  try {
    names = readdirSync(leaseDir(options.dataDir));
  } catch {
    return [];
  }
  const closed = [];
  for (const name of names.sort()) {
    const file = path2.join(leaseDir(options.dataDir), name);
    const deadTemp = TEMP_LEASE.test(name) && olderThan(file, TEMP_LEASE_GRACE_MS);
    if (!name.endsWith(LEASE_SUFFIX) && !deadTemp) continue;
    const fd = lockIfDead(file);
    if (fd === null) continue;
    try {
      if (!name.endsWith(LEASE_SUFFIX)) {
        removeFile(file);
        continue;
      }
      const lease = readLease(fd, fstatSync(fd).size);
      removeTempDirs(lease);
      const done = await closeOne(name.slice(0, -LEASE_SUFFIX.length), lease, options);
      if (done === "kept") continue;
      removeFile(file);
      if (done) closed.push(done);
    } catch (err) {
      options.onWarning?.(`cannot close the run of the dead recorder in ${file}: ${err.message}`);
    } finally {
      closeSync2(fd);
    }
  }
  return closed;
}
var TEMP_LEASE = /^\..*\.tmp$/;
var TEMP_LEASE_GRACE_MS = 10 * 6e4;
function olderThan(file, ms) {
  try {
    return Date.now() - lstatSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
}
function removeFile(file) {
  try {
    unlinkSync2(file);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
}
function hasDeadLeases(dataDir) {
  let names;
  try {
    names = readdirSync(leaseDir(dataDir));
  } catch {
    return false;
  }
  for (const name of names) {
    const fd = lockIfDead(path2.join(leaseDir(dataDir), name));
    if (fd !== null) {
      closeSync2(fd);
      return true;
    }
  }
  return false;
}
function lockIfDead(file) {
  let fd;
  try {
    fd = openSync2(file, constants2.O_RDWR);
  } catch {
    return null;
  }
  try {
    fsExt2.flockSync(fd, "exnb");
    return fd;
  } catch {
    closeSync2(fd);
    return null;
  }
}
async function closeOne(id, lease, options) {
  await options.journal.refresh();
  const latest = await options.journal.get(id);
  if (!latest || !OPEN_STATUSES.has(latest.status)) return null;
  const input = lease?.end ?? abandonedInput(latest, lease, options);
  let appended;
  try {
    appended = await options.journal.appendIf(input, (l) => l !== null && OPEN_STATUSES.has(l.status));
  } catch (err) {
    options.onWarning?.(
      `run ${id} (${latest.action_id}) was left running by a recorder that died; its end cannot be recorded yet (${err.message}); the next command tries again`
    );
    return "kept";
  }
  if (!appended) return null;
  const outcome = lease?.end ? "recovered" : "abandoned";
  options.onWarning?.(
    outcome === "recovered" ? `run ${id} (${latest.action_id}) ended ${appended.status} but the journal could not take its end then; it is recorded now (seq ${appended.seq})` : `run ${id} (${latest.action_id}) was left running by a recorder that died${describeRecorder(lease)}; recorded as abandoned (seq ${appended.seq})`
  );
  return { id, action_id: latest.action_id, outcome, status: appended.status };
}
function abandonedInput(start, lease, options) {
  const { seq: _seq, prev_hash: _prev, hash: _hash, ...fields } = start;
  return {
    ...fields,
    status: "abandoned",
    finished_at: options.now().toISOString(),
    duration_ms: null,
    exit_code: null,
    error: `abandoned: the recorder${describeRecorder(lease)} died before recording the end; closed by \`opsledger ${options.closedBy}\`. How the run ended is unknown: check its targets.`
  };
}
function describeRecorder(lease) {
  return lease ? ` (pid ${lease.pid} on ${lease.host})` : "";
}
function removeTempDirs(lease) {
  for (const dir of lease?.temp_dirs ?? []) {
    if (typeof dir === "string" && path2.isAbsolute(dir) && path2.basename(dir).startsWith("opsledger-run-")) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

export {
  takeRecorderLeaseAsync,
  closeAbandonedRuns,
  hasDeadLeases,
  abandonedInput
};
