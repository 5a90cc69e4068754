import { createPool, databaseError } from '../executions/postgres/pg-pool.js';
import { streamRows } from '../executions/postgres/pg-rows.js';
import type { JournalRange } from './read-journal-range.js';

/**
 * The records with seq > `afterSeq` of a PostgreSQL journal, in seq order, as JSON Lines: each row's sealed line
 * (`body`) plus a newline, so the object holds byte for byte what the file journal would and `export verify`
 * recomputes the same chain. One consistent snapshot (streamRows); the pool lives for this read only.
 */
export async function readPgJournalRange(url: string, afterSeq: number): Promise<JournalRange | null> {
  const pool = createPool(url, 1);
  try {
    const lines: string[] = [];
    let first: { seq: number; prev_hash: string } | null = null;
    let last: { seq: number; hash: string } | null = null;
    for await (const row of streamRows(pool, 5000, afterSeq)) {
      lines.push(`${row.body}\n`);
      first ??= { seq: Number(row.seq), prev_hash: prevHashOf(row.body) };
      last = { seq: Number(row.seq), hash: row.hash };
    }
    if (first === null || last === null) return null;
    return {
      text: lines.join(''),
      records: lines.length,
      first_seq: first.seq,
      last_seq: last.seq,
      prev_hash: first.prev_hash,
      head_hash: last.hash,
    };
  } catch (err) {
    throw databaseError(url, err);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

function prevHashOf(body: string): string {
  try {
    const value = JSON.parse(body) as { prev_hash?: unknown };
    return String(value.prev_hash);
  } catch {
    return 'undefined';
  }
}
