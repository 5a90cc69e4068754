import type pg from 'pg';

/**
 * Claim one firing in the journal's PostgreSQL database: `INSERT … ON CONFLICT DO NOTHING` on `schedule_claims`,
 * which exactly one instance wins (docs/postgres.md, "Several instances"). Claims older than a day are pruned now and
 * then (their firings are long recorded).
 */
export function pgFiringClaimer(pool: pg.Pool, claimedBy: string): (id: string) => Promise<boolean> {
  let claims = 0;
  return async (id) => {
    if (++claims % 500 === 0) {
      await pool.query(`DELETE FROM schedule_claims WHERE claimed_at < now() - interval '1 day'`);
    }
    const res = await pool.query(
      'INSERT INTO schedule_claims (firing_id, claimed_by) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [id, claimedBy],
    );
    return res.rowCount === 1;
  };
}
