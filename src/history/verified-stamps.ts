import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  type BigIntStats,
} from 'node:fs';
import path from 'node:path';

/**
 * Checked once, then trusted by its stat (docs/history.md, "Checked once, then trusted by stat"): once a file of the
 * index (or one record of a pack) was read and matched its checksum, the reader notes the file's stat (device, inode,
 * size, modification and change times to the nanosecond) with that checksum in `history/verified.json`. A later read
 * whose file has exactly that stat, checked against the same checksum, skips the hashing, as git trusts a file whose
 * stat its index recorded. Any difference means the full check, as with no stamp at all. The report's cache files
 * use the same stamps, in `<data dir>/cache/verified.json` (reports/read-cache-file.ts, docs/reports.md).
 */
export const STAMPS_FILE = 'verified.json';

/**
 * A file changed less than this before its read began is not stamped (git's "racily clean" case): a change in the same
 * tick of the file system's clock could leave the stat as it was. Two seconds cover the coarsest timestamps (FAT).
 */
export const RACY_MARGIN_MS = 2000;

/** A file of the index as read: its bytes, its stat just after the read (same descriptor), when the read began. */
export interface FileRead {
  bytes: Buffer;
  stat: BigIntStats;
  startedMs: number;
}

/** The stamp of one checked file, `[stat key, checksum]`, by name (relative to the history dir; `@offset+length`). */
type StampTable = Map<string, readonly [string, string]>;

/** Whether a read matches its checksum, from a stamp when one vouches for it, else by `check()`. */
export interface Stamps {
  /**
   * Whether `read` (of `file`, or of `range` in it) has `checksum`: true without calling `check` when a stamp records
   * exactly this stat with this checksum; else `check()`'s answer, stamped when true and the file is not racily new.
   */
  verify(file: string, read: FileRead, checksum: string, check: () => boolean, range?: ByteRange): boolean;
  /** Whether a stamp records exactly this stat of `file` with `checksum` (the file may then be read in parts). */
  vouches(file: string, stat: BigIntStats, checksum: string): boolean;
  /**
   * Run `work` (asynchronous reads in parallel) with the stamps it makes written once, when it settles: each read
   * finishing on its own turn of the event loop would otherwise write the stamps file once per file.
   */
  batch<T>(work: () => Promise<T>): Promise<T>;
}

export interface ByteRange {
  offset: number;
  length: number;
}

/** No stamps: every read is checked (writers, which check every file anyway). */
export const NO_STAMPS: Stamps = {
  verify: (_file, _read, _checksum, check) => check(),
  vouches: () => false,
  batch: (work) => work(),
};

/**
 * Read a whole file, or `range` of it (fewer bytes when the file is shorter), and its stat after the read. Throws as
 * `readFileSync` does (ENOENT for a missing file).
 */
export function readWithStat(file: string, range?: ByteRange): FileRead {
  const startedMs = Date.now();
  const fd = openSync(file, 'r');
  try {
    let bytes: Buffer;
    if (range) {
      bytes = Buffer.allocUnsafe(range.length);
      const got = readSync(fd, bytes, 0, range.length, range.offset);
      if (got < range.length) bytes = bytes.subarray(0, got);
    } else {
      bytes = readFileSync(fd);
    }
    return { bytes, stat: fstatSync(fd, { bigint: true }), startedMs };
  } finally {
    closeSync(fd);
  }
}

