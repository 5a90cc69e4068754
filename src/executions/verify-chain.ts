import type { PurgeGap } from '../state/retention-state.js';
import type { ChainHead, VerifyProblem, VerifyReport } from './types.js';

/** How a line of a segment looked when it was read. */
export const LINE_OK = 0;
export const LINE_HASH_MISMATCH = 1;
export const LINE_UNPARSEABLE = 2;
export const LINE_INCOMPLETE = 3;

/**
 * Every line of the journal as the verifier needs it, in columns (a million lines cost about 80 MB): where it is,
 * what it is, its seq, its stored hash and prev_hash (32 bytes each, zero for lines that are not records).
 */
export interface ScannedLines {
  count: number;
  segments: string[];
  segment: Uint16Array;
  /** 1-based line number inside its segment. */
  line: Uint32Array;
  kind: Uint8Array;
  seq: Float64Array;
  hash: Uint8Array;
  prev: Uint8Array;
}

export interface Anchor {
  seq: number;
  hash: string;
  anchored_at: string;
  commit: string;
}

const sameBytes = (a: Uint8Array, ai: number, b: Uint8Array, bi: number): boolean => {
  for (let k = 0; k < 32; k++) if (a[ai * 32 + k] !== b[bi * 32 + k]) return false;
  return true;
};
const hexAt = (bytes: Uint8Array, i: number): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset + i * 32, 32).toString('hex');

/**
 * Walk the chain by seq and name every problem with its place (pure: lines, gaps and anchors in, report out).
 *
 * - a line that is not JSON or not a record: `unparseable`; an unfinished last line: `truncated`;
 * - a record whose content does not match its own hash: `modified`; a record whose hash was recomputed after an edit
 *   shows as the next record chaining to a different hash, and is named `modified` too;
 * - a seq that is missing and not in a retention gap: `deleted` (one problem per run of missing seqs);
 * - a second record claiming a seq (the one the chain does not run through): `inserted`;
 * - records of the chain out of file order (not on the longest in-order run): `reordered`;
 * - an anchor whose record now has another hash: `anchor_mismatch`; a journal ending before an anchor: `rolled_back`.
 */
