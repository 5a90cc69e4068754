import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { JournalIndex, type RecordLocation } from '../journal-index.js';
import { locateAfterSeq } from '../journal-tail.js';
import { parseJournalLine, parseRecordLines, summarize } from '../parse-journal-line.js';
import { iterateLineChunks, iterateLines, scanLines } from '../scan-lines.js';
import { sortSegments, type SegmentName } from '../segment-names.js';
import type { ChainHead, ExecutionRecord } from '../types.js';

export interface KnownSegment {
  name: SegmentName;
  bytes: number;
  ino: number;
  last: (RecordLocation & { hash: string }) | null;
}

/**
 * The in-memory view of the file journal: the segments as far as they were folded, the index of their records, the
 * head, and the read descriptors. It reads; it never writes a segment (appends and rollover live next to it).
 */
export class SegmentView {
  index = new JournalIndex();
  segs: KnownSegment[] = [];
  headRecord: ChainHead | null = null;
  recordTotal = 0;
  skipped = 0;
  foldedSinceSnapshot = 0;
  private readFds = new Map<number, number>();
  /** Parsed records by `segment:offset` (a line never changes in place; a reload starts over). */
  private cache = new Map<string, ExecutionRecord>();

  constructor(
    readonly dir: string,
    private readonly cacheCapacity: number,
    private readonly warn: (message: string) => void,
  ) {}

  /** Forget everything (after segments were rewritten or removed). */
  reset(): void {
    this.closeReaders();
    this.cache.clear();
    this.index = new JournalIndex();
    this.segs = [];
    this.headRecord = null;
    this.recordTotal = 0;
    this.skipped = 0;
    this.foldedSinceSnapshot = 0;
  }

