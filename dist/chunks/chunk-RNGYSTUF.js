function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  LOCK_KEY_SQL
} from "./chunk-N2NO6Y7I.js";
import {
  unclaimed
} from "./chunk-JZ4A4MHT.js";

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
  const locked = (fn) => session.use(async (client) => {
    await client.query(`SELECT pg_advisory_lock(${LOCK})`);
    try {
      return await fn(client);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK})`).catch(() => void 0);
    }
  });
  const exclusive = (fn) => locked((client) => fn(writerOn(client)));
  const lines = async (offset, limit) => {
    const res = await pool.query(
      "SELECT pos, event, mark FROM alert_outbox WHERE pos >= $1 ORDER BY pos LIMIT $2",
      [offset, limit]
    );
    return res.rows.map(toLine);
  };
  return {
    append: (events) => exclusive((writer) => writer.append(events)),
    // The claim (a row of alert_claims, unique on the event id) commits with the outbox rows, or neither does.
    appendOnce: (events) => locked(async (client) => {
      const wanted = unclaimed(events, /* @__PURE__ */ new Set());
      if (wanted.length === 0) return [];
      await client.query("BEGIN");
      try {
        const won = await client.query(
          "INSERT INTO alert_claims (event_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING event_id",
          [wanted.map((e) => e.id)]
        );
        const ids = new Set(won.rows.map((r) => r.event_id));
        const fresh = wanted.filter((e) => ids.has(e.id));
        if (fresh.length > 0) {
          await client.query("INSERT INTO alert_outbox (event) SELECT unnest($1::jsonb[])", [
            fresh.map((e) => JSON.stringify(e))
          ]);
        }
        await client.query("COMMIT");
        return fresh;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => void 0);
        throw err;
      }
    }),
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
