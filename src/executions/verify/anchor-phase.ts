import type { ChainHead, VerifyProblem } from '../types.js';
import type { Checkpoints } from './checkpoints.js';
import { hexAt, placeOf, type Anchor, type ScannedLines } from './scanned-lines.js';

/**
 * Phase "anchors": the chain heads recorded in git (`opsledger anchor`). An anchor whose record now has another
 * hash is `anchor_mismatch`; a journal ending before the latest anchor is `rolled_back`.
 */
export function anchorPhase(
  lines: ScannedLines,
  chosen: Int32Array,
  head: ChainHead | null,
  checkpoints: Checkpoints,
  anchors: readonly Anchor[],
): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  const maxSeq = chosen.length - 1;
  const lastSeq = head?.seq ?? 0;
  let latest: Anchor | null = null;
  for (const a of anchors) {
    if (!latest || a.seq > latest.seq) latest = a;
    if (a.seq > lastSeq) continue;
    const gap = checkpoints.at(a.seq);
    const i = a.seq >= 1 && a.seq <= maxSeq ? chosen[a.seq]! : -1;
    const actual = i >= 0 ? hexAt(lines.hash, i) : gap && a.seq === gap.through_seq ? gap.last_hash : null;
    if (actual === null && gap) continue; // purged by retention: the gap accounts for it
    if (actual !== a.hash) {
      const where = i >= 0 ? placeOf(lines, i) : { segment: lines.segments[0] ?? '', line: null };
      problems.push({
        kind: 'anchor_mismatch',
        segment: where.segment,
        line: where.line,
        seq: a.seq,
        message: `anchor ${a.commit.slice(0, 12)} (${a.anchored_at}) recorded seq ${a.seq} with hash ${a.hash.slice(0, 16)}…, the journal ${actual ? `has ${actual.slice(0, 16)}…` : 'no longer has that record'}: it was rewritten`,
      });
    }
  }
  if (latest && latest.seq > lastSeq) {
    problems.push({
      kind: 'rolled_back',
      segment: lines.segments.at(-1) ?? '',
      line: null,
      seq: lastSeq,
      message: `the journal ends at seq ${lastSeq} but anchor ${latest.commit.slice(0, 12)} (${latest.anchored_at}) recorded seq ${latest.seq}: records were cut from the end or the journal was replaced by an older copy`,
    });
  }
  return problems;
}
