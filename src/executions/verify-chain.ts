import type { PurgeGap } from '../state/retention-state.js';
import type { VerifyProblem, VerifyReport } from './types.js';
import { anchorPhase } from './verify/anchor-phase.js';
import { chainPhase } from './verify/chain-phase.js';
import { Checkpoints } from './verify/checkpoints.js';
import { readPhase } from './verify/read-phase.js';
import { headOf, reorderedPhase, reportPhase } from './verify/report-phase.js';
import type { Anchor, ScannedLines } from './verify/scanned-lines.js';

export {
  LINE_HASH_MISMATCH,
  LINE_INCOMPLETE,
  LINE_OK,
  LINE_UNPARSEABLE,
  type Anchor,
  type ScannedLines,
} from './verify/scanned-lines.js';
export { longestIncreasing } from './verify/report-phase.js';

export interface VerifyChainOptions {
  /**
   * Whether the place order is evidence (a file: a record out of file order is `reordered`). A table read in seq
   * order finds moved rows itself (docs/postgres.md) and turns this off.
   */
  placeOrder?: boolean;
}

/**
 * Walk the chain by seq and name every problem with its place (pure: lines, gaps and anchors in, report out), in
 * named phases: read (each line on its own), checkpoints (retention gaps), chain (links by seq: deleted, inserted,
 * modified), reordered (file order), anchors (heads recorded in git), report.
 */
export function verifyChain(
  lines: ScannedLines,
  gaps: readonly PurgeGap[],
  anchors: readonly Anchor[],
  options: VerifyChainOptions = {},
): VerifyReport {
  const read = readPhase(lines);
  const problems: VerifyProblem[] = read.problems;
  const checkpoints = new Checkpoints(gaps);
  const chosen = chainPhase(lines, read.maxSeq, checkpoints, problems);
  if (options.placeOrder !== false) problems.push(...reorderedPhase(lines, chosen));
  const head = headOf(lines, chosen, checkpoints);
  problems.push(...anchorPhase(lines, chosen, head, checkpoints, anchors));
  return reportPhase(lines, read.records, head, problems, checkpoints, anchors.length);
}