  listSegments(): SegmentName[] {
    try {
      return sortSegments(readdirSync(this.dir));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new OpsledgerError('JOURNAL_UNAVAILABLE', `cannot read ${this.dir}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  /** Whether a known segment was renamed, removed or replaced (a retention purge rewrites files). */
  rewritten(listed: readonly SegmentName[]): boolean {
    return this.segs.some((s, i) => {
      if (listed[i]?.name !== s.name.name) return true;
      try {
        return statSync(this.fileOf(i)).ino !== s.ino;
      } catch {
        return true;
      }
    });
  }

  fileOf(seg: number): string {
    return path.join(this.dir, this.segs[seg]!.name.name);
  }

  /** Fold every segment of the listing past what is known (new bytes of known ones, then new ones). */
  foldNew(listed: readonly SegmentName[]): void {
    for (let i = 0; i < listed.length; i++) {
      const l = listed[i]!;
      let known = this.segs[i];
      if (!known) {
        const st = statSync(path.join(this.dir, l.name), { throwIfNoEntry: false });
        if (!st) continue;
        known = { name: l, bytes: 0, ino: st.ino, last: null };
        this.segs.push(known);
      } else if (known.name.name !== l.name) {
        continue;
      }
      const st = statSync(path.join(this.dir, l.name), { throwIfNoEntry: false });
      if (st && st.size > known.bytes) this.foldSegment(i, st.size);
    }
  }

  /** Fold the complete lines of one segment from what is known up to `size`. */
  foldSegment(seg: number, size: number): void {
    const known = this.segs[seg]!;
    known.bytes = scanLines(this.readFd(seg), known.bytes, size, (line, offset) => {
      const parsed = parseJournalLine(line);
      if (!parsed) {
        // A complete line was acknowledged once (appends fsync it with its newline): it stays where it is, and
        // `verify` names it. Only the bytes after the last newline are ever moved (docs/executions.md).
        this.skipped++;
        return;
      }
      this.note(parsed.summary.seq, parsed.summary.hash, { segment: seg, offset, length: line.length }, () =>
        this.index.add(parsed.summary, { segment: seg, offset, length: line.length }),
      );
    });
  }

  /** Index a record this process just wrote at `loc`. */
  added(record: ExecutionRecord, loc: RecordLocation): void {
    this.note(record.seq, record.hash, loc, () => this.index.add(summarize(record), loc));
    this.segs[loc.segment]!.bytes = loc.offset + loc.length + 1;
  }

  private note(seq: number, hash: string, loc: RecordLocation, add: () => void): void {
    add();
    this.segs[loc.segment]!.last = { ...loc, hash };
    this.headRecord = { seq, hash };
    this.recordTotal++;
    this.foldedSinceSnapshot++;
  }

  /** Records by location, checked against the id the index gave (a line moved by a purge is reported, not served). */
  readRecords(items: { id: string; loc: RecordLocation }[]): ExecutionRecord[] {
    const out: ExecutionRecord[] = [];
    const capacity = this.cacheCapacity;
    for (const { id, loc } of items) {
      const place = capacity > 0 ? `${loc.segment}:${loc.offset}` : '';
      const cached = capacity > 0 ? this.cache.get(place) : undefined;
      if (cached && cached.id === id) {
        out.push(cached);
        continue;
      }
      const record = this.readAt(loc);
      if (record && record.id === id) {
        out.push(record);
        if (capacity > 0) this.remember(place, record, capacity);
      } else {
        this.warn(`journal: the record of ${id} is no longer where the index says; run \`opsledger verify\``);
      }
    }
    return out;
  }

  private readAt(loc: RecordLocation): ExecutionRecord | null {
    try {
      const buf = Buffer.alloc(loc.length);
      readSync(this.readFd(loc.segment), buf, 0, loc.length, loc.offset);
      return parseJournalLine(buf)?.record ?? null;
    } catch {
      return null;
    }
  }

  private remember(place: string, record: ExecutionRecord, capacity: number): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.cache.size >= capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(place, record);
  }

  /**
   * Every record of the folded segments in file order; with `afterSeq`, only the later ones, found by bisecting on
   * byte offsets rather than by reading what comes before (an incremental report).
   */
  *scan(afterSeq = 0): Generator<ExecutionRecord> {
    for (const { i, from, bytes } of this.ranges(afterSeq)) {
      for (const { line } of iterateLines(this.readFd(i), from, bytes)) {
        const parsed = parseJournalLine(line);
        if (parsed && parsed.record.seq > afterSeq) yield parsed.record;
      }
    }
  }

  /**
   * The records `scan` gives, in arrays of a few hundred, each line decoded and parsed straight from a chunk of a
   * segment read at once (a full fold: docs/reports.md, *The run cache*).
   */
  *scanBatches(afterSeq = 0): Generator<ExecutionRecord[]> {
    for (const { i, from, bytes } of this.ranges(afterSeq)) {
      for (const lines of iterateLineChunks(this.readFd(i), from, bytes))
        yield* parseRecordLines(lines, afterSeq);
    }
  }

  /** The byte ranges of the folded segments to read for the records after `afterSeq`. */
  private ranges(afterSeq: number): { i: number; from: number; bytes: number }[] {
    const segs = this.segs.map((s, i) => ({ i, bytes: s.bytes }));
    const start =
      afterSeq > 0
        ? locateAfterSeq(
            segs.map((s) => s.bytes),
            (seg, buf, pos, len) => readSync(this.readFd(seg), buf, 0, len, pos),
            afterSeq,
          )
        : { segment: 0, offset: 0 };
    return segs
      .slice(start.segment)
      .map(({ i, bytes }) => ({ i, from: i === start.segment ? start.offset : 0, bytes }));
  }

  readFd(seg: number): number {
    let fd = this.readFds.get(seg);
    if (fd === undefined) {
      fd = openSync(this.fileOf(seg), 'r');
      this.readFds.set(seg, fd);
    }
    return fd;
  }

  closeReaders(): void {
    for (const fd of this.readFds.values()) closeSync(fd);
    this.readFds.clear();
  }
}
