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
