/**
 * The checksum the history index keeps of its files and pack records (docs/history.md, "Checksums"): MurmurHash3
 * (x86, 32-bit) of the bytes under two seeds, 16 hex digits. It finds damage — a flipped byte, a cut, an empty or
 * foreign file — which is all the index needs: it is derived data on the user's own disk, rebuilt from git when a
 * check fails, so a cryptographic hash buys nothing here. Any change within one 4-byte word always changes both halves
 * (each step of the mix is a bijection). Plain JavaScript on purpose: a warm `history` checks ~20 KB, and loading
 * node:crypto cost it more than the rest of its reading (README, CLI start-up).
 */
export function indexChecksum(content: Buffer | string): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const [a, b] = murmur3Pair(bytes, 0, SECOND_SEED);
  return hex(a) + hex(b);
}

const SECOND_SEED = 0x9747b28c;
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * MurmurHash3_x86_32 of `bytes` under two seeds in one pass (the word mix does not depend on the seed), as unsigned
 * 32-bit numbers. Words are read little-endian, as the reference does: an Int32Array copy of the bytes on a
 * little-endian machine (one native copy instead of four reads per word), assembled byte by byte elsewhere.
 */
export function murmur3Pair(bytes: Uint8Array, seedA: number, seedB: number): [number, number] {
  const n = bytes.length;
  const count = n >>> 2;
  const words = new Int32Array(count);
  if (LITTLE_ENDIAN) {
    new Uint8Array(words.buffer).set(bytes.subarray(0, count * 4));
  } else {
    for (let w = 0, i = 0; w < count; w++, i += 4) {
      words[w] = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    }
  }
  let a = seedA | 0;
  let b = seedB | 0;
  for (let w = 0; w < count; w++) {
    let k = Math.imul(words[w]!, C1);
    k = Math.imul((k << 15) | (k >>> 17), C2);
    a ^= k;
    a = (Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64) | 0;
    b ^= k;
    b = (Math.imul((b << 13) | (b >>> 19), 5) + 0xe6546b64) | 0;
  }
  const tail = count * 4;
  if (n & 3) {
    // The last 1–3 bytes, little-endian, mixed as one word without the rotation of h.
    let k = 0;
    for (let i = n - 1; i >= tail; i--) k = (k << 8) | bytes[i]!;
    k = Math.imul(k, C1);
    k = Math.imul((k << 15) | (k >>> 17), C2);
    a ^= k;
    b ^= k;
  }
  return [finish(a, n), finish(b, n)];
}

function finish(h: number, n: number): number {
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
