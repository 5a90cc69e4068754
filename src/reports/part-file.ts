import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import { statKey } from '../history/verified-stamps.js';
import type { PartBody } from './part-codec.js';

/** A part file's header: its format, its key and its body's checksum (model-parts-store.ts, writePart). */
export interface PartHeader {
  sha256: string;
  /** Where the body starts (after the header line). */
  bodyStart: number;
}

/** The header of a part file of `format` and `key` at the start of `bytes`, or null (not one, or not whole). */
export function parsePartHeader(bytes: Buffer, format: number, key: string): PartHeader | null {
  const nl = bytes.indexOf(10);
  if (nl < 0) return null;
  try {
    const header = JSON.parse(bytes.toString('latin1', 0, nl)) as {
      format?: unknown;
      key?: unknown;
      sha256?: unknown;
    };
    if (header.format !== format || header.key !== key || typeof header.sha256 !== 'string') return null;
    return { sha256: header.sha256, bodyStart: nl + 1 };
  } catch {
    return null;
  }
}

/**
 * A kept part's file changed between its reading and a later read of its deferred texts (replaced by a concurrent
 * report's part of the same key, removed, or edited) and no longer holds the bytes vouched for: generateReport builds
 * the report again, reading the parts as they now are.
 */
export class ChangedModelPart extends Error {
  constructor(file: string) {
    super(`a kept part of the report model changed while the report read it: ${file}`);
  }
}

/**
 * A part file read in parts, when a stamp vouches for its stat and checksum (docs/reports.md, *Checked once, then
 * trusted by stat*): its header, then `decode` given the body, which reads the skeleton and the durations (what every
 * report uses) while the file is open; the deferred texts (what only a rendered page or a shown finding uses) are read
 * each when asked for. A report with every part kept read 19 MB of part files at 500,000 runs, 4.5 MB of it skeletons.
 *
 * Null when the file is missing, not a part of `format` and `key`, or no stamp vouches for it (the caller then reads
 * it whole and checks its checksum). A later read first compares the file's stat with the one vouched for; when it
 * differs the file is read whole and checked against the checksum vouched for (a concurrent report's part of the same
 * key holds the same bytes), else ChangedModelPart is thrown.
 */
export function readVouchedPart<T>(
  file: string,
  format: number,
  key: string,
  vouches: (sha256: string, stat: BigIntStats) => boolean,
  decode: (body: PartBody, header: PartHeader) => T,
): T | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  let source: VouchedFile | null = null;
  try {
    const stat = fstatSync(fd, { bigint: true });
    const size = Number(stat.size);
    // The header and the skeleton: the first HEAD_BYTES, more while the skeleton's line is not whole.
    let head = readAt(fd, 0, Math.min(size, HEAD_BYTES), scratch);
    const header = parsePartHeader(head, format, key);
    if (!header || !vouches(header.sha256, stat)) return null;
    let end = head.indexOf(10, header.bodyStart);
    while (end < 0 && head.length < size) {
      head = Buffer.concat([head, readAt(fd, head.length, Math.min(size - head.length, head.length))]);
      end = head.indexOf(10, header.bodyStart);
    }
    source = new VouchedFile({ file, format, key }, header, statKey(stat), fd);
    const from = source;
    return decode(
      {
        length: size - header.bodyStart,
        skeleton: end < 0 ? null : head.toString('latin1', header.bodyStart, end),
        text: (a, b) => from.read(a, b).toString('latin1'),
        bytes: (a, b) => from.read(a, b),
      },
      header,
    );
  } finally {
    // Reads after this one open the file again.
    if (source) source.fd = -1;
    closeSync(fd);
  }
}

/** How much of a part file is read first: the header and the skeleton of most parts (~24 KB an action's). */
const HEAD_BYTES = 64 * 1024;

/**
 * Where a part's first bytes and the ranges read while it is open (its durations) are read into: one buffer for every
 * part instead of a fresh one each (memory touched for the first time costs ~3 ms a MiB here: block-file.ts). What is
 * read into it is copied out (a string, the durations' array) before the next read.
 */
const scratch = Buffer.allocUnsafe(HEAD_BYTES);

/**
 * Reads of body ranges from a vouched file, each a pread of its own after checking the file's stat; after
 * WHOLE_AFTER of them (a history part rewritten after a commit reads every kept finding's text) the body is read
 * whole once and served from memory.
 */
class VouchedFile {
  private reads = 0;
  private whole: Buffer | null = null;

  constructor(
    private readonly part: { file: string; format: number; key: string },
    private readonly header: PartHeader,
    private readonly stat: string,
    /** The descriptor while the file is still open from its first read (readVouchedPart), else -1. */
    public fd: number,
  ) {}

  /** Body bytes `[from, to)`. */
  read(from: number, to: number): Buffer {
    if (this.whole) return this.whole.subarray(from, to);
    if (this.fd >= 0) return readAt(this.fd, this.header.bodyStart + from, to - from, scratch);
    const fd = ++this.reads > WHOLE_AFTER ? -1 : this.openSame();
    if (fd < 0) {
      this.whole = this.readWhole();
      return this.whole.subarray(from, to);
    }
    try {
      return readAt(fd, this.header.bodyStart + from, to - from);
    } finally {
      closeSync(fd);
    }
  }

  /** The file opened again when its stat is still the one vouched for, else -1. */
  private openSame(): number {
    const fd = this.open();
    if (statKey(fstatSync(fd, { bigint: true })) === this.stat) return fd;
    closeSync(fd);
    return -1;
  }

  /** The body: as it is when the stat is still the one vouched for, else only if it matches the checksum. */
  private readWhole(): Buffer {
    const fd = this.open();
    try {
      const bytes = readAt(fd, 0, Number(fstatSync(fd).size));
      if (statKey(fstatSync(fd, { bigint: true })) === this.stat)
        return bytes.subarray(this.header.bodyStart);
      // Replaced or edited since: the bytes vouched for (a concurrent report wrote the same part), or not.
      const header = parsePartHeader(bytes, this.part.format, this.part.key);
      const body = header && bytes.subarray(header.bodyStart);
      if (
        header?.sha256 === this.header.sha256 &&
        createHash('sha256').update(body!).digest('hex') === header.sha256
      )
        return body!;
      throw new ChangedModelPart(this.part.file);
    } finally {
      closeSync(fd);
    }
  }

  private open(): number {
    try {
      return openSync(this.part.file, 'r');
    } catch {
      throw new ChangedModelPart(this.part.file);
    }
  }
}

/** How many deferred texts are read one by one from a part file before its body is read whole. */
const WHOLE_AFTER = 32;

/**
 * `length` bytes at `position` (fewer at the end of the file), into `into` when it is large enough (the bytes are then
 * valid until its next use).
 */
function readAt(fd: number, position: number, length: number, into?: Buffer): Buffer {
  const out = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, out, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got < length ? out.subarray(0, got) : out;
}
