import { parseJournalLine } from '../parse-journal-line.js';
import { GENESIS_HASH, sealRecord } from '../record-hash.js';
import type { ChainHead, ExecutionInput, ExecutionRecord } from '../types.js';
import { LOCK_KEY_SQL, type Pool, type PoolClient } from './pg-pool.js';

/** One append waiting for its transaction: the stored input and, for `appendIf`, its condition. */
export interface PendingAppend {
  stored: ExecutionInput;
  when?: (latest: ExecutionRecord | null) => boolean;
}

/** The head under the lock: the highest seq, or the last retention checkpoint when it is higher (or alone). */
const HEAD_SQL = `SELECT seq, hash FROM (
    (SELECT seq, hash FROM journal_records ORDER BY seq DESC, pos DESC LIMIT 1)
    UNION ALL
    (SELECT through_seq AS seq, last_hash AS hash FROM journal_checkpoints ORDER BY through_seq DESC LIMIT 1)
  ) h ORDER BY seq DESC LIMIT 1`;

const LATEST_SQL = `SELECT r.body FROM journal_latest l JOIN journal_records r ON r.pos = l.pos WHERE l.id = $1`;

/**
 * Append a batch of records in ONE transaction: `synchronous_commit` on, the journal's transaction-scoped advisory
 * lock (so appends from every connection and process form one linear chain), the head read under it, each record
 * chained onto the one before, rows and latest states written, COMMIT. Results (null: an `appendIf` whose condition
 * did not hold) are returned only after COMMIT, so an acknowledged record is durable (docs/postgres.md).
 */
export async function appendBatch(
  pool: Pool,
  batch: readonly PendingAppend[],
): Promise<{ results: (ExecutionRecord | null)[]; head: ChainHead | null }> {
  const client = await pool.connect();
  let open = false;
  try {
    const started = (await client.query(
      `BEGIN; SET LOCAL synchronous_commit = on; SELECT pg_advisory_xact_lock(${LOCK_KEY_SQL('journal')}); ${HEAD_SQL}`,
    )) as unknown as { rows: { seq: string; hash: string }[] }[];
    open = true;
    const top = started[3]?.rows[0];
    let head: ChainHead | null = top ? { seq: Number(top.seq), hash: top.hash } : null;
    const results: (ExecutionRecord | null)[] = [];
    const rows: { record: ExecutionRecord; body: string }[] = [];
    const written = new Map<string, ExecutionRecord>();
    for (const item of batch) {
      if (item.when) {
        const latest = written.get(item.stored.id) ?? (await latestOf(client, item.stored.id));
        if (!item.when(latest)) {
          results.push(null);
          continue;
        }
      }
      const { record, line } = sealRecord(item.stored, head ?? { seq: 0, hash: GENESIS_HASH });
      rows.push({ record, body: line.slice(0, -1) });
      written.set(record.id, record);
      results.push(record);
      head = { seq: record.seq, hash: record.hash };
    }
    if (rows.length > 0) await insertRows(client, rows);
    await client.query('COMMIT');
    open = false;
    return { results, head };
  } catch (err) {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function latestOf(client: PoolClient, id: string): Promise<ExecutionRecord | null> {
  const res = await client.query<{ body: string }>(LATEST_SQL, [id]);
  const body = res.rows[0]?.body;
  return body === undefined ? null : (parseJournalLine(Buffer.from(body))?.record ?? null);
}

/** The rows, then the latest state of each execution they touch (the last of the batch wins). */
async function insertRows(
  client: PoolClient,
  rows: { record: ExecutionRecord; body: string }[],
): Promise<void> {
  const inserted = await client.query<{ pos: string; seq: string }>(
    `INSERT INTO journal_records (seq, id, hash, body)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) RETURNING pos, seq`,
    [
      rows.map((r) => r.record.seq),
      rows.map((r) => r.record.id),
      rows.map((r) => r.record.hash),
      rows.map((r) => r.body),
    ],
  );
  const posOf = new Map(inserted.rows.map((r) => [Number(r.seq), r.pos]));
  const latest = new Map<string, ExecutionRecord>();
  for (const { record } of rows) latest.set(record.id, record);
  const states = [...latest.values()];
  await client.query(
    `INSERT INTO journal_latest (id, seq, pos, action_id, status, trigger, user_stored, targets, started_ms)
     SELECT id, seq, pos, action_id, status, trigger, user_stored,
            ARRAY(SELECT jsonb_array_elements_text(targets)), started_ms
     FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::bigint[])
       AS v(id, seq, pos, action_id, status, trigger, user_stored, targets, started_ms)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, pos = excluded.pos, action_id = excluded.action_id,
       status = excluded.status, trigger = excluded.trigger, user_stored = excluded.user_stored,
       targets = excluded.targets, started_ms = excluded.started_ms`,
    [
      states.map((r) => r.id),
      states.map((r) => r.seq),
      states.map((r) => posOf.get(r.seq)),
      states.map((r) => r.action_id),
      states.map((r) => r.status),
      states.map((r) => r.trigger),
      states.map((r) => r.initiator.user),
      states.map((r) => JSON.stringify(r.targets)),
      states.map((r) => startedMs(r.started_at)),
    ],
  );
}

export function startedMs(startedAt: string): number {
  const ms = Date.parse(startedAt);
  return Number.isNaN(ms) ? 0 : ms;
}
