import type pg from 'pg';
import type { IdempotencyEntry, IdempotencyStore } from './idempotency-store.js';
import { IDEMPOTENCY_TTL_MS } from './open-idempotency-store.js';

/**
 * Idempotency keys in the journal's PostgreSQL database (table `idempotency_keys`), so a retry that reaches another
 * `serve` instance gets the first answer. Entries older than a week are pruned as new ones are written.
 */
export function openPgIdempotencyStore(pool: pg.Pool, now: () => Date): IdempotencyStore {
  return {
    async get(scope, key) {
      const res = await pool.query<{
        request_hash: string;
        response: Omit<IdempotencyEntry, 'request_hash'>;
      }>('SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
      const row = res.rows[0];
      return row ? { request_hash: row.request_hash, ...row.response } : null;
    },
    async put(scope, key, entry) {
      const { request_hash, ...response } = entry;
      await pool.query('DELETE FROM idempotency_keys WHERE created_at < $1', [
        new Date(now().getTime() - IDEMPOTENCY_TTL_MS),
      ]);
      await pool.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash, response, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = EXCLUDED.response,
         created_at = EXCLUDED.created_at`,
        [scope, key, request_hash, JSON.stringify(response), new Date(entry.created_at)],
      );
    },
  };
}
