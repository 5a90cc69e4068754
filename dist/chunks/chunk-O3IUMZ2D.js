function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  LineCollector,
  verifyChain
} from "./chunk-VRQBZOCG.js";
import {
  ANCHORS_REF,
  readAnchors
} from "./chunk-GCS3STA7.js";
import {
  RETENTION_COLLECTION,
  emptyRetention,
  journalPaths,
  scanLines,
  sortSegments
} from "./chunk-Q34KY2EY.js";
import {
  hashRecord,
  sealedBytesMatch
} from "./chunk-XLWVCULI.js";
import {
  openState
} from "./chunk-2TXRGXLB.js";
import {
  acquireFlock
} from "./chunk-75FD6FCD.js";

// src/executions/verify-journal.ts
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync } from "node:fs";
import path from "node:path";
async function scanJournal(executionsDir) {
  const collector = new LineCollector();
  let entries = [];
  try {
    entries = readdirSync(executionsDir);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  const segments = sortSegments(entries);
  for (const [k, seg] of segments.entries()) {
    const no = collector.startSegment(seg.name);
    const fd = openSync(path.join(executionsDir, seg.name), "r");
    try {
      let size = fstatSync(fd).size;
      let lineNo = 0;
      let end = scanLines(fd, 0, size, (line) => collector.add(no, ++lineNo, line));
      if (end < size && k === segments.length - 1) {
        const release = await acquireFlock(journalPaths(path.dirname(executionsDir)).lockFile, {
          timeoutMs: 2e3,
          what: "the execution journal"
        }).catch(() => null);
        size = fstatSync(fd).size;
        end = scanLines(fd, end, size, (line) => collector.add(no, ++lineNo, line));
        release?.();
      }
      if (end < size) {
        const rest = Buffer.alloc(size - end);
        readSync(fd, rest, 0, rest.length, end);
        collector.add(no, ++lineNo, rest, false);
      }
    } finally {
      closeSync(fd);
    }
  }
  return collector.finish();
}
async function verifyJournal(options) {
  const dir = path.join(options.dataDir, "executions");
  const retention = await openState(options.dataDir).read(RETENTION_COLLECTION, emptyRetention);
  const anchors = options.repo ? await readAnchors(options.repo, options.anchorsRef ?? ANCHORS_REF) : [];
  const report = verifyChain(await scanJournal(dir), retention.gaps, anchors);
  let quarantined = [];
  try {
    quarantined = readdirSync(path.join(dir, "quarantine")).sort().map((f) => `quarantine/${f}`);
  } catch {
    quarantined = [];
  }
  const edited = quarantined.flatMap((q) => checkQuarantined(dir, q));
  if (edited.length === 0) return { ...report, quarantined };
  return { ...report, ok: false, problems: [...report.problems, ...edited], quarantined };
}
function checkQuarantined(dir, q) {
  let text;
  let record;
  try {
    text = readFileSync(path.join(dir, q), "utf8");
    record = JSON.parse(text);
  } catch {
    return [];
  }
  if (record === null || typeof record !== "object" || typeof record.hash !== "string") return [];
  const { hash } = record;
  const matches = () => {
    try {
      return sealedBytesMatch(text, hash) || hashRecord(record) === hash;
    } catch {
      return false;
    }
  };
  if (matches()) return [];
  return [
    {
      kind: "modified",
      segment: q,
      line: null,
      seq: typeof record.seq === "number" ? record.seq : null,
      message: `a whole record${typeof record.seq === "number" ? ` (seq ${record.seq})` : ""} was moved to quarantine as an unfinished append, but it does not match its own hash: it was edited, not cut short by a crash`
    }
  ];
}

export {
  verifyJournal
};
