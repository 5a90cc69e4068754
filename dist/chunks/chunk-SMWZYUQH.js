function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/history/verified-stamps.ts
import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync
} from "node:fs";
import path from "node:path";
var STAMPS_FILE = "verified.json";
var RACY_MARGIN_MS = 2e3;
var NO_STAMPS = {
  verify: (_file, _read, _checksum, check) => check(),
  vouches: () => false,
  batch: (work) => work()
};
function readWithStat(file, range) {
  const startedMs = Date.now();
  const fd = openSync(file, "r");
  try {
    let bytes;
    if (range) {
      bytes = Buffer.allocUnsafe(range.length);
      const got = readSync(fd, bytes, 0, range.length, range.offset);
      if (got < range.length) bytes = bytes.subarray(0, got);
    } else {
      bytes = readFileSync(fd);
    }
    return { bytes, stat: fstatSync(fd, { bigint: true }), startedMs };
  } finally {
    closeSync(fd);
  }
}
function statKey(stat) {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}
function stampable(stat, startedMs) {
  const latest = stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs;
  return latest <= BigInt(Math.floor(startedMs - RACY_MARGIN_MS)) * 1000000n;
}
var byDir = /* @__PURE__ */ new Map();
function stampsIn(historyDir) {
  let stamps = byDir.get(historyDir);
  if (!stamps) {
    stamps = openStamps(historyDir);
    byDir.set(historyDir, stamps);
  }
  return stamps;
}
function openStamps(historyDir) {
  const file = path.join(historyDir, STAMPS_FILE);
  let table;
  let pending = null;
  let held = 0;
  const flush = (force = false) => {
    if (!pending || held > 0 && !force) return;
    const made = pending;
    pending = null;
    unflushed.delete(flush);
    const fresh = readStamps(file);
    let latest = "";
    for (const [name, stamp] of made) {
      fresh.delete(name);
      fresh.set(name, stamp);
      latest = name;
    }
    table = fresh;
    writeStamps(file, fresh, latest);
  };
  const stamped = (name, key, checksum) => {
    table ??= readStamps(file);
    const stamp = table.get(name);
    return stamp !== void 0 && stamp[0] === key && stamp[1] === checksum;
  };
  return {
    vouches: (target, stat, checksum) => stamped(nameOf(historyDir, target), statKey(stat), checksum),
    async batch(work) {
      held += 1;
      try {
        return await work();
      } finally {
        held -= 1;
        flush();
      }
    },
    verify(target, read, checksum, check, range) {
      const name = nameOf(historyDir, target, range);
      const key = statKey(read.stat);
      if (stamped(name, key, checksum)) return true;
      if (!check()) return false;
      table ??= readStamps(file);
      if (stampable(read.stat, read.startedMs)) {
        table.delete(name);
        table.set(name, [key, checksum]);
        if (!pending) {
          pending = /* @__PURE__ */ new Map();
          unflushed.add(flush);
          queueMicrotask(() => flush());
          if (!exitHooked) {
            exitHooked = true;
            process.on("exit", () => unflushed.forEach((f) => f(true)));
          }
        }
        pending.delete(name);
        pending.set(name, [key, checksum]);
      }
      return true;
    }
  };
}
var unflushed = /* @__PURE__ */ new Set();
var exitHooked = false;
function nameOf(historyDir, file, range) {
  const inside = file.startsWith(historyDir + path.sep) && path.normalize(file) === file;
  const relative = (inside ? file.slice(historyDir.length + 1) : path.relative(historyDir, file)).split(path.sep).join("/");
  return range ? `${relative}@${range.offset}+${range.length}` : relative;
}
function readStamps(file) {
  const table = /* @__PURE__ */ new Map();
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8"));
    if (parsed?.format !== 1 || typeof parsed.stamps !== "object" || parsed.stamps === null) return table;
    for (const [name, stamp] of Object.entries(parsed.stamps)) {
      if (Array.isArray(stamp) && typeof stamp[0] === "string" && typeof stamp[1] === "string") {
        table.set(name, [stamp[0], stamp[1]]);
      }
    }
  } catch {
  }
  return table;
}
var MAX_STAMPS = 4096;
function writeStamps(file, table, latest) {
  const generation = /^gen-\d+\//.exec(latest)?.[0];
  const current = [...table].filter(
    ([name]) => !generation || !name.startsWith("gen-") || name.startsWith(generation)
  );
  const kept = Object.fromEntries(current.slice(-MAX_STAMPS));
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ format: 1, stamps: kept }), { mode: 384 });
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
    }
  }
}

export {
  RACY_MARGIN_MS,
  NO_STAMPS,
  readWithStat,
  statKey,
  stampable,
  stampsIn
};
