import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCollector } from '../../src/executions/collect-lines.js';
import { GENESIS_HASH, sealRecord } from '../../src/executions/record-hash.js';
import { sealedLineFields } from '../../src/executions/sealed-line-fields.js';
import type { ScannedLines } from '../../src/executions/verify-chain.js';
import type { RecordedParameter } from '../../src/executions/types.js';
import { makeInput } from './make-input.js';

/** The verifier's columns of one line, read by bytes where it can (the default) or parsed (the reference). */
function columns(bytes: Buffer, parseEveryLine: boolean): ScannedLines {
  const c = new LineCollector({ parseEveryLine });
  c.add(c.startSegment('segment-1.jsonl'), 1, Buffer.from(bytes));
  return c.finish();
}

function expectSameColumns(bytes: Buffer): void {
  const fast = columns(bytes, false);
  const parsed = columns(bytes, true);
  const why = JSON.stringify(bytes.toString('latin1'));
  expect([...fast.kind], why).toEqual([...parsed.kind]);
  expect(Object.is(fast.seq[0], parsed.seq[0]), `${why}: seq ${fast.seq[0]} ≠ ${parsed.seq[0]}`).toBe(true);
  expect(Buffer.from(fast.hash).toString('hex'), why).toBe(Buffer.from(parsed.hash).toString('hex'));
  expect(Buffer.from(fast.prev).toString('hex'), why).toBe(Buffer.from(parsed.prev).toString('hex'));
}

/** Parameter values as users give them: text with escapes and non-ASCII, numbers, nested objects naming our keys. */
const parameterValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(
    fc.constantFrom('seq', 'hash', 'prev_hash', 'x'),
    fc.oneof(fc.nat(), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 64 })),
  ),
);
const sealedLine = fc
  .record({
    seq: fc.nat({ max: 1e6 }),
    prev: fc.constantFrom(GENESIS_HASH, 'a'.repeat(64), '0123456789abcdef'.repeat(4)),
    parameters: fc.dictionary(fc.string({ maxLength: 8 }), parameterValue, { maxKeys: 4 }),
  })
  .map(({ seq, prev, parameters }) =>
    sealRecord(makeInput({ parameters: parameters as unknown as Record<string, RecordedParameter> }), {
      seq,
      hash: prev,
    }).line.trimEnd(),
  );

/** Edits a tamperer, a crash or a careless hand could make to a line. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(' ', '\t', '\\', '"', '\xff', 'é', ',', '}'),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc
    .record({
      kind: fc.constant('replace' as const),
      pair: fc.constantFrom<[string, string]>(
        // Keys: escaped, doubled (JSON.parse keeps the last), spaced, moved after the hash.
        ['"seq"', '"s\\u0065q"'],
        ['"seq":', '"seq":0,"s\\u0065q":'],
        ['"prev_hash":', '"prev_hash":"","pr\\u0065v_hash":'],
        ['{', '{"seq":7,'],
        ['{', '{"hash":"x",'],
        ['"hash"', '"hash" '],
        ['"hash":', '"hash" :'],
        [',"hash"', ',"seq":"7","hash"'],
        ['"prev_hash"', ' "prev_hash"'],
        // Values JSON.parse refuses: leading zeros, bare signs and points, broken words, escapes and control characters.
        ['"version":1', '"version":01'],
        ['"version":1', '"version":1.'],
        ['"version":1', '"version":+1'],
        ['"version":1', '"version":1e'],
        ['"version":1', '"version":-'],
        ['"version":1', '"version":.5'],
        ['"version":1', '"version":1E+2'],
        ['null', 'nul'],
        ['null', 'nulL'],
        ['false', 'fals'],
        ['"cli"', '"ng\\x"'],
        ['"cli"', '"ng\\u12"'],
        ['"cli"', '"\\uzzzz"'],
        ['"cli"', '"ng\\u00e9"'],
        ['"cli"', '"ng\u0001"'],
        ['"cli"', '"ng\t"'],
        ['"cli"', '["ng",]'],
        ['"cli"', '{"a":1,}'],
        ['"cli"', '[[[[1]]]]'],
      ),
    })
    .map(({ pair: [from, to] }) => ({ kind: 'replace' as const, from, to })),
);

type Edit =
  | { kind: 'byte'; at: number; byte: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'cut'; at: number }
  | { kind: 'replace'; from: string; to: string };

/** The line's bytes after `e` (texts are latin1: one byte per character, so 'é' is a byte that is not UTF-8). */
function applyEdit(bytes: Buffer, e: Edit): Buffer {
  if (e.kind === 'byte') {
    if (bytes.length === 0) return bytes;
    const out = Buffer.from(bytes);
    out[e.at % out.length] = e.byte;
    return out;
  }
  if (e.kind === 'insert') {
    const at = e.at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(e.text, 'latin1'), bytes.subarray(at)]);
  }
  if (e.kind === 'cut') return bytes.subarray(0, e.at % (bytes.length + 1));
  return Buffer.from(bytes.toString('latin1').replace(e.from, e.to), 'latin1');
}

