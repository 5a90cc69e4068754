// src/state/retention-state.ts
var RETENTION_COLLECTION = "retention";
var emptyRetention = () => ({ gaps: [], rollups: {} });
function chainBase(data) {
  let best = null;
  for (const g of data.gaps) if (!best || g.through_seq > best.through_seq) best = g;
  return best ? { seq: best.through_seq, hash: best.last_hash } : null;
}

// src/executions/journal-paths.ts
import path from "node:path";
function journalPaths(dataDir) {
  const dir = path.join(dataDir, "executions");
  return { dir, lockFile: path.join(dir, "journal.lock"), quarantineDir: path.join(dir, "quarantine") };
}

// src/executions/record-hash.ts
import { hash as digest } from "node:crypto";

// src/executions/canonical-json.ts
var quotedKeys = /* @__PURE__ */ new Map();
function quoteKey(key) {
  let quoted = quotedKeys.get(key);
  if (quoted === void 0) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 1e4) quotedKeys.set(key, quoted);
  }
  return quoted;
}
function canonicalJson(value) {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out2 = "[";
        for (let i = 0; i < value.length; i++) {
          const v = value[i];
          out2 += `${i === 0 ? "" : ","}${v === void 0 ? "null" : canonicalJson(v)}`;
        }
        return `${out2}]`;
      }
      const obj = value;
      let out = "{";
      let first = true;
      for (const key of Object.keys(obj).sort()) {
        const v = obj[key];
        if (v === void 0) continue;
        out += `${first ? "" : ","}${quoteKey(key)}:${canonicalJson(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`cannot encode ${typeof value} in canonical JSON`);
  }
}

// src/executions/record-hash.ts
var GENESIS_HASH = "0".repeat(64);
function hashRecord(record) {
  const { hash: _hash, ...rest } = record;
  return digest("sha256", canonicalJson(rest), "hex");
}
function sealRecord(input, head) {
  const record = { ...input, seq: head.seq + 1, prev_hash: head.hash };
  if ("hash" in record) delete record.hash;
  const body = canonicalJson(record);
  record.hash = digest("sha256", body, "hex");
  return { record, line: `${body.slice(0, -1)},"hash":"${record.hash}"}
` };
}
function sealedBytesMatch(line, hash) {
  const end = line.endsWith("\n") ? line.length - 1 : line.length;
  const suffix = `,"hash":"${hash}"}`;
  if (end < suffix.length || line.slice(end - suffix.length, end) !== suffix) return false;
  return digest("sha256", `${line.slice(0, end - suffix.length)}}`, "hex") === hash;
}

// src/executions/scan-lines.ts
import { readSync } from "node:fs";
var CHUNK = 8 * 1024 * 1024;
function scanLines(fd, from, to, onLine) {
  let buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(to - from, 1)));
  let carry = 0;
  let bufStart = from;
  let pos = from;
  let consumed = from;
  while (pos < to) {
    if (carry === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, carry);
      buf = bigger;
    }
    const want = Math.min(buf.length - carry, to - pos);
    const got = readSync(fd, buf, carry, want, pos);
    if (got === 0) break;
    pos += got;
    const end = carry + got;
    let lineStart = 0;
    let nl = buf.indexOf(10, carry);
    while (nl !== -1 && nl < end) {
      onLine(buf.subarray(lineStart, nl), bufStart + lineStart);
      lineStart = nl + 1;
      nl = buf.indexOf(10, lineStart);
    }
    consumed = bufStart + lineStart;
    carry = end - lineStart;
    if (carry > 0) buf.copy(buf, 0, lineStart, end);
    bufStart += lineStart;
  }
  return consumed;
}
function* iterateLines(fd, from, to) {
  let buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(to - from, 1)));
  let carry = 0;
  let bufStart = from;
  let pos = from;
  while (pos < to) {
    if (carry === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, carry);
      buf = bigger;
    }
    const got = readSync(fd, buf, carry, Math.min(buf.length - carry, to - pos), pos);
    if (got === 0) return;
    pos += got;
    const end = carry + got;
    let lineStart = 0;
    let nl = buf.indexOf(10, carry);
    while (nl !== -1 && nl < end) {
      yield { line: Buffer.from(buf.subarray(lineStart, nl)), offset: bufStart + lineStart };
      lineStart = nl + 1;
      nl = buf.indexOf(10, lineStart);
    }
    carry = end - lineStart;
    if (carry > 0) buf.copy(buf, 0, lineStart, end);
    bufStart += lineStart;
  }
}

// src/executions/segment-names.ts
var SEGMENT = /^segment-(\d{4})-(\d{2})-(\d{1,9})\.jsonl$/;
function parseSegmentName(name) {
  const m = SEGMENT.exec(name);
  if (!m) return null;
  return { name, month: `${m[1]}-${m[2]}`, n: Number(m[3]) };
}
function compareSegments(a, b) {
  return a.month < b.month ? -1 : a.month > b.month ? 1 : a.n - b.n;
}
function sortSegments(entries) {
  return entries.map(parseSegmentName).filter((s) => s !== null).sort(compareSegments);
}
function nextSegmentName(active, now) {
  const month = now.toISOString().slice(0, 7);
  if (!active) return `segment-${month}-1.jsonl`;
  if (month > active.month) return `segment-${month}-1.jsonl`;
  return `segment-${active.month}-${active.n + 1}.jsonl`;
}
function needsRollover(active, size, now, maxBytes) {
  return now.toISOString().slice(0, 7) > active.month || size >= maxBytes;
}

export {
  RETENTION_COLLECTION,
  emptyRetention,
  chainBase,
  journalPaths,
  GENESIS_HASH,
  hashRecord,
  sealRecord,
  sealedBytesMatch,
  scanLines,
  iterateLines,
  sortSegments,
  nextSegmentName,
  needsRollover
};
