import { closeSync, fstatSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { linesBackwards } from '../state/lines-backwards.js';
import { journalPaths } from './journal-paths.js';
import { parseJournalLine } from './parse-journal-line.js';
import { sortSegments } from './segment-names.js';
import type { ExecutionRecord, Journal } from './types.js';

/**
 * The file journal's records with a seq above `afterSeq`, in journal order, read from the end of the newest segment
 * backwards (so a few records after a known point cost a read of the last chunk, however long the journal). Lines
 * that are not records (a torn tail, damage) are skipped: `verify` names them.
 */
export function readRecordsAfter(dataDir: string, afterSeq: number): ExecutionRecord[] {
  const { dir } = journalPaths(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const newestFirst: ExecutionRecord[] = [];
  for (const seg of sortSegments(names).reverse()) {
    const fd = openSync(path.join(dir, seg.name), 'r');
    try {
      for (const line of linesBackwards(fd, fstatSync(fd).size)) {
        const parsed = parseJournalLine(line);
        if (!parsed) continue;
        if (parsed.record.seq <= afterSeq) return newestFirst.reverse();
        newestFirst.push(parsed.record);
      }
    } finally {
      closeSync(fd);
    }
  }
  return newestFirst.reverse();
}

/**
 * Any journal's records with a seq above `afterSeq`, in order, through the port's scan (the PostgreSQL journal reads
 * them from the database; the file journal has the faster backwards read above).
 */
export async function scanRecordsAfter(
  journal: Pick<Journal, 'scan'>,
  afterSeq: number,
): Promise<ExecutionRecord[]> {
  const records: ExecutionRecord[] = [];
  for await (const record of journal.scan({ afterSeq })) records.push(record);
  return records;
}
