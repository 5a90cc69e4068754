import {
  canonicalJson
} from "./chunk-BPYPOP7L.js";

// src/executions/journal-paths.ts
import path from "node:path";
function journalPaths(dataDir) {
  const dir = path.join(dataDir, "executions");
  return { dir, lockFile: path.join(dir, "journal.lock"), quarantineDir: path.join(dir, "quarantine") };
}

// src/executions/record-hash.ts
import { hash as digest } from "node:crypto";
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
  journalPaths,
  GENESIS_HASH,
  hashRecord,
  sealRecord,
  sealedBytesMatch,
  sortSegments,
  nextSegmentName,
  needsRollover
};
