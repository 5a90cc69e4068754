import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { parseJournalLine } from './parse-journal-line.js';
import type { ExecutionRecord } from './types.js';

/** A segment as a checkpoint saw it: its file and how many of its bytes hold records up to the checkpoint. */
export interface SegmentBytes {
  name: string;
  bytes: number;
}

/** Below this many bytes the bisection stops and the window is searched for the record's seq. */
const WINDOW = 4 * 1024;
/** First read of a line (most records are shorter; a longer one is read again whole). */
const LINE = 4 * 1024;
/** Below this many bytes the bisection first guesses the place from the seqs around it. */
const GUESS_BELOW = 1024 * 1024;

/**
 * Reads single records by seq from segments whose lines are in seq order (a journal whose checkpoint holds), without
 * the journal index: the segment by its first record's seq, then a bisection on byte offsets whose probes are
 * remembered (its first levels are the same for every seq); once the span is small, one read where the seqs around it
 * place the record, else on down to a few KiB searched for `"seq":<seq>`. A record is returned only when its whole line
 * parses and carries that seq; anything else (a line that is not a record misleads the bisection) gives null.
 */
export class RecordAtSeq {
  private readonly fds = new Map<number, number>();
  private readonly firsts = new Map<number, number | null>();
  /** `segment:offset` → the next line's start at or after the offset and its seq (null: none or not a record). */
  private readonly probes = new Map<string, { start: number; seq: number | null }>();
  private readonly buf = Buffer.allocUnsafe(4 * LINE);

  /**
   * `segments` in chain order, the last one up to the checkpoint; `endSeq`: the seq after the last record in them
   * (the checkpoint's seq + 1).
   */
  constructor(
    private readonly dir: string,
    private readonly segments: readonly SegmentBytes[],
    private readonly endSeq: number,
  ) {}

  get(seq: number): ExecutionRecord | null {
    try {
      return this.find(seq);
    } catch {
      return null;
    }
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }

