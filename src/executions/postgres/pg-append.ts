import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { parseJournalLine } from '../parse-journal-line.js';
import { GENESIS_HASH, sealRecord } from '../record-hash.js';
import type { ChainHead, ExecutionInput, ExecutionRecord } from '../types.js';
import { LOCK_KEY_SQL, type Pool, type PoolClient } from './pg-pool.js';

/** One append waiting for its transaction: the stored input and, for `appendIf`, its condition. */
export interface PendingAppend {
  stored: ExecutionInput;
  when?: (latest: ExecutionRecord | null) => boolean;
}

/** What a batch came to: each item's record (null: an `appendIf` whose condition did not hold) and the head seen. */
export interface AppendOutcome {
  results: (ExecutionRecord | null)[];
  head: ChainHead | null;
}

/** The head under the lock: the highest seq, or the last retention checkpoint when it is higher (or alone). */
const HEAD_SQL = `SELECT seq, hash FROM (
    (SELECT seq, hash FROM journal_records ORDER BY seq DESC, pos DESC LIMIT 1)
    UNION ALL
    (SELECT through_seq AS seq, last_hash AS hash FROM journal_checkpoints ORDER BY through_seq DESC LIMIT 1)
  ) h ORDER BY seq DESC LIMIT 1`;

const LOCK = LOCK_KEY_SQL('journal');
/** Held (exclusively) with LOCK by whoever chains: writers waiting for their rows wait on it, together. */
const WAIT = LOCK_KEY_SQL('journal.wait');

/** Sends of one staged batch, each on a fresh connection, when a connection fails under it. */
const ATTEMPTS = 3;

const LATEST_SQL = `SELECT r.body FROM journal_latest l JOIN journal_records r ON r.pos = l.pos WHERE l.id = $1`;

/**
 * Append a batch; results are returned only after the COMMIT that chained them, with `synchronous_commit` on, so an
 * acknowledged record is durable (docs/postgres.md, "How appends stay one linear chain").
 *
 * Plain appends are group-committed across connections: in ONE message, the records are committed into
 * `journal_pending` (without waiting for a flush: that commit acknowledges nothing), then, holding the journal's
 * transaction-scoped advisory lock, `journal_chain_pending` chains EVERY staged row (this writer's and any other
 * writer's waiting behind the lock) and the writer reads its own records back; the COMMIT flushes them all at once.
 * A writer whose rows an earlier holder chained finds them and commits nothing. The lock is never held across a round
 * trip to this process. A batch with an `appendIf` (a condition in this process) takes the lock, chains what is
 * staged, then evaluates its conditions on that state under the same lock.
 */
export async function appendBatch(pool: Pool, batch: readonly PendingAppend[]): Promise<AppendOutcome> {
  if (batch.some((item) => item.when)) return appendDirectly(pool, batch);
  return appendStaged(
    pool,
    batch.map((item) => ({ token: randomUUID(), input: item.stored })),
  );
}

/** One input staged under a token the writer chose, so it finds its record whoever chained it. */
interface Staged {
  token: string;
  input: ExecutionInput;
}

/**
 * Stage and chain, sent again as it is (same tokens) on a fresh connection when a connection fails under it: a row
 * already staged is not staged twice (`ON CONFLICT (token)`) but adopted by the new connection (so no other writer
 * drops it as abandoned while this one waits to chain it), one already chained is not chained twice (its token is on
 * its record), so a retry after an ambiguous failure neither loses nor doubles a record.
 */
async function appendStaged(pool: Pool, staged: readonly Staged[]): Promise<AppendOutcome> {
  const message = (client: PoolClient): string => {
    const lit = (v: string): string => client.escapeLiteral(v);
    const values = staged.map(({ token, input: r }) => {
      const [beforePrev, beforeSeq, afterSeq] = sealTemplate(r);
      return `(${lit(token)}::uuid, pg_backend_pid(), ${lit(r.id)}, ${lit(beforePrev)}, ${lit(beforeSeq)}, ${lit(afterSeq)}, ${lit(r.action_id)}, ${lit(r.status)}, ${lit(r.trigger)}, ${lit(r.initiator.user)}, ARRAY[${r.targets.map(lit).join(',')}]::text[], ${startedMs(r.started_at)}::bigint)`;
    });
    const tokens = `ARRAY[${staged.map((s) => lit(s.token)).join(',')}]::uuid[]`;
    return `BEGIN; SET LOCAL synchronous_commit = off;
      INSERT INTO journal_pending (token, backend_pid, id, before_prev, before_seq, after_seq, action_id, status,
        trigger, user_stored, targets, started_ms) VALUES ${values.join(',')}
        ON CONFLICT (token) DO UPDATE SET backend_pid = excluded.backend_pid;
      COMMIT;
      BEGIN; SET LOCAL synchronous_commit = on; SELECT journal_settle(${tokens}, ${LOCK}, ${WAIT});
      SELECT staged::text AS staged, body FROM journal_records
        WHERE id = ANY(ARRAY[${staged.map((s) => lit(s.input.id)).join(',')}]::text[]) AND staged = ANY(${tokens});
      COMMIT`;
  };
  let failure: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const client = await checkOut(pool);
    let broken: Error | undefined;
    try {
      const res = (await client.query(message(client))) as unknown as { rows: unknown[] }[];
      const rows = (res[7]?.rows ?? []) as { staged: string; body: string }[];
      const byToken = new Map(rows.map((r) => [r.staged, r.body]));
      const results = staged.map((s) => {
        const body = byToken.get(s.token);
        return body === undefined ? null : parse(body);
      });
      if (results.every((r) => r !== null)) return { results, head: headOf(results) };
      throw new Error('a staged record was not chained');
    } catch (err) {
      broken = err as Error;
      failure = err;
    } finally {
      client.release(broken);
    }
  }
  throw failure;
}

