import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/executions/canonical-json.js';
import { openJournalAt } from '../../src/executions/open-journal-at.js';
import { sealTemplate } from '../../src/executions/postgres/pg-append.js';
import { verifyPostgres } from '../../src/executions/postgres/verify-postgres.js';
import type { ExecutionInput, ExecutionRecord, Journal } from '../../src/executions/types.js';
import { makeInput } from '../executions/make-input.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { readChain } from './group-commit-check.js';

/** Parameters as users send them: nested, unicode, numbers, keys that sort around `prev_hash` and `seq`. */
const parameters = fc.dictionary(
  fc.oneof(fc.string(), fc.constantFrom('prev_hash', 'seq', 'hash', 'r', 'sez', 'prev')),
  fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 3 }),
  ),
  { maxKeys: 5 },
);

/** What an execution record accepts as parameters: scalars (docs/executions.md). */
const scalarParameters = fc.dictionary(
  fc.oneof(fc.string(), fc.constantFrom('prev_hash', 'seq', 'hash', 'r', 'sez', 'prev')),
  fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
  ),
  { maxKeys: 5 },
);

describe('PostgreSQL group commit (docs/postgres.md, "How appends stay one linear chain")', () => {
  it('sealTemplate cuts the canonical JSON exactly where prev_hash and seq go', () => {
    fc.assert(
      fc.property(
        parameters,
        fc.string({ unit: 'grapheme' }),
        fc.nat(),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (params, user, seq, prev) => {
          // Wider than a valid record's parameters on purpose: the cut must hold for any JSON.
          const input = {
            ...makeInput({ initiator: { user, via: 'api' } }),
            parameters: params,
          } as unknown as ExecutionInput;
          const [before, between, after] = sealTemplate(input);
          expect(`${before}${prev}${between}${seq}${after}`).toBe(
            canonicalJson({ ...input, seq, prev_hash: prev }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  describe('random concurrent writers on their own connections', () => {
    let db: TestSchema;
    const journals: Journal[] = [];

    beforeAll(async () => {
      db = await createTestSchema();
      for (let i = 0; i < 4; i++) journals.push(await openJournalAt({ backend: 'postgres', url: db.url }));
    });
    afterAll(async () => {
      await Promise.all(journals.map((j) => j.close()));
      await db?.drop();
    });

    /** One writer's step: an append, or a conditional one, alone or as several not awaited one by one (a batch). */
    const step = fc.record({
      writer: fc.nat({ max: 3 }),
      kind: fc.constantFrom('append', 'append', 'append', 'appendIf-new', 'appendIf-running'),
      burst: fc.integer({ min: 1, max: 4 }),
      pause: fc.nat({ max: 3 }),
      params: scalarParameters,
    });

    /**
     * Terminate, after each delay, a connection of this process that is in a staged append's message (staging,
     * waiting or chaining): at most two per run, so a writer's three sends always have one left.
     */
    const terminate = async (delays: number[], running: () => boolean): Promise<number> => {
      let killed = 0;
      for (const ms of delays) {
        await new Promise((done) => setTimeout(done, ms));
        // Look until one is caught in the act, or the writers are done.
        while (running()) {
          const hit = await db.pool.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = $1 AND state = 'active' AND query LIKE '%INSERT INTO journal_pending%'
               AND pid <> pg_backend_pid()
             LIMIT 1`,
            [`opsledger-${process.pid}`],
          );
          if (hit.rowCount) {
            killed++;
            break;
          }
        }
      }
      return killed;
    };

    it('one contiguous chain; each acknowledged record present exactly once, as acknowledged', async () => {
      let round = 0;
      let killedTotal = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { minLength: 1, maxLength: 24 }),
          fc.array(fc.nat({ max: 40 }), { maxLength: 2 }),
          async (steps, kills) => {
            const r = round++;
            const before = (await readChain(db)).records.length;
            const acked: ExecutionRecord[] = [];
            let refused = 0;
            const byWriter = [0, 1, 2, 3].map((w) => steps.filter((s) => s.writer === w));
            let writing = true;
            const killer = terminate(kills, () => writing);
            await Promise.all(
              byWriter.map(async (mine, w) => {
                const journal = journals[w]!;
                for (const [k, s] of mine.entries()) {
                  await new Promise((done) => setTimeout(done, s.pause));
                  const id = (n: number): string => `r${r}-w${w}-s${k}-${n}`;
                  const inputs: ExecutionInput[] = Array.from({ length: s.burst }, (_, n) =>
                    makeInput({ id: id(n), parameters: s.params }),
                  );
                  const results = await Promise.all(
                    inputs.map((input) =>
                      s.kind === 'append'
                        ? journal.append(input)
                        : s.kind === 'appendIf-new'
                          ? journal.appendIf(input, (latest) => latest === null)
                          : // Never recorded before: refused, nothing written.
                            journal.appendIf(input, (latest) => latest?.status === 'running'),
                    ),
                  );
                  for (const rec of results) {
                    if (rec) acked.push(rec);
                    else refused++;
                  }
                }
              }),
            ).finally(() => (writing = false));
            killedTotal += await killer;
            const state = await readChain(db);
            expect(state.contiguous).toBe(true);
            expect(state.sealedAsInJs).toBe(true);
            expect(state.staged).toBe(0);
            const fresh = state.records.slice(before);
            expect(fresh.length).toBe(acked.length);
            for (const rec of acked) {
              expect(fresh.filter((f) => f.id === rec.id)).toEqual([rec]);
            }
            expect(refused).toBe(
              steps.filter((s) => s.kind === 'appendIf-running').reduce((n, s) => n + s.burst, 0),
            );
          },
        ),
        { numRuns: 12, endOnFailure: true },
      );
      const report = await verifyPostgres({ url: db.url });
      expect(report.ok).toBe(true);
      // The faults happened: connections were terminated in the middle of staged appends, and none failed.
      expect(killedTotal).toBeGreaterThan(0);
    }, 180_000);
  });
});
