import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/executions/id-table.js';

describe('the journal index id table (id-table.ts)', () => {
  it('finds every id built in or added later, through any growth, and no other', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 3000 }),
        fc.nat(3000),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 50 }),
        (all, split, probes) => {
          const at = Math.min(split, all.length);
          const ids = all.slice(0, at);
          const table = new IdTable(ids);
          for (const id of all.slice(at)) table.add(ids.push(id) - 1);
          for (const [e, id] of all.entries()) expect(table.get(id)).toBe(e);
          const known = new Set(all);
          for (const probe of probes)
            expect(table.get(probe)).toBe(known.has(probe) ? all.indexOf(probe) : -1);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the id table under colliding ids', () => {
  it('turns into a Map when ids collide (a hash sends them all to one slot) and still finds every id, and no other', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 12 }), { minLength: 100, maxLength: 2000 }),
        fc.nat(2000),
        (all, split) => {
          const at = Math.min(split, all.length);
          const ids = all.slice(0, at);
          const table = new IdTable(ids, () => 7);
          for (const id of all.slice(at)) table.add(ids.push(id) - 1);
          expect(table.degraded).toBe(true);
          for (const [e, id] of all.entries()) expect(table.get(id)).toBe(e);
          expect(table.get('\u0000not-an-id')).toBe(-1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stays a table for ordinary ids (26 characters, ULID-like)', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `01J${String(i).padStart(23, '0')}`);
    const table = new IdTable(ids);
    expect(table.degraded).toBe(false);
    expect(table.get(ids[12_345]!)).toBe(12_345);
  });
});
