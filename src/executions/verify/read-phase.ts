import type { VerifyProblem } from '../types.js';
import {
  LINE_HASH_MISMATCH,
  LINE_INCOMPLETE,
  LINE_UNPARSEABLE,
  placeOf,
  seqOf,
  type ScannedLines,
} from './scanned-lines.js';

/**
 * Phase "read": what each line is on its own. A line that is not JSON or not a record is `unparseable`; an
 * unfinished last line `truncated`; a record whose content does not match its own hash `modified`.
 */
export function readPhase(lines: ScannedLines): {
  records: number;
  maxSeq: number;
  problems: VerifyProblem[];
} {
  const problems: VerifyProblem[] = [];
  let records = 0;
  let maxSeq = 0;
  for (let i = 0; i < lines.count; i++) {
    const kind = lines.kind[i]!;
    if (kind === LINE_UNPARSEABLE) {
      const claimed = seqOf(lines, i);
      problems.push({
        kind: 'unparseable',
        ...placeOf(lines, i),
        seq: claimed,
        message: `the line is not a journal record${claimed === null ? '' : ` (it claims seq ${claimed})`}: it was damaged or edited`,
      });
      continue;
    }
    if (kind === LINE_INCOMPLETE) {
      problems.push({
        kind: 'truncated',
        ...placeOf(lines, i),
        seq: null,
        message: 'the segment ends in the middle of a line (cut off, or a crash that was not yet repaired)',
      });
      continue;
    }
    records++;
    if (kind === LINE_HASH_MISMATCH) {
      problems.push({
        kind: 'modified',
        ...placeOf(lines, i),
        seq: seqOf(lines, i),
        message: `record seq ${seqOf(lines, i)} does not match its own hash: its content was changed`,
      });
    }
    maxSeq = Math.max(maxSeq, lines.seq[i]!);
  }
  return { records, maxSeq, problems };
}
