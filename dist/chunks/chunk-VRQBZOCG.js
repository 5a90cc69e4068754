function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  hashRecord,
  sealedBytesMatch,
  sealedHashHolds,
  sealedLineMatches
} from "./chunk-XLWVCULI.js";

// src/executions/verify/scanned-lines.ts
var LINE_OK = 0;
var LINE_HASH_MISMATCH = 1;
var LINE_UNPARSEABLE = 2;
var LINE_INCOMPLETE = 3;
var sameBytes = (a, ai, b, bi) => {
  for (let k = 0; k < 32; k++) if (a[ai * 32 + k] !== b[bi * 32 + k]) return false;
  return true;
};
var hexAt = (bytes, i) => Buffer.from(bytes.buffer, bytes.byteOffset + i * 32, 32).toString("hex");
function placeOf(lines, i) {
  return { segment: lines.segments[lines.segment[i]], line: lines.line[i] };
}
function seqOf(lines, i) {
  return Number.isFinite(lines.seq[i]) ? lines.seq[i] : null;
}

// src/executions/verify/anchor-phase.ts
function anchorPhase(lines, chosen, head, checkpoints, anchors) {
  const problems = [];
  const maxSeq = chosen.length - 1;
  const lastSeq = head?.seq ?? 0;
  let latest = null;
  for (const a of anchors) {
    if (!latest || a.seq > latest.seq) latest = a;
    if (a.seq > lastSeq) continue;
    const gap = checkpoints.at(a.seq);
    const i = a.seq >= 1 && a.seq <= maxSeq ? chosen[a.seq] : -1;
    const actual = i >= 0 ? hexAt(lines.hash, i) : gap && a.seq === gap.through_seq ? gap.last_hash : null;
    if (actual === null && gap) continue;
    if (actual !== a.hash) {
      const where = i >= 0 ? placeOf(lines, i) : { segment: lines.segments[0] ?? "", line: null };
      problems.push({
        kind: "anchor_mismatch",
        segment: where.segment,
        line: where.line,
        seq: a.seq,
        message: `anchor ${a.commit.slice(0, 12)} (${a.anchored_at}) recorded seq ${a.seq} with hash ${a.hash.slice(0, 16)}\u2026, the journal ${actual ? `has ${actual.slice(0, 16)}\u2026` : "no longer has that record"}: it was rewritten`
      });
    }
  }
  if (latest && latest.seq > lastSeq) {
    problems.push({
      kind: "rolled_back",
      segment: lines.segments.at(-1) ?? "",
      line: null,
      seq: lastSeq,
      message: `the journal ends at seq ${lastSeq} but anchor ${latest.commit.slice(0, 12)} (${latest.anchored_at}) recorded seq ${latest.seq}: records were cut from the end or the journal was replaced by an older copy`
    });
  }
  return problems;
}

// src/executions/verify/chain-phase.ts
function candidates(lines, maxSeq, problems) {
  const first = new Int32Array(maxSeq + 2).fill(-1);
  const nextDup = new Int32Array(lines.count).fill(-1);
  for (let i = lines.count - 1; i >= 0; i--) {
    const k = lines.kind[i];
    const s = lines.seq[i];
    const isRecord = k === LINE_OK || k === LINE_HASH_MISMATCH;
    if (!isRecord || !Number.isInteger(s) || s < 1) {
      if (isRecord) {
        problems.push({
          kind: "inserted",
          ...placeOf(lines, i),
          seq: s,
          message: `seq ${s} is not a valid position in the chain`
        });
      }
      continue;
    }
    nextDup[i] = first[s];
    first[s] = i;
  }
  return { first, nextDup };
}
function chainPhase(lines, maxSeq, checkpoints, problems) {
  const { first, nextDup } = candidates(lines, maxSeq, problems);
  const place = (i) => placeOf(lines, i);
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
    const gap = checkpoints.at(s);
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
          seq: seqOf(lines, target),
          message: target === best && s === maxSeq && prevLine >= 0 ? `the last record, seq ${s}, does not chain to seq ${seqOf(lines, prevLine)}: one of the two was rewritten with a recomputed hash` : target === best ? `record seq ${s} does not chain to the record before it: it was rewritten with a recomputed hash` : `record seq ${seqOf(lines, target)} was changed and its hash recomputed: seq ${s} chains to a different hash`
        });
      }
    }
    chosen[s] = best;
    prevLine = best;
    prevHash = { bytes: lines.hash, at: best };
  }
  closeMissing(maxSeq + 1, -1);
  return chosen;
}

