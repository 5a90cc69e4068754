import pg from 'pg';
import { GENESIS_HASH, sealRecord } from '../../src/executions/record-hash.js';
import type { ExecutionInput, ExecutionRecord } from '../../src/executions/types.js';
import type { TestSchema } from '../helpers/postgres.js';

/** What the journal's tables hold after a load: every record in seq order, and what is still staged. */
export interface ChainState {
  records: ExecutionRecord[];
  /** 1..n with no gap or duplicate, each row chained onto the one before. */
  contiguous: boolean;
  /** Every row's body is byte for byte what `sealRecord` writes for it. */
  sealedAsInJs: boolean;
  staged: number;
}

export async function readChain(db: TestSchema): Promise<ChainState> {
  const res = await db.pool.query<{ seq: string; hash: string; body: string }>(
    'SELECT seq, hash, body FROM journal_records ORDER BY pos',
  );
  let prev = { seq: 0, hash: GENESIS_HASH };
  let contiguous = true;
  let sealedAsInJs = true;
  const records: ExecutionRecord[] = [];
  for (const row of res.rows) {
    const record = JSON.parse(row.body) as ExecutionRecord;
    if (Number(row.seq) !== prev.seq + 1 || record.prev_hash !== prev.hash || record.hash !== row.hash)
      contiguous = false;
    const { seq: _s, prev_hash: _p, hash: _h, ...input } = record;
    if (sealRecord(input as ExecutionInput, prev).line.slice(0, -1) !== row.body) sealedAsInJs = false;
    prev = { seq: Number(row.seq), hash: row.hash };
    records.push(record);
  }
  const staged = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM journal_pending');
  return { records, contiguous, sealedAsInJs, staged: Number(staged.rows[0]?.n) };
}

/** A connection of the test's own, e.g. to hold a lock the journal's writers must wait for. */
export async function connect(db: TestSchema): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  return c;
}

/** The journal's two advisory locks, as pg-append computes them. */
export const JOURNAL_LOCKS_SQL = `SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || '.opsledger.journal', 0)),
  pg_advisory_xact_lock(hashtextextended(current_schema() || '.opsledger.journal.wait', 0))`;

export async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
