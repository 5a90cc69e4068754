import { hashRecord, sealedBytesMatch, sealedHashHolds, sealedLineMatches } from './record-hash.js';
import { sealedLineFields } from './sealed-line-fields.js';
import type { ExecutionRecord } from './types.js';
import {
  LINE_HASH_MISMATCH,
  LINE_INCOMPLETE,
  LINE_OK,
  LINE_UNPARSEABLE,
  type ScannedLines,
} from './verify-chain.js';

/** Each character code's value as a lowercase hex digit, 255 for any other. */
const HEX = new Uint8Array(128).fill(255);
for (let c = 0; c < 16; c++) HEX['0123456789abcdef'.charCodeAt(c)] = c;

/**
 * Decode a sha256 as records hold it (64 lowercase hex digits) from `src` at `from` — a string, or a line's bytes —
 * into `out` at `at`; false (and `out` partly written) for anything else. A loop over the characters: a million
 * records ask it twice each, where a regular expression and Buffer's hex decoding cost about a second together.
 */
function decodeHex64(src: string | Uint8Array, from: number, out: Uint8Array, at: number): boolean {
  const text = typeof src === 'string';
  for (let k = 0; k < 32; k++) {
    const hi = text ? src.charCodeAt(from + 2 * k) : src[from + 2 * k]!;
    const lo = text ? src.charCodeAt(from + 2 * k + 1) : src[from + 2 * k + 1]!;
    const h = hi < 128 ? HEX[hi]! : 255;
    const l = lo < 128 ? HEX[lo]! : 255;
    if ((h | l) === 255) return false;
    out[at + k] = (h << 4) | l;
  }
  return true;
}

/** Builds the verifier's columns line by line, checking each record against its own hash as it goes. */
export class LineCollector {
  private n = 0;
  private readonly segments: string[] = [];
  private segment = new Uint16Array(1024);
  private line = new Uint32Array(1024);
  private kind = new Uint8Array(1024);
  private seq = new Float64Array(1024);
  private hash = new Uint8Array(1024 * 32);
  private prev = new Uint8Array(1024 * 32);
  /** Buffer views of `hash` and `prev`, to decode hex straight into them (kept in step by `reserve`). */
  private hashBytes = Buffer.from(this.hash.buffer);
  private prevBytes = Buffer.from(this.prev.buffer);

  /**
   * `parseEveryLine`: no line is read by its bytes alone (sealed-line-fields.ts); each is `JSON.parse`d, as before
   * that reader. The columns are the same either way (a property test); the option is that test's reference.
   */
  constructor(private readonly options: { parseEveryLine?: boolean } = {}) {}

  /** Start a segment; returns its number for `add`. */
  startSegment(name: string): number {
    this.segments.push(name);
    return this.segments.length - 1;
  }

