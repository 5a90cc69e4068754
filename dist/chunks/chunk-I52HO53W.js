function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  LOCK_KEY_SQL,
  inTransaction
} from "./chunk-N2NO6Y7I.js";
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS
} from "./chunk-QBPAMMMN.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/executions/postgres/migrate.ts
var CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;
async function schemaVersion(pool) {
  const exists = await pool.query(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return 0;
  const res = await pool.query("SELECT max(version) AS v FROM schema_migrations");
  return res.rows[0]?.v ?? 0;
}
async function migrate(pool) {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY_SQL("migrate")})`);
    await client.query(CREATE_TABLE);
    const res = await client.query("SELECT max(version) AS v FROM schema_migrations");
    const from = res.rows[0]?.v ?? 0;
    if (from > LATEST_SCHEMA_VERSION) throw tooNew(from);
    const applied = MIGRATIONS.filter((m) => m.version > from);
    for (const m of applied) {
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        m.version,
        m.name
      ]);
    }
    return { from, to: Math.max(from, LATEST_SCHEMA_VERSION), applied };
  });
}
async function assertSchemaCurrent(pool) {
  const version = await schemaVersion(pool);
  if (version > LATEST_SCHEMA_VERSION) throw tooNew(version);
  if (version < LATEST_SCHEMA_VERSION) {
    throw new OpsledgerError(
      "SCHEMA_NOT_MIGRATED",
      version === 0 ? "the PostgreSQL journal has no opsledger schema yet" : `the PostgreSQL journal's schema is at version ${version}, this opsledger needs ${LATEST_SCHEMA_VERSION}`
    );
  }
}
function tooNew(version) {
  return new OpsledgerError(
    "SCHEMA_TOO_NEW",
    `the PostgreSQL journal's schema is at version ${version}, newer than this opsledger knows (${LATEST_SCHEMA_VERSION})`
  );
}

export {
  schemaVersion,
  migrate,
  assertSchemaCurrent
};
