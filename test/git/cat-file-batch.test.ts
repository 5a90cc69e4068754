import { afterEach, describe, expect, it } from 'vitest';
import { openCatFileBatch } from '../../src/git/cat-file-batch.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('openCatFileBatch', () => {
  it('reads many objects through one process, in request order, bytes intact', async () => {
    const binary = Buffer.from([0, 1, 2, 10, 13, 255, 10]).toString('latin1');
    repo = await createTestRepo([
      { message: 'files', files: { 'a.txt': 'alpha\n', 'b.bin': binary, 'ü/ñ.yaml': 'x: ü\n', empty: '' } },
    ]);
    const batch = openCatFileBatch(repo.dir);
    try {
      const names = [
        'HEAD:a.txt',
        'HEAD:ü/ñ.yaml',
        'HEAD:empty',
        'HEAD:missing',
        'HEAD:a.txt',
        'HEAD^{commit}',
      ];
      const objects = await batch.readMany(names);
      expect(objects[0]?.content.toString()).toBe('alpha\n');
      expect(objects[0]?.type).toBe('blob');
      expect(objects[1]?.content.toString()).toBe('x: ü\n');
      expect(objects[2]?.content.length).toBe(0);
      expect(objects[3]).toBeNull();
      expect(objects[4]?.oid).toBe(objects[0]?.oid);
      expect(objects[5]?.type).toBe('commit');
      const many = await batch.readMany(Array.from({ length: 500 }, () => 'HEAD:a.txt'));
      expect(many.every((o) => o?.content.toString() === 'alpha\n')).toBe(true);
    } finally {
      await batch.close();
    }
  });

  it('reads objects that span many output chunks, between small ones, byte for byte', async () => {
    // Larger than a pipe read (64 KiB): the reader must join chunks for these and only these.
    const big = Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(32 + ((i * 7) % 90))).join('');
    const other = `${big.slice(1000)}\n${big.slice(0, 1000)}`;
    repo = await createTestRepo([
      { message: 'big', files: { 'big.txt': big, 'other.txt': other, 's.txt': 's\n' } },
    ]);
    const batch = openCatFileBatch(repo.dir);
    try {
      const names = [
        'HEAD:s.txt',
        'HEAD:big.txt',
        'HEAD:s.txt',
        'HEAD:other.txt',
        'HEAD:big.txt',
        'HEAD:s.txt',
      ];
      const objects = await batch.readMany(Array.from({ length: 5 }, () => names).flat());
      const want = ['s\n', big, 's\n', other, big, 's\n'];
      objects.forEach((o, i) => expect(o?.content.toString()).toBe(want[i % want.length]));
    } finally {
      await batch.close();
    }
  });

  it('refuses a name with a newline instead of desynchronising the stream', async () => {
    repo = await createTestRepo([{ message: 'one', files: { 'a.txt': 'a\n' } }]);
    const batch = openCatFileBatch(repo.dir);
    try {
      await expect(batch.read('HEAD:a.txt\nHEAD')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      expect((await batch.read('HEAD:a.txt'))?.content.toString()).toBe('a\n');
    } finally {
      await batch.close();
    }
  });
});
