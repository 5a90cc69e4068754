import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JournalIndex, type IndexColumns, type RecordLocation } from './journal-index.js';
import { parseJournalLine } from './parse-journal-line.js';
import type { SegmentName } from './segment-names.js';
import type { ChainHead } from './types.js';

/**
 * The derived sidecar of the journal: the index's columns as they were after folding the segments up to `bytes`,
 * so opening a million-record journal reads one file and only the lines appended since. It is a cache: a missing,
 * damaged or outdated snapshot is rebuilt from the segments.
 */
export interface SnapshotSegment {
  name: string;
  /** Bytes of the segment folded into the index. */
  bytes: number;
  /** Inode of the segment file when it was folded (a rewrite by retention gives a new one). */
  ino: number;
  /** The last record folded from this segment: where it is and its hash, re-read to check the file is the same. */
  last: (RecordLocation & { hash: string }) | null;
}

export interface SnapshotMeta {
  segments: SnapshotSegment[];
  head: ChainHead | null;
  records: number;
  skipped: number;
}

const MAGIC = 'OLJIDX01';
const FORMAT = 1;

type Numeric = Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array;
const NUMERIC_COLUMNS = [
  ['started', Float64Array],
  ['status', Uint8Array],
  ['trigger', Uint8Array],
  ['action', Uint32Array],
  ['user', Uint32Array],
  ['tgtStart', Uint32Array],
  ['tgtLen', Uint16Array],
  ['tgtPool', Uint32Array],
  ['recCount', Uint16Array],
  ['firstSeg', Uint16Array],
  ['firstOff', Float64Array],
  ['firstLen', Uint32Array],
  ['lastSeg', Uint16Array],
  ['lastOff', Float64Array],
  ['lastLen', Uint32Array],
  ['order', Int32Array],
] as const;
type NumericName = (typeof NUMERIC_COLUMNS)[number][0];

const pad8 = (n: number): number => (n + 7) & ~7;

export function snapshotPath(executionsDir: string): string {
  return path.join(executionsDir, 'index', 'journal-index.bin');
}

/** Write the snapshot atomically (temp file + rename). Not fsync'd: it is derived and checked on load. */
export async function saveSnapshot(file: string, index: JournalIndex, meta: SnapshotMeta): Promise<void> {
  const c = index.columns();
  const idsBlob = Buffer.from(c.ids.slice(0, c.count).join('\n'), 'utf8');
  const sections: { name: string; bytes: number }[] = [];
  const parts: Buffer[] = [];
  for (const [name] of NUMERIC_COLUMNS) {
    const arr = c[name] as Numeric;
    const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
    sections.push({ name, bytes: bytes.length });
    parts.push(bytes, Buffer.alloc(pad8(bytes.length) - bytes.length));
  }
  sections.push({ name: 'ids', bytes: idsBlob.length });
  parts.push(idsBlob, Buffer.alloc(pad8(idsBlob.length) - idsBlob.length));
  const header = Buffer.from(
    JSON.stringify({
      format: FORMAT,
      meta,
      count: c.count,
      actions: c.actions,
      users: c.users,
      targets: c.targets,
      extra: c.extra,
      sections,
    }),
    'utf8',
  );
  const prefix = Buffer.alloc(pad8(MAGIC.length + 4 + header.length));
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, MAGIC.length);
  header.copy(prefix, MAGIC.length + 4);
  const total = prefix.length + parts.reduce((n, p) => n + p.length, 0);
  const trailer = Buffer.alloc(8);
  trailer.writeDoubleLE(total + 8);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, Buffer.concat([prefix, ...parts, trailer], total + 8));
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Read a snapshot; null when it is absent, of another format, or damaged (then the caller rebuilds). */
export function loadSnapshot(file: string): { index: JournalIndex; meta: SnapshotMeta } | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  try {
    if (buf.length < 20 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
    if (buf.readDoubleLE(buf.length - 8) !== buf.length) return null;
    const headerLength = buf.readUInt32LE(MAGIC.length);
    const header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as {
      format: number;
      meta: SnapshotMeta;
      count: number;
      actions: string[];
      users: string[];
      targets: string[];
      extra: [number, RecordLocation[]][];
      sections: { name: string; bytes: number }[];
    };
    if (header.format !== FORMAT) return null;
    let offset = pad8(MAGIC.length + 4 + headerLength);
    const numeric: Partial<Record<NumericName, Numeric>> = {};
    let ids: string[] = [];
    for (const section of header.sections) {
      const end = offset + section.bytes;
      if (end > buf.length - 8) return null;
      const column = NUMERIC_COLUMNS.find(([name]) => name === section.name);
      if (column) {
        // Copy: a Buffer's offset inside its ArrayBuffer need not suit a Float64Array.
        const bytes = (buf.buffer as ArrayBuffer).slice(buf.byteOffset + offset, buf.byteOffset + end);
        numeric[column[0]] = new column[1](bytes);
      } else if (section.name === 'ids') {
        ids = header.count === 0 ? [] : buf.toString('utf8', offset, end).split('\n');
      }
      offset = pad8(end);
    }
    if (ids.length !== header.count) return null;
    const columns = {
      count: header.count,
      ids,
      actions: header.actions,
      users: header.users,
      targets: header.targets,
      extra: header.extra,
      ...numeric,
    } as IndexColumns;
    for (const [name] of NUMERIC_COLUMNS) if (!columns[name]) return null;
    return { index: JournalIndex.fromColumns(columns), meta: header.meta };
  } catch {
    return null;
  }
}

/** A snapshot is usable when its segments are still the first ones, unchanged up to where it folded them. */
export function snapshotMatches(
  dir: string,
  segments: readonly SnapshotSegment[],
  listed: readonly SegmentName[],
): boolean {
  return segments.every((s, i) => {
    if (listed[i]?.name !== s.name) return false;
    let fd: number | undefined;
    try {
      fd = openSync(path.join(dir, s.name), 'r');
      const st = fstatSync(fd);
      if (st.ino !== s.ino || st.size < s.bytes) return false;
      if (!s.last) return s.bytes === 0;
      const buf = Buffer.alloc(s.last.length);
      readSync(fd, buf, 0, s.last.length, s.last.offset);
      return parseJournalLine(buf)?.record.hash === s.last.hash;
    } catch {
      return false;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  });
}
