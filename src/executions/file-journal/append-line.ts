import { fdatasyncSync, ftruncateSync, writeSync } from 'node:fs';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { GENESIS_HASH, sealRecord } from '../record-hash.js';
import type { ChainHead, ExecutionInput, ExecutionRecord } from '../types.js';
import type { SegmentRollover } from './segment-rollover.js';
import type { SegmentView } from './segment-view.js';

/**
 * With the journal lock held and the view current: chain the input onto the head, write its line to the active
 * segment, fdatasync, and index it. A failed write is cut back off, so the journal stays whole.
 */
export function appendLine(
  view: SegmentView,
  rollover: SegmentRollover,
  head: ChainHead | null,
  stored: ExecutionInput,
): ExecutionRecord {
  const seg = rollover.active();
  const { fd } = rollover.fd!;
  const { record, line } = sealRecord(stored, head ?? { seq: 0, hash: GENESIS_HASH });
  const bytes = Buffer.from(line, 'utf8');
  const offset = view.segs[seg]!.bytes;
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fdatasyncSync(fd);
  } catch (err) {
    // Take back a partial line so the journal stays whole; the record was not acknowledged.
    try {
      ftruncateSync(fd, offset);
    } catch {
      // The next open quarantines what is left.
    }
    throw new OpsledgerError(
      'JOURNAL_UNAVAILABLE',
      `cannot write the execution journal: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  view.added(record, { segment: seg, offset, length: bytes.length - 1 });
  return record;
}
