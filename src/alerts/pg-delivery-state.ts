import type pg from 'pg';
import { openPgSession, type PgSession } from '../executions/postgres/pg-session.js';
import type { DeliveryStateStore } from './delivery-state.js';
import type { DeliveryRecord, WebhookState } from './delivery-store.js';

const EMPTY: WebhookState = { cursor: 0, pending: null, retries: [], disabled: null };
const lockKey = `hashtextextended(current_schema() || '.opsledger.webhook.' || $1, 0)`;

/**
 * The delivery state in the journal's PostgreSQL database (`webhook_state`, `webhook_deliveries`), shared by every
 * `serve` instance: one instance at a time delivers a webhook, holding a session-level advisory lock keyed by the
 * webhook on a connection of its own (freed by PostgreSQL if the instance dies), so per-webhook order is kept and no
 * delivery is attempted by two instances at once (docs/postgres.md, "Several instances").
 */
export function openPgDeliveryState(
  pool: pg.Pool,
  url: string,
): DeliveryStateStore & { close(): Promise<void> } {
  const sessions = new Map<string, PgSession>();
  const sessionOf = (webhook: string): PgSession => {
    let s = sessions.get(webhook);
    if (!s) sessions.set(webhook, (s = openPgSession(url)));
    return s;
  };
  return {
    async tryLock(webhook) {
      const session = sessionOf(webhook);
      const got = await session.use(async (c) => {
        const res = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${lockKey}) AS ok`, [
          webhook,
        ]);
        return res.rows[0]?.ok === true;
      });
      if (!got) return null;
      return () =>
        session
          .use((c) => c.query(`SELECT pg_advisory_unlock(${lockKey})`, [webhook]))
          .then(
            () => undefined,
            () => undefined,
          );
    },
    async read(webhook) {
      const res = await pool.query<{ state: WebhookState }>(
        'SELECT state FROM webhook_state WHERE webhook = $1',
        [webhook],
      );
      return { ...EMPTY, retries: [], ...res.rows[0]?.state };
    },
    async write(webhook, state) {
      await pool.query(
        `INSERT INTO webhook_state (webhook, state) VALUES ($1, $2)
         ON CONFLICT (webhook) DO UPDATE SET state = EXCLUDED.state`,
        [webhook, JSON.stringify(state)],
      );
    },
    async append(records) {
      if (records.length === 0) return;
      await pool.query(
        `INSERT INTO webhook_deliveries (delivery_id, record)
         SELECT r->>'delivery_id', r FROM unnest($1::jsonb[]) AS r`,
        [records.map((r) => JSON.stringify(r))],
      );
    },
    async deliveries() {
      const res = await pool.query<{ record: DeliveryRecord }>(
        `SELECT record FROM (SELECT DISTINCT ON (delivery_id) record, pos FROM webhook_deliveries
         ORDER BY delivery_id, pos DESC) latest ORDER BY pos DESC`,
      );
      return res.rows.map((r) => r.record);
    },
    async close() {
      await Promise.all([...sessions.values()].map((s) => s.close()));
    },
  };
}
