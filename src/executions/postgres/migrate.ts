import { OpsledgerError } from '../../errors/opsledger-error.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';
import { LOCK_KEY_SQL, inTransaction, type Pool } from './pg-pool.js';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** The schema version the database is at (0: never migrated). */
export async function schemaVersion(pool: Pool): Promise<number> {
  const exists = await pool.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return 0;
  const res = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return res.rows[0]?.v ?? 0;
}

/**
 * `opsledger db migrate`: apply the migrations the database lacks, in order, in one transaction under an advisory
 * lock (two instances migrating at once: one does it, the other finds nothing left). Refuses a newer schema.
 */
export async function migrate(pool: Pool): Promise<{ from: number; to: number; applied: Migration[] }> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY_SQL('migrate')})`);
    await client.query(CREATE_TABLE);
    const res = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const from = res.rows[0]?.v ?? 0;
    if (from > LATEST_SCHEMA_VERSION) throw tooNew(from);
    const applied = MIGRATIONS.filter((m) => m.version > from);
    for (const m of applied) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
    }
    return { from, to: Math.max(from, LATEST_SCHEMA_VERSION), applied };
  });
}

/** At start-up: the database must be at exactly this opsledger's schema version (docs/postgres.md). */
export async function assertSchemaCurrent(pool: Pool): Promise<void> {
  const version = await schemaVersion(pool);
  if (version > LATEST_SCHEMA_VERSION) throw tooNew(version);
  if (version < LATEST_SCHEMA_VERSION) {
    throw new OpsledgerError(
      'SCHEMA_NOT_MIGRATED',
      version === 0
        ? 'the PostgreSQL journal has no opsledger schema yet'
        : `the PostgreSQL journal's schema is at version ${version}, this opsledger needs ${LATEST_SCHEMA_VERSION}`,
    );
  }
}

function tooNew(version: number): OpsledgerError {
  return new OpsledgerError(
    'SCHEMA_TOO_NEW',
    `the PostgreSQL journal's schema is at version ${version}, newer than this opsledger knows (${LATEST_SCHEMA_VERSION})`,
  );
}
