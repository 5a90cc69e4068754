import { closeSync, openSync, readSync } from 'node:fs';
import type { JournalCheckpoint } from '../executions/journal-checkpoint.js';
import { openJournalAt } from '../executions/open-journal-at.js';
import { openTailJournal, type TailJournal } from '../executions/tail-journal.js';
import type { Journal } from '../executions/types.js';
import type { RunRow } from './collect-runs.js';
import { RUN_CACHE_FORMAT, RUN_CACHE_TAIL_RECORDS, runCachePath } from './run-cache.js';

/**
 * The journal a report reads (docs/reports.md, *Incremental reports*). A PostgreSQL journal, or a data dir without a
 * run cache whose checkpoint holds, is opened whole. Otherwise the report needs only the head and the records after
 * the run cache's checkpoint, and a few records by id: the tail journal reads those without loading the journal index,
 * and opens the journal on the first call that needs it (`onOpen`), or at once when anything after the checkpoint is
 * unusual (a torn or unparseable line, a break in the chain: the whole open quarantines or names it).
 */
export async function openReportJournal(options: {
  dataDir: string;
  databaseUrl: string | null;
  onWarning?: (message: string) => void;
  onOpen?: (ms: number) => void;
}): Promise<{ journal: Journal; tail: TailJournal | null }> {
  const { dataDir, databaseUrl: url, onWarning } = options;
  const warn = onWarning ? { onWarning } : {};
  if (url) return { journal: await openJournalAt({ backend: 'postgres', url }, warn), tail: null };
  const checkpoint = runCacheCheckpoint(dataDir);
  const tail = checkpoint
    ? await openTailJournal({
        dataDir,
        checkpoint,
        maxRecords: 2 * RUN_CACHE_TAIL_RECORDS,
        ...warn,
        ...(options.onOpen ? { onOpen: options.onOpen } : {}),
      })
    : null;
  if (tail) return { journal: tail, tail };
  return { journal: await openJournalAt({ backend: 'file', dataDir }, warn), tail: null };
}

/**
 * The checkpoint in the run cache's header line, read without its body (the run cache checks the body when it reads
 * it); null when there is none of this format. Only used to find the records after it, once it is seen to hold.
 */
function runCacheCheckpoint(dataDir: string): JournalCheckpoint | null {
  let fd: number;
  try {
    fd = openSync(runCachePath(dataDir), 'r');
  } catch {
    return null;
  }
  try {
    for (let size = 16 * 1024; size <= 4 * 1024 * 1024; size *= 4) {
      const buf = Buffer.allocUnsafe(size);
      const got = readSync(fd, buf, 0, size, 0);
      const nl = buf.subarray(0, got).indexOf(10);
      if (nl < 0) {
        if (got < size) return null;
        continue;
      }
      const header = JSON.parse(buf.toString('utf8', 0, nl)) as { format?: unknown; checkpoint?: unknown };
      const c = header.checkpoint as Partial<JournalCheckpoint> | null | undefined;
      const ok =
        header.format === RUN_CACHE_FORMAT &&
        typeof c?.seq === 'number' &&
        typeof c.hash === 'string' &&
        typeof c.offset === 'number' &&
        typeof c.prefix === 'string' &&
        typeof c.retention === 'string' &&
        Array.isArray(c.segments) &&
        c.segments.length > 0;
      return ok ? (c as JournalCheckpoint) : null;
    }
    return null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The seq of each run's latest record from the report's rows, looked up from the newest run back and remembered
 * (the records a report reads by id are its latest runs': only the rows from the newest back to the oldest asked
 * about are indexed).
 */
export function latestSeqs(rows: readonly RunRow[]): (id: string) => number | undefined {
  const seen = new Map<string, number>();
  let next = rows.length - 1;
  return (id) => {
    const known = seen.get(id);
    if (known !== undefined) return known;
    for (; next >= 0; next--) {
      const row = rows[next]!;
      seen.set(row.id, row.seq);
      if (row.id === id) {
        next--;
        return row.seq;
      }
    }
    return undefined;
  };
}
