import type { Pool } from '../executions/postgres/pg-pool.js';
import type { RecordingLeases } from './recording-leases.js';

/**
 * The leases of remote recordings in the `recording_leases` table (migration 4), shared by every `serve` instance on
 * the database: a renewal at one instance keeps the run alive for the watchdog of every other (docs/postgres.md).
 */
export function pgRecordingLeases(pool: Pool): RecordingLeases {
  return {
    async renew(id, until) {
      await pool.query(
        `INSERT INTO recording_leases (id, expires_at) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET expires_at = GREATEST(recording_leases.expires_at, EXCLUDED.expires_at)`,
        [id, until.toISOString()],
      );
    },
    async adopt(id, until) {
      await pool.query(
        'INSERT INTO recording_leases (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
        [id, until.toISOString()],
      );
    },
    async claimLapsed(now, claimUntil) {
      // One statement: a lapsed lease is moved forward by the watchdog that claims it; SKIP LOCKED leaves the ones
      // another instance is claiming at this moment to it.
      const res = await pool.query<{ id: string }>(
        `UPDATE recording_leases SET expires_at = $2
         WHERE id IN (SELECT id FROM recording_leases WHERE expires_at < $1
                      ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [now.toISOString(), claimUntil.toISOString()],
      );
      return res.rows.map((r) => r.id).sort();
    },
    async lapsed(id, now) {
      const res = await pool.query<{ lapsed: boolean }>(
        'SELECT expires_at < $2 AS lapsed FROM recording_leases WHERE id = $1',
        [id, now.toISOString()],
      );
      return res.rows[0]?.lapsed === true;
    },
    async drop(id) {
      await pool.query('DELETE FROM recording_leases WHERE id = $1', [id]);
    },
  };
}
