import type { VerifyProblem } from '../types.js';
import type { Checkpoints } from './checkpoints.js';
import {
  LINE_HASH_MISMATCH,
  LINE_OK,
  placeOf,
  sameBytes,
  seqOf,
  type ScannedLines,
} from './scanned-lines.js';

/** The records claiming each seq: the first line and a next-pointer chain for duplicates. */
interface Candidates {
  first: Int32Array;
  nextDup: Int32Array;
}

/** A record line with a seq that cannot be a place in the chain is `inserted`; the others are candidates. */
function candidates(lines: ScannedLines, maxSeq: number, problems: VerifyProblem[]): Candidates {
  const first = new Int32Array(maxSeq + 2).fill(-1);
  const nextDup = new Int32Array(lines.count).fill(-1);
  for (let i = lines.count - 1; i >= 0; i--) {
    const k = lines.kind[i]!;
    const s = lines.seq[i]!;
    const isRecord = k === LINE_OK || k === LINE_HASH_MISMATCH;
    if (!isRecord || !Number.isInteger(s) || s < 1) {
      if (isRecord) {
        problems.push({
          kind: 'inserted',
          ...placeOf(lines, i),
          seq: s,
          message: `seq ${s} is not a valid position in the chain`,
        });
      }
      continue;
    }
    nextDup[i] = first[s]!;
    first[s] = i;
  }
  return { first, nextDup };
}

/**
 * Phase "chain": walk by seq from genesis (or a checkpoint), choosing for each seq the record the chain runs
 * through, and name what breaks it: a seq missing outside a checkpoint (`deleted`, one problem per run), a second
 * record claiming a seq (`inserted`), a link into a record that does not match (`modified`: the record whose hash was
 * recomputed). Returns, per seq, the line the chain runs through (-1: none).
 */
export function chainPhase(
  lines: ScannedLines,
  maxSeq: number,
  checkpoints: Checkpoints,
  problems: VerifyProblem[],
): Int32Array {
  const { first, nextDup } = candidates(lines, maxSeq, problems);
  const place = (i: number) => placeOf(lines, i);
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
    const gap = checkpoints.at(s);
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
          seq: seqOf(lines, target),
          message:
            target === best && s === maxSeq && prevLine >= 0
              ? `the last record, seq ${s}, does not chain to seq ${seqOf(lines, prevLine)}: one of the two was rewritten with a recomputed hash`
              : target === best
                ? `record seq ${s} does not chain to the record before it: it was rewritten with a recomputed hash`
                : `record seq ${seqOf(lines, target)} was changed and its hash recomputed: seq ${s} chains to a different hash`,
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