/**
 * The line with its trailing hash made the sha256 of what it ends (as a tamperer who edits a record recomputes its
 * hash), when it still ends `,"hash":"<64 characters>"}`: the edits that matter, since any other edit fails the hash.
 */
function reseal(bytes: Buffer): Buffer {
  const end = bytes.length;
  const tail = bytes.toString('latin1', Math.max(0, end - 75), end);
  if (!/^,"hash":"[^"\\]{64}"\}$/.test(tail)) return bytes;
  const body = Buffer.concat([bytes.subarray(0, end - 75), Buffer.from('}')]);
  const sha = createHash('sha256').update(body).digest('hex');
  return Buffer.concat([bytes.subarray(0, end - 66), Buffer.from(`${sha}"}`)]);
}

describe('#15.9 verify reads sealed lines by their bytes (sealed-line-fields.ts)', () => {
  it('#15.9 gives the columns JSON.parse gives, for sealed lines and for any edits of them', () => {
    fc.assert(
      fc.property(sealedLine, fc.array(edit, { maxLength: 3 }), fc.boolean(), (line, edits, resealed) => {
        const edited = edits.reduce(applyEdit, Buffer.from(line, 'utf8'));
        expectSameColumns(resealed ? reseal(edited) : edited);
      }),
      { numRuns: 3000 },
    );
  });

  it('#15.9 gives the columns JSON.parse gives for any JSON value and any bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json().map((t) => Buffer.from(t, 'utf8')),
          fc.uint8Array({ maxLength: 120 }).map((a) => Buffer.from(a)),
        ),
        (bytes) => expectSameColumns(bytes),
      ),
      { numRuns: 2000 },
    );
  });

  it('#15.9 reads a sealed line by its bytes, and leaves to JSON.parse what it does not read as JSON.parse would', () => {
    const { record, line } = sealRecord(makeInput(), { seq: 41, hash: GENESIS_HASH });
    const sealed = Buffer.from(line.trimEnd());
    const fields = sealedLineFields(sealed);
    expect(fields?.seq).toBe(42);
    expect(sealed.toString('latin1', fields!.hashAt, fields!.hashAt + 64)).toBe(record.hash);
    expect(sealed.toString('latin1', fields!.prevAt, fields!.prevAt + 64)).toBe(GENESIS_HASH);
    // A second seq: the last, as JSON.parse keeps it.
    expect(sealedLineFields(Buffer.from(line.trimEnd().replace('{', '{"seq":1,')))?.seq).toBe(42);
    // An escaped key, space before the end, a hash not last: each left to JSON.parse.
    for (const other of [
      line.trimEnd().replace('"seq"', '"s\\u0065q"'),
      `${line.trimEnd()} `,
      line.trimEnd().replace(/,"hash":("[0-9a-f]{64}")\}$/, ',"hash":$1,"z":1}'),
      // Nesting deeper than the reader goes (JSON.parse has no such limit), sealed as a tamperer would seal it.
      reseal(
        Buffer.from(line.trimEnd().replace('"cli"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)),
      ).toString(),
    ]) {
      expect(sealedLineFields(Buffer.from(other)), other).toBeNull();
      expectSameColumns(Buffer.from(other));
    }
  });
});
