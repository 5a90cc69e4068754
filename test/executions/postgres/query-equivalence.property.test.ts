import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTION_STATUSES, TRIGGERS } from '../../../src/executions/types.js';
import { openJournalAt } from '../../../src/executions/open-journal-at.js';
import type { ExecutionInput, ExecutionQuery, Journal } from '../../../src/executions/types.js';
import { createTestSchema, type TestSchema } from '../../helpers/postgres.js';
import { makeInput } from '../make-input.js';

const ACTIONS = ['restart-web', 'rotate-logs', 'backup'];
const TARGETS = ['web-01', 'web-02', 'db-01', 'db-02'];
const USERS = ['alice@example.com', 'bob@example.com'];
/** Few distinct start times, so ties (ordered by id) are common. */
const START = (n: number): string => new Date(Date.UTC(2026, 0, 1 + (n % 3), n % 4)).toISOString();

/** One record: a new execution, or a later record of an earlier one (its status, targets or start may change). */
const recordArb = fc.record({
  again: fc.option(fc.nat({ max: 60 }), { freq: 3 }),
  action: fc.constantFrom(...ACTIONS),
  targets: fc.array(fc.constantFrom(...TARGETS), { maxLength: 3 }),
  user: fc.constantFrom(...USERS),
  status: fc.constantFrom(...EXECUTION_STATUSES),
  trigger: fc.constantFrom(...TRIGGERS),
  start: fc.nat({ max: 11 }),
});

const queryArb: fc.Arbitrary<ExecutionQuery> = fc.record(
  {
    action: fc.constantFrom(...ACTIONS, 'never-run'),
    user: fc.constantFrom(...USERS, 'carol@example.com'),
    status: fc.constantFrom(...EXECUTION_STATUSES),
    target: fc.constantFrom(...TARGETS, 'no-such-host'),
    trigger: fc.constantFrom(...TRIGGERS),
    since: fc.nat({ max: 11 }).map(START),
    until: fc.nat({ max: 11 }).map(START),
    limit: fc.integer({ min: 1, max: 30 }),
    before: fc.record({
      started_at: fc.nat({ max: 11 }).map(START),
      id: fc.constantFrom('x-0003', 'x-0010', 'x-0031'),
    }),
  },
  { requiredKeys: [] },
);

/**
 * The PostgreSQL journal answers any combination of filters as the file journal does (docs/postgres.md, "Queries"):
 * the same executions in the same order, the same count, whichever index (the target table's or journal_latest's)
 * the query goes through.
 */
describe('queries on PostgreSQL and on files agree', () => {
  let db: TestSchema;
  let dir: string;
  beforeAll(async () => {
    db = await createTestSchema();
    dir = await mkdtemp(path.join(tmpdir(), 'opsledger-query-eq-'));
  });
  afterAll(async () => {
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('the same executions, in the same order, and the same count, for random journals and filters', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb, { minLength: 1, maxLength: 40 }),
        fc.array(queryArb, { minLength: 1, maxLength: 25 }),
        async (records, queries) => {
          const r = round++;
          const file = await openJournalAt({ backend: 'file', dataDir: path.join(dir, `r${r}`) });
          const pg = await openJournalAt({ backend: 'postgres', url: db.url });
          try {
            // Each round starts from an empty database journal (the file journal is a new directory).
            await db.pool.query('TRUNCATE journal_records, journal_latest, journal_targets');
            await pg.refresh();
            const made: ExecutionInput[] = [];
            for (const [i, rec] of records.entries()) {
              const earlier = rec.again === null ? undefined : made[rec.again % Math.max(1, made.length)];
              const input = makeInput({
                id: earlier?.id ?? `x-${String(i).padStart(4, '0')}`,
                action_id: earlier && rec.start % 2 === 0 ? earlier.action_id : rec.action,
                targets: rec.targets,
                initiator: { user: rec.user, via: 'cli' },
                status: rec.status,
                trigger: rec.trigger,
                started_at: earlier && rec.start % 3 !== 0 ? earlier.started_at : START(rec.start),
              });
              made.push(input);
              await file.append(input);
              await pg.append(input);
            }
            // Every target alone and with every action (the target table's two ranges), then the random ones.
            const each = [...TARGETS, 'no-such-host'].flatMap((target) => [
              { target },
              ...ACTIONS.map((action) => ({ target, action })),
            ]);
            for (const q of [...each, ...queries]) {
              const ids = async (j: Journal): Promise<string[]> => (await j.query(q)).map((e) => e.id);
              expect(await ids(pg), JSON.stringify(q)).toEqual(await ids(file));
              expect(await pg.count(q), JSON.stringify(q)).toBe(await file.count(q));
            }
          } finally {
            await file.close();
            await pg.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);
});
