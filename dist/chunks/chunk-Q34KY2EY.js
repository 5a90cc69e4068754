function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/executions/journal-paths.ts
import path from "node:path";
function journalPaths(dataDir) {
  const dir = path.join(dataDir, "executions");
  return { dir, lockFile: path.join(dir, "journal.lock"), quarantineDir: path.join(dir, "quarantine") };
}

// src/state/retention-state.ts
var RETENTION_COLLECTION = "retention";
var emptyRetention = () => ({ gaps: [], rollups: {} });
function chainBase(data) {
  let best = null;
  for (const g of data.gaps) if (!best || g.through_seq > best.through_seq) best = g;
  return best ? { seq: best.through_seq, hash: best.last_hash } : null;
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

// src/executions/scan-lines.ts
import { readSync } from "node:fs";
var CHUNK = 1024 * 1024;
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
function* iterateLines(fd, from, to, chunkBytes = CHUNK) {
  let offset = from;
  for (const chunk of iterateLineChunks(fd, from, to, chunkBytes)) {
    let at = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, at)) {
      yield { line: Buffer.from(chunk.subarray(at, nl)), offset: offset + at };
      at = nl + 1;
    }
    offset += chunk.length;
  }
}
function* iterateLineChunks(fd, from, to, chunk = CHUNK) {
  let buf = Buffer.allocUnsafe(Math.min(chunk, Math.max(to - from, 1)));
  let carry = 0;
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
    const last = end > carry ? buf.lastIndexOf(10, end - 1) : -1;
    if (last < carry) {
      carry = end;
      continue;
    }
    yield buf.subarray(0, last + 1);
    carry = end - last - 1;
    if (carry > 0) buf.copy(buf, 0, last + 1, end);
  }
}

export {
  journalPaths,
  sortSegments,
  nextSegmentName,
  needsRollover,
  RETENTION_COLLECTION,
  emptyRetention,
  chainBase,
  scanLines,
  iterateLines,
  iterateLineChunks
};
