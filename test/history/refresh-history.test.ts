import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpsledgerError } from '../../src/errors/opsledger-error.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import { ALICE, BOB, createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { ACTION_PATH, actionYaml } from './fixtures.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

async function setup() {
  const repo = await createTestRepo([
    { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
    { message: 'v2', files: { [ACTION_PATH]: actionYaml({ timeout: 2 }) } },
  ]);
  repos.push(repo);
  const dataDir = path.join(repo.dir, '.opsledger');
  const open = (dir = dataDir) => openHistoryIndex({ repo: repo.dir, dataDir: dir, branch: 'main' });
  return { repo, dataDir, open };
}

/** Damage an action's record in the pack (the table still says where it lies). */
function damageRecord(dataDir: string, id: string): void {
  const genDir = readdirSync(path.join(dataDir, 'history')).find((d) => d.startsWith('gen-'))!;
  const dir = path.join(dataDir, 'history', genDir);
  const tableName = readdirSync(dir).find((f) => /^defs-\d+\.json$/.test(f))!;
  const table = JSON.parse(readFileSync(path.join(dir, tableName), 'utf8')) as {
    pack: string;
    files: { action: Record<string, [number, number]> };
  };
  const [offset, length] = table.files.action[id]!;
  const pack = readFileSync(path.join(dir, table.pack));
  pack.fill('#', offset + 10, offset + length);
  writeFileSync(path.join(dir, table.pack), pack);
}

describe('refreshing the index', () => {
  it('reads only the new commits after a fast-forward', async () => {
    const { repo, open } = await setup();
    const index = await open();
    expect(await index.refresh()).toMatchObject({ newCommits: 0, rebuilt: false });
    await repo.commit({ message: 'v3', author: BOB, files: { [ACTION_PATH]: actionYaml({ timeout: 3 }) } });
    await repo.commit({ message: 'other', files: { 'README.md': 'x\n' } });
    const stats = await index.refresh();
    expect(stats).toMatchObject({ newCommits: 2, rebuilt: false, tip: repo.git('rev-parse', 'main').trim() });
    expect(index.history('restart-web').map((e) => e.version)).toEqual([1, 2, 3]);
    expect(index.commits()).toHaveLength(4);
  });

  it('gives the same events, with the same ids, incrementally as from scratch', async () => {
    const { repo, open } = await setup();
    const index = await open();
    await repo.commit({
      message: 'v3',
      files: { [ACTION_PATH]: actionYaml({ timeout: 3, status: 'approved' }) },
    });
    await repo.commit({ message: 'gone', files: { [ACTION_PATH]: null } });
    await index.refresh();
    const fresh = await open(path.join(repo.dir, 'fresh-data'));
    expect(index.events()).toEqual(fresh.events());
    expect(index.events().map((e) => e.id)).toEqual(fresh.events().map((e) => e.id));
    expect(new Set(index.events().map((e) => e.id)).size).toBe(4);
  });

  it('rebuilds after the branch was rewritten (force-push)', async () => {
    const { repo, open } = await setup();
    const index = await open();
    expect(index.history('restart-web')).toHaveLength(2);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    await repo.commit({
      message: 'rewritten v2',
      author: BOB,
      files: { [ACTION_PATH]: actionYaml({ timeout: 99 }) },
    });
    const stats = await index.refresh();
    expect(stats.rebuilt).toBe(true);
    const events = index.history('restart-web');
    expect(events.map((e) => e.audited_changes['/timeout'] ?? null)).toEqual([null, [300, 99]]);
    expect(events[1]!.user.email).toBe(BOB.email);
  });

  it('rebuilds after the branch was reset to an earlier commit', async () => {
    const { repo, open } = await setup();
    const index = await open();
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    expect((await index.refresh()).rebuilt).toBe(true);
    expect(index.history('restart-web')).toHaveLength(1);
  });

  it('rebuilds an index whose meta is corrupt instead of failing', async () => {
    const { open, dataDir } = await setup();
    await open();
    writeFileSync(path.join(dataDir, 'history/meta.json'), '{"format": 1, "gen');
    const index = await open();
    expect(index.history('restart-web')).toHaveLength(2);
  });

  it('discards an index whose definition file is corrupt, and rebuilds it', async () => {
    const { open, dataDir } = await setup();
    const index = await open();
    damageRecord(dataDir, 'restart-web');
    let error: unknown;
    try {
      index.history('restart-web');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(OpsledgerError);
    expect((error as OpsledgerError).code).toBe('HISTORY_INDEX_CORRUPT');
    const stats = await index.refresh();
    expect(stats.rebuilt).toBe(true);
    expect(index.history('restart-web')).toHaveLength(2);
  });

  it('rebuilds instead of extending an index whose record of a changed definition is damaged', async () => {
    const { repo, open, dataDir } = await setup();
    const index = await open();
    damageRecord(dataDir, 'restart-web');
    await repo.commit({ message: 'v3', files: { [ACTION_PATH]: actionYaml({ timeout: 3 }) } });
    expect(await index.refresh()).toMatchObject({ rebuilt: true });
    expect(index.history('restart-web').map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('ignores entries a crashed writer left past the indexed tip', async () => {
    const { repo, open, dataDir } = await setup();
    const index = await open();
    const metaFile = path.join(dataDir, 'history/meta.json');
    const before = readFileSync(metaFile, 'utf8');
    await repo.commit({ message: 'v3', files: { [ACTION_PATH]: actionYaml({ timeout: 3 }) } });
    await index.refresh();
    // Simulate a crash after the definition files were written but before meta: put the old meta back.
    writeFileSync(metaFile, before);
    const reopened = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
    expect(reopened.history('restart-web').map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('lets a reader whose table an update replaced follow meta to the new one', async () => {
    const { repo, open } = await setup();
    const reader = await open();
    const other = await open();
    expect(reader.history('restart-web')).toHaveLength(2);
    await repo.commit({ message: 'v3', files: { [ACTION_PATH]: actionYaml({ timeout: 3 }) } });
    await other.refresh();
    // Another process: it knows the old meta only, whose table the update removed.
    const stale = await open();
    await repo.commit({ message: 'v4', files: { [ACTION_PATH]: actionYaml({ timeout: 4 }) } });
    await other.refresh();
    expect(stale.history('restart-web').map((e) => e.version)).toEqual([1, 2, 3, 4]);
    // A reader that read its table before the update still sees what its meta indexed.
    expect(reader.history('restart-web').map((e) => e.version)).toEqual([1, 2]);
  });

  it('serves an empty history for a repo without commits', async () => {
    const repo = await createTestRepo([]);
    repos.push(repo);
    const index = await openHistoryIndex({
      repo: repo.dir,
      dataDir: path.join(repo.dir, '.o'),
      branch: 'main',
    });
    expect(index.tip()).toBeNull();
    expect(index.events()).toEqual([]);
    await repo.commit({ message: 'add', author: ALICE, files: { [ACTION_PATH]: actionYaml() } });
    expect((await index.refresh()).newCommits).toBe(1);
    expect(index.history('restart-web')).toHaveLength(1);
  });

  it('fails with BRANCH_NOT_FOUND for a tracked branch that does not exist', async () => {
    const { repo } = await setup();
    await expect(
      openHistoryIndex({ repo: repo.dir, dataDir: path.join(repo.dir, '.o'), branch: 'release' }),
    ).rejects.toMatchObject({ code: 'BRANCH_NOT_FOUND' });
  });

  it('follows the tracked branch, not HEAD', async () => {
    const { repo, open } = await setup();
    repo.git('checkout', '-q', '-b', 'wip');
    await repo.commit({ message: 'wip', files: { [ACTION_PATH]: actionYaml({ timeout: 7 }) } });
    const index = await open();
    expect(index.history('restart-web')).toHaveLength(2);
  });

  it('lets concurrent refreshes of one data dir agree (one writer at a time)', async () => {
    const { repo, open } = await setup();
    await repo.commit({ message: 'v3', files: { [ACTION_PATH]: actionYaml({ timeout: 3 }) } });
    const indexes = await Promise.all([open(), open(), open()]);
    for (const index of indexes)
      expect(index.history('restart-web').map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('reads definitions from a configured folder, however it is written', async () => {
    const repo = await createTestRepo([
      { message: 'add', files: { 'ops/defs/actions/restart-web.yaml': actionYaml() } },
    ]);
    repos.push(repo);
    const index = await openHistoryIndex({
      repo: repo.dir,
      dataDir: path.join(repo.dir, '.o'),
      branch: 'main',
      definitionsDir: './ops/defs/',
    });
    expect(index.history('restart-web').map((e) => e.path)).toEqual(['ops/defs/actions/restart-web.yaml']);
  });

  it('#14.2 a schema change neither rebuilds the index nor changes an earlier event', async () => {
    const { repo, open } = await setup();
    const index = await open();
    const before = JSON.stringify(index.events());
    await repo.commit({ message: 'stricter schema', files: { [SCHEMA]: strictSchema(100) } });
    expect((await index.refresh()).rebuilt).toBe(false);
    expect(JSON.stringify(index.events())).toBe(before);
    expect(index.invalid()).toHaveLength(0);
  });

  it('#14.1 judges each version by the schemas in its own commit, not the tip', async () => {
    const { repo, dataDir } = await setup();
    // v1 (timeout 300) and v2 (timeout 2) came before the stricter schema; v3 (timeout 500) after it.
    await repo.commit({ message: 'stricter schema', files: { [SCHEMA]: strictSchema(100) } });
    await repo.commit({ message: 'v3', files: { [ACTION_PATH]: actionYaml({ timeout: 500 }) } });
    await repo.commit({ message: 'looser schema', files: { [SCHEMA]: strictSchema(1000) } });
    await repo.commit({ message: 'v4', files: { [ACTION_PATH]: actionYaml({ timeout: 501 }) } });
    const index = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
    expect(index.history('restart-web').map((e) => [e.action, e.version, e.valid])).toEqual([
      ['create', 1, true],
      ['update', 2, true],
      ['update', 3, false],
      ['update', 4, true],
    ]);
    expect(index.history('restart-web')[2]!.problems).toEqual([
      { code: 'schema', pointer: '/timeout', message: expect.stringContaining('100') as string },
    ]);
    expect(index.invalid().map((i) => i.message)).toEqual(['v3']);
  });
});

const SCHEMA = 'definitions/schema/action.schema.json';

/** The shipped action schema with a maximum timeout. */
function strictSchema(maximum: number): string {
  const shipped = readFileSync(path.resolve('definitions/schema/action.schema.json'), 'utf8');
  const strict = JSON.parse(shipped) as { properties: { timeout: { maximum: number } } };
  strict.properties.timeout.maximum = maximum;
  return JSON.stringify(strict);
}
