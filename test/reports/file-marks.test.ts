import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256, statFile, stillAsMarked, type FileMark } from '../../src/reports/file-marks.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opsledger-file-marks-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Far after any change time: no mark is racy. */
const NOT_RACY = 1n << 80n;

/** A whole-second modification time, which an editor can put back exactly. */
const MTIME = Math.floor(Date.now() / 1000) - 60;

async function marked(name: string, content: string): Promise<{ file: string; mark: FileMark }> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  await utimes(file, MTIME, MTIME);
  return { file, mark: { sha256: sha256(content), ...statFile(file)! } };
}

describe('#15.9 file marks (reused report pages checked by their stat)', () => {
  it('a file whose stat is the marked one is taken as marked without reading it; a racy mark is read and hashed', async () => {
    const { file, mark } = await marked('page.md', 'hello\n');
    // The mark claims other bytes than the file holds: only reading it can tell.
    const wrong = { ...mark, sha256: sha256('HELLO\n') };
    expect(await stillAsMarked(file, wrong, NOT_RACY)).toBe(wrong);
    // Changed at or after the time the marks were saved: the same stat proves nothing, the bytes are hashed.
    expect(await stillAsMarked(file, wrong, BigInt(mark.ctime))).toBeNull();
    expect(await stillAsMarked(file, mark, BigInt(mark.ctime))).toEqual(mark);
  });

  it('a file edited with its size and modification time kept, replaced, or removed no longer matches its mark', async () => {
    const { file, mark } = await marked('page.md', 'hello\n');
    const before = await stat(file);
    await writeFile(file, 'HELLO\n');
    await utimes(file, MTIME, MTIME);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(await stillAsMarked(file, mark, NOT_RACY)).toBeNull();
    // The same bytes written again: a new stat, the same content; the file is current, with its new mark.
    await writeFile(file, 'hello\n');
    const again = await stillAsMarked(file, mark, NOT_RACY);
    expect(again).toEqual({ ...statFile(file)!, sha256: mark.sha256 });
    expect(again).not.toEqual(mark);
    await rm(file);
    expect(await stillAsMarked(file, mark, NOT_RACY)).toBeNull();
  });
});
