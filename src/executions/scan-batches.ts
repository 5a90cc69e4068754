import type { ExecutionRecord, Journal, ScanOptions } from './types.js';

/** How many records `scanInBatches` gathers from `scan()` for a journal without `scanBatches`. */
const BATCH = 4096;

/**
 * The records of `journal.scan(options)`, an array at a time: the journal's own `scanBatches` when it has one (the
 * file journal reads and decodes a chunk of a segment at once), else `scan()` gathered into arrays. A consumer of
 * every record (a full report fold) then pays the async iteration once per batch, not once per record.
 */
export async function* scanInBatches(
  journal: Journal,
  options: ScanOptions = {},
): AsyncGenerator<readonly ExecutionRecord[]> {
  if (journal.scanBatches) {
    yield* journal.scanBatches(options);
    return;
  }
  let batch: ExecutionRecord[] = [];
  for await (const r of journal.scan(options)) {
    if (batch.push(r) >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
