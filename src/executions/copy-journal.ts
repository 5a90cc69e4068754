import { OpsledgerError } from '../errors/opsledger-error.js';
import type { ExecutionRecord, Journal } from './types.js';

export interface CopyResult {
  /** Records appended to the target by this copy. */
  copied: number;
  /** Records the target already had (a resumed copy). */
  skipped: number;
  head: { seq: number; hash: string } | null;
}

/**
 * Copy a journal record by record, in seq order, through the target's own append: each record is chained onto the
 * target's head, which must give the very same seq and hash as in the source (same canonical hash) or the copy stops.
 * Resumable: what the target already holds (a prefix of the source's chain, checked by hash) is skipped, so a copy
 * killed midway and run again ends identical, without duplicates. Ends by comparing the two heads.
 */
export async function copyJournal(
  source: Journal,
  target: Journal,
  options: { window?: number; onProgress?: (copied: number) => void } = {},
): Promise<CopyResult> {
  await target.refresh();
  const start = target.head();
  let copied = 0;
  let skipped = 0;
  const inFlight: Promise<void>[] = [];
  const window = options.window ?? 512;
  for await (const record of source.scan()) {
    if (start && record.seq <= start.seq) {
      if (record.seq === start.seq && record.hash !== start.hash) throw diverged(record, start.hash);
      skipped++;
      continue;
    }
    const { seq: _seq, prev_hash: _prev, hash: _hash, ...input } = record;
    inFlight.push(
      target.append(input).then((written) => {
        if (written.seq !== record.seq || written.hash !== record.hash) {
          throw new OpsledgerError(
            'JOURNAL_UNAVAILABLE',
            `the copy of seq ${record.seq} came out as seq ${written.seq} with another hash: the target's chain is not the source's`,
            { hint: 'Copy into an empty target, or into one a previous copy of this source filled.' },
          );
        }
        copied++;
      }),
    );
    if (inFlight.length >= window) {
      await Promise.all(inFlight.splice(0));
      options.onProgress?.(copied);
    }
  }
  await Promise.all(inFlight);
  await Promise.all([source.refresh(), target.refresh()]);
  const a = source.head();
  const b = target.head();
  if (a?.seq !== b?.seq || a?.hash !== b?.hash) {
    throw new OpsledgerError(
      'JOURNAL_UNAVAILABLE',
      `after the copy the target's head (${describe(b)}) is not the source's (${describe(a)})`,
      { hint: 'Run `opsledger verify` on both; a source being written to while it is copied keeps moving.' },
    );
  }
  return { copied, skipped, head: b };
}

function diverged(record: ExecutionRecord, hash: string): OpsledgerError {
  return new OpsledgerError(
    'INPUT_INVALID',
    `the target already has a seq ${record.seq} with another hash (${hash.slice(0, 16)}…): it holds another journal`,
    { hint: 'Copy into an empty data dir or database (or the one an interrupted copy of this source left).' },
  );
}

function describe(head: { seq: number; hash: string } | null): string {
  return head ? `seq ${head.seq} ${head.hash.slice(0, 16)}…` : 'empty';
}
