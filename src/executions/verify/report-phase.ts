import type { ChainHead, VerifyProblem, VerifyReport } from '../types.js';
import type { Checkpoints } from './checkpoints.js';
import { hexAt, placeOf, type ScannedLines } from './scanned-lines.js';

/**
 * Records of the chain out of file order: those not on the longest run in file order (so one moved record is one
 * problem), named `reordered`.
 */
export function reorderedPhase(lines: ScannedLines, chosen: Int32Array): VerifyProblem[] {
  const chainSeqs: number[] = [];
  let previous = -1;
  let sorted = true;
  for (let s = 1; s < chosen.length; s++) {
    const line = chosen[s]!;
    if (line < 0) continue;
    chainSeqs.push(s);
    if (line <= previous) sorted = false;
    previous = line;
  }
  // The usual journal: every record of the chain in file order, nothing to look for.
  if (sorted) return [];
  const inOrder = longestIncreasing(chainSeqs.map((s) => chosen[s]!));
  const problems: VerifyProblem[] = [];
  for (let k = 0; k < chainSeqs.length; k++) {
    if (inOrder.has(k)) continue;
    problems.push({
      kind: 'reordered',
      ...placeOf(lines, chosen[chainSeqs[k]!]!),
      seq: chainSeqs[k]!,
      message: `record seq ${chainSeqs[k]} is out of order in the file`,
    });
  }
  return problems;
}

/** The head the chain walk reached: the record of the highest seq, or the last checkpoint when none is left. */
export function headOf(lines: ScannedLines, chosen: Int32Array, checkpoints: Checkpoints): ChainHead | null {
  const maxSeq = chosen.length - 1;
  const headLine = maxSeq > 0 ? chosen[maxSeq]! : -1;
  return headLine >= 0 ? { seq: maxSeq, hash: hexAt(lines.hash, headLine) } : checkpoints.base();
}

/** Phase "report": the problems in place order, the gaps, the counts. */
export function reportPhase(
  lines: ScannedLines,
  records: number,
  head: ChainHead | null,
  problems: VerifyProblem[],
  checkpoints: Checkpoints,
  anchorsChecked: number,
): VerifyReport {
  const order = (a: VerifyProblem, b: VerifyProblem): number =>
    lines.segments.indexOf(a.segment) - lines.segments.indexOf(b.segment) ||
    (a.line ?? Infinity) - (b.line ?? Infinity);
  return {
    ok: problems.length === 0,
    records,
    head,
    problems: problems.sort(order),
    gaps: checkpoints.sorted.map((g) => ({
      through_seq: g.through_seq,
      checkpoint_hash: g.last_hash,
      purged_at: g.purged_at,
      reason: g.reason,
    })),
    anchors_checked: anchorsChecked,
  };
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
