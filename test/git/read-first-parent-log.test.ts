import { afterEach, describe, expect, it } from 'vitest';
import { readCommitFiles } from '../../src/git/read-commit-files.js';
import { firstParentChain, readCommitGraph } from '../../src/git/read-commit-graph.js';
import { readFirstParentLog } from '../../src/git/read-first-parent-log.js';
import { BOB, createTestRepo, gitAs, type TestRepo } from '../helpers/git-repo.js';

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('readFirstParentLog', () => {
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
    const log = await readFirstParentLog(repo.dir, { tip, paths: ['defs'] });
    expect(log.map((c) => c.message)).toEqual(['one', 'two\n\nbody\n\nCo-authored-by: X <x@y.z>']);
    expect(log[0]!.author).toMatchObject(author);
    expect(log[0]!.changes.map((c) => [c.path, c.status, c.oldBlob === null])).toEqual([
      ['defs/a b.yaml', 'A', true],
      ['defs/ü.yaml', 'A', true],
    ]);
    expect(log[1]!.changes.map((c) => [c.path, c.status, c.newBlob === null])).toEqual([
      ['defs/a b.yaml', 'M', false],
      ['defs/ü.yaml', 'D', true],
    ]);
    expect(log[1]!.changes[0]!.oldBlob).toBe(log[0]!.changes[0]!.newBlob);
    expect(log[1]!.parents).toEqual([log[0]!.sha]);
  });

  it('shows a merge with its diff against the first parent, and only new commits after base', async () => {
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
    const log = await readFirstParentLog(repo.dir, { tip, base, paths: ['defs'] });
    expect(log).toHaveLength(1);
    expect(log[0]!.parents).toHaveLength(2);
    expect(log[0]!.changes.map((c) => c.path)).toEqual(['defs/a.yaml', 'defs/b.yaml']);

    const graph = await readCommitGraph(repo.dir, { tip, base });
    expect(graph).toHaveLength(3);
    const { chain, joinsBase } = firstParentChain(graph, tip, base);
    expect(chain.map((c) => c.sha)).toEqual([repo.git('rev-parse', 'HEAD^1').trim(), tip]);
    expect(joinsBase).toBe(true);
    expect(firstParentChain(graph, tip, 'f'.repeat(40)).joinsBase).toBe(false);

    const side = repo.git('rev-parse', 'side').trim();
    const files = await readCommitFiles(repo.dir, [side]);
    expect(files[0]).toMatchObject({
      sha: side,
      author: { email: BOB.email },
      paths: ['defs/a.yaml', 'defs/b.yaml'],
    });
  });
});
