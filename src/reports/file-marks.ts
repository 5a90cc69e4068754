import { createHash } from 'node:crypto';
import { statSync, type BigIntStats } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * What a report remembers of a file it wrote into its output folder: the sha256 of its bytes and its stat signature
 * (as git's index does: size, device and inode, modification and change times in nanoseconds). A file whose stat is
 * still the recorded one is taken to hold the recorded bytes without reading it (docs/reports.md "Incremental
 * reports"): any write, truncation, replacement or `touch` changes its change time, which no user can set.
 */
export interface FileMark {
  sha256: string;
  size: number;
  dev: string;
  ino: string;
  mtime: string;
  ctime: string;
}

/** The stat half of a mark (the caller knows the bytes' sha256). */
export type StatMark = Omit<FileMark, 'sha256'>;

export function statMark(st: BigIntStats): StatMark {
  return {
    size: Number(st.size),
    dev: String(st.dev),
    ino: String(st.ino),
    mtime: String(st.mtimeNs),
    ctime: String(st.ctimeNs),
  };
}

/** The stat mark of a file, or null when it cannot be read. */
export function statFile(file: string): StatMark | null {
  const st = statSync(file, { bigint: true, throwIfNoEntry: false });
  return st?.isFile() ? statMark(st) : null;
}

/**
 * Whether `file` still holds the bytes `mark` recorded; resolves with its current mark (the same one when its stat
 * did not change), or null. Its bytes are read and hashed only when its stat differs from the mark or the mark is
 * racy: changed at or after `racyFrom` (the time the marks were saved, in ns), when a write in the same clock tick
 * could have left the same stat (git's "racy clean" entries).
 */
export async function stillAsMarked(
  file: string,
  mark: FileMark,
  racyFrom: bigint,
): Promise<FileMark | null> {
  const now = statFile(file);
  if (now === null) return null;
  if (sameStat(now, mark) && BigInt(mark.ctime) < racyFrom) return mark;
  if (now.size !== mark.size) return null;
  try {
    const handle = await open(file, 'r');
    try {
      const st = statMark(await handle.stat({ bigint: true }));
      const bytes = await handle.readFile();
      return sha256(bytes) === mark.sha256 ? { ...st, sha256: mark.sha256 } : null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

function sameStat(a: StatMark, b: StatMark): boolean {
  return (
    a.size === b.size && a.ino === b.ino && a.dev === b.dev && a.mtime === b.mtime && a.ctime === b.ctime
  );
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
