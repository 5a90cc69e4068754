import type pg from 'pg';
import { LOCK_KEY_SQL } from '../executions/postgres/pg-pool.js';
import type { PgSession } from '../executions/postgres/pg-session.js';
import type { AlertEvent } from './alert-event.js';
import {
  unclaimed,
  type JournalMark,
  type Outbox,
  type OutboxEntry,
  type OutboxLine,
  type OutboxWriter,
} from './outbox.js';

interface Row {
  pos: string;
  event: AlertEvent | null;
  mark: JournalMark | null;
}

const toLine = (r: Row): OutboxLine => ({ offset: Number(r.pos), end: Number(r.pos) + 1, event: r.event });

/**
 * The outbox as the table `alert_outbox` of the journal's PostgreSQL database, shared by every `serve` instance
 * (docs/postgres.md, "Several instances"). An entry's offset is its `pos`. Every write is made holding a
 * session-level advisory lock (on `session`, a connection of its own), so rows commit in `pos` order and a cursor
 * never passes a row still to commit; `exclusive` holds that lock around the journal append and its events, as the
 * file outbox's flock does.
 */
export function openPgOutbox(pool: pg.Pool, session: PgSession): Outbox {
  const LOCK = LOCK_KEY_SQL('alert_outbox');
  const writerOn = (client: pg.Client): OutboxWriter => ({
    async append(events, mark) {
      if (events.length === 0 && !mark) return;
      await client.query('BEGIN');
      try {
        if (events.length > 0) {
          await client.query('INSERT INTO alert_outbox (event) SELECT unnest($1::jsonb[])', [
            events.map((e) => JSON.stringify(e)),
          ]);
        }
        if (mark) await client.query('INSERT INTO alert_outbox (mark) VALUES ($1)', [JSON.stringify(mark)]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    async lastMark() {
      const last = await client.query<Row>(
        'SELECT pos, event, mark FROM alert_outbox WHERE mark IS NOT NULL ORDER BY pos DESC LIMIT 1',
      );
      const row = last.rows[0];
      if (!row?.mark) return null;
      const after = await client.query<{ id: string }>(
        `SELECT event->>'id' AS id FROM alert_outbox WHERE pos > $1 AND event IS NOT NULL`,
        [row.pos],
      );
      return { mark: row.mark, eventIdsAfter: new Set(after.rows.map((r) => r.id)) };
    },
  });
  const locked = <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> =>
    session.use(async (client) => {
      await client.query(`SELECT pg_advisory_lock(${LOCK})`);
      try {
        return await fn(client);
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${LOCK})`).catch(() => undefined);
      }
    });
  const exclusive = <T>(fn: (writer: OutboxWriter) => Promise<T>): Promise<T> =>
    locked((client) => fn(writerOn(client)));
  const lines = async (offset: number, limit: number): Promise<OutboxLine[]> => {
    const res = await pool.query<Row>(
      'SELECT pos, event, mark FROM alert_outbox WHERE pos >= $1 ORDER BY pos LIMIT $2',
      [offset, limit],
    );
    return res.rows.map(toLine);
  };
  return {
    append: (events) => exclusive((writer) => writer.append(events)),
    // The claim (a row of alert_claims, unique on the event id) commits with the outbox rows, or neither does.
    appendOnce: (events) =>
      locked(async (client) => {
        const wanted = unclaimed(events, new Set());
        if (wanted.length === 0) return [];
        await client.query('BEGIN');
        try {
          const won = await client.query<{ event_id: string }>(
            'INSERT INTO alert_claims (event_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING event_id',
            [wanted.map((e) => e.id)],
          );
          const ids = new Set(won.rows.map((r) => r.event_id));
          const fresh = wanted.filter((e) => ids.has(e.id));
          if (fresh.length > 0) {
            await client.query('INSERT INTO alert_outbox (event) SELECT unnest($1::jsonb[])', [
              fresh.map((e) => JSON.stringify(e)),
            ]);
          }
          await client.query('COMMIT');
          return fresh;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    exclusive,
    lines,
    async read(offset, limit) {
      const res = await pool.query<Row>(
        'SELECT pos, event, mark FROM alert_outbox WHERE pos >= $1 AND event IS NOT NULL ORDER BY pos LIMIT $2',
        [offset, limit],
      );
      return res.rows.map(toLine) as OutboxEntry[];
    },
    async at(offset) {
      const res = await pool.query<Row>(
        'SELECT pos, event, mark FROM alert_outbox WHERE pos = $1 AND event IS NOT NULL',
        [offset],
      );
      return res.rows[0] ? (toLine(res.rows[0]) as OutboxEntry) : null;
    },
    async size() {
      const res = await pool.query<{ n: string | null }>('SELECT max(pos) AS n FROM alert_outbox');
      return res.rows[0]?.n ? Number(res.rows[0].n) + 1 : 0;
    },
  };
}
