import { afterEach, describe, expect, it } from 'vitest';
import { readBranchLog } from '../../src/git/read-branch-log.js';
import { collectSideCommits } from '../../src/history/collect-side-commits.js';
import { BOB, createTestRepo, gitAs, type TestRepo } from '../helpers/git-repo.js';

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('readBranchLog', () => {
  it('streams first-parent commits oldest first with raw changes, odd paths and non-ASCII people intact', async () => {
    const author = { name: 'Zoë Ünal', email: 'zoe@example.com' };
    repo = await createTestRepo([
      { message: 'one', author, files: { 'defs/a b.yaml': 'a\n', 'defs/ü.yaml': 'u\n', 'other.txt': 'o\n' } },
      {
        message: 'two\n\nbody\n\nCo-authored-by: X <x@y.z>',
        files: { 'defs/a b.yaml': 'a2\n', 'defs/ü.yaml': null },
      },
    ]);
    const tip = repo.git('rev-parse', 'HEAD').trim();
    const { chain: log, others, joinsBase } = await readBranchLog(repo.dir, { tip });
    expect(joinsBase).toBe(true);
    expect(others.size).toBe(0);
    expect(log.map((c) => c.message)).toEqual(['one', 'two\n\nbody\n\nCo-authored-by: X <x@y.z>']);
    expect(log[0]!.author).toMatchObject(author);
    expect(log[0]!.changes.map((c) => [c.path, c.status, c.oldBlob === null])).toEqual([
      ['defs/a b.yaml', 'A', true],
      ['defs/ü.yaml', 'A', true],
      ['other.txt', 'A', true],
    ]);
    expect(log[1]!.changes.map((c) => [c.path, c.status, c.newBlob === null])).toEqual([
      ['defs/a b.yaml', 'M', false],
      ['defs/ü.yaml', 'D', true],
    ]);
    expect(log[1]!.changes[0]!.oldBlob).toBe(log[0]!.changes[0]!.newBlob);
    expect(log[1]!.parents).toEqual([log[0]!.sha]);
  });

  it('finds the chain and what a merge brought in, with a merge diffed against its first parent, after base', async () => {
    repo = await createTestRepo([{ message: 'base', files: { 'defs/a.yaml': '1\n' } }]);
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'side');
    await repo.commit({
      message: 'side',
      author: BOB,
      files: { 'defs/a.yaml': '2\n', 'defs/b.yaml': 'b\n' },
    });
    repo.git('checkout', '-q', 'main');
    await repo.commit({ message: 'main', files: { 'x.txt': 'x\n' } });
    gitAs(repo, BOB, ['merge', '--no-ff', '-q', 'side', '-m', 'Merge pull request #3 from side']);
    const tip = repo.git('rev-parse', 'HEAD').trim();
    const side = repo.git('rev-parse', 'side').trim();
    const seen: string[] = [];
    const log = await readBranchLog(repo.dir, { tip, base, onChainCommit: (c) => seen.push(c.sha) });
    expect(log.chain.map((c) => c.sha)).toEqual([repo.git('rev-parse', 'HEAD^1').trim(), tip]);
    expect(seen).toEqual([tip, repo.git('rev-parse', 'HEAD^1').trim()]);
    expect(log.joinsBase).toBe(true);
    const merge = log.chain[1]!;
    expect(merge.parents).toHaveLength(2);
    expect(merge.changes.map((c) => c.path)).toEqual(['defs/a.yaml', 'defs/b.yaml']);
    expect([...log.others.keys()]).toEqual([side]);
    expect(log.others.get(side)).toMatchObject({ author: { email: BOB.email } });
    expect(log.others.get(side)!.changes.map((c) => c.path)).toEqual(['defs/a.yaml', 'defs/b.yaml']);
    expect(collectSideCommits(log.chain, log.others)).toEqual(new Map([[tip, [side]]]));

    // A base the tip does not descend from: the chain runs past it, so the branch was rewritten.
    repo.git('checkout', '-q', '--orphan', 'other');
    await repo.commit({ message: 'unrelated', files: { 'defs/c.yaml': 'c\n' } });
    const unrelated = repo.git('rev-parse', 'HEAD').trim();
    expect((await readBranchLog(repo.dir, { tip, base: unrelated })).joinsBase).toBe(false);
  });

  it('places a chain commit that git lists before its child (clock skew) when its turn comes', async () => {
    // base is dated after main's commit on top of it: git's date-ordered walk lists base before that commit.
    repo = await createTestRepo([
      { message: 'base', files: { 'a.txt': '1\n' }, date: '2024-01-10T10:00:00Z' },
    ]);
    repo.git('checkout', '-q', '-b', 'side');
    await repo.commit({ message: 'side', files: { 'b.txt': 'b\n' }, date: '2024-01-05T10:00:00Z' });
    repo.git('checkout', '-q', 'main');
    await repo.commit({ message: 'main', files: { 'a.txt': '2\n' }, date: '2024-01-02T10:00:00Z' });
    gitAs(repo, BOB, ['merge', '--no-ff', '-q', 'side', '-m', 'Merge side'], '2024-01-20T10:00:00Z');
    expect(repo.git('log', '--format=%s').trim().split('\n')).toEqual(['Merge side', 'side', 'base', 'main']);
    const tip = repo.git('rev-parse', 'HEAD').trim();
    const log = await readBranchLog(repo.dir, { tip });
    expect(log.chain.map((c) => c.message)).toEqual(['base', 'main', 'Merge side']);
    expect([...log.others.values()].map((c) => c.message)).toEqual(['side']);
    expect(log.joinsBase).toBe(true);
  });
});
