import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  hashRecord,
  sealRecord,
  sealedBytesMatch,
  sealedLineMatches,
} from '../../src/executions/record-hash.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { makeInput } from './make-input.js';

describe('sealedBytesMatch (the fast path of verify)', () => {
  const { record, line } = sealRecord(makeInput(), { seq: 0, hash: GENESIS_HASH });

  it('accepts a line exactly as sealRecord wrote it, with or without its newline', () => {
    expect(sealedBytesMatch(line, record.hash)).toBe(true);
    expect(sealedBytesMatch(line.trimEnd(), record.hash)).toBe(true);
  });

  it('rejects a line with one field changed, as the canonical check does', () => {
    const edited = line.replace('"nginx"', '"apache"');
    const parsed = JSON.parse(edited) as ExecutionRecord;
    expect(sealedBytesMatch(edited, record.hash)).toBe(false);
    expect(hashRecord(parsed)).not.toBe(record.hash);
  });

  it('leaves a re-formatted but equal record to the canonical check, which still accepts it', () => {
    const reformatted = `${JSON.stringify(JSON.parse(line), null, 1).replace(/\n/g, ' ')}\n`;
    expect(sealedBytesMatch(reformatted, record.hash)).toBe(false);
    expect(hashRecord(JSON.parse(reformatted) as ExecutionRecord)).toBe(record.hash);
  });
});

describe('#15.9 sealedLineMatches (the same check on the bytes of a line being read)', () => {
  it('#15.9 agrees with sealedBytesMatch on sealed lines and on any edit of them, and leaves the bytes as they were', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.nat(),
        fc.constantFrom('replace', 'insert', 'delete', 'none'),
        fc.integer({ min: 0, max: 0x7f }),
        (host, at, edit, byte) => {
          const { record, line } = sealRecord(makeInput({ targets: [host || 'h'] }), {
            seq: 0,
            hash: GENESIS_HASH,
          });
          const bytes = Buffer.from(line.trimEnd(), 'utf8');
          const k = at % bytes.length;
          const edited =
            edit === 'replace'
              ? Buffer.concat([bytes.subarray(0, k), Buffer.from([byte]), bytes.subarray(k + 1)])
              : edit === 'insert'
                ? Buffer.concat([bytes.subarray(0, k), Buffer.from([byte]), bytes.subarray(k)])
                : edit === 'delete'
                  ? Buffer.concat([bytes.subarray(0, k), bytes.subarray(k + 1)])
                  : bytes;
          const before = Buffer.from(edited);
          const expected = sealedBytesMatch(edited.toString('utf8'), record.hash);
          expect(sealedLineMatches(edited, record.hash)).toBe(expected);
          expect(edited.equals(before)).toBe(true);
          if (edit === 'none') expect(expected).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