  private find(seq: number): ExecutionRecord | null {
    let seg = -1;
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const first = this.first(i);
      if (first !== null && first <= seq) {
        seg = i;
        break;
      }
    }
    if (seg < 0) return null;
    // The lines in [lo, upper) hold the seqs from loSeq to upperSeq - 1; the target's line starts in [lo, hi].
    let lo = 0;
    let loSeq = this.first(seg)!;
    let hi = this.segments[seg]!.bytes;
    let upper = hi;
    let upperSeq = seg + 1 < this.segments.length ? this.first(seg + 1) : this.endSeq;
    let guessed = false;
    while (hi - lo > WINDOW) {
      if (!guessed && hi - lo <= GUESS_BELOW && upperSeq !== null && upperSeq > loSeq) {
        // Lines are of similar length nearby: the seq's place between two known lines is a good guess (one read).
        guessed = true;
        const at = lo + Math.floor(((seq - loSeq) / (upperSeq - loSeq)) * (upper - lo));
        const found = this.search(seg, Math.max(lo, at - LINE), Math.min(upper, at + LINE), seq, false);
        if (found) return found;
      }
      const mid = lo + Math.floor((hi - lo) / 2);
      const probe = this.probe(seg, mid);
      if (probe.seq === seq) return this.lineAt(seg, probe.start, seq);
      if (probe.seq !== null && probe.seq < seq) {
        lo = probe.start;
        loSeq = probe.seq;
      } else {
        hi = mid;
        if (probe.seq !== null) {
          upper = probe.start;
          upperSeq = probe.seq;
        }
      }
    }
    return this.search(seg, lo, hi, seq, true);
  }

  /** The seq of a segment's first record. */
  private first(seg: number): number | null {
    if (!this.firsts.has(seg)) this.firsts.set(seg, this.lineAt(seg, 0, null)?.seq ?? null);
    return this.firsts.get(seg)!;
  }

  private probe(seg: number, at: number): { start: number; seq: number | null } {
    const key = `${seg}:${at}`;
    let probe = this.probes.get(key);
    if (!probe) {
      const bytes = this.segments[seg]!.bytes;
      const buf = this.buf.subarray(0, Math.min(LINE, bytes - at));
      const got = readSync(this.fd(seg), buf, 0, buf.length, at);
      const nl = buf.subarray(0, got).indexOf(10);
      const start = nl >= 0 ? at + nl + 1 : this.nextLine(seg, at + got);
      let seq: number | null = null;
      if (start < bytes) {
        // Most lines fit in the bytes already read after the newline; a longer one is read on its own.
        const end = nl >= 0 ? buf.subarray(0, got).indexOf(10, nl + 1) : -1;
        const record =
          end >= 0 ? parseJournalLine(buf.subarray(nl + 1, end))?.record : this.lineAt(seg, start, null);
        seq = record?.seq ?? null;
      }
      probe = { start, seq };
      this.probes.set(key, probe);
    }
    return probe;
  }

  /** The offset after the first newline at or after `from` (the segment's end when there is none). */
  private nextLine(seg: number, from: number): number {
    const bytes = this.segments[seg]!.bytes;
    for (let at = from; at < bytes;) {
      const buf = this.buf.subarray(0, Math.min(this.buf.length, bytes - at));
      const got = readSync(this.fd(seg), buf, 0, buf.length, at);
      if (got <= 0) break;
      const nl = buf.subarray(0, got).indexOf(10);
      if (nl >= 0) return at + nl + 1;
      at += got;
    }
    return bytes;
  }

  /** The record whose line starts at `start` (when `seq` is given, only if it has that seq). */
  private lineAt(seg: number, start: number, seq: number | null): ExecutionRecord | null {
    const limit = this.segments[seg]!.bytes;
    for (let size = LINE; ; size *= 4) {
      const buf = Buffer.allocUnsafe(Math.min(size, limit - start));
      if (buf.length === 0) return null;
      const got = readSync(this.fd(seg), buf, 0, buf.length, start);
      const nl = buf.subarray(0, got).indexOf(10);
      if (nl >= 0) {
        const record = parseJournalLine(buf.subarray(0, nl))?.record ?? null;
        return record && (seq === null || record.seq === seq) ? record : null;
      }
      if (got < buf.length || start + got >= limit) return null;
    }
  }

  /**
   * The line holding the record `seq` among those starting in [from, to] (read on to the end of the last one);
   * `fromLine`: `from` is a line's start (else the bytes before the first newline are not a line).
   */
  private search(
    seg: number,
    from: number,
    to: number,
    seq: number,
    fromLine: boolean,
  ): ExecutionRecord | null {
    const limit = this.segments[seg]!.bytes;
    let window = Buffer.alloc(0);
    for (let end = Math.min(limit, to + LINE); ; end = Math.min(limit, end + 4 * (end - from))) {
      const buf = end - from <= this.buf.length ? this.buf : Buffer.allocUnsafe(end - from);
      window = buf.subarray(0, readSync(this.fd(seg), buf, 0, end - from, from));
      if (end >= limit || window.indexOf(10, to - from) >= 0 || window.length < end - from) break;
    }
    const needle = Buffer.from(`"seq":${seq}`);
    for (let hit = window.indexOf(needle); hit >= 0; hit = window.indexOf(needle, hit + 1)) {
      const next = window[hit + needle.length];
      if (next !== 0x2c && next !== 0x7d) continue;
      const nl = window.lastIndexOf(10, hit);
      if (nl < 0 && !fromLine) continue;
      const end = window.indexOf(10, hit);
      const record =
        end >= 0
          ? (parseJournalLine(window.subarray(nl + 1, end))?.record ?? null)
          : this.lineAt(seg, from + nl + 1, seq);
      if (record?.seq === seq) return record;
    }
    return null;
  }

  private fd(seg: number): number {
    let fd = this.fds.get(seg);
    if (fd === undefined) {
      fd = openSync(path.join(this.dir, this.segments[seg]!.name), 'r');
      this.fds.set(seg, fd);
    }
    return fd;
  }
}
