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

export {
  journalPaths,
  sortSegments,
  nextSegmentName,
  needsRollover,
  RETENTION_COLLECTION,
  emptyRetention,
  chainBase
};
