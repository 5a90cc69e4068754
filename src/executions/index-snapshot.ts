import { createHash } from 'node:crypto';
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
 * damaged or outdated snapshot is rebuilt from the segments (docs/executions.md, "Derived files").
 *
 * Layout: `OLJIDX` + 2-digit format, header length (u32 LE), JSON header, padded numeric columns and ids, then a
 * trailer of the sha256 of everything before it (32 bytes) and the file's length (f64 LE). A snapshot whose magic,
 * format, length or checksum is not right is never read further.
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

const FORMAT = 2;
const MAGIC = `OLJIDX${String(FORMAT).padStart(2, '0')}`;
const TRAILER = 32 + 8;

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
  const hash = createHash('sha256').update(prefix);
  for (const p of parts) hash.update(p);
  const trailer = Buffer.alloc(TRAILER);
  hash.digest().copy(trailer, 0);
  trailer.writeDoubleLE(total + TRAILER, 32);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, Buffer.concat([prefix, ...parts, trailer], total + TRAILER));
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Read a snapshot; null when it is absent, or of another format or damaged (then `onDamaged` hears why, and the
 * caller rebuilds).
 */
export function loadSnapshot(
  file: string,
  onDamaged: (reason: string) => void = () => undefined,
): { index: JournalIndex; meta: SnapshotMeta } | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  const reason = checkEnvelope(buf);
  if (reason) {
    onDamaged(reason);
    return null;
  }
  const read = readBody(buf);
  if (!read) onDamaged('its content does not describe an index');
  return read;
}

/** Why the file is not a whole snapshot of this format (null: it is). */
function checkEnvelope(buf: Buffer): string | null {
  if (buf.length === 0) return 'it is empty';
  const magic = buf.toString('latin1', 0, Math.min(buf.length, MAGIC.length));
  if (buf.length >= MAGIC.length && magic.startsWith('OLJIDX') && magic !== MAGIC)
    return `it is of format ${magic.slice(6)}, this opsledger reads format ${String(FORMAT).padStart(2, '0')}`;
  if (magic !== MAGIC) return 'it does not start with the snapshot magic';
  if (buf.length < MAGIC.length + 4 + TRAILER) return 'it is cut short';
  if (buf.readDoubleLE(buf.length - 8) !== buf.length)
    return 'its length is not the one written (cut or extended)';
  const end = buf.length - TRAILER;
  const sum = createHash('sha256').update(buf.subarray(0, end)).digest();
  if (!sum.equals(buf.subarray(end, end + 32))) return 'its checksum does not match its content';
  return null;
}

function readBody(buf: Buffer): { index: JournalIndex; meta: SnapshotMeta } | null {
  try {
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
      if (end > buf.length - TRAILER) return null;
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
