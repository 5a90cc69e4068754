import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createBatchParser, readGitBlobs } from '../../src/definitions/sources/read-git-blobs.js';
import { createTestRepo } from '../helpers/git-repo.js';

describe('cat-file --batch parsing', () => {
  const output = Buffer.concat([
    Buffer.from('aaa blob 5\nhello\n'),
    Buffer.from('bbb missing\n'),
    Buffer.from('ccc blob 12\n0123456789ab\n'),
    Buffer.from('ddd blob 0\n\n'),
  ]);

  it('gives the same result however the stream is split', () => {
    for (const size of [1, 2, 3, 7, output.length]) {
      const seen: [string, number, string | undefined][] = [];
      const parser = createBatchParser(10, (oid, c) => seen.push([oid, c.size, c.bytes?.toString('utf8')]));
      for (let i = 0; i < output.length; i += size) parser.push(output.subarray(i, i + size));
      expect(seen).toEqual([
        ['aaa', 5, 'hello'],
        // over the 10-byte limit: size only, the bytes are skipped while streaming
        ['ccc', 12, undefined],
        ['ddd', 0, ''],
      ]);
    }
  });

  it('reads blobs of a real repo with one git process', async () => {
    const repo = await createTestRepo([
      { message: 'two files', files: { 'a.txt': 'alpha\n', 'b.txt': 'x'.repeat(100) } },
    ]);
    try {
      const oid = (p: string): string =>
        execFileSync('git', ['rev-parse', `HEAD:${p}`], { cwd: repo.dir, encoding: 'utf8' }).trim();
      const blobs = await readGitBlobs(
        repo.dir,
        [oid('a.txt'), oid('b.txt'), oid('a.txt'), '0'.repeat(40)],
        50,
      );
      expect(blobs.get(oid('a.txt'))).toEqual({ size: 6, bytes: Buffer.from('alpha\n') });
      expect(blobs.get(oid('b.txt'))).toEqual({ size: 100 });
      expect(blobs.size).toBe(2);
    } finally {
      await repo.cleanup();
    }
  });
});
