import { once } from 'node:events';
import { from as copyFrom } from 'pg-copy-streams';
import type { Pool } from '../../../src/executions/postgres/pg-pool.js';
import { GENESIS_HASH, sealRecord } from '../../../src/executions/record-hash.js';
import type { ChainHead, ExecutionInput } from '../../../src/executions/types.js';

/** A value as COPY's text format writes it (JSON has no raw tab or newline, but escape them all the same). */
const copyText = (s: string): string =>
  s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/**
 * A journal of `rows` records sealed and chained exactly as appends would (so verify runs on them), written with
 * `COPY … FROM STDIN`; `journal_latest` is then derived from the rows in one statement (its triggers write `journal_targets`). A fixture for the benchmark:
 * what `rows` appends would leave, in seconds rather than hours.
 */
export async function fillJournal(
  pool: Pool,
  rows: number,
  input: (i: number) => ExecutionInput,
): Promise<ChainHead | null> {
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  const client = await pool.connect();
  try {
    const sink = client.query(copyFrom('COPY journal_records (seq, id, hash, body) FROM STDIN'));
    const done = once(sink, 'finish');
    for (let from = 0; from < rows; from += 2000) {
      let chunk = '';
      for (let i = from; i < Math.min(rows, from + 2000); i++) {
        const { record, line } = sealRecord(input(i), head);
        head = { seq: record.seq, hash: record.hash };
        chunk += `${record.seq}\t${copyText(record.id)}\t${record.hash}\t${copyText(line.slice(0, -1))}\n`;
      }
      if (!sink.write(chunk)) await once(sink, 'drain');
    }
    sink.end();
    await done;
    await client.query(
      `INSERT INTO journal_latest (id, seq, pos, action_id, status, trigger, user_stored, targets, started_ms)
       SELECT DISTINCT ON (r.id) r.id, r.seq, r.pos, b->>'action_id', b->>'status', b->>'trigger',
         b->'initiator'->>'user', ARRAY(SELECT jsonb_array_elements_text(b->'targets')),
         (extract(epoch FROM (b->>'started_at')::timestamptz) * 1000)::bigint
       FROM journal_records r, LATERAL (SELECT r.body::jsonb AS b) j
       ORDER BY r.id, r.seq DESC, r.pos DESC`,
    );
    // As autovacuum leaves a table in use: statistics current, the GIN index's pending list merged.
    await client.query('VACUUM ANALYZE journal_records');
    await client.query('VACUUM ANALYZE journal_latest');
    // Written beside journal_latest by its triggers (migration 7).
    await client.query('VACUUM ANALYZE journal_targets');
  } finally {
    client.release();
  }
  return rows === 0 ? null : head;
}
