import { readdirSync, readFileSync } from 'node:fs';
import { journalPaths } from '../executions/journal-paths.js';
import { sortSegments } from '../executions/segment-names.js';

/** Complete journal lines after `afterSeq`, in chain order, as stored (bytes unchanged). */
export interface JournalRange {
  text: string;
  records: number;
  first_seq: number;
  last_seq: number;
  prev_hash: string;
  head_hash: string;
}

/**
 * The records with seq > `afterSeq` from every segment in chain order. A line that does not end with a newline (an
 * append in progress) is left for the next export; lines that do not parse are exported as they are, so `export
 * verify` reports them as `opsledger verify` would.
 */
export function readJournalRange(dataDir: string, afterSeq: number): JournalRange | null {
  const { dir } = journalPaths(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const lines: string[] = [];
  let first: { seq: number; prev_hash: string } | null = null;
  let last: { seq: number; hash: string } | null = null;
  for (const segment of sortSegments(names)) {
    const text = readFileSync(`${dir}/${segment.name}`, 'utf8');
    const end = text.lastIndexOf('\n');
    for (const line of text.slice(0, end + 1).split('\n')) {
      if (line === '') continue;
      const record = parseLoosely(line);
      const seq = typeof record?.seq === 'number' ? record.seq : null;
      if (seq !== null && seq <= afterSeq) continue;
      if (seq === null && first === null) continue;
      lines.push(line);
      if (seq !== null) {
        first ??= { seq, prev_hash: String(record!.prev_hash) };
        last = { seq, hash: String(record!.hash) };
      }
    }
  }
  if (first === null || last === null) return null;
  return {
    text: lines.map((l) => `${l}\n`).join(''),
    records: lines.length,
    first_seq: first.seq,
    last_seq: last.seq,
    prev_hash: first.prev_hash,
    head_hash: last.hash,
  };
}

function parseLoosely(line: string): { seq?: unknown; hash?: unknown; prev_hash?: unknown } | null {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' ? (value as { seq?: unknown }) : null;
  } catch {
    return null;
  }
}
