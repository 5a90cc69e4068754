import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Replace `file` atomically but not durably: a temp file beside it, renamed over it. A reader sees the old or the new
 * content, never a mix; after a crash it may hold either, or the write may be lost. For derived caches, which are
 * checked when read (durable-write.ts is for state that must survive a crash). The temp file is removed on failure,
 * and the error thrown.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Iterable<string | Uint8Array>,
  mode = 0o600,
): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data, { mode });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
