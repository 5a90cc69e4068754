import { closeSync, readSync } from 'node:fs';
import { checkColumns, DamagedRunCache, type BlockHead } from './block-layout.js';
import {
  FLAG_COLUMNS,
  NUMBER_COLUMNS,
  Num,
  REF_COLUMNS,
  type BlockColumns,
  type ColumnSource,
} from './run-block.js';

/** How much of the file one read takes (a reused buffer: 1 MiB reads of the page cache are the fastest here). */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * The columns of a run cache body read from its file as they are needed (a ColumnSource of RunBlock): only what is
 * asked for is read, a chunk at a time into one reused buffer, so a report whose parts are kept never holds the
 * 60 MB of columns (on the VM measured, memory touched for the first time costs ~3 ms/MiB, and reading 1 MiB into a
 * reused buffer ~0.1 ms). The descriptor stays open until `close` or `load`: a cache rewritten meanwhile (renamed
 * over) is not seen, the file read stays the one the checksum vouched for. Reads that do not find what the head says
 * throw DamagedRunCache.
 */
export class BlockFile implements ColumnSource {
  private readonly chunk: Buffer;
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;
  private readonly u32: Uint32Array;
  /** A chunk of the id bytes, from `windowStart` (-1: none yet), `windowLength` bytes of it read. */
  private readonly window: Buffer;
  private windowStart = -1;
  private windowLength = 0;
  private fd: number | null;

