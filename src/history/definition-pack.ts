import { closeSync, openSync, readdirSync, readFileSync, rmSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { DefinitionKind } from '../definitions/types.js';
import { NO_STAMPS, readWithStat, type Stamps } from './verified-stamps.js';

/**
 * Where a generation keeps its definition files: one pack, `defs-<n>.pack`, holding each definition's file (its
 * codec text) as a record, and a table, `defs-<seq>.json`, naming the pack and where each record lies. A build
 * from scratch writes one pack instead of a file per definition (creating hundreds of small files cost more than
 * writing their bytes); a `history ID` reads the table and one record.
 *
 * The pack only grows: an update appends the records of the definitions it changed and writes a new table for its
 * seq, so a reader holding an older table still finds every record it names. A crash after the append leaves
 * bytes past the table's `size`, which the next update cuts. When most of a pack is records no table names any
 * more, the update writes the live ones to a new pack; the old pack and tables go once meta names the new table,
 * and a reader that finds its table or pack gone reads meta again (`native-history-index.ts`).
 */
export interface PackTable {
  /** The pack's file name, in the generation's directory. */
  pack: string;
  /** Bytes of the pack the table covers (anything after them is a crashed writer's). */
  size: number;
  /** Per kind and id: [byte offset, byte length, checksum] of the record (the checksum: `recordChecksum`). */
  files: Partial<Record<DefinitionKind, Record<string, RecordEntry>>>;
}

export type RecordEntry = [offset: number, length: number, checksum: string];

/** The first 16 hex digits of the sha256 of a record's bytes: a damaged record is found, never decoded. */
export function recordChecksum(bytes: Buffer | string): string {
  // node:crypto loads on the first hash: a record a stamp vouches for is not hashed (verified-stamps.ts).
  return process
    .getBuiltinModule('node:crypto')
    .createHash('sha256')
    .update(bytes)
    .digest('hex')
    .slice(0, 16);
}

/** A record to write: a definition's file, encoded. */
export interface PackRecord {
  kind: DefinitionKind;
  id: string;
  text: string;
}

export function tableFile(genDir: string, seq: number): string {
  return path.join(genDir, `defs-${seq}.json`);
}

/** A table's text as a table; throws on anything that is not one (a damaged index). */
export function parseTable(text: string): PackTable {
  const table = JSON.parse(text) as PackTable;
  if (
    typeof table?.pack !== 'string' ||
    typeof table.size !== 'number' ||
    typeof table.files !== 'object' ||
    table.files === null
  ) {
    throw new Error('not a table of definition records');
  }
  return table;
}

/** The table of the index at `seq`, or null when it is missing or unreadable (the index is rebuilt). */
export function readTable(genDir: string, seq: number): PackTable | null {
  try {
    return parseTable(readFileSync(tableFile(genDir, seq), 'utf8'));
  } catch {
    return null;
  }
}

/** The ids of a kind the table names, sorted. */
export function idsIn(table: PackTable, kind: DefinitionKind): string[] {
  return Object.keys(table.files[kind] ?? {}).sort();
}

/**
 * The record of one definition, or null when the table names none. Throws ENOENT when the pack is gone (a newer
 * index replaced it) and a plain error when the pack is shorter than the table says or the record does not match its
 * checksum (a damaged index). A reader passes the index's `stamps`: a record they vouch for is not hashed
 * (verified-stamps.ts); writers check every record.
 */
export function readRecord(
  genDir: string,
  table: PackTable,
  kind: DefinitionKind,
  id: string,
  stamps: Stamps = NO_STAMPS,
): string | null {
  return readRecordBytes(genDir, table, kind, id, stamps)?.toString('utf8') ?? null;
}

/** readRecord's bytes, checked, not decoded (checkPack only checks them). */
function readRecordBytes(
  genDir: string,
  table: PackTable,
  kind: DefinitionKind,
  id: string,
  stamps: Stamps = NO_STAMPS,
): Buffer | null {
  const at = table.files[kind];
  const entry = at && Object.hasOwn(at, id) ? at[id] : undefined;
  if (!entry) return null;
  const [offset, length, checksum] = entry;
  const file = path.join(genDir, table.pack);
  const read = readWithStat(file, { offset, length });
  if (read.bytes.length !== length) throw new Error(`record ${kind}/${id} is cut short in ${table.pack}`);
  if (
    !stamps.verify(file, read, checksum, () => recordChecksum(read.bytes) === checksum, { offset, length })
  ) {
    throw new Error(`record ${kind}/${id} in ${table.pack} does not match its checksum`);
  }
  return read.bytes;
}

/**
 * Write `records` after `previous` (null: a new pack) and return the new table (not yet written). Appends to the
 * previous pack, or starts a new one when it would be mostly dead records.
 */
export function writePack(
  genDir: string,
  previous: PackTable | null,
  records: readonly PackRecord[],
  writeNew: (file: string, content: string) => void,
): PackTable {
  const files: PackTable['files'] = {};
  let live = 0;
  if (previous) {
    for (const [kind, byId] of Object.entries(previous.files) as [
      DefinitionKind,
      Record<string, RecordEntry>,
    ][]) {
      files[kind] = { ...byId };
      for (const [, length] of Object.values(byId)) live += length + 1;
    }
  }
  const replaced = records.reduce((n, r) => n + (files[r.kind]?.[r.id]?.[1] ?? -1) + 1, 0);
  const added = records.reduce((n, r) => n + Buffer.byteLength(r.text) + 1, 0);
  const compact = previous !== null && previous.size + added > 2 * (live - replaced + added) + (1 << 20);

  if (!previous || compact) {
    // A new pack: every live record (the previous pack's, except those replaced) and the new ones.
    const n = previous ? packNumber(previous.pack) + 1 : 1;
    const pack = `defs-${n}.pack`;
    const fresh = new Map(records.map((r) => [`${r.kind}:${r.id}`, r.text]));
    const all: PackRecord[] = [];
    if (previous) {
      for (const [kind, byId] of Object.entries(files) as [DefinitionKind, Record<string, unknown>][]) {
        for (const id of Object.keys(byId)) {
          if (!fresh.has(`${kind}:${id}`))
            all.push({ kind, id, text: readRecord(genDir, previous, kind, id)! });
        }
      }
    }
    all.push(...records);
    const table: PackTable = { pack, size: 0, files: {} };
    writeNew(path.join(genDir, pack), place(table, all));
    return table;
  }

  // Append: cut what a crashed writer left past the table, then add the new records at its end.
  const file = path.join(genDir, previous.pack);
  truncateSync(file, previous.size);
  const table: PackTable = { pack: previous.pack, size: previous.size, files };
  const fd = openSync(file, 'a');
  try {
    writeSync(fd, place(table, records));
  } finally {
    closeSync(fd);
  }
  return table;
}

/** Enter `records` in `table` from its current end on, and return their bytes to write there (one line each). */
function place(table: PackTable, records: readonly PackRecord[]): string {
  const texts: string[] = [];
  for (const r of records) {
    const bytes = Buffer.from(r.text, 'utf8');
    (table.files[r.kind] ??= {})[r.id] = [table.size, bytes.length, recordChecksum(bytes)];
    table.size += bytes.length + 1;
    texts.push(r.text, '\n');
  }
  return texts.join('');
}

/** Why the pack's records are not the ones `table` names (null: every one matches its checksum). */
export function checkPack(genDir: string, table: PackTable): string | null {
  for (const [kind, byId] of Object.entries(table.files) as [DefinitionKind, Record<string, RecordEntry>][]) {
    for (const id of Object.keys(byId)) {
      try {
        readRecordBytes(genDir, table, kind, id);
      } catch (err) {
        return (err as Error).message;
      }
    }
  }
  return null;
}

/** Remove the packs and tables `table` (written at `seq`, already named by meta) no longer needs. */
export function removeStalePacks(genDir: string, table: PackTable, seq: number): void {
  const keep = new Set([table.pack, path.basename(tableFile(genDir, seq))]);
  for (const name of readdirSync(genDir)) {
    if (/^defs-\d+\.(pack|json)$/.test(name) && !keep.has(name))
      rmSync(path.join(genDir, name), { force: true });
  }
}

function packNumber(name: string): number {
  const n = Number(/^defs-(\d+)\.pack$/.exec(name)?.[1]);
  return Number.isInteger(n) ? n : 0;
}
