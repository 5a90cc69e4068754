function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/executions/postgres/pg-pool.ts
import pg from "pg";
function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "the database URL";
  }
}
function createPool(url, max = 4) {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 1e4,
    // Each process's connections are findable in pg_stat_activity (docs/postgres.md, "Several instances").
    application_name: `opsledger-${process.pid}`
  });
  pool.on("error", () => void 0);
  return pool;
}
function isConnectionLost(err) {
  const { code, message } = err ?? {};
  if (typeof code === "string") {
    if (/^(08|57P0[1-3])/.test(code) || code === "ECONNRESET" || code === "EPIPE") return true;
  }
  return typeof message === "string" && /^Connection terminated/.test(message);
}
async function queryRetried(pool, text, values) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pool.query(text, values);
    } catch (err) {
      if (!isConnectionLost(err) || attempt > (pool.options.max ?? 10)) throw err;
    }
  }
}
function databaseError(url, err) {
  if (err instanceof OpsledgerError) return err;
  return new OpsledgerError(
    "DATABASE_UNAVAILABLE",
    `cannot use the PostgreSQL journal at ${redactUrl(url)}: ${err.message}`,
    { cause: err }
  );
}
async function inTransaction(pool, work) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    try {
      const out = await work(client);
      await client.query("COMMIT");
      return out;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => void 0);
      throw err;
    }
  } finally {
    client.release();
  }
}
var LOCK_KEY_SQL = (purpose) => `hashtextextended(current_schema() || '.opsledger.${purpose}', 0)`;

export {
  redactUrl,
  createPool,
  isConnectionLost,
  queryRetried,
  databaseError,
  inTransaction,
  LOCK_KEY_SQL
};
