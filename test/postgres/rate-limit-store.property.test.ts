import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Options } from 'express-rate-limit';
import { PgRateLimitStore } from '../../src/server/middleware/pg-rate-limit-store.js';
import { createPool, type Pool } from '../../src/executions/postgres/pg-pool.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';

/** The shared limit: hits counted by any number of instances (stores on their own pools) add up exactly. */
describe('the PostgreSQL rate-limit store (docs/postgres.md, "Rate limits")', () => {
  let db: TestSchema;
  const pools: Pool[] = [];

  beforeAll(async () => {
    db = await createTestSchema();
    for (let i = 0; i < 3; i++) pools.push(createPool(db.url, 3));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db?.drop();
  });

  it('concurrent increments from several instances count every hit once, in one window per key', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 40,
        }),
        async (hits) => {
          // Every instance uses the same prefix (as serve does); each run its own, so runs do not mix.
          const prefix = `r${round++}:`;
          const stores = pools.map((p) => new PgRateLimitStore(p, prefix));
          for (const s of stores) s.init({ windowMs: 60_000 } as Options);
          const results = await Promise.all(hits.map(([inst, key]) => stores[inst]!.increment(`k${key}`)));
          for (let key = 0; key < 4; key++) {
            const mine = results.filter((_, i) => hits[i]![1] === key);
            const expected = mine.length;
            // Each hit saw a distinct count 1..n: no hit lost or counted twice, whichever instance took it.
            expect(mine.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(
              Array.from({ length: expected }, (_, i) => i + 1),
            );
            if (expected > 0) expect(new Set(mine.map((r) => r.resetTime?.getTime())).size).toBe(1);
            expect((await stores[0]!.get(`k${key}`))?.totalHits).toBe(expected > 0 ? expected : undefined);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a window that has passed starts again at 1', async () => {
    const store = new PgRateLimitStore(pools[0]!, 'expiry:');
    store.init({ windowMs: 200 } as Options);
    await store.increment('k');
    expect((await store.increment('k')).totalHits).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect((await store.increment('k')).totalHits).toBe(1);
    await store.decrement('k');
    expect((await store.get('k'))?.totalHits).toBe(0);
    await store.resetKey('k');
    expect(await store.get('k')).toBeUndefined();
  });
});
