import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexChecksum, murmur3Pair } from '../../src/history/index-checksum.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('#15.7 the index checksum (MurmurHash3 x86 32-bit, two seeds)', () => {
  it("#15.7 is MurmurHash3_x86_32 under each seed: the reference implementation's published values", () => {
    const vectors: [string, number, number][] = [
      ['', 0, 0],
      ['', 1, 0x514e28b7],
      ['hello', 0, 0x248bfa47],
      ['abc', 0, 0xb3dd93fa],
      ['abcd', 0, 0x43ed676a],
      ['Hello, world!', 1234, 0xfaf6cdb3],
      ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ];
    for (const [text, seed, want] of vectors) {
      expect(murmur3Pair(bytes(text), seed, seed)).toEqual([want, want]);
      expect(murmur3Pair(bytes(text), 7, seed)[1]).toBe(want);
    }
  });

  it('#15.7 a string is checksummed as its UTF-8 bytes; 16 hex digits', () => {
    expect(indexChecksum('héllo · ✓')).toBe(indexChecksum(Buffer.from('héllo · ✓', 'utf8')));
    expect(indexChecksum('')).toMatch(/^[0-9a-f]{16}$/);
    // Unaligned views (a Buffer pool slice) read the same bytes.
    const pool = Buffer.from('xxabcdefghij');
    expect(indexChecksum(pool.subarray(2))).toBe(indexChecksum('abcdefghij'));
  });

  it('#15.7 any changed byte and any cut changes it (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (data, at, flip) => {
          const original = Buffer.from(data);
          const damaged = Buffer.from(data);
          const i = at % damaged.length;
          damaged[i] = damaged[i]! ^ flip;
          expect(indexChecksum(damaged)).not.toBe(indexChecksum(original));
          expect(indexChecksum(original.subarray(0, at % original.length))).not.toBe(indexChecksum(original));
        },
      ),
      { numRuns: 500 },
    );
  });
});
