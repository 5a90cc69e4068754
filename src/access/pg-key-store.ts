import type pg from 'pg';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { LOCK_KEY_SQL, inTransaction } from '../executions/postgres/pg-pool.js';
import { generateApiKey } from './api-key.js';
import type { ApiKeyRecord, KeyStore } from './key-store.js';

interface KeyRow {
  id: string;
  name: string;
  user_email: string;
  hash: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  rate_limit: number | 'off' | null;
}

const COLUMNS =
  'id, name, user_email, hash, created_at, created_by, expires_at, revoked_at, last_used_at, rate_limit';

const toRecord = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  user: r.user_email,
  hash: r.hash,
  created_at: r.created_at,
  created_by: r.created_by,
  expires_at: r.expires_at,
  revoked_at: r.revoked_at,
  last_used_at: r.last_used_at,
  rate_limit: r.rate_limit,
});

/**
 * API keys in the journal's PostgreSQL database (table `api_keys`), shared by every `serve` instance and the CLI
 * on that database: a key created or revoked through one instance applies at the next request on every other one,
 * because each lookup reads the row (one primary-key read). Last-used times are batched like the file store's.
 */
export function openPgKeyStore(pool: pg.Pool): KeyStore {
  const pending = new Map<string, string>();
  return {
    async create(input, now) {
      const made = generateApiKey();
      const res = await pool.query<KeyRow>(
        `INSERT INTO api_keys (id, name, user_email, hash, created_at, created_by, expires_at, rate_limit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING ${COLUMNS}`,
        [
          made.id,
          input.name,
          input.user,
          made.hash,
          now.toISOString(),
          input.created_by,
          input.expires_at,
          JSON.stringify(input.rate_limit),
        ],
      );
      return { record: toRecord(res.rows[0]!), key: made.key };
    },
    async list() {
      const res = await pool.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY ord`);
      return res.rows
        .map(toRecord)
        .map((k) => (pending.has(k.id) ? { ...k, last_used_at: pending.get(k.id) as string } : k));
    },
    async find(id) {
      const res = await pool.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
      return res.rows[0] ? toRecord(res.rows[0]) : null;
    },
    async revoke(id, now) {
      await pool.query('UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
        id,
        now.toISOString(),
      ]);
      const found = await this.find(id);
      if (!found) {
        throw new OpsledgerError('NOT_FOUND', `no API key "${id}"`, {
          hint: 'List keys with `opsledger keys list`.',
        });
      }
      return found;
    },
    touch(id, at) {
      pending.set(id, at.toISOString());
    },
    async flush() {
      if (pending.size === 0) return;
      const batch = [...pending];
      pending.clear();
      await pool.query(
        `UPDATE api_keys k SET last_used_at = b.at FROM unnest($1::text[], $2::text[]) AS b(id, at)
         WHERE k.id = b.id AND (k.last_used_at IS NULL OR k.last_used_at < b.at)`,
        [batch.map(([id]) => id), batch.map(([, at]) => at)],
      );
    },
    async close() {
      await this.flush();
    },
    exclusive(fn) {
      return inTransaction(pool, async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY_SQL('api_keys.bootstrap')})`);
        return fn();
      });
    },
  };
}
