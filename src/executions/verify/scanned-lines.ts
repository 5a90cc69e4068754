/** How a line of a segment (or a row of a table) looked when it was read. */
export const LINE_OK = 0;
export const LINE_HASH_MISMATCH = 1;
export const LINE_UNPARSEABLE = 2;
export const LINE_INCOMPLETE = 3;

/**
 * Every line of the journal as the verifier needs it, in columns (a million lines cost about 80 MB): where it is,
 * what it is, its seq, its stored hash and prev_hash (32 bytes each, zero for lines that are not records).
 */
export interface ScannedLines {
  count: number;
  segments: string[];
  segment: Uint16Array;
  /** 1-based line number inside its segment (a table: the row's place in seq order). */
  line: Uint32Array;
  kind: Uint8Array;
  seq: Float64Array;
  hash: Uint8Array;
  prev: Uint8Array;
}

export interface Anchor {
  seq: number;
  hash: string;
  anchored_at: string;
  commit: string;
}

export const sameBytes = (a: Uint8Array, ai: number, b: Uint8Array, bi: number): boolean => {
  for (let k = 0; k < 32; k++) if (a[ai * 32 + k] !== b[bi * 32 + k]) return false;
  return true;
};

export const hexAt = (bytes: Uint8Array, i: number): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset + i * 32, 32).toString('hex');

/** Where line `i` is, for a problem. */
export function placeOf(lines: ScannedLines, i: number): { segment: string; line: number } {
  return { segment: lines.segments[lines.segment[i]!]!, line: lines.line[i]! };
}

/** The seq line `i` claims, or null. */
export function seqOf(lines: ScannedLines, i: number): number | null {
  return Number.isFinite(lines.seq[i]) ? lines.seq[i]! : null;
}
