import { fdatasync, ftruncateSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { GENESIS_HASH, sealRecord } from '../record-hash.js';
import type { ChainHead, ExecutionInput, ExecutionRecord } from '../types.js';
import type { SegmentRollover } from './segment-rollover.js';
import type { SegmentView } from './segment-view.js';

/** fdatasync on the thread pool: the event loop goes on (timers, other runs) while a batch is made durable. */
const fdatasyncAsync = promisify(fdatasync);

/** One append of a batch: the input in stored form, and for a conditional append its condition. */
export interface BatchAppend {
  stored: ExecutionInput;
  when?: (latest: ExecutionRecord | null) => boolean;
}

/**
 * With the journal lock held and the view current (group commit): chain and write one line per append whose
 * condition holds — judged against the journal (`latest`) and the earlier records of the batch — to the active
 * segment, make them all durable with one fdatasync, then index them. Returns a record per append, null where the
 * condition did not hold. A batch that cannot be written is cut back off whole, so the journal stays whole and none
 * of it is acknowledged.
 */
export async function appendBatch(
  view: SegmentView,
  rollover: SegmentRollover,
  head: ChainHead | null,
  batch: readonly BatchAppend[],
  latest: (id: string) => ExecutionRecord | null,
): Promise<(ExecutionRecord | null)[]> {
  const seg = rollover.active();
  const { fd } = rollover.fd!;
  const known = view.segs[seg]!;
  const start = known.bytes;
  let prev = head ?? { seq: 0, hash: GENESIS_HASH };
  let offset = start;
  const inBatch = new Map<string, ExecutionRecord>();
  const written: { record: ExecutionRecord; offset: number; length: number }[] = [];
  const results: (ExecutionRecord | null)[] = [];
  try {
    for (const { stored, when } of batch) {
      if (when && !when(inBatch.get(stored.id) ?? latest(stored.id))) {
        results.push(null);
        continue;
      }
      const { record, line } = sealRecord(stored, prev);
      const bytes = Buffer.from(line, 'utf8');
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      written.push({ record, offset, length: bytes.length });
      inBatch.set(record.id, record);
      results.push(record);
      prev = { seq: record.seq, hash: record.hash };
      offset += bytes.length;
    }
    // Counted as ours before the sync, so a refresh meanwhile never folds them as another writer's lines.
    known.bytes = offset;
    if (written.length > 0) await fdatasyncAsync(fd);
  } catch (err) {
    // Take back the whole batch so the journal stays whole; none of it was acknowledged.
    known.bytes = start;
    try {
      ftruncateSync(fd, start);
    } catch {
      // The next open quarantines what is left.
    }
    throw new OpsledgerError(
      'JOURNAL_UNAVAILABLE',
      `cannot write the execution journal: ${(err as Error).message}`,
      { cause: err },
    );
  }
  for (const w of written) view.added(w.record, { segment: seg, offset: w.offset, length: w.length - 1 });
  return results;
}