// src/executions/verify/checkpoints.ts
var Checkpoints = class {
  sorted;
  constructor(gaps) {
    this.sorted = [...gaps].sort((a, b) => a.from_seq - b.from_seq);
  }
  /** The gap covering seq `s`, if any. */
  at(s) {
    return this.sorted.find((g) => s >= g.from_seq && s <= g.through_seq);
  }
  /** The head when every record was purged: the last checkpoint. */
  base() {
    const last = this.sorted.at(-1);
    return last ? { seq: last.through_seq, hash: last.last_hash } : null;
  }
};

// src/executions/verify/read-phase.ts
function readPhase(lines) {
  const problems = [];
  let records = 0;
  let maxSeq = 0;
  for (let i = 0; i < lines.count; i++) {
    const kind = lines.kind[i];
    if (kind === LINE_UNPARSEABLE) {
      const claimed = seqOf(lines, i);
      problems.push({
        kind: "unparseable",
        ...placeOf(lines, i),
        seq: claimed,
        message: `the line is not a journal record${claimed === null ? "" : ` (it claims seq ${claimed})`}: it was damaged or edited`
      });
      continue;
    }
    if (kind === LINE_INCOMPLETE) {
      problems.push({
        kind: "truncated",
        ...placeOf(lines, i),
        seq: null,
        message: "the segment ends in the middle of a line (cut off, or a crash that was not yet repaired)"
      });
      continue;
    }
    records++;
    if (kind === LINE_HASH_MISMATCH) {
      problems.push({
        kind: "modified",
        ...placeOf(lines, i),
        seq: seqOf(lines, i),
        message: `record seq ${seqOf(lines, i)} does not match its own hash: its content was changed`
      });
    }
    maxSeq = Math.max(maxSeq, lines.seq[i]);
  }
  return { records, maxSeq, problems };
}

