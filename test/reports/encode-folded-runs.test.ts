import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FoldedRun } from '../../src/reports/collect-runs.js';
import { asciiJson } from '../../src/reports/ascii-json.js';
import { decodeRuns, encodeRuns } from '../../src/reports/encode-folded-runs.js';

const word = fc.stringMatching(/^[a-z0-9@.\-é✓]{1,12}$/);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const runArb: fc.Arbitrary<FoldedRun> = fc.record({
  // Any text, surrogate pairs included: the JSON section is written in ASCII escapes and read back as latin1.
  id: fc.string({ minLength: 1, maxLength: 20, unit: 'binary' }),
  seq: fc.integer({ min: 1, max: 2 ** 53 - 1 }),
  action: word,
  started: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  duration: maybe(fc.nat()),
  status: fc.constantFrom('succeeded', 'failed', 'running', 'missed', 'abandoned' as const),
  user: word,
  trigger: fc.constantFrom('manual', 'schedule', 'runbook' as const),
  targets: fc.array(word, { maxLength: 3 }),
  version: maybe(fc.nat(1000)),
  commit: maybe(fc.stringMatching(/^[0-9a-f]{40}$/)),
  definitionStatus: maybe(fc.constantFrom('released', 'draft')),
  dirty: fc.boolean(),
  runbook: maybe(fc.record({ id: fc.oneof(word, fc.constant(''), fc.constant('?')), step: word, run: word })),
  local: fc.boolean(),
  kind: fc.constantFrom('runbook_run' as const, null),
  planned: maybe(fc.integer({ min: 0, max: 4_102_444_800_000 })),
  missed: maybe(fc.integer({ min: 1, max: 1000 })),
  attempt: maybe(fc.integer({ min: 1, max: 20 })),
}) as fc.Arbitrary<FoldedRun>;

describe('#15.9 the run cache layout (encode-folded-runs.ts)', () => {
  it('#15.9 any folded runs read back as they were written', () => {
    fc.assert(
      fc.property(fc.array(runArb, { maxLength: 40 }), (runs) => {
        expect(decodeRuns(Buffer.concat(encodeRuns(runs).pieces))).toEqual(
          runs.map((r) => ({ ...r, point: -1 })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('#15.9 a body cut short or with bytes added is refused, never read as runs', () => {
    fc.assert(
      fc.property(fc.array(runArb, { minLength: 1, maxLength: 10 }), fc.nat(), (runs, cut) => {
        const body = Buffer.concat(encodeRuns(runs).pieces);
        expect(() => decodeRuns(body.subarray(0, cut % body.length))).toThrow();
        expect(() => decodeRuns(Buffer.concat([body, Buffer.alloc(1 + (cut % 9))]))).toThrow();
      }),
      { numRuns: 100 },
    );
  });
});

describe('#15.9 asciiJson (ascii-json.ts)', () => {
  it('#15.9 any value parses back the same, from text of ASCII characters only', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        for (const v of [value, text, { text, value }]) {
          const json = asciiJson(v);
          expect(json).toMatch(/^[\x20-\x7e]*$/);
          expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(v)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