/**
 * The record's canonical JSON (`sealRecord`'s, without `hash`) cut around the values of `prev_hash` and `seq`, the
 * only two the chain decides: `before + prev_hash + between + seq + after` is exactly what `sealRecord` hashes.
 */
export function sealTemplate(input: ExecutionInput): [string, string, string] {
  const obj = input as unknown as Record<string, unknown>;
  const keys = Object.keys(obj).filter(
    (k) => k !== 'seq' && k !== 'prev_hash' && k !== 'hash' && obj[k] !== undefined,
  );
  const parts: [string, string, string] = ['{', '', ''];
  let at = 0;
  let first = true;
  for (const key of [...keys, 'prev_hash', 'seq'].sort()) {
    const sep = first ? '' : ',';
    first = false;
    if (key === 'prev_hash') {
      parts[at] += `${sep}"prev_hash":"`;
      at = 1;
      parts[1] += '"';
    } else if (key === 'seq') {
      parts[at] += `${sep}"seq":`;
      at = 2;
    } else {
      parts[at] += `${sep}${JSON.stringify(key)}:${canonicalJson(obj[key])}`;
    }
  }
  parts[2] += '}';
  return parts;
}

/** Thrown by `appendDirect` when its first message failed: its transaction never reached COMMIT, nothing was written. */
class NothingWritten extends Error {
  constructor(readonly failure: unknown) {
    super('the append failed before its COMMIT');
  }
}

/**
 * The direct path, again on a fresh connection when the first message failed (a pooled connection that was
 * terminated, a server restart): that transaction never reached COMMIT, so the retry cannot double anything. A failure
 * at or after COMMIT is not retried (whether it committed is unknown).
 */
async function appendDirectly(pool: Pool, batch: readonly PendingAppend[]): Promise<AppendOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withClient(pool, (client) => appendDirect(client, batch));
    } catch (err) {
      if (!(err instanceof NothingWritten)) throw err;
      if (attempt >= ATTEMPTS) throw err.failure;
    }
  }
}

/**
 * The direct path (a batch with a condition): the lock, the staged rows chained first, then the batch chained in this
 * process onto the head they leave (conditions judged on that state), one COMMIT.
 */
async function appendDirect(client: PoolClient, batch: readonly PendingAppend[]): Promise<AppendOutcome> {
  const started = (await client
    .query(
      `BEGIN; SET LOCAL synchronous_commit = on; SELECT pg_advisory_xact_lock(${LOCK}), pg_advisory_xact_lock(${WAIT});
     SELECT journal_chain_pending('{}'::uuid[]); ${HEAD_SQL}`,
    )
    .catch((err: unknown) => {
      throw new NothingWritten(err);
    })) as unknown as { rows: { seq: string; hash: string }[] }[];
  let open = true;
  try {
    const top = started[4]?.rows[0];
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
      const { line } = sealRecord(item.stored, head ?? { seq: 0, hash: GENESIS_HASH });
      const body = line.slice(0, -1);
      // The record as stored and as every reader gets it (and as the staged path answers): the input's own values can
      // differ from their JSON (-0 is written 0; a member set to undefined is left out).
      const record = parse(body);
      rows.push({ record, body });
      written.set(record.id, record);
      results.push(record);
      head = { seq: record.seq, hash: record.hash };
    }
    if (rows.length > 0) await insertAndCommit(client, rows);
    else await client.query('COMMIT');
    open = false;
    return { results, head };
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
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

/**
 * A client of the pool that survives its connection being terminated between two queries: the pool listens for the
 * client's `error` only while it is idle, and an unheard `error` would end the process. The failure still reaches the
 * next query (and the client is dropped when released with it).
 */
const heard = new WeakSet<PoolClient>();
async function checkOut(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  if (!heard.has(client)) {
    heard.add(client);
    client.on('error', () => undefined);
  }
  return client;
}

async function withClient<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await checkOut(pool);
  let broken: Error | undefined;
  try {
    return await fn(client);
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    client.release(broken);
  }
}

function headOf(records: readonly (ExecutionRecord | null)[]): ChainHead | null {
  let head: ChainHead | null = null;
  for (const r of records) if (r && (!head || r.seq > head.seq)) head = { seq: r.seq, hash: r.hash };
  return head;
}

function parse(body: string): ExecutionRecord {
  return JSON.parse(body) as ExecutionRecord;
}

export function startedMs(startedAt: string): number {
  const ms = Date.parse(startedAt);
  return Number.isNaN(ms) ? 0 : ms;
}
