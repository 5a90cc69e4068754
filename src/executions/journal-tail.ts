import { readSync } from 'node:fs';

/** Reads `length` bytes of segment `segment` at `position` into `buf`; returns how many it read. */
export type ReadAt = (segment: number, buf: Buffer, position: number, length: number) => number;

/** A place in the journal: a segment (by its index in chain order) and a byte offset in it. */
export interface JournalPlace {
  segment: number;
  offset: number;
}

const PROBE = 64 * 1024;
/** Below this many bytes a segment is scanned rather than bisected further. */
const SCAN_BELOW = 256 * 1024;

/**
 * Where the records after `afterSeq` start, found by bisecting on byte offsets (lines are in seq order in a journal
 * that verifies): O(log size) reads instead of a scan. The place may be a little early (never late): a reader still
 * skips records with seq ≤ afterSeq. `sizes` are the segments' lengths in chain order.
 */
export function locateAfterSeq(sizes: readonly number[], read: ReadAt, afterSeq: number): JournalPlace {
  // The last segment whose first record is at or before afterSeq holds the start (or it is the next one's start).
  let segment = 0;
  for (let i = sizes.length - 1; i >= 0; i--) {
    const first = seqOfLineAt(read, i, 0, sizes[i]!);
    if (first !== null && first <= afterSeq) {
      segment = i;
      break;
    }
  }
  let lo = 0;
  let hi = sizes[segment] ?? 0;
  while (hi - lo > SCAN_BELOW) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const start = nextLineStart(read, segment, mid, hi);
    const seq = start === null ? null : seqOfLineAt(read, segment, start, hi);
    if (start !== null && seq !== null && seq <= afterSeq) lo = start;
    else hi = mid;
  }
  return { segment, offset: lo };
}

/** The offset just after the next newline at or after `from` (below `to`), or null. */
function nextLineStart(read: ReadAt, segment: number, from: number, to: number): number | null {
  const buf = Buffer.allocUnsafe(PROBE);
  for (let at = from; at < to; at += PROBE) {
    const got = read(segment, buf, at, Math.min(PROBE, to - at));
    if (got <= 0) return null;
    const nl = buf.subarray(0, got).indexOf(10);
    if (nl >= 0) return at + nl + 1 < to ? at + nl + 1 : null;
  }
  return null;
}

/** The seq of the complete line starting at `offset`, or null when it is not a whole, parseable record. */
function seqOfLineAt(read: ReadAt, segment: number, offset: number, to: number): number | null {
  let size = PROBE;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(size, to - offset));
    if (buf.length === 0) return null;
    const got = read(segment, buf, offset, buf.length);
    const nl = buf.subarray(0, got).indexOf(10);
    if (nl >= 0) {
      try {
        const value = JSON.parse(buf.subarray(0, nl).toString('utf8')) as { seq?: unknown };
        return typeof value?.seq === 'number' ? value.seq : null;
      } catch {
        return null;
      }
    }
    if (got < buf.length || offset + got >= to) return null;
    size *= 4;
  }
}

/** A ReadAt over open file descriptors, one per segment. */
export function readAtFds(fds: readonly number[]): ReadAt {
  return (segment, buf, position, length) => readSync(fds[segment]!, buf, 0, length, position);
}
