import { afterEach, describe, expect, it } from 'vitest';
import { readBranchTip } from '../../src/git/read-branch-tip.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('readBranchTip', () => {
  it('reads a loose ref, a packed ref, and a branch with a slash, like rev-parse does', async () => {
    repo = await createTestRepo([{ message: 'one', files: { 'a.txt': 'a\n' } }]);
    const sha = repo.git('rev-parse', 'main').trim();
    expect(await readBranchTip(repo.dir, 'main')).toBe(sha);
    repo.git('branch', 'team/release');
    expect(await readBranchTip(repo.dir, 'team/release')).toBe(sha);
    repo.git('pack-refs', '--all');
    expect(await readBranchTip(repo.dir, 'main')).toBe(sha);
    expect(await readBranchTip(repo.dir, 'team/release')).toBe(sha);
    expect(await readBranchTip(repo.dir, 'nope')).toBeNull();
  });

  it('asks git when the directory is not the top of a plain repo', async () => {
    repo = await createTestRepo([{ message: 'one', files: { 'sub/a.txt': 'a\n' } }]);
    const sha = repo.git('rev-parse', 'main').trim();
    expect(await readBranchTip(`${repo.dir}/sub`, 'main')).toBe(sha);
  });
});
