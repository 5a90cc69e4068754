import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  LOCK_KEY_SQL
} from "./chunk-JMSCZSHR.js";

// src/alerts/pg-outbox.ts
var toLine = (r) => ({ offset: Number(r.pos), end: Number(r.pos) + 1, event: r.event });
function openPgOutbox(pool, session) {
  const LOCK = LOCK_KEY_SQL("alert_outbox");
  const writerOn = (client) => ({
    async append(events, mark) {
      if (events.length === 0 && !mark) return;
      await client.query("BEGIN");
      try {
        if (events.length > 0) {
          await client.query("INSERT INTO alert_outbox (event) SELECT unnest($1::jsonb[])", [
            events.map((e) => JSON.stringify(e))
          ]);
        }
        if (mark) await client.query("INSERT INTO alert_outbox (mark) VALUES ($1)", [JSON.stringify(mark)]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => void 0);
        throw err;
      }
    },
    async lastMark() {
      const last = await client.query(
        "SELECT pos, event, mark FROM alert_outbox WHERE mark IS NOT NULL ORDER BY pos DESC LIMIT 1"
      );
      const row = last.rows[0];
      if (!row?.mark) return null;
      const after = await client.query(
        `SELECT event->>'id' AS id FROM alert_outbox WHERE pos > $1 AND event IS NOT NULL`,
        [row.pos]
      );
      return { mark: row.mark, eventIdsAfter: new Set(after.rows.map((r) => r.id)) };
    }
  });
  const exclusive = (fn) => session.use(async (client) => {
    await client.query(`SELECT pg_advisory_lock(${LOCK})`);
    try {
      return await fn(writerOn(client));
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK})`).catch(() => void 0);
    }
  });
  const lines = async (offset, limit) => {
    const res = await pool.query(
      "SELECT pos, event, mark FROM alert_outbox WHERE pos >= $1 ORDER BY pos LIMIT $2",
      [offset, limit]
    );
    return res.rows.map(toLine);
  };
  return {
    append: (events) => exclusive((writer) => writer.append(events)),
    exclusive,
    lines,
    async read(offset, limit) {
      const res = await pool.query(
        "SELECT pos, event, mark FROM alert_outbox WHERE pos >= $1 AND event IS NOT NULL ORDER BY pos LIMIT $2",
        [offset, limit]
      );
      return res.rows.map(toLine);
    },
    async at(offset) {
      const res = await pool.query(
        "SELECT pos, event, mark FROM alert_outbox WHERE pos = $1 AND event IS NOT NULL",
        [offset]
      );
      return res.rows[0] ? toLine(res.rows[0]) : null;
    },
    async size() {
      const res = await pool.query("SELECT max(pos) AS n FROM alert_outbox");
      return res.rows[0]?.n ? Number(res.rows[0].n) + 1 : 0;
    }
  };
}

export {
  openPgOutbox
};
