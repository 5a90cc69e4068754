import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { RACY_MARGIN_MS, stampsIn, type FileRead } from '../history/verified-stamps.js';

/**
 * Read a cache file of a data dir whose header names the sha256 of its body, checked once, then trusted by its stat
 * (docs/reports.md, *Checked once, then trusted by stat*): a read whose body matches its checksum stamps the file's
 * stat (device, inode, size, modification and change times in ns) in `cache/verified.json`, as the history index
 * does (history/verified-stamps.ts, git's racily-clean rule: nothing changed in the last 2 s is stamped); a later read
 * with exactly that stat skips the hashing. A rewritten, replaced or edited file has another stat and is checked.
 *
 * `split` finds the body and the checksum its header names (null: not a cache file of this kind). Null when the file
 * is missing, `split` refuses it, or its body does not match. A file written without an fsync (`synced: false`, the
 * model parts) is stamped only once older than UNSYNCED_MARGIN_MS: until the kernel has written it back, a crash
 * could leave other bytes under the same stat.
 */
export async function readCacheFile(
  cacheDir: string,
  file: string,
  split: (bytes: Buffer) => { body: Buffer; sha256: string } | null,
  synced = true,
): Promise<{ bytes: Buffer; body: Buffer; sha256: string } | null> {
  let read: FileRead;
  try {
    // The stamps take a file as racily new when it changed less than RACY_MARGIN_MS before `startedMs`: an unsynced
    // one is dated back so that it must be UNSYNCED_MARGIN_MS old.
    const startedMs = Date.now() - (synced ? 0 : UNSYNCED_MARGIN_MS - RACY_MARGIN_MS);
    const handle = await open(file, 'r');
    try {
      const bytes = await readWhole(handle);
      read = { bytes, stat: await handle.stat({ bigint: true }), startedMs };
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  const parts = split(read.bytes);
  if (!parts) return null;
  const { body, sha256 } = parts;
  const check = () => createHash('sha256').update(body).digest('hex') === sha256;
  return stampsIn(cacheDir).verify(file, read, sha256, check) ? { bytes: read.bytes, body, sha256 } : null;
}

/**
 * How old a file written without an fsync must be before a stamp vouches for it: past Linux's default expiry of dirty
 * pages (`vm.dirty_expire_centisecs`, 30 s) and the writeback interval after it (5 s), with room to spare.
 */
export const UNSYNCED_MARGIN_MS = 60_000;

/**
 * The file's bytes in one read the size of the file (then more while it grows): `readFile` reads in 512 KiB chunks, a
 * trip to the thread pool each, which cost a 60 MB run cache 50–65 ms against 35–45 ms.
 */
async function readWhole(handle: FileHandle): Promise<Buffer> {
  const { size } = await handle.stat();
  const bytes = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const { bytesRead } = await handle.read(bytes, length, size - length, length);
    if (bytesRead === 0) return bytes.subarray(0, length);
    length += bytesRead;
  }
  // Grown since the stat: the rest a chunk at a time (its checksum then decides).
  const more: Buffer[] = [];
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
    if (bytesRead === 0) break;
    more.push(chunk.subarray(0, bytesRead));
    length += bytesRead;
  }
  return more.length > 0 ? Buffer.concat([bytes, ...more]) : bytes;
}