  /** `fd` is the file, `at` where the body starts in it (a multiple of 8: the columns are then aligned). */
  constructor(
    fd: number,
    private readonly at: number,
    private readonly head: BlockHead,
    chunkBytes = CHUNK_BYTES,
  ) {
    if (at % 8 !== 0) throw new DamagedRunCache('body not aligned');
    this.fd = fd;
    const bytes = Math.max(64, chunkBytes - (chunkBytes % 8));
    const buffer = new ArrayBuffer(bytes);
    this.chunk = Buffer.from(buffer);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.window = Buffer.allocUnsafeSlow(bytes);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  load(): BlockColumns {
    const { count, numbersAt, refsAt, offsetsAt, flagsAt, idsAt, bodyLength } = this.head;
    const body = Buffer.allocUnsafeSlow(bodyLength - numbersAt);
    if (this.read(body, numbersAt, body.length) !== body.length) throw new DamagedRunCache('short body');
    this.close();
    const columns: BlockColumns = {
      numbers: new Float64Array(body.buffer, body.byteOffset, count * NUMBER_COLUMNS),
      refs: new Int32Array(body.buffer, body.byteOffset + refsAt - numbersAt, count * REF_COLUMNS),
      idOffsets: new Uint32Array(body.buffer, body.byteOffset + offsetsAt - numbersAt, count + 1),
      flags: body.subarray(flagsAt - numbersAt, idsAt - numbersAt),
      idBytes: body.subarray(idsAt - numbersAt),
    };
    checkColumns(count, columns, this.head.strings.length, this.head.targets.length);
    return columns;
  }

  gather(rows: readonly number[]): BlockColumns {
    const { count, numbersAt, refsAt, offsetsAt, flagsAt } = this.head;
    const k = rows.length;
    if (k > 0 && (rows[0]! < 0 || rows[k - 1]! >= count)) throw new RangeError('row out of range');
    const numbers = new Float64Array(k * NUMBER_COLUMNS);
    for (let c = 0; c < NUMBER_COLUMNS; c++)
      this.pick(numbersAt + 8 * c * count, 8, count, rows, (j, e) => (numbers[c * k + j] = this.f64[e]!));
    const refs = new Int32Array(k * REF_COLUMNS);
    for (let c = 0; c < REF_COLUMNS; c++)
      this.pick(refsAt + 4 * c * count, 4, count, rows, (j, e) => (refs[c * k + j] = this.i32[e]!));
    const flags = new Uint8Array(k * FLAG_COLUMNS);
    for (let c = 0; c < FLAG_COLUMNS; c++)
      this.pick(flagsAt + c * count, 1, count, rows, (j, e) => (flags[c * k + j] = this.chunk[e]!));
    const starts = new Uint32Array(k);
    const ends = new Uint32Array(k);
    this.pick(offsetsAt, 4, count + 1, rows, (j, e) => (starts[j] = this.u32[e]!));
    this.pick(
      offsetsAt,
      4,
      count + 1,
      rows.map((r) => r + 1),
      (j, e) => (ends[j] = this.u32[e]!),
    );
    const idOffsets = new Uint32Array(k + 1);
    for (let j = 0; j < k; j++) {
      if (starts[j]! > ends[j]!) throw new DamagedRunCache('id offsets');
      idOffsets[j + 1] = idOffsets[j]! + ends[j]! - starts[j]!;
    }
    const idBytes = Buffer.allocUnsafe(idOffsets[k]!);
    for (let j = 0; j < k; j++) this.idInto(starts[j]!, ends[j]!, idBytes, idOffsets[j]!);
    const columns = { numbers, refs, idOffsets, flags, idBytes };
    checkColumns(k, columns, this.head.strings.length, this.head.targets.length);
    return columns;
  }

  startedBy(ms: number): number {
    const base = this.head.numbersAt + 8 * Num.Started * this.head.count;
    let lo = 0;
    let hi = this.head.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.read(this.chunk, base + 8 * mid, 8) !== 8) throw new DamagedRunCache('short column');
      if (this.f64[0]! <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  find(wanted: ReadonlyMap<number, ReadonlyMap<string, Buffer>>): Map<string, number> {
    const { count, offsetsAt } = this.head;
    const found = new Map<string, number>();
    // The offsets a chunk at a time, the ids of the rows of a wanted length through the window.
    for (let first = 0; first < count;) {
      const got = this.read(
        this.chunk,
        offsetsAt + 4 * first,
        Math.min(this.chunk.length, 4 * (count + 1 - first)),
      );
      const n = got >> 2;
      if (n < 2) throw new DamagedRunCache('short id offsets');
      for (let e = 0; e < n - 1; e++) {
        const start = this.u32[e]!;
        const end = this.u32[e + 1]!;
        const byLength = end >= start ? wanted.get(end - start) : undefined;
        if (!byLength) continue;
        const at = this.windowAt(start, end);
        for (const [id, bytes] of byLength) {
          const same =
            at >= 0
              ? this.window.compare(bytes, 0, bytes.length, at, at + bytes.length) === 0
              : this.idOf(start, end).equals(bytes);
          if (same) found.set(id, first + e);
        }
      }
      first += n - 1;
    }
    return found;
  }

  rowsWith(column: number, flagged: Uint8Array): number[] {
    const { count, refsAt } = this.head;
    const rows: number[] = [];
    const base = refsAt + 4 * column * count;
    for (let first = 0; first < count;) {
      const got = this.read(this.chunk, base + 4 * first, Math.min(this.chunk.length, 4 * (count - first)));
      const n = got >> 2;
      if (n === 0) throw new DamagedRunCache('short column');
      for (let e = 0; e < n; e++) {
        const r = this.i32[e]!;
        if (r >= 0 && r < flagged.length && flagged[r] === 1) rows.push(first + e);
      }
      first += n;
    }
    return rows;
  }

  /**
   * Visit the elements `rows` (ascending) of a column of `elements` elements `width` bytes wide starting at `start`:
   * `put(j, e)` with `e` the element's place in the chunk's views. One read covers every row in the chunk after the
   * first row it starts at, so sparse rows cost a read each and dense ones a read per chunk.
   */
  private pick(
    start: number,
    width: 1 | 4 | 8,
    elements: number,
    rows: readonly number[],
    put: (j: number, e: number) => void,
  ): void {
    for (let j = 0; j < rows.length;) {
      const first = rows[j]!;
      const got = this.read(
        this.chunk,
        start + width * first,
        Math.min(this.chunk.length, width * (elements - first)),
      );
      const n = Math.floor(got / width);
      if (n === 0) throw new DamagedRunCache('short column');
      while (j < rows.length && rows[j]! - first < n) {
        put(j, rows[j]! - first);
        j++;
      }
    }
  }

  /** Where the window (a chunk of the ids read at once) holds the id bytes `[start, end)`, read first if it does not. */
  private windowAt(start: number, end: number): number {
    if (end - start > this.window.length) return -1;
    if (this.windowStart < 0 || start < this.windowStart || end > this.windowStart + this.windowLength) {
      this.windowStart = start;
      this.windowLength = this.read(this.window, this.head.idsAt + start, this.window.length);
      if (this.windowLength < end - start) throw new DamagedRunCache('short ids');
    }
    return start - this.windowStart;
  }

  /** Copy the id bytes `[start, end)` into `into` at `at`. */
  private idInto(start: number, end: number, into: Buffer, at: number): void {
    const from = this.windowAt(start, end);
    if (from < 0) this.idOf(start, end).copy(into, at);
    else this.window.copy(into, at, from, from + end - start);
  }

  /** The id bytes `[start, end)` in a buffer of their own (an id longer than the window). */
  private idOf(start: number, end: number): Buffer {
    const bytes = Buffer.allocUnsafe(end - start);
    if (this.read(bytes, this.head.idsAt + start, bytes.length) !== bytes.length)
      throw new DamagedRunCache('short ids');
    return bytes;
  }

  /** Read up to `length` bytes of the body from `offset` into `into` (fewer at its end); how many were read. */
  private read(into: Buffer, offset: number, length: number): number {
    if (this.fd === null) throw new Error('the run cache file is closed');
    const end = Math.min(length, this.head.bodyLength - offset);
    let got = 0;
    while (got < end) {
      const n = readSync(this.fd, into, got, end - got, this.at + offset + got);
      if (n === 0) break;
      got += n;
    }
    return got;
  }
}
