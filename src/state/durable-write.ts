import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** fsync a directory so a file created, renamed or removed in it survives a crash (POSIX needs both). */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replace `file` atomically and durably: write a temp file beside it, fsync it, rename it over the target, fsync the
 * directory. A reader sees the old or the new content, never a mix; a crash keeps one of the two. `data` in pieces is
 * written piece by piece (a large derived file is never joined into one string).
 */
export async function writeFileDurably(
  file: string,
  data: string | Buffer | readonly (string | Buffer)[],
  mode = 0o600,
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    if (typeof data === 'string' || Buffer.isBuffer(data)) await handle.writeFile(data);
    else
      for (const piece of data)
        await writeAll(handle, typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, at, bytes.length - at);
    at += bytesWritten;
  }
}