export function verifyChain(
  lines: ScannedLines,
  gaps: readonly PurgeGap[],
  anchors: readonly Anchor[],
): VerifyReport {
  const problems: VerifyProblem[] = [];
  const place = (i: number): { segment: string; line: number } => ({
    segment: lines.segments[lines.segment[i]!]!,
    line: lines.line[i]!,
  });
  const seqOf = (i: number): number | null => (Number.isFinite(lines.seq[i]) ? lines.seq[i]! : null);

  let records = 0;
  let maxSeq = 0;
  for (let i = 0; i < lines.count; i++) {
    const kind = lines.kind[i]!;
    if (kind === LINE_UNPARSEABLE) {
      const claimed = seqOf(i);
      problems.push({
        kind: 'unparseable',
        ...place(i),
        seq: claimed,
        message: `the line is not a journal record${claimed === null ? '' : ` (it claims seq ${claimed})`}: it was damaged or edited`,
      });
      continue;
    }
    if (kind === LINE_INCOMPLETE) {
      problems.push({
        kind: 'truncated',
        ...place(i),
        seq: null,
        message: 'the segment ends in the middle of a line (cut off, or a crash that was not yet repaired)',
      });
      continue;
    }
    records++;
    if (kind === LINE_HASH_MISMATCH) {
      problems.push({
        kind: 'modified',
        ...place(i),
        seq: seqOf(i),
        message: `record seq ${seqOf(i)} does not match its own hash: its content was changed`,
      });
    }
    maxSeq = Math.max(maxSeq, lines.seq[i]!);
  }

  // Candidates per seq: first line and a next-pointer chain for duplicates.
  const first = new Int32Array(maxSeq + 2).fill(-1);
  const nextDup = new Int32Array(lines.count).fill(-1);
  for (let i = lines.count - 1; i >= 0; i--) {
    const k = lines.kind[i]!;
    const s = lines.seq[i]!;
    if ((k !== LINE_OK && k !== LINE_HASH_MISMATCH) || !Number.isInteger(s) || s < 1) {
      if (k === LINE_OK || k === LINE_HASH_MISMATCH) {
        problems.push({
          kind: 'inserted',
          ...place(i),
          seq: s,
          message: `seq ${s} is not a valid position in the chain`,
        });
      }
      continue;
    }
    nextDup[i] = first[s]!;
    first[s] = i;
  }

  const sortedGaps = [...gaps].sort((a, b) => a.from_seq - b.from_seq);
  const gapAt = (s: number): PurgeGap | undefined =>
    sortedGaps.find((g) => s >= g.from_seq && s <= g.through_seq);
  const chosen = new Int32Array(maxSeq + 1).fill(-1);
  const blamed = new Set<number>();
  let prevLine = -1; // the chain's record before the current seq
  let prevHash: { bytes: Uint8Array; at: number } | null = { bytes: new Uint8Array(32), at: 0 }; // genesis: zeros
  let missingFrom: number | null = null;

  const linksForward = (i: number, s: number): boolean => {
    for (let j = first[s + 1] ?? -1; j >= 0; j = nextDup[j]!)
      if (sameBytes(lines.prev, j, lines.hash, i)) return true;
    return false;
  };
  const closeMissing = (s: number, nextLine: number): void => {
    if (missingFrom === null) return;
    const where =
      nextLine >= 0
        ? place(nextLine)
        : prevLine >= 0
          ? place(prevLine)
          : { segment: lines.segments[0] ?? '', line: 0 };
    const range = missingFrom === s - 1 ? `seq ${missingFrom} is` : `seqs ${missingFrom}–${s - 1} are`;
    problems.push({
      kind: 'deleted',
      segment: where.segment,
      line: where.line,
      seq: missingFrom,
      message: `${range} missing ${nextLine >= 0 ? 'before this line' : 'at the end'} and not covered by a retention checkpoint`,
    });
    missingFrom = null;
  };

  for (let s = 1; s <= maxSeq; s++) {
    const gap = gapAt(s);
    let best = -1;
    let bestScore = -1;
    for (let i = first[s]!; i >= 0; i = nextDup[i]!) {
      const back = prevHash !== null && sameBytes(lines.prev, i, prevHash.bytes, prevHash.at) ? 1 : 0;
      const score = (linksForward(i, s) ? 4 : 0) + back * 2 + (lines.kind[i] === LINE_OK ? 1 : 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) {
      if (gap) {
        if (s === gap.through_seq) prevHash = { bytes: Buffer.from(gap.last_hash, 'hex'), at: 0 };
        prevLine = -1;
        continue;
      }
      if (missingFrom === null) missingFrom = s;
      prevHash = null;
      continue;
    }
    closeMissing(s, best);
    for (let i = first[s]!; i >= 0; i = nextDup[i]!) {
      if (i === best) continue;
      problems.push({
        kind: 'inserted',
        ...place(i),
        seq: s,
        message: `a second record claims seq ${s}; the chain runs through line ${place(best).line} of ${place(best).segment}`,
      });
    }
    if (prevHash !== null && !sameBytes(lines.prev, best, prevHash.bytes, prevHash.at)) {
      // The link into this record is broken: one of the two was edited. If the rest of the chain runs through this
      // one, the record before is named (its hash was recomputed, or it was reported already). At the tail nothing
      // tells which of the two was rewritten: the last record is named, and the message says so.
      const target = prevLine >= 0 && s !== maxSeq && linksForward(best, s) ? prevLine : best;
      const reported = blamed.has(target) || lines.kind[target] === LINE_HASH_MISMATCH;
      if (!reported) {
        blamed.add(target);
        problems.push({
          kind: 'modified',
          ...place(target),
          seq: seqOf(target),
          message:
            target === best && s === maxSeq && prevLine >= 0
              ? `the last record, seq ${s}, does not chain to seq ${seqOf(prevLine)}: one of the two was rewritten with a recomputed hash`
              : target === best
                ? `record seq ${s} does not chain to the record before it: it was rewritten with a recomputed hash`
                : `record seq ${seqOf(target)} was changed and its hash recomputed: seq ${s} chains to a different hash`,
        });
      }
    }
    chosen[s] = best;
    prevLine = best;
    prevHash = { bytes: lines.hash, at: best };
  }
  closeMissing(maxSeq + 1, -1);

  // Reordered: chain records that are not on the longest run in file order (so one moved record is one problem).
  const chainSeqs: number[] = [];
  for (let s = 1; s <= maxSeq; s++) if (chosen[s]! >= 0) chainSeqs.push(s);
  const inOrder = longestIncreasing(chainSeqs.map((s) => chosen[s]!));
  for (let k = 0; k < chainSeqs.length; k++) {
    if (inOrder.has(k)) continue;
    const i = chosen[chainSeqs[k]!]!;
    problems.push({
      kind: 'reordered',
      ...place(i),
      seq: chainSeqs[k]!,
      message: `record seq ${chainSeqs[k]} is out of order in the file`,
    });
  }

  const headLine = maxSeq > 0 ? chosen[maxSeq]! : -1;
  const head: ChainHead | null =
    headLine >= 0 ? { seq: maxSeq, hash: hexAt(lines.hash, headLine) } : baseOf(sortedGaps);
  const lastSeq = head?.seq ?? 0;

  let latestAnchor: Anchor | null = null;
  for (const a of anchors) {
    if (!latestAnchor || a.seq > latestAnchor.seq) latestAnchor = a;
    if (a.seq > lastSeq) continue;
    const gap = gapAt(a.seq);
    const i = a.seq >= 1 && a.seq <= maxSeq ? chosen[a.seq]! : -1;
    const actual = i >= 0 ? hexAt(lines.hash, i) : gap && a.seq === gap.through_seq ? gap.last_hash : null;
    if (actual === null && gap) continue; // purged by retention: the gap accounts for it
    if (actual !== a.hash) {
      const where = i >= 0 ? place(i) : { segment: lines.segments[0] ?? '', line: null };
      problems.push({
        kind: 'anchor_mismatch',
        segment: where.segment,
        line: where.line,
        seq: a.seq,
        message: `anchor ${a.commit.slice(0, 12)} (${a.anchored_at}) recorded seq ${a.seq} with hash ${a.hash.slice(0, 16)}…, the journal ${actual ? `has ${actual.slice(0, 16)}…` : 'no longer has that record'}: it was rewritten`,
      });
    }
  }
  if (latestAnchor && latestAnchor.seq > lastSeq) {
    problems.push({
      kind: 'rolled_back',
      segment: lines.segments.at(-1) ?? '',
      line: null,
      seq: lastSeq,
      message: `the journal ends at seq ${lastSeq} but anchor ${latestAnchor.commit.slice(0, 12)} (${latestAnchor.anchored_at}) recorded seq ${latestAnchor.seq}: records were cut from the end or the journal was replaced by an older copy`,
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
      reason: g.reason,
    })),
    anchors_checked: anchors.length,
  };
}

function baseOf(gaps: readonly PurgeGap[]): ChainHead | null {
  const last = gaps.at(-1);
  return last ? { seq: last.through_seq, hash: last.last_hash } : null;
}

function byPlace(segments: string[]) {
  return (a: VerifyProblem, b: VerifyProblem): number =>
    segments.indexOf(a.segment) - segments.indexOf(b.segment) || (a.line ?? Infinity) - (b.line ?? Infinity);
}

/** Indices of one longest strictly increasing subsequence of `values` (patience sorting, O(n log n)). */
export function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const tailIdx: number[] = [];
  const parent = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tails[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    tailIdx[lo] = i;
    parent[i] = lo > 0 ? tailIdx[lo - 1]! : -1;
  }
  const out = new Set<number>();
  for (let i = tailIdx[tails.length - 1] ?? -1; i >= 0; i = parent[i]!) out.add(i);
  return out;
}