/** The fields of a stat that any write or replacement of the file changes. */
export function statKey(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/** Whether a file with this stat may be stamped by a read that began at `startedMs` (not racily new). */
export function stampable(stat: BigIntStats, startedMs: number): boolean {
  const latest = stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs;
  return latest <= BigInt(Math.floor(startedMs - RACY_MARGIN_MS)) * 1_000_000n;
}

const byDir = new Map<string, Stamps>();

/** The stamps of the index in `historyDir`, read on first use and kept for the process. */
export function stampsIn(historyDir: string): Stamps {
  let stamps = byDir.get(historyDir);
  if (!stamps) {
    stamps = openStamps(historyDir);
    byDir.set(historyDir, stamps);
  }
  return stamps;
}

function openStamps(historyDir: string): Stamps {
  const file = path.join(historyDir, STAMPS_FILE);
  let table: StampTable | undefined;
  // Stamps made since the last write, written together once the reads in progress are done: a report's events() checks
  // ~200 pack records after an update, and writing the stamps file once per record cost it ~0.35 s (README,
  // performance).
  let pending: StampTable | null = null;
  // Batches in progress (Stamps.batch): the write waits for the last to settle (or for the process's exit).
  let held = 0;
  const flush = (force = false): void => {
    if (!pending || (held > 0 && !force)) return;
    const made = pending;
    pending = null;
    unflushed.delete(flush);
    const fresh = readStamps(file); // another process may have stamped files since
    let latest = '';
    for (const [name, stamp] of made) {
      fresh.delete(name); // re-entered last: the newest
      fresh.set(name, stamp);
      latest = name;
    }
    table = fresh;
    writeStamps(file, fresh, latest);
  };
  /** Whether the stamp of `name` records exactly this stat key with this checksum. */
  const stamped = (name: string, key: string, checksum: string): boolean => {
    table ??= readStamps(file);
    const stamp = table.get(name);
    return stamp !== undefined && stamp[0] === key && stamp[1] === checksum;
  };
  return {
    vouches: (target, stat, checksum) => stamped(nameOf(historyDir, target), statKey(stat), checksum),
    async batch(work) {
      held += 1;
      try {
        return await work();
      } finally {
        held -= 1;
        flush();
      }
    },
    verify(target, read, checksum, check, range) {
      const name = nameOf(historyDir, target, range);
      const key = statKey(read.stat);
      if (stamped(name, key, checksum)) return true;
      if (!check()) return false;
      table ??= readStamps(file);
      if (stampable(read.stat, read.startedMs)) {
        table.delete(name);
        table.set(name, [key, checksum]);
        if (!pending) {
          pending = new Map();
          unflushed.add(flush);
          // After the synchronous reads in progress; a process that exits first writes them on its way out.
          queueMicrotask(() => flush());
          if (!exitHooked) {
            exitHooked = true;
            process.on('exit', () => unflushed.forEach((f) => f(true)));
          }
        }
        pending.delete(name);
        pending.set(name, [key, checksum]);
      }
      return true;
    },
  };
}

/** The stamp writes still to do, of every index this process reads. */
const unflushed = new Set<(force: boolean) => void>();
let exitHooked = false;

/** A stamp's name: the file relative to the history dir, and the range of a record. */
function nameOf(historyDir: string, file: string, range?: ByteRange): string {
  // The index's files are joined onto historyDir: the rest of the path is the name, without path.relative's two
  // resolves (README, CLI start-up); any other path goes through path.relative.
  const inside = file.startsWith(historyDir + path.sep) && path.normalize(file) === file;
  const relative = (inside ? file.slice(historyDir.length + 1) : path.relative(historyDir, file))
    .split(path.sep)
    .join('/');
  return range ? `${relative}@${range.offset}+${range.length}` : relative;
}

/** The stamps on disk; none when the file is missing, unreadable or not a stamps file (then every read is checked). */
function readStamps(file: string): StampTable {
  const table: StampTable = new Map();
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; stamps?: unknown };
    if (parsed?.format !== 1 || typeof parsed.stamps !== 'object' || parsed.stamps === null) return table;
    for (const [name, stamp] of Object.entries(parsed.stamps)) {
      if (Array.isArray(stamp) && typeof stamp[0] === 'string' && typeof stamp[1] === 'string') {
        table.set(name, [stamp[0], stamp[1]]);
      }
    }
  } catch {
    // no stamps: every read is checked
  }
  return table;
}

/** At most this many stamps are kept (a generation's files and the records read of its pack). */
const MAX_STAMPS = 4096;

/**
 * Write the stamps atomically (a reader sees the old file or the new one), keeping only those of the generation
 * `latest` is in (and meta.json): a rebuild's new generation leaves the old one's stamps nothing to vouch for. A
 * failure (a read-only data dir) only costs the stamps.
 */
function writeStamps(file: string, table: StampTable, latest: string): void {
  const generation = /^gen-\d+\//.exec(latest)?.[0];
  const current = [...table].filter(
    ([name]) => !generation || !name.startsWith('gen-') || name.startsWith(generation),
  );
  // The newest last (a Map keeps the order of insertion): over the limit, the oldest go.
  const kept = Object.fromEntries(current.slice(-MAX_STAMPS));
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ format: 1, stamps: kept }), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing to clean up
    }
  }
}
