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
    if (rows.length > 0) await insertAndCommit(client, rows);
    else await client.query('COMMIT');
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

/**
 * The rows, the latest state of each execution they touch (the last of the batch wins) and COMMIT, in ONE round trip
 * (one simple-protocol message, values as escaped literals): the lock is held for that round trip and the commit's
 * flush only.
 */
async function insertAndCommit(
  client: PoolClient,
  rows: { record: ExecutionRecord; body: string }[],
): Promise<void> {
  const lit = (v: string): string => client.escapeLiteral(v);
  const latest = new Map<string, ExecutionRecord>();
  for (const { record } of rows) latest.set(record.id, record);
  const values = rows
    .map(({ record: r, body }) => `(${r.seq}, ${lit(r.id)}, ${lit(r.hash)}, ${lit(body)})`)
    .join(',');
  const states = [...latest.values()]
    .map(
      (r) =>
        `(${r.seq}::bigint, ${lit(r.id)}, ${lit(r.action_id)}, ${lit(r.status)}, ${lit(r.trigger)}, ${lit(r.initiator.user)}, ARRAY[${r.targets.map(lit).join(',')}]::text[], ${startedMs(r.started_at)}::bigint)`,
    )
    .join(',');
  await client.query(
    `WITH ins AS (INSERT INTO journal_records (seq, id, hash, body) VALUES ${values} RETURNING pos, seq)
     INSERT INTO journal_latest (id, seq, pos, action_id, status, trigger, user_stored, targets, started_ms)
     SELECT v.id, v.seq, ins.pos, v.action_id, v.status, v.trigger, v.user_stored, v.targets, v.started_ms
     FROM (VALUES ${states}) AS v(seq, id, action_id, status, trigger, user_stored, targets, started_ms)
     JOIN ins ON ins.seq = v.seq
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, pos = excluded.pos, action_id = excluded.action_id,
       status = excluded.status, trigger = excluded.trigger, user_stored = excluded.user_stored,
       targets = excluded.targets, started_ms = excluded.started_ms;
     COMMIT`,
  );
}

export function startedMs(startedAt: string): number {
  const ms = Date.parse(startedAt);
  return Number.isNaN(ms) ? 0 : ms;
}