  add(segment: number, lineNo: number, text: Buffer | string, complete = true): void {
    this.reserve(this.n + 1);
    const i = this.n++;
    this.segment[i] = segment;
    this.line[i] = lineNo;
    this.seq[i] = NaN;
    if (!complete) {
      this.kind[i] = LINE_INCOMPLETE;
      return;
    }
    if (typeof text !== 'string' && !this.options.parseEveryLine && this.addSealedLine(i, text)) return;
    const str = typeof text === 'string' ? text : text.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(str);
    } catch {
      this.kind[i] = LINE_UNPARSEABLE;
      return;
    }
    const r = value as Partial<ExecutionRecord> | null;
    if (
      r === null ||
      typeof r !== 'object' ||
      Array.isArray(r) ||
      typeof r.seq !== 'number' ||
      typeof r.hash !== 'string' ||
      typeof r.prev_hash !== 'string' ||
      r.hash.length !== 64 ||
      r.prev_hash.length !== 64 ||
      !decodeHex64(r.hash, 0, this.hash, i * 32) ||
      !decodeHex64(r.prev_hash, 0, this.prev, i * 32)
    ) {
      this.kind[i] = LINE_UNPARSEABLE;
      // Zero, as for every line that is not a record (a hash may have been decoded in part).
      this.hash.fill(0, i * 32, i * 32 + 32);
      this.prev.fill(0, i * 32, i * 32 + 32);
      // Name the seq the line claims, if any, so a damaged record is found by its number too.
      if (r !== null && typeof r === 'object' && typeof r.seq === 'number') this.seq[i] = r.seq;
      return;
    }
    this.seq[i] = r.seq;
    const sealed = typeof text === 'string' ? sealedBytesMatch(str, r.hash) : sealedLineMatches(text, r.hash);
    const ok = sealed || hashRecord(r as ExecutionRecord) === r.hash;
    this.kind[i] = ok ? LINE_OK : LINE_HASH_MISMATCH;
  }

  /**
   * Line `i` as a sealed record matching its own hash, read by its bytes alone; false (the columns of `i` partly
   * written) when it is anything else, which `add` then parses.
   */
  private addSealedLine(i: number, line: Buffer): boolean {
    const fields = sealedLineFields(line);
    if (
      fields === null ||
      !decodeHex64(line, fields.hashAt, this.hash, i * 32) ||
      !decodeHex64(line, fields.prevAt, this.prev, i * 32) ||
      !sealedHashHolds(line, fields.hashAt)
    ) {
      return false;
    }
    this.seq[i] = fields.seq;
    this.kind[i] = LINE_OK;
    return true;
  }

  /**
   * A line already known to be a sealed record that matches its own hash (the caller checked it), with its seq and
   * hashes: no JSON parse (PostgreSQL rows, docs/postgres.md).
   */
  addSealed(segment: number, lineNo: number, seq: number, hash: string, prevHash: string): void {
    this.reserve(this.n + 1);
    const i = this.n++;
    this.segment[i] = segment;
    this.line[i] = lineNo;
    this.seq[i] = seq;
    // Decoded straight into the columns (a million rows: no Buffer made per hash).
    this.hashBytes.write(hash, i * 32, 32, 'hex');
    this.prevBytes.write(prevHash, i * 32, 32, 'hex');
    this.kind[i] = LINE_OK;
  }

  /** The seq the last line added claims (NaN: none). */
  lastSeq(): number {
    return this.n === 0 ? NaN : this.seq[this.n - 1]!;
  }

  finish(): ScannedLines {
    const n = this.n;
    return {
      count: n,
      segments: this.segments,
      segment: this.segment.subarray(0, n),
      line: this.line.subarray(0, n),
      kind: this.kind.subarray(0, n),
      seq: this.seq.subarray(0, n),
      hash: this.hash.subarray(0, n * 32),
      prev: this.prev.subarray(0, n * 32),
    };
  }

  private reserve(need: number): void {
    if (need <= this.kind.length) return;
    const cap = this.kind.length * 2;
    const growTo = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(
      arr: T,
      size: number,
    ): T => {
      const next = new (arr.constructor as new (n: number) => T)(size);
      next.set(arr);
      return next;
    };
    this.segment = growTo(this.segment, cap);
    this.line = growTo(this.line, cap);
    this.kind = growTo(this.kind, cap);
    this.seq = growTo(this.seq, cap);
    this.hash = growTo(this.hash, cap * 32);
    this.prev = growTo(this.prev, cap * 32);
    this.hashBytes = Buffer.from(this.hash.buffer);
    this.prevBytes = Buffer.from(this.prev.buffer);
  }
}

/** Columns for in-memory segments (tests and tools): each text split into lines, an unfinished last line marked. */
export function collectLines(segments: readonly { name: string; text: string }[]): ScannedLines {
  const c = new LineCollector();
  for (const { name, text } of segments) {
    const seg = c.startSegment(name);
    const parts = text.split('\n');
    const tail = parts.pop() ?? '';
    parts.forEach((line, k) => c.add(seg, k + 1, line));
    if (tail !== '') c.add(seg, parts.length + 1, tail, false);
  }
  return c.finish();
}
