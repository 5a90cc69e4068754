import type { ScannedLines } from '../executions/verify-chain.js';

/**
 * Lines read in pieces (each piece's `segment` numbers its own segments from 0, and its line numbers count from 1 at
 * the start of what it read), joined into the columns one read of every segment in order would have given:
 * `segmentOf[p][k]` is piece p's segment k in `segments`, `lineBase[p][k]` the lines of that segment before it.
 */
export function joinScannedLines(
  segments: readonly string[],
  pieces: readonly ScannedLines[],
  segmentOf: readonly (readonly number[])[],
  lineBase: readonly (readonly number[])[],
): ScannedLines {
  let count = 0;
  for (const p of pieces) count += p.count;
  const joined: ScannedLines = {
    count,
    segments: [...segments],
    segment: new Uint16Array(count),
    line: new Uint32Array(count),
    kind: new Uint8Array(count),
    seq: new Float64Array(count),
    hash: new Uint8Array(count * 32),
    prev: new Uint8Array(count * 32),
  };
  let at = 0;
  pieces.forEach((p, k) => {
    const toSegment = segmentOf[k]!;
    const base = lineBase[k]!;
    for (let i = 0; i < p.count; i++) {
      const local = p.segment[i]!;
      joined.segment[at + i] = toSegment[local]!;
      joined.line[at + i] = p.line[i]! + base[local]!;
    }
    joined.kind.set(p.kind.subarray(0, p.count), at);
    joined.seq.set(p.seq.subarray(0, p.count), at);
    joined.hash.set(p.hash.subarray(0, p.count * 32), at * 32);
    joined.prev.set(p.prev.subarray(0, p.count * 32), at * 32);
    at += p.count;
  });
  return joined;
}
