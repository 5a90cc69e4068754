import {
  ANCHORS_REF,
  readAnchors
} from "./chunk-RUEHLMU6.js";
import {
  RETENTION_COLLECTION,
  emptyRetention,
  scanLines
} from "./chunk-BU7YX4F2.js";
import {
  hashRecord,
  journalPaths,
  sealedBytesMatch,
  sortSegments
} from "./chunk-73BB7N5C.js";
import {
  openState
} from "./chunk-VJ2VJCG2.js";
import {
  acquireFlock
} from "./chunk-E57XOVAZ.js";

// src/executions/verify-journal.ts
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync } from "node:fs";
import path from "node:path";

// src/executions/verify-chain.ts
var LINE_OK = 0;
var LINE_HASH_MISMATCH = 1;
var LINE_UNPARSEABLE = 2;
var LINE_INCOMPLETE = 3;
var sameBytes = (a, ai, b, bi) => {
  for (let k = 0; k < 32; k++) if (a[ai * 32 + k] !== b[bi * 32 + k]) return false;
  return true;
};
var hexAt = (bytes, i) => Buffer.from(bytes.buffer, bytes.byteOffset + i * 32, 32).toString("hex");
function verifyChain(lines, gaps, anchors) {
  const problems = [];
  const place = (i) => ({
    segment: lines.segments[lines.segment[i]],
    line: lines.line[i]
  });
  const seqOf = (i) => Number.isFinite(lines.seq[i]) ? lines.seq[i] : null;
  let records = 0;
  let maxSeq = 0;
  for (let i = 0; i < lines.count; i++) {
    const kind = lines.kind[i];
    if (kind === LINE_UNPARSEABLE) {
      const claimed = seqOf(i);
      problems.push({
        kind: "unparseable",
        ...place(i),
        seq: claimed,
        message: `the line is not a journal record${claimed === null ? "" : ` (it claims seq ${claimed})`}: it was damaged or edited`
      });
      continue;
    }
    if (kind === LINE_INCOMPLETE) {
      problems.push({
        kind: "truncated",
        ...place(i),
        seq: null,
        message: "the segment ends in the middle of a line (cut off, or a crash that was not yet repaired)"
      });
      continue;
    }
    records++;
    if (kind === LINE_HASH_MISMATCH) {
      problems.push({
        kind: "modified",
        ...place(i),
        seq: seqOf(i),
        message: `record seq ${seqOf(i)} does not match its own hash: its content was changed`
      });
    }
    maxSeq = Math.max(maxSeq, lines.seq[i]);
  }
  const first = new Int32Array(maxSeq + 2).fill(-1);
  const nextDup = new Int32Array(lines.count).fill(-1);
  for (let i = lines.count - 1; i >= 0; i--) {
    const k = lines.kind[i];
    const s = lines.seq[i];
    if (k !== LINE_OK && k !== LINE_HASH_MISMATCH || !Number.isInteger(s) || s < 1) {
      if (k === LINE_OK || k === LINE_HASH_MISMATCH) {
        problems.push({
          kind: "inserted",
          ...place(i),
          seq: s,
          message: `seq ${s} is not a valid position in the chain`
        });
      }
      continue;
    }
    nextDup[i] = first[s];
    first[s] = i;
  }
  const sortedGaps = [...gaps].sort((a, b) => a.from_seq - b.from_seq);
  const gapAt = (s) => sortedGaps.find((g) => s >= g.from_seq && s <= g.through_seq);
  const chosen = new Int32Array(maxSeq + 1).fill(-1);
  const blamed = /* @__PURE__ */ new Set();
  let prevLine = -1;
  let prevHash = { bytes: new Uint8Array(32), at: 0 };
  let missingFrom = null;
  const linksForward = (i, s) => {
    for (let j = first[s + 1] ?? -1; j >= 0; j = nextDup[j])
      if (sameBytes(lines.prev, j, lines.hash, i)) return true;
    return false;
  };
  const closeMissing = (s, nextLine) => {
    if (missingFrom === null) return;
    const where = nextLine >= 0 ? place(nextLine) : prevLine >= 0 ? place(prevLine) : { segment: lines.segments[0] ?? "", line: 0 };
    const range = missingFrom === s - 1 ? `seq ${missingFrom} is` : `seqs ${missingFrom}\u2013${s - 1} are`;
    problems.push({
      kind: "deleted",
      segment: where.segment,
      line: where.line,
      seq: missingFrom,
      message: `${range} missing ${nextLine >= 0 ? "before this line" : "at the end"} and not covered by a retention checkpoint`
    });
    missingFrom = null;
  };
  for (let s = 1; s <= maxSeq; s++) {
    const gap = gapAt(s);
    let best = -1;
    let bestScore = -1;
    for (let i = first[s]; i >= 0; i = nextDup[i]) {
      const back = prevHash !== null && sameBytes(lines.prev, i, prevHash.bytes, prevHash.at) ? 1 : 0;
      const score = (linksForward(i, s) ? 4 : 0) + back * 2 + (lines.kind[i] === LINE_OK ? 1 : 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) {
      if (gap) {
        if (s === gap.through_seq) prevHash = { bytes: Buffer.from(gap.last_hash, "hex"), at: 0 };
        prevLine = -1;
        continue;
      }
      if (missingFrom === null) missingFrom = s;
      prevHash = null;
      continue;
    }
    closeMissing(s, best);
    for (let i = first[s]; i >= 0; i = nextDup[i]) {
      if (i === best) continue;
      problems.push({
        kind: "inserted",
        ...place(i),
        seq: s,
        message: `a second record claims seq ${s}; the chain runs through line ${place(best).line} of ${place(best).segment}`
      });
    }
    if (prevHash !== null && !sameBytes(lines.prev, best, prevHash.bytes, prevHash.at)) {
      const target = prevLine >= 0 && s !== maxSeq && linksForward(best, s) ? prevLine : best;
      const reported = blamed.has(target) || lines.kind[target] === LINE_HASH_MISMATCH;
      if (!reported) {
        blamed.add(target);
        problems.push({
          kind: "modified",
          ...place(target),
          seq: seqOf(target),
          message: target === best && s === maxSeq && prevLine >= 0 ? `the last record, seq ${s}, does not chain to seq ${seqOf(prevLine)}: one of the two was rewritten with a recomputed hash` : target === best ? `record seq ${s} does not chain to the record before it: it was rewritten with a recomputed hash` : `record seq ${seqOf(target)} was changed and its hash recomputed: seq ${s} chains to a different hash`
        });
      }
    }
    chosen[s] = best;
    prevLine = best;
    prevHash = { bytes: lines.hash, at: best };
  }
  closeMissing(maxSeq + 1, -1);
  const chainSeqs = [];
  for (let s = 1; s <= maxSeq; s++) if (chosen[s] >= 0) chainSeqs.push(s);
  const inOrder = longestIncreasing(chainSeqs.map((s) => chosen[s]));
  for (let k = 0; k < chainSeqs.length; k++) {
    if (inOrder.has(k)) continue;
    const i = chosen[chainSeqs[k]];
    problems.push({
      kind: "reordered",
      ...place(i),
      seq: chainSeqs[k],
      message: `record seq ${chainSeqs[k]} is out of order in the file`
    });
  }
  const headLine = maxSeq > 0 ? chosen[maxSeq] : -1;
  const head = headLine >= 0 ? { seq: maxSeq, hash: hexAt(lines.hash, headLine) } : baseOf(sortedGaps);
  const lastSeq = head?.seq ?? 0;
  let latestAnchor = null;
  for (const a of anchors) {
    if (!latestAnchor || a.seq > latestAnchor.seq) latestAnchor = a;
    if (a.seq > lastSeq) continue;
    const gap = gapAt(a.seq);
    const i = a.seq >= 1 && a.seq <= maxSeq ? chosen[a.seq] : -1;
    const actual = i >= 0 ? hexAt(lines.hash, i) : gap && a.seq === gap.through_seq ? gap.last_hash : null;
    if (actual === null && gap) continue;
    if (actual !== a.hash) {
      const where = i >= 0 ? place(i) : { segment: lines.segments[0] ?? "", line: null };
      problems.push({
        kind: "anchor_mismatch",
        segment: where.segment,
        line: where.line,
        seq: a.seq,
        message: `anchor ${a.commit.slice(0, 12)} (${a.anchored_at}) recorded seq ${a.seq} with hash ${a.hash.slice(0, 16)}\u2026, the journal ${actual ? `has ${actual.slice(0, 16)}\u2026` : "no longer has that record"}: it was rewritten`
      });
    }
  }
  if (latestAnchor && latestAnchor.seq > lastSeq) {
    problems.push({
      kind: "rolled_back",
      segment: lines.segments.at(-1) ?? "",
      line: null,
      seq: lastSeq,
      message: `the journal ends at seq ${lastSeq} but anchor ${latestAnchor.commit.slice(0, 12)} (${latestAnchor.anchored_at}) recorded seq ${latestAnchor.seq}: records were cut from the end or the journal was replaced by an older copy`
    });
  }
  return {
    ok: problems.length === 0,
    records,
    head,
    problems: problems.sort(byPlace(lines.segments)),
    gaps: sortedGaps.map((g) => ({
      through_seq: g.through_seq,
      checkpoint_hash: g.last_hash,
      purged_at: g.purged_at,
      reason: g.reason
    })),
    anchors_checked: anchors.length
  };
}
function baseOf(gaps) {
  const last = gaps.at(-1);
  return last ? { seq: last.through_seq, hash: last.last_hash } : null;
}
function byPlace(segments) {
  return (a, b) => segments.indexOf(a.segment) - segments.indexOf(b.segment) || (a.line ?? Infinity) - (b.line ?? Infinity);
}
function longestIncreasing(values) {
  const tails = [];
  const tailIdx = [];
  const parent = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (tails[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    tailIdx[lo] = i;
    parent[i] = lo > 0 ? tailIdx[lo - 1] : -1;
  }
  const out = /* @__PURE__ */ new Set();
  for (let i = tailIdx[tails.length - 1] ?? -1; i >= 0; i = parent[i]) out.add(i);
  return out;
}

// src/executions/collect-lines.ts
var HEX64 = /^[0-9a-f]{64}$/;
var LineCollector = class {
  n = 0;
  segments = [];
  segment = new Uint16Array(1024);
  line = new Uint32Array(1024);
  kind = new Uint8Array(1024);
  seq = new Float64Array(1024);
  hash = new Uint8Array(1024 * 32);
  prev = new Uint8Array(1024 * 32);
  /** Start a segment; returns its number for `add`. */
  startSegment(name) {
    this.segments.push(name);
    return this.segments.length - 1;
  }
  add(segment, lineNo, text, complete = true) {
    this.reserve(this.n + 1);
    const i = this.n++;
    this.segment[i] = segment;
    this.line[i] = lineNo;
    this.seq[i] = NaN;
    if (!complete) {
      this.kind[i] = LINE_INCOMPLETE;
      return;
    }
    const str = typeof text === "string" ? text : text.toString("utf8");
    let value;
    try {
      value = JSON.parse(str);
    } catch {
      this.kind[i] = LINE_UNPARSEABLE;
      return;
    }
    const r = value;
    if (r === null || typeof r !== "object" || Array.isArray(r) || typeof r.seq !== "number" || typeof r.hash !== "string" || typeof r.prev_hash !== "string" || !HEX64.test(r.hash) || !HEX64.test(r.prev_hash)) {
      this.kind[i] = LINE_UNPARSEABLE;
      if (r !== null && typeof r === "object" && typeof r.seq === "number") this.seq[i] = r.seq;
      return;
    }
    this.seq[i] = r.seq;
    this.hash.set(Buffer.from(r.hash, "hex"), i * 32);
    this.prev.set(Buffer.from(r.prev_hash, "hex"), i * 32);
    const ok = sealedBytesMatch(str, r.hash) || hashRecord(r) === r.hash;
    this.kind[i] = ok ? LINE_OK : LINE_HASH_MISMATCH;
  }
  finish() {
    const n = this.n;
    return {
      count: n,
      segments: this.segments,
      segment: this.segment.subarray(0, n),
      line: this.line.subarray(0, n),
      kind: this.kind.subarray(0, n),
      seq: this.seq.subarray(0, n),
      hash: this.hash.subarray(0, n * 32),
      prev: this.prev.subarray(0, n * 32)
    };
  }
  reserve(need) {
    if (need <= this.kind.length) return;
    const cap = this.kind.length * 2;
    const growTo = (arr, size) => {
      const next = new arr.constructor(size);
      next.set(arr);
      return next;
    };
    this.segment = growTo(this.segment, cap);
    this.line = growTo(this.line, cap);
    this.kind = growTo(this.kind, cap);
    this.seq = growTo(this.seq, cap);
    this.hash = growTo(this.hash, cap * 32);
    this.prev = growTo(this.prev, cap * 32);
  }
};

// src/executions/verify-journal.ts
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
