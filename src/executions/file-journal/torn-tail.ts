import { quarantineTail } from '../quarantine-tail.js';
import { parseJournalLine } from '../parse-journal-line.js';
import { sealedBytesMatch } from '../record-hash.js';
import type { SegmentView } from './segment-view.js';

/**
 * With the lock held: move the bytes after the last newline of the last segment (an append that never finished, so
 * was never acknowledged) into quarantine/ and cut them off. Complete lines are never moved. Returns the file moved
 * to, or null.
 */
export function quarantineTornTail(
  view: SegmentView,
  now: Date,
  warn: (message: string) => void,
): string | null {
  const last = view.segs[view.segs.length - 1];
  if (!last) return null;
  const from = last.bytes;
  const moved = quarantineTail(view.dir, last.name.name, from, now);
  if (!moved) return null;
  warn(
    `journal: moved ${moved.bytes} bytes after the last complete line of ${last.name.name} (offset ${from}) to executions/${moved.file}: ${describeTorn(moved.content)}`,
  );
  return moved.file;
}

/** What the moved bytes were, for the warning: a record lacking only its newline is named by its seq. */
export function describeTorn(bytes: Buffer): string {
  const parsed = parseJournalLine(bytes);
  if (!parsed)
    return 'an unfinished line, a writer probably crashed mid-append; no acknowledged record is affected';
  const { seq, hash } = parsed.record;
  return sealedBytesMatch(bytes.toString('utf8'), hash)
    ? `a whole record (seq ${seq}) without its newline, so its append was never acknowledged`
    : `a whole record (seq ${seq}) without its newline that does not match its own hash: an edit, not a crash; run \`opsledger verify\``;
}
