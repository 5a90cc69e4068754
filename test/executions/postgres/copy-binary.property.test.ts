import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyBinaryReader } from '../../../src/executions/postgres/copy-binary.js';

type Tuple = (Uint8Array | null)[];

/** COPY's binary format, as PostgreSQL writes it: signature, flags, empty extension, tuples, trailer. */
function encode(tuples: readonly Tuple[]): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const t of tuples) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(t.length);
    parts.push(count);
    for (const f of t) {
      const len = Buffer.alloc(4);
      len.writeInt32BE(f === null ? -1 : f.length);
      parts.push(len);
      if (f) parts.push(Buffer.from(f));
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

/** Feed `bytes` cut at `cuts`; the tuples read (copied out of the reader's views). */
function read(bytes: Buffer, cuts: number[]): { tuples: Tuple[]; reader: CopyBinaryReader } {
  const tuples: Tuple[] = [];
  const reader = new CopyBinaryReader((buf, bounds, count) => {
    const t: Tuple = [];
    for (let f = 0; f < count; f++) {
      const s = bounds[2 * f]!;
      t.push(s < 0 ? null : new Uint8Array(buf.subarray(s, bounds[2 * f + 1])));
    }
    tuples.push(t);
  });
  let from = 0;
  for (const at of [...new Set(cuts)].sort((a, b) => a - b)) {
    reader.push(bytes.subarray(from, at));
    from = at;
  }
  reader.push(bytes.subarray(from));
  return { tuples, reader };
}

const tuples = fc.array(
  fc.array(fc.option(fc.uint8Array({ maxLength: 40 }), { freq: 4 }), { maxLength: 5 }),
  {
    maxLength: 30,
  },
);

describe('the binary COPY reader (verify on PostgreSQL)', () => {
  it('reads every tuple, NULLs included, however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(tuples, fc.array(fc.nat(), { maxLength: 12 }), (ts, cuts) => {
        const bytes = encode(ts);
        const { tuples: got, reader } = read(
          bytes,
          cuts.map((c) => c % (bytes.length + 1)),
        );
        expect(got).toEqual(ts.map((t) => t.map((f) => (f === null ? null : new Uint8Array(f)))));
        expect(() => reader.end()).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('a stream cut off before its trailer is an error, never a shorter journal', () => {
    fc.assert(
      fc.property(tuples, fc.nat(), (ts, cut) => {
        const bytes = encode(ts);
        const { reader } = read(bytes.subarray(0, cut % bytes.length), []);
        expect(() => reader.end()).toThrow(/before its trailer/);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a stream that is not binary COPY', () => {
    const reader = new CopyBinaryReader(() => undefined);
    expect(() => reader.push(Buffer.from('1\t2\tsome text row of COPY text format\n'))).toThrow(
      /binary COPY/,
    );
  });
});
