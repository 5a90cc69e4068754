import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coalesceRuns } from '../../src/github/coalesce-runs.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('coalesceRuns (pushes followed one fetch and refresh at a time)', () => {
  it('property: never two runs at once; every call gets a run begun after it; calls meanwhile share one run', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ wait: fc.nat(3), fails: fc.boolean() }), { minLength: 1, maxLength: 25 }),
        async (calls) => {
          let active = 0;
          let maxActive = 0;
          let started = 0;
          let outcome = 0;
          const run = coalesceRuns(async () => {
            const n = ++started;
            active++;
            maxActive = Math.max(maxActive, active);
            for (let i = 0; i < 2; i++) await tick();
            active--;
            if (calls[outcome++ % calls.length]!.fails) throw new Error(`run ${n} failed`);
            return n;
          });
          const results: Promise<{ calledAfter: number; got: number | null }>[] = [];
          for (const call of calls) {
            const calledAfter = started;
            results.push(
              run().then(
                (got) => ({ calledAfter, got }),
                () => ({ calledAfter, got: null }),
              ),
            );
            for (let i = 0; i < call.wait; i++) await tick();
          }
          const done = await Promise.all(results);
          expect(maxActive).toBe(1);
          for (const r of done) if (r.got !== null) expect(r.got).toBeGreaterThan(r.calledAfter);
          // Coalesced: never more runs than calls, and a burst of calls made during one run costs one more run.
          expect(started).toBeLessThanOrEqual(calls.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a burst of ten calls while a run is in flight makes exactly one more run', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = coalesceRuns(async () => {
      runs++;
      if (runs === 1) await gate;
      return runs;
    });
    const first = run();
    const burst = Array.from({ length: 10 }, () => run());
    release();
    expect(await first).toBe(1);
    expect(new Set(await Promise.all(burst))).toEqual(new Set([2]));
    expect(runs).toBe(2);
  });
});
