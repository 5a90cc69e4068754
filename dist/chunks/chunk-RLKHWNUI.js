function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  ONCE_TYPES,
  unclaimed
} from "./chunk-JZ4A4MHT.js";
import {
  matchGlob
} from "./chunk-NR2XG3EO.js";
import {
  subjectOf
} from "./chunk-J2KV253P.js";
import {
  canonicalJson
} from "./chunk-XLWVCULI.js";
import {
  withFlock
} from "./chunk-75FD6FCD.js";

// src/alerts/match-webhook.ts
function matchWebhook(webhook, event) {
  if (!webhook.events.includes(event.type)) return false;
  const filter = webhook.filter;
  if (!filter) return true;
  const s = subjectOf(event);
  if (filter.type !== void 0 && s.kind !== void 0 && s.kind !== filter.type) return false;
  if (filter.id !== void 0 && s.id !== void 0 && !matchGlob(filter.id, s.id)) return false;
  if (filter.trigger !== void 0 && s.trigger !== void 0 && s.trigger !== filter.trigger) return false;
  if (filter.status !== void 0 && s.status !== void 0) {
    const wanted = Array.isArray(filter.status) ? filter.status : [filter.status];
    if (!wanted.includes(s.status)) return false;
  }
  if (filter.pointer !== void 0 && s.pointers !== void 0 && s.pointers.length > 0) {
    const prefix = filter.pointer;
    if (!s.pointers.some((p) => p === prefix || p.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`)))
      return false;
  }
  return true;
}

// src/alerts/file-outbox.ts
import { mkdirSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";

// src/alerts/find-last-mark.ts
import { closeSync, fstatSync, openSync } from "node:fs";

// src/state/lines-backwards.ts
import { readSync } from "node:fs";
var CHUNK = 256 * 1024;
function* linesBackwards(fd, size) {
  let end = size;
  let atFileEnd = true;
  let carry = Buffer.alloc(0);
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const buf = Buffer.alloc(end - start);
    readSync(fd, buf, 0, buf.length, start);
    const data = carry.length > 0 ? Buffer.concat([buf, carry]) : buf;
    const firstNl = start > 0 ? data.indexOf(10) : -1;
    end = start;
    if (start > 0 && firstNl === -1) {
      carry = data;
      continue;
    }
    carry = start > 0 ? Buffer.from(data.subarray(0, firstNl + 1)) : Buffer.alloc(0);
    const body = data.subarray(firstNl + 1);
    let lineEnd = body.length;
    if (atFileEnd) {
      lineEnd = body.lastIndexOf(10);
      atFileEnd = false;
      if (lineEnd === -1) continue;
    }
    let stop = lineEnd;
    while (stop > 0) {
      const nl = body.lastIndexOf(10, stop - 1);
      const line = body.subarray(nl + 1, stop);
      if (line.length > 0) yield line;
      if (nl === -1) break;
      stop = nl;
    }
  }
}

// src/alerts/outbox-line.ts
import { createHash } from "node:crypto";
function checksumOf(body) {
  return createHash("sha256").update(canonicalJson(body)).digest("hex").slice(0, 16);
}
function outboxLine(item) {
  const body = "event" in item ? item.event : item.mark;
  return `${JSON.stringify({ ...item, sum: checksumOf(body) })}
`;
}
function parseOutboxLine(line) {
  try {
    const parsed = JSON.parse(line.toString("utf8"));
    if (parsed.event && parsed.sum === checksumOf(parsed.event)) return { event: parsed.event };
    if (parsed.mark && parsed.sum === checksumOf(parsed.mark)) return { mark: parsed.mark };
  } catch {
  }
  return null;
}

// src/alerts/find-last-mark.ts
var known = /* @__PURE__ */ new Map();
function findLastMark(file) {
  let fd;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    if (err.code === "ENOENT") return Promise.resolve(null);
    throw err;
  }
  try {
    const { ino, size } = fstatSync(fd);
    const before = known.get(file);
    const seen = before && before.ino === ino && before.size <= size ? before : null;
    const ids = [];
    let mark = null;
    let bytes = 0;
    for (const line of linesBackwards(fd, size)) {
      bytes += line.length + 1;
      if (seen && bytes > size - seen.size) break;
      const parsed = parseOutboxLine(line);
      if (parsed && "mark" in parsed) {
        mark = parsed.mark;
        break;
      }
      if (parsed) ids.push(parsed.event.id);
    }
    let found = mark ? { mark, eventIdsAfter: new Set(ids) } : null;
    if (!mark && seen?.found) {
      found = { mark: seen.found.mark, eventIdsAfter: /* @__PURE__ */ new Set([...seen.found.eventIdsAfter, ...ids]) };
    }
    known.set(file, { ino, size, found });
    return Promise.resolve(found);
  } finally {
    closeSync(fd);
  }
}

// src/alerts/file-outbox.ts
function alertsDir(dataDir) {
  return path.join(dataDir, "alerts");
}
var READ_CHUNK = 1 << 20;
function openFileOutbox(dataDir, onWarning = () => void 0) {
  const dir = alertsDir(dataDir);
  const file = path.join(dir, "outbox.jsonl");
  const lock = path.join(dir, "outbox.lock");
  const warned = /* @__PURE__ */ new Set();
  let queue = Promise.resolve();
  async function size() {
    try {
      return (await stat(file)).size;
    } catch (err) {
      if (err.code === "ENOENT") return 0;
      throw err;
    }
  }
  async function read(offset, limit) {
    const entries = [];
    let handle;
    try {
      handle = await open(file, "r");
    } catch (err) {
      if (err.code === "ENOENT") return entries;
      throw err;
    }
    try {
      let pos = offset;
      let carry = Buffer.alloc(0);
      let carryAt = offset;
      while (entries.length < limit) {
        const buf = Buffer.alloc(READ_CHUNK);
        const { bytesRead } = await handle.read(buf, 0, READ_CHUNK, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        const data = Buffer.concat([carry, buf.subarray(0, bytesRead)]);
        let start = 0;
        for (let nl = data.indexOf(10); nl !== -1 && entries.length < limit; nl = data.indexOf(10, start)) {
          const lineAt = carryAt + start;
          entries.push(parseLine(data.subarray(start, nl), lineAt, lineAt + nl - start + 1));
          start = nl + 1;
        }
        carryAt += start;
        carry = data.subarray(start);
      }
    } finally {
      await handle.close();
    }
    return entries;
  }
  function parseLine(line, offset, end) {
    const parsed = parseOutboxLine(line);
    if (parsed) return { offset, end, event: "event" in parsed ? parsed.event : null };
    if (!warned.has(offset)) {
      warned.add(offset);
      onWarning(`the alerts outbox ${file} has a damaged line at byte ${offset}; it is skipped`);
    }
    return { offset, end, event: null };
  }
  async function write(text) {
    const handle = await open(file, "a+", 384);
    try {
      const { size: bytes } = await handle.stat();
      let prefix = "";
      if (bytes > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, bytes - 1);
        if (last[0] !== 10) prefix = "\n";
      }
      await handle.appendFile(prefix + text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
  const claims = { ids: /* @__PURE__ */ new Set(), scannedTo: 0 };
  async function readClaims() {
    if (await size() < claims.scannedTo) Object.assign(claims, { ids: /* @__PURE__ */ new Set(), scannedTo: 0 });
    for (; ; ) {
      const batch = await read(claims.scannedTo, 1e4);
      if (batch.length === 0) return claims.ids;
      for (const line of batch)
        if (line.event && ONCE_TYPES.has(line.event.type)) claims.ids.add(line.event.id);
      claims.scannedTo = batch.at(-1).end;
    }
  }
  const writer = {
    async append(events, mark) {
      if (events.length === 0 && !mark) return;
      const lines = events.map((event) => outboxLine({ event }));
      if (mark) lines.push(outboxLine({ mark }));
      await write(lines.join(""));
    },
    lastMark: () => findLastMark(file)
  };
  function exclusive(fn) {
    const run = queue.then(() => {
      mkdirSync(dir, { recursive: true, mode: 448 });
      return withFlock(lock, { what: "the alerts outbox", timeoutMs: 1e4 }, () => fn(writer));
    });
    queue = run.catch(() => void 0);
    return run;
  }
  return {
    size,
    read: async (offset, limit) => {
      const lines = await read(offset, limit);
      return lines.flatMap((l) => l.event === null ? [] : [{ ...l, event: l.event }]);
    },
    lines: read,
    async at(offset) {
      const [entry] = await read(offset, 1);
      return entry && entry.event !== null ? { ...entry, event: entry.event } : null;
    },
    exclusive,
    async append(events) {
      if (events.length === 0) return;
      await exclusive((w) => w.append(events));
    },
    async appendOnce(events) {
      if (events.length === 0) return [];
      return exclusive(async (w) => {
        const claimed = await readClaims();
        const fresh = unclaimed(events, claimed);
        await w.append(fresh);
        return fresh;
      });
    }
  };
}

export {
  matchWebhook,
  linesBackwards,
  alertsDir,
  openFileOutbox
};
