import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournalAt } from '../../../src/executions/open-journal-at.js';
import { verifyPostgres } from '../../../src/executions/postgres/verify-postgres.js';
import { createTestSchema, type TestSchema } from '../../helpers/postgres.js';
import { makeInput } from '../make-input.js';

/**
 * verify reads the rows as raw bytes and hashes them where they arrived: whatever text the records hold (any Unicode,
 * quotes, backslashes, text that looks like the keys it looks for), a clean journal verifies, and one tampered row is
 * named by its seq.
 */
describe('verify on PostgreSQL, on the rows’ bytes (docs/postgres.md)', () => {
  let db: TestSchema;
  beforeAll(async () => {
    db = await createTestSchema();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('"seq":7,', '"prev_hash":"', ',"hash":"', '\\', '\\"}', 'é✓😀', '\t\n'),
  );
  const tampers = fc.constantFrom('byte', 'delete', 'insert', 'swap');

  it('a clean journal verifies; one tampered row is named by its seq', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, text), { minLength: 2, maxLength: 8 }),
        tampers,
        fc.nat(),
        fc.nat(),
        async (values, tamper, pick, at) => {
          await db.pool.query('TRUNCATE journal_records, journal_latest');
          const journal = await openJournalAt({ backend: 'postgres', url: db.url });
          for (const [a, b] of values) {
            await journal.append(makeInput({ parameters: { a, [`k${b}`]: b } }));
          }
          await journal.close();
          const clean = await verifyPostgres({ url: db.url });
          expect([clean.ok, clean.records, clean.problems]).toEqual([true, values.length, []]);

          const k = 1 + (pick % (values.length - 1));
          if (tamper === 'byte') {
            const { rows } = await db.pool.query<{ body: string }>(
              'SELECT body FROM journal_records WHERE seq = $1',
              [k],
            );
            const body = rows[0]!.body;
            const i = at % body.length;
            const changed = body.slice(0, i) + (body[i] === 'x' ? 'y' : 'x') + body.slice(i + 1);
            await db.pool.query('UPDATE journal_records SET body = $2 WHERE seq = $1', [k, changed]);
          } else if (tamper === 'delete') {
            await db.pool.query('DELETE FROM journal_records WHERE seq = $1', [k]);
          } else if (tamper === 'insert') {
            await db.pool.query(
              `INSERT INTO journal_records (seq, id, hash, body)
               SELECT seq, id, hash, replace(body, '"status":"running"', '"status":"succeeded"')
               FROM journal_records WHERE seq = $1`,
              [k],
            );
          } else {
            await db.pool.query(
              'UPDATE journal_records SET seq = CASE seq WHEN $1::bigint THEN $1::bigint + 1 ELSE $1::bigint END WHERE seq IN ($1::bigint, $1::bigint + 1)',
              [k],
            );
          }
          const report = await verifyPostgres({ url: db.url });
          expect(report.ok).toBe(false);
          expect(report.problems.map((p) => p.seq)).toContain(k);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