// src/executions/verify/report-phase.ts
function reorderedPhase(lines, chosen) {
  const chainSeqs = [];
  let previous = -1;
  let sorted = true;
  for (let s = 1; s < chosen.length; s++) {
    const line = chosen[s];
    if (line < 0) continue;
    chainSeqs.push(s);
    if (line <= previous) sorted = false;
    previous = line;
  }
  if (sorted) return [];
  const inOrder = longestIncreasing(chainSeqs.map((s) => chosen[s]));
  const problems = [];
  for (let k = 0; k < chainSeqs.length; k++) {
    if (inOrder.has(k)) continue;
    problems.push({
      kind: "reordered",
      ...placeOf(lines, chosen[chainSeqs[k]]),
      seq: chainSeqs[k],
      message: `record seq ${chainSeqs[k]} is out of order in the file`
    });
  }
  return problems;
}
function headOf(lines, chosen, checkpoints) {
  const maxSeq = chosen.length - 1;
  const headLine = maxSeq > 0 ? chosen[maxSeq] : -1;
  return headLine >= 0 ? { seq: maxSeq, hash: hexAt(lines.hash, headLine) } : checkpoints.base();
}
function reportPhase(lines, records, head, problems, checkpoints, anchorsChecked) {
  const order = (a, b) => lines.segments.indexOf(a.segment) - lines.segments.indexOf(b.segment) || (a.line ?? Infinity) - (b.line ?? Infinity);
  return {
    ok: problems.length === 0,
    records,
    head,
    problems: problems.sort(order),
    gaps: checkpoints.sorted.map((g) => ({
      through_seq: g.through_seq,
      checkpoint_hash: g.last_hash,
      purged_at: g.purged_at,
      reason: g.reason
    })),
    anchors_checked: anchorsChecked
  };
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

// src/executions/verify-chain.ts
function verifyChain(lines, gaps, anchors, options = {}) {
  const read = readPhase(lines);
  const problems = read.problems;
  const checkpoints = new Checkpoints(gaps);
  const chosen = chainPhase(lines, read.maxSeq, checkpoints, problems);
  if (options.placeOrder !== false) problems.push(...reorderedPhase(lines, chosen));
  const head = headOf(lines, chosen, checkpoints);
  problems.push(...anchorPhase(lines, chosen, head, checkpoints, anchors));
  return reportPhase(lines, read.records, head, problems, checkpoints, anchors.length);
}

// src/executions/sealed-line-fields.ts
var MAX_DEPTH = 64;
var QUOTE = 34;
var BACKSLASH = 92;
var COMMA = 44;
var COLON = 58;
var OPEN_OBJECT = 123;
var CLOSE_OBJECT = 125;
var OPEN_ARRAY = 91;
var CLOSE_ARRAY = 93;
var HASH_KEY_FROM_END = 74;
var HASH_VALUE_FROM_END = 67;
var isDigit = (c) => c !== void 0 && c >= 48 && c <= 57;
var isHex = (c) => c !== void 0 && (c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70);
function skipSpace(b, i, end) {
  while (i < end) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}
function skipString(b, i, end) {
  for (i++; i < end; ) {
    const c = b[i];
    if (c === QUOTE) return i + 1;
    if (c < 32) return -1;
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    const e = b[i + 1];
    if (e === 117) {
      if (!isHex(b[i + 2]) || !isHex(b[i + 3]) || !isHex(b[i + 4]) || !isHex(b[i + 5])) return -1;
      i += 6;
    } else if (e === QUOTE || e === BACKSLASH || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
      i += 2;
    } else return -1;
  }
  return -1;
}
function skipNumber(b, i) {
  if (b[i] === 45) i++;
  if (b[i] === 48) i++;
  else if (isDigit(b[i])) while (isDigit(b[i])) i++;
  else return -1;
  if (b[i] === 46) {
    i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  if (b[i] === 101 || b[i] === 69) {
    i++;
    if (b[i] === 43 || b[i] === 45) i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  return i;
}
var matchesWord = (b, i, word) => {
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) return false;
  return true;
};
function skipValue(b, i, end, depth) {
  const c = b[i];
  if (c === QUOTE) return skipString(b, i, end);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    if (depth >= MAX_DEPTH) return -1;
    const object = c === OPEN_OBJECT;
    const close = object ? CLOSE_OBJECT : CLOSE_ARRAY;
    i = skipSpace(b, i + 1, end);
    if (b[i] === close) return i + 1;
    for (; ; ) {
      if (object) {
        if (b[i] !== QUOTE) return -1;
        i = skipString(b, i, end);
        if (i < 0) return -1;
        i = skipSpace(b, i, end);
        if (b[i] !== COLON) return -1;
        i = skipSpace(b, i + 1, end);
      }
      i = skipValue(b, i, end, depth + 1);
      if (i < 0) return -1;
      i = skipSpace(b, i, end);
      if (b[i] === close) return i + 1;
      if (b[i] !== COMMA) return -1;
      i = skipSpace(b, i + 1, end);
    }
  }
  if (c === 116) return matchesWord(b, i, "true") ? i + 4 : -1;
  if (c === 102) return matchesWord(b, i, "false") ? i + 5 : -1;
  if (c === 110) return matchesWord(b, i, "null") ? i + 4 : -1;
  return skipNumber(b, i);
}
function fieldOf(b, from, to) {
  const length = to - from - 2;
  if (length === 3 && matchesWord(b, from + 1, "seq")) return "seq";
  if (length === 4 && matchesWord(b, from + 1, "hash")) return "hash";
  if (length === 9 && matchesWord(b, from + 1, "prev_hash")) return "prev_hash";
  return null;
}
function sealedLineFields(line) {
  const end = line.length;
  if (end < HASH_KEY_FROM_END + 2 || line[0] !== OPEN_OBJECT) return null;
  let i = skipSpace(line, 1, end);
  let seq = null;
  let hashAt = -1;
  let prevAt = -1;
  let lastKey = -1;
  for (; ; ) {
    if (line[i] !== QUOTE) return null;
    const keyAt = i;
    i = skipString(line, i, end);
    if (i < 0) return null;
    for (let k = keyAt + 1; k < i - 1; k++) if (line[k] === BACKSLASH) return null;
    const field = fieldOf(line, keyAt, i);
    i = skipSpace(line, i, end);
    if (line[i] !== COLON) return null;
    const valueAt = skipSpace(line, i + 1, end);
    i = skipValue(line, valueAt, end, 1);
    if (i < 0) return null;
    if (field === "seq") {
      const c = line[valueAt];
      seq = c === 45 || isDigit(c) ? Number(line.toString("latin1", valueAt, i)) : null;
    } else if (field !== null) {
      const at = line[valueAt] === QUOTE && i - valueAt === 66 ? valueAt + 1 : -1;
      if (field === "hash") hashAt = at;
      else prevAt = at;
    }
    lastKey = keyAt;
    i = skipSpace(line, i, end);
    if (line[i] === CLOSE_OBJECT) break;
    if (line[i] !== COMMA) return null;
    i = skipSpace(line, i + 1, end);
  }
  if (i !== end - 1) return null;
  if (seq === null || hashAt < 0 || prevAt < 0) return null;
  if (lastKey !== end - HASH_KEY_FROM_END || hashAt !== end - HASH_VALUE_FROM_END + 1) return null;
  if (line[lastKey - 1] !== COMMA || line[lastKey + 6] !== COLON) return null;
  return { seq, hashAt, prevAt };
}

// src/executions/collect-lines.ts
var HEX = new Uint8Array(128).fill(255);
for (let c = 0; c < 16; c++) HEX["0123456789abcdef".charCodeAt(c)] = c;
function decodeHex64(src, from, out, at) {
  const text = typeof src === "string";
  for (let k = 0; k < 32; k++) {
    const hi = text ? src.charCodeAt(from + 2 * k) : src[from + 2 * k];
    const lo = text ? src.charCodeAt(from + 2 * k + 1) : src[from + 2 * k + 1];
    const h = hi < 128 ? HEX[hi] : 255;
    const l = lo < 128 ? HEX[lo] : 255;
    if ((h | l) === 255) return false;
    out[at + k] = h << 4 | l;
  }
  return true;
}
var LineCollector = class {
  /**
   * `parseEveryLine`: no line is read by its bytes alone (sealed-line-fields.ts); each is `JSON.parse`d, as before
   * that reader. The columns are the same either way (a property test); the option is that test's reference.
   */
  constructor(options = {}) {
    this.options = options;
  }
  options;
  n = 0;
  segments = [];
  segment = new Uint16Array(1024);
  line = new Uint32Array(1024);
  kind = new Uint8Array(1024);
  seq = new Float64Array(1024);
  hash = new Uint8Array(1024 * 32);
  prev = new Uint8Array(1024 * 32);
  /** Buffer views of `hash` and `prev`, to decode hex straight into them (kept in step by `reserve`). */
  hashBytes = Buffer.from(this.hash.buffer);
  prevBytes = Buffer.from(this.prev.buffer);
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
    if (typeof text !== "string" && !this.options.parseEveryLine && this.addSealedLine(i, text)) return;
    const str = typeof text === "string" ? text : text.toString("utf8");
    let value;
    try {
      value = JSON.parse(str);
    } catch {
      this.kind[i] = LINE_UNPARSEABLE;
      return;
    }
    const r = value;
    if (r === null || typeof r !== "object" || Array.isArray(r) || typeof r.seq !== "number" || typeof r.hash !== "string" || typeof r.prev_hash !== "string" || r.hash.length !== 64 || r.prev_hash.length !== 64 || !decodeHex64(r.hash, 0, this.hash, i * 32) || !decodeHex64(r.prev_hash, 0, this.prev, i * 32)) {
      this.kind[i] = LINE_UNPARSEABLE;
      this.hash.fill(0, i * 32, i * 32 + 32);
      this.prev.fill(0, i * 32, i * 32 + 32);
      if (r !== null && typeof r === "object" && typeof r.seq === "number") this.seq[i] = r.seq;
      return;
    }
    this.seq[i] = r.seq;
    const sealed = typeof text === "string" ? sealedBytesMatch(str, r.hash) : sealedLineMatches(text, r.hash);
    const ok = sealed || hashRecord(r) === r.hash;
    this.kind[i] = ok ? LINE_OK : LINE_HASH_MISMATCH;
  }
  /**
   * Line `i` as a sealed record matching its own hash, read by its bytes alone; false (the columns of `i` partly
   * written) when it is anything else, which `add` then parses.
   */
  addSealedLine(i, line) {
    const fields = sealedLineFields(line);
    if (fields === null || !decodeHex64(line, fields.hashAt, this.hash, i * 32) || !decodeHex64(line, fields.prevAt, this.prev, i * 32) || !sealedHashHolds(line, fields.hashAt)) {
      return false;
    }
    this.seq[i] = fields.seq;
    this.kind[i] = LINE_OK;
    return true;
  }
  /**
   * A line already known to be a sealed record that matches its own hash (the caller checked it), with its seq and
   * hashes: no JSON parse (PostgreSQL rows, docs/postgres.md).
   */
  addSealed(segment, lineNo, seq, hash, prevHash) {
    this.reserve(this.n + 1);
    const i = this.n++;
    this.segment[i] = segment;
    this.line[i] = lineNo;
    this.seq[i] = seq;
    this.hashBytes.write(hash, i * 32, 32, "hex");
    this.prevBytes.write(prevHash, i * 32, 32, "hex");
    this.kind[i] = LINE_OK;
  }
  /** The seq the last line added claims (NaN: none). */
  lastSeq() {
    return this.n === 0 ? NaN : this.seq[this.n - 1];
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
    this.hashBytes = Buffer.from(this.hash.buffer);
    this.prevBytes = Buffer.from(this.prev.buffer);
  }
};

export {
  verifyChain,
  LineCollector
};
