import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { foldRuns } from '../../src/reports/collect-runs.js';
import { encodeRuns } from '../../src/reports/encode-folded-runs.js';
import { foldColumns } from '../../src/reports/fold-columns.js';
import { parseInstant } from '../../src/executions/parse-instant.js';
import { instant, recordArb } from './fold-records.arbitrary.js';

/** Instants as records hold them, and near misses: other fraction lengths, fields out of range, other forms. */
const instantLike = fc.oneof(
  instant,
  fc
    .tuple(instant, fc.stringMatching(/^[0-9]{0,10}$/))
    .map(([s, f]) => `${s.slice(0, 19)}${f ? `.${f}` : '.'}Z`),
  fc
    .tuple(
      instant,
      fc.nat(29),
      fc.constantFrom('0', '1', '2', '3', '5', '6', '9', 'x', '-', ':', 'T', 'Z', '.'),
    )
    .map(([s, at, c]) => `${s.slice(0, at)}${c}${s.slice(at + 1)}`),
  fc.tuple(instant, fc.nat(25)).map(([s, cut]) => s.slice(0, cut) + s.slice(cut + 1)),
  fc.string({ maxLength: 30 }),
);

describe('#15.9 parseInstant (parse-instant.ts)', () => {
  it('#15.9 gives what Date.parse gives, for instants as written and for near misses', () => {
    fc.assert(
      fc.property(instantLike, (s) => {
        expect(Object.is(parseInstant(s), Date.parse(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const s of [
      '2024-02-30T00:00:00Z',
      '2024-02-29T24:00:00Z',
      '0999-01-01T00:00:00Z',
      '2024-01-01T00:00:60Z',
    ])
      expect(Object.is(parseInstant(s), Date.parse(s))).toBe(true);
  });
});

describe('#15.9 the columnar fold (fold-columns.ts)', () => {
  it('#15.9 writes exactly what encodeRuns(foldRuns(records)) writes, in any record order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(recordArb, fc.integer({ min: 1, max: 50 })), { maxLength: 40 }),
        (drawn) => {
          const records = drawn.map(([r, seq]) => ({ ...r, seq }) as ExecutionRecord);
          const columns = foldColumns(records);
          const objects = encodeRuns(foldRuns(records));
          expect(Buffer.concat(columns.pieces).equals(Buffer.concat(objects.pieces))).toBe(true);
          const count = columns.block.count;
          expect(Array.from({ length: count }, (_, i) => columns.block.run(i))).toEqual(
            Array.from({ length: count }, (_, i) => objects.block.run(i)),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
