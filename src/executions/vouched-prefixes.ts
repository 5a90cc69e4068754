import { readFileSync, type Stats } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../state/atomic-write.js';

/**
 * Prefixes of journal segments already hashed for a checkpoint, by the segment's stat when they were (docs/reports.md,
 * *Incremental reports*): "segment `name`, while its inode, size and change time are these, starts with `offset` bytes
 * whose sha256 is `prefix`". A checkpoint whose last segment has changed since (new records appended, or the segment
 * sealed read-only at a rollover) is checked by hashing that prefix; the result is kept here, so the next report, the
 * segment unchanged since, does not hash it again (a checkpoint is rewritten only with its cache: the run cache's
 * after thousands of records). The same trust a checkpoint puts in the stat of the segments before its last one: any
 * write to the segment changes its size or change time, which no user can set back. A cache: lost or damaged, the
 * prefix is hashed again.
 */
interface VouchedPrefix {
  name: string;
  ino: number;
  size: number;
  ctimeMs: number;
  offset: number;
  prefix: string;
}

/** How many are kept (a data dir's report caches have a checkpoint each: three, and a few stale ones). */
const KEPT = 8;

function storePath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'journal-prefixes.json');
}

function readVouched(dataDir: string): VouchedPrefix[] {
  try {
    const list = JSON.parse(readFileSync(storePath(dataDir), 'utf8')) as unknown;
    return Array.isArray(list) ? (list as VouchedPrefix[]) : [];
  } catch {
    return [];
  }
}

const same = (v: VouchedPrefix, name: string, stat: Stats, offset: number) =>
  v.name === name &&
  v.ino === stat.ino &&
  v.size === stat.size &&
  v.ctimeMs === stat.ctimeMs &&
  v.offset === offset;

/** The sha256 of the first `offset` bytes of segment `name`, when kept for its current `stat`; else null. */
export function vouchedPrefix(dataDir: string, name: string, stat: Stats, offset: number): string | null {
  const hit = readVouched(dataDir).find((v) => same(v, name, stat, offset));
  return typeof hit?.prefix === 'string' ? hit.prefix : null;
}

/** Keep that segment `name`, at `stat`, starts with `offset` bytes of sha256 `prefix` (failing is not an error). */
export async function vouchPrefix(
  dataDir: string,
  name: string,
  stat: Stats,
  offset: number,
  prefix: string,
): Promise<void> {
  const entry: VouchedPrefix = {
    name,
    ino: stat.ino,
    size: stat.size,
    ctimeMs: stat.ctimeMs,
    offset,
    prefix,
  };
  const list = [entry, ...readVouched(dataDir).filter((v) => !same(v, name, stat, offset))].slice(0, KEPT);
  const file = storePath(dataDir);
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, JSON.stringify(list));
  } catch {
    // A read-only data dir: the next report hashes the prefix again.
  }
}
