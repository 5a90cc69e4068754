import type { PurgeGap } from '../../state/retention-state.js';
import type { ChainHead } from '../types.js';
import type { Pool, PoolClient } from './pg-pool.js';

/** One row of `journal_records` as verify and scan read it. */
export interface JournalRow {
  pos: string;
  seq: string;
  hash: string;
  body: string;
}

/** The chain head (highest seq, or the last checkpoint when higher) and the last checkpoint's seq. */
export async function readHead(pool: Pool): Promise<{ head: ChainHead | null; base: number }> {
  const res = await pool.query<{ seq: string | null; hash: string | null; base: string | null }>(
    `SELECT r.seq, r.hash, c.through_seq AS base, c.last_hash FROM
       (SELECT 1) one
       LEFT JOIN LATERAL (SELECT seq, hash FROM journal_records ORDER BY seq DESC, pos DESC LIMIT 1) r ON true
       LEFT JOIN LATERAL (SELECT through_seq, last_hash FROM journal_checkpoints ORDER BY through_seq DESC LIMIT 1) c
         ON true`,
  );
  const row = res.rows[0] as {
    seq: string | null;
    hash: string | null;
    base: string | null;
    last_hash: string | null;
  };
  const base = row.base === null ? 0 : Number(row.base);
  if (row.seq !== null && Number(row.seq) >= base)
    return { head: { seq: Number(row.seq), hash: row.hash! }, base };
  return { head: row.base === null ? null : { seq: base, hash: row.last_hash! }, base };
}

/** The retention checkpoints, as the verifier takes them. */
export async function readCheckpoints(db: Pool | PoolClient): Promise<PurgeGap[]> {
  const res = await db.query<{
    from_seq: string;
    through_seq: string;
    last_hash: string;
    purged_at: string;
    reason: string;
  }>(
    'SELECT from_seq, through_seq, last_hash, purged_at, reason FROM journal_checkpoints ORDER BY through_seq',
  );
  return res.rows.map((r) => ({
    from_seq: Number(r.from_seq),
    through_seq: Number(r.through_seq),
    last_hash: r.last_hash,
    purged_at: r.purged_at,
    reason: r.reason,
    records: Number(r.through_seq) - Number(r.from_seq) + 1,
  }));
}

/**
 * Every row in seq order through a server-side cursor in one read-only transaction (one consistent snapshot, a batch
 * of rows in memory at a time).
 */
export async function* streamRows(pool: Pool, batch = 5000, afterSeq = 0): AsyncGenerator<JournalRow> {
  // A whole number by construction (never text from outside), so it is written into the cursor's query.
  const after = Number.isSafeInteger(afterSeq) && afterSeq > 0 ? afterSeq : 0;
  const client = await pool.connect();
  let open = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    await client.query(
      `DECLARE journal_rows NO SCROLL CURSOR FOR SELECT pos, seq, hash, body FROM journal_records${after > 0 ? ` WHERE seq > ${after}` : ''} ORDER BY seq, pos`,
    );
    for (;;) {
      const res = await client.query<JournalRow>(`FETCH ${batch} FROM journal_rows`);
      for (const row of res.rows) yield row;
      if (res.rows.length < batch) break;
    }
    await client.query('COMMIT');
    open = false;
  } finally {
    // Also when the reader stopped early: the transaction must not stay open on a pooled connection.
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
