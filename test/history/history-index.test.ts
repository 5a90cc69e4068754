import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import type { NativeHistoryIndex } from '../../src/history/native-history-index.js';
import {
  ALICE,
  BOB,
  CAROL,
  createTestRepo,
  gitAs,
  type CommitSpec,
  type TestRepo,
} from '../helpers/git-repo.js';
import { ACTION_PATH, actionYaml, ROLE_PATH, roleYaml, RUNBOOK_PATH, runbookYaml } from './fixtures.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

async function repoWith(commits: CommitSpec[]): Promise<TestRepo> {
  const repo = await createTestRepo(commits);
  repos.push(repo);
  return repo;
}

function open(repo: TestRepo): Promise<NativeHistoryIndex> {
  return openHistoryIndex({ repo: repo.dir, dataDir: path.join(repo.dir, '.opsledger'), branch: 'main' });
}

async function historyOf(commits: CommitSpec[], id = 'restart-web') {
  const repo = await repoWith(commits);
  const index = await open(repo);
  return { repo, index, events: index.history(id) };
}

const changesOf = (events: { audited_changes: Record<string, unknown> }[]) =>
  events.map((e) => e.audited_changes);

describe('history of an action', () => {
  it('records a create with the whole object, attributed to the author, version 1', async () => {
    const { events } = await historyOf([
      { message: 'Add restart-web', files: { [ACTION_PATH]: actionYaml() } },
    ]);
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e).toMatchObject({
      auditable_type: 'Action',
      auditable_id: 'restart-web',
      action: 'create',
      version: 1,
      user: { name: ALICE.name, email: ALICE.email },
      path: ACTION_PATH,
      message: 'Add restart-web',
      pull_request: null,
      revert_of: null,
    });
    expect(e!.audited_changes).toMatchObject({ id: 'restart-web', timeout: 300, status: 'draft' });
    expect(e!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(e!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(e!.blob).toMatch(/^[0-9a-f]{40}$/);
    expect(e!.committer).toEqual({ name: ALICE.name, email: ALICE.email });
  });

  it('records a field update as a pointer with [old, new]', async () => {
    const { events } = await historyOf([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'raise timeout', author: BOB, files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } },
    ]);
    expect(events[1]).toMatchObject({
      action: 'update',
      version: 2,
      audited_changes: { '/timeout': [300, 600] },
      user: { email: BOB.email },
    });
  });

  it('addresses a parameter default change by the parameter name', async () => {
    const { events } = await historyOf([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'apache', files: { [ACTION_PATH]: actionYaml({ serviceDefault: 'apache' }) } },
    ]);
    expect(events[1]!.audited_changes).toEqual({ '/parameters/service/default': ['nginx', 'apache'] });
  });

  it('records target and credential changes', async () => {
    const { events } = await historyOf([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      {
        message: 'more targets, new credential',
        files: { [ACTION_PATH]: actionYaml({ targets: ['web-01', 'web-02'], credential: 'ops/ssh-v2' }) },
      },
    ]);
    expect(events[1]!.audited_changes).toEqual({
      '/targets': [['web-01'], ['web-01', 'web-02']],
      '/credential': ['ops/ssh', 'ops/ssh-v2'],
    });
  });

  it('counts versions through status draft → approved → released', async () => {
    const { events } = await historyOf([
      { message: 'draft', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'approve', author: CAROL, files: { [ACTION_PATH]: actionYaml({ status: 'approved' }) } },
      { message: 'release', files: { [ACTION_PATH]: actionYaml({ status: 'released' }) } },
    ]);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(changesOf(events.slice(1))).toEqual([
      { '/status': ['draft', 'approved'] },
      { '/status': ['approved', 'released'] },
    ]);
    expect(events[1]!.user.email).toBe(CAROL.email);
  });

  it('keeps the history through a rename, showing /__path', async () => {
    const renamed = 'definitions/actions/web-restart.yaml';
    const { events } = await historyOf([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'rename', renames: { [ACTION_PATH]: renamed } },
    ]);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      action: 'update',
      version: 2,
      path: renamed,
      audited_changes: { '/__path': [ACTION_PATH, renamed] },
    });
  });

  it('keeps the history through a move to a subfolder with a change in the same commit', async () => {
    const moved = 'definitions/actions/web/restart-web.yaml';
    const { events } = await historyOf([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'move', files: { [ACTION_PATH]: null, [moved]: actionYaml({ timeout: 900 }) } },
    ]);
    expect(events[1]!.audited_changes).toEqual({ '/timeout': [300, 900], '/__path': [ACTION_PATH, moved] });
  });

  it('treats an id change as a delete of the old id and a create of the new', async () => {
    const repo = await repoWith([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 're-id', files: { [ACTION_PATH]: actionYaml({ id: 'restart-nginx' }) } },
    ]);
    const index = await open(repo);
    const old = index.history('restart-web');
    expect(old.map((e) => [e.action, e.version])).toEqual([
      ['create', 1],
      ['delete', 2],
    ]);
    expect(old[1]!.audited_changes).toMatchObject({ id: 'restart-web', timeout: 300 });
    expect(index.history('restart-nginx').map((e) => [e.action, e.version])).toEqual([['create', 1]]);
    expect(index.definitionAt('action', 'restart-web')).toBeNull();
    expect(index.definitionAt('action', 'restart-nginx')?.path).toBe(ACTION_PATH);
  });

  it('goes on counting versions after a delete and a re-create', async () => {
    const { events, index } = await historyOf([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'remove', files: { [ACTION_PATH]: null } },
      { message: 'bring back', files: { [ACTION_PATH]: actionYaml({ timeout: 120 }) } },
    ]);
    expect(events.map((e) => [e.action, e.version])).toEqual([
      ['create', 1],
      ['delete', 2],
      ['create', 3],
    ]);
    expect(events[2]!.audited_changes).toMatchObject({ timeout: 120 });
    expect(index.definitionAt('action', 'restart-web', 1)?.value).toMatchObject({ timeout: 300 });
    expect(index.definitionAt('action', 'restart-web', 2)).toBeNull();
    expect(index.definitionAt('action', 'restart-web')?.version).toBe(3);
  });

  it('makes no event for a comment, whitespace or key-order change, but tracks the new blob', async () => {
    const reordered = actionYaml().split('\n');
    const swapped = [reordered[1], reordered[0], ...reordered.slice(2)].join('\n');
    const { events, index } = await historyOf([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'comment', files: { [ACTION_PATH]: actionYaml({ comment: 'owned by the web team' }) } },
      { message: 'whitespace', files: { [ACTION_PATH]: `${actionYaml()}\n\n` } },
      { message: 'key order', files: { [ACTION_PATH]: swapped } },
    ]);
    expect(events).toHaveLength(1);
    const current = index.definitionAt('action', 'restart-web')!;
    expect(current.version).toBe(1);
    expect(current.blob).not.toBe(events[0]!.blob);
    expect(index.definitionAt('action', 'restart-web', 1)!.blob).toBe(events[0]!.blob);
  });

  it('shows a script file content change as /script/file_blob on the unchanged action', async () => {
    const { events } = await historyOf([
      {
        message: 'add',
        files: {
          [ACTION_PATH]: actionYaml({ scriptFile: 'scripts/restart.sh' }),
          'scripts/restart.sh': 'echo 1\n',
        },
      },
      { message: 'script only', author: BOB, files: { 'scripts/restart.sh': 'echo 2\n' } },
      { message: 'unrelated file', files: { 'README.md': 'hello\n' } },
    ]);
    expect(events).toHaveLength(2);
    const [created, changed] = events;
    const blobs = changed!.audited_changes['/script/file_blob'] as [string, string];
    expect(blobs[0]).toBe((created!.audited_changes.script as { file_blob: string }).file_blob);
    expect(blobs[1]).toMatch(/^[0-9a-f]{40}$/);
    expect(blobs[1]).not.toBe(blobs[0]);
    expect(Object.keys(changed!.audited_changes)).toEqual(['/script/file_blob']);
    expect(changed!.user.email).toBe(BOB.email);
  });

  it('keeps a non-ASCII author name', async () => {
    const author = { name: 'Dörte Çelik-Åström 李', email: 'doerte@example.com' };
    const { events } = await historyOf([
      { message: 'Füge hinzu', author, files: { [ACTION_PATH]: actionYaml() } },
    ]);
    expect(events[0]!.user).toEqual(author);
    expect(events[0]!.message).toBe('Füge hinzu');
  });

  it('#14.2 keeps the identities as committed: a .mailmap does not rewrite events', async () => {
    const { events } = await historyOf([
      { message: 'mailmap', files: { '.mailmap': 'Alice Admin <alice@corp.example> <alice@example.com>\n' } },
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
    ]);
    expect(events[0]!.user).toEqual({ name: ALICE.name, email: ALICE.email });
    expect(events[0]!.committer).toEqual({ name: ALICE.name, email: ALICE.email });
  });

  it('lists Co-authored-by trailers in authors', async () => {
    const { events } = await historyOf([
      {
        message: `add\n\nCo-authored-by: ${BOB.name} <${BOB.email}>`,
        files: { [ACTION_PATH]: actionYaml() },
      },
    ]);
    expect(events[0]!.authors.map((a) => a.email)).toEqual([ALICE.email, BOB.email]);
  });
});

describe('history of a runbook and its steps', () => {
  const steps = [{ id: 'drain' }, { id: 'restart' }, { id: 'check' }];

  it('records step added, removed, reordered and condition changed as step events', async () => {
    const { events } = await historyOf(
      [
        { message: 'add', files: { [RUNBOOK_PATH]: runbookYaml(steps.slice(0, 2)) } },
        { message: 'add check', files: { [RUNBOOK_PATH]: runbookYaml(steps) } },
        { message: 'drop drain', files: { [RUNBOOK_PATH]: runbookYaml(steps.slice(1)) } },
        { message: 'reorder', files: { [RUNBOOK_PATH]: runbookYaml([steps[2]!, steps[1]!]) } },
        {
          message: 'run check always',
          files: { [RUNBOOK_PATH]: runbookYaml([{ id: 'check', when: 'always' }, steps[1]!]) },
        },
      ],
      'failover',
    );
    const summary = events.map((e) => [e.auditable_type, e.auditable_id, e.action, e.version]);
    expect(summary).toEqual([
      ['Runbook', 'failover', 'create', 1],
      ['Runbook::Step', 'failover/drain', 'create', 1],
      ['Runbook::Step', 'failover/restart', 'create', 1],
      ['Runbook', 'failover', 'update', 2],
      ['Runbook::Step', 'failover/check', 'create', 1],
      ['Runbook', 'failover', 'update', 3],
      ['Runbook::Step', 'failover/drain', 'delete', 2],
      ['Runbook', 'failover', 'update', 4],
      ['Runbook::Step', 'failover/check', 'update', 2],
    ]);
    const runbookChanges = events.filter((e) => e.auditable_type === 'Runbook').slice(1);
    expect(changesOf(runbookChanges)).toEqual([
      {
        '/steps': [
          ['drain', 'restart'],
          ['drain', 'restart', 'check'],
        ],
      },
      {
        '/steps': [
          ['drain', 'restart', 'check'],
          ['restart', 'check'],
        ],
      },
      {
        '/steps': [
          ['restart', 'check'],
          ['check', 'restart'],
        ],
      },
    ]);
    expect(events.at(-1)!.audited_changes).toEqual({ '/when': ['on_success', 'always'] });
    expect(events.at(-1)!.path).toBe(RUNBOOK_PATH);
  });

  it('answers history of one step by RUNBOOK/STEP', async () => {
    const { index } = await historyOf(
      [
        { message: 'add', files: { [RUNBOOK_PATH]: runbookYaml(steps) } },
        {
          message: 'cond',
          files: { [RUNBOOK_PATH]: runbookYaml([{ id: 'drain', when: 'always' }, ...steps.slice(1)]) },
        },
      ],
      'failover',
    );
    expect(index.history('failover/drain').map((e) => [e.action, e.version])).toEqual([
      ['create', 1],
      ['update', 2],
    ]);
  });
});

describe('history of a role', () => {
  it('records a membership change', async () => {
    const { events } = await historyOf(
      [
        { message: 'add', files: { [ROLE_PATH]: roleYaml([ALICE.email]) } },
        { message: 'add bob', files: { [ROLE_PATH]: roleYaml([ALICE.email, BOB.email]) } },
      ],
      'operators',
    );
    expect(events[1]).toMatchObject({
      auditable_type: 'Role',
      version: 2,
      audited_changes: { '/members': [[ALICE.email], [ALICE.email, BOB.email]] },
    });
  });
});

describe('attribution of merges, squashes and reverts', () => {
  it('attributes a merge to the newest merged author who touched the file, with every author and the merger', async () => {
    const repo = await repoWith([{ message: 'add', files: { [ACTION_PATH]: actionYaml() } }]);
    repo.git('checkout', '-q', '-b', 'feature');
    await repo.commit({
      message: 'carol: timeout',
      author: CAROL,
      files: { [ACTION_PATH]: actionYaml({ timeout: 500 }) },
    });
    await repo.commit({
      message: 'bob: default',
      author: BOB,
      files: { [ACTION_PATH]: actionYaml({ timeout: 500, serviceDefault: 'apache' }) },
    });
    await repo.commit({ message: 'carol: docs', author: CAROL, files: { 'docs/x.md': 'x\n' } });
    repo.git('checkout', '-q', 'main');
    await repo.commit({ message: 'unrelated on main', files: { 'README.md': 'x\n' } });
    gitAs(repo, ALICE, [
      'merge',
      '--no-ff',
      '-q',
      'feature',
      '-m',
      'Merge pull request #7 from team/feature',
    ]);
    const events = (await open(repo)).history('restart-web');
    expect(events).toHaveLength(2);
    const merge = events[1]!;
    expect(merge).toMatchObject({
      action: 'update',
      version: 2,
      pull_request: 7,
      user: { email: BOB.email },
      committer: { email: ALICE.email },
      message: 'Merge pull request #7 from team/feature',
      audited_changes: { '/timeout': [300, 500], '/parameters/service/default': ['nginx', 'apache'] },
    });
    expect(merge.authors.map((a) => a.email)).toEqual([BOB.email, CAROL.email]);
    expect(merge.commit).toBe(repo.git('rev-parse', 'main').trim());
  });

  it('reads the pull request of a squash merge subject', async () => {
    const { events } = await historyOf([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'Raise timeout (#12)', author: BOB, files: { [ACTION_PATH]: actionYaml({ timeout: 900 }) } },
    ]);
    expect(events[1]).toMatchObject({ pull_request: 12, user: { email: BOB.email } });
  });

  it('links a git revert to the commit it reverts', async () => {
    const repo = await repoWith([{ message: 'add', files: { [ACTION_PATH]: actionYaml() } }]);
    const bad = await repo.commit({
      message: 'bad timeout',
      files: { [ACTION_PATH]: actionYaml({ timeout: 1 }) },
    });
    gitAs(repo, BOB, ['revert', '--no-edit', bad]);
    const events = (await open(repo)).history('restart-web');
    expect(events.at(-1)).toMatchObject({
      action: 'update',
      version: 3,
      revert_of: bad,
      user: { email: BOB.email },
      audited_changes: { '/timeout': [1, 300] },
    });
  });

  it('#14.7 a Reverts-Audit trailer restores version N and undoes the version current before it', async () => {
    const repo = await repoWith([{ message: 'add', files: { [ACTION_PATH]: actionYaml() } }]);
    const v2 = await repo.commit({ message: 'v2', files: { [ACTION_PATH]: actionYaml({ timeout: 2 }) } });
    const v3 = await repo.commit({ message: 'v3', files: { [ACTION_PATH]: actionYaml({ timeout: 3 }) } });
    await repo.commit({ message: 'docs', files: { 'README.md': 'x\n' } });
    await repo.commit({
      message: 'Revert action restart-web to version 2\n\nReverts-Audit: restart-web@v2',
      files: { [ACTION_PATH]: actionYaml({ timeout: 2 }) },
    });
    const events = (await open(repo)).history('restart-web');
    expect(events.at(-1)).toMatchObject({
      version: 4,
      revert_of: v3,
      restores: { version: 2, commit: v2 },
      audited_changes: { '/timeout': [3, 2] },
    });
    expect(events.slice(0, 3).every((e) => e.restores === null)).toBe(true);
  });
});

describe('invalid files', () => {
  it('#14.1 makes every broken version an event, and diffs the fix against the last parsed one', async () => {
    const repo = await repoWith([{ message: 'add', files: { [ACTION_PATH]: actionYaml() } }]);
    const broken = await repo.commit({
      message: 'typo',
      author: BOB,
      files: { [ACTION_PATH]: actionYaml({ timeout: 600 }).replace('timeout:', 'timout:') },
    });
    await repo.commit({ message: 'yaml error', files: { [ACTION_PATH]: 'id: restart-web\n  bad: [\n' } });
    await repo.commit({ message: 'fix', files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } });
    const index = await open(repo);
    const events = index.history('restart-web');
    expect(events.map((e) => [e.action, e.version, e.valid])).toEqual([
      ['create', 1, true],
      ['update', 2, false],
      ['update', 3, false],
      ['update', 4, true],
    ]);
    expect(events[1]!.audited_changes).toEqual({ '/timeout': [300, null], '/timout': [null, 600] });
    expect(events[1]!.problems.map((p) => p.code)).toContain('schema');
    expect(events[1]!.user.email).toBe(BOB.email);
    expect(events[2]!.audited_changes).toEqual({});
    expect(new Set(events[2]!.problems.map((p) => p.code))).toEqual(new Set(['yaml-syntax']));
    expect(events[3]!.audited_changes).toEqual({ '/timeout': [null, 600], '/timout': [600, null] });
    expect(index.definitionAt('action', 'restart-web', 2)).toMatchObject({ valid: false, commit: broken });
    expect(index.definitionAt('action', 'restart-web', 2)!.value).toMatchObject({ timout: 600 });
    expect(index.definitionAt('action', 'restart-web', 3)).toBeNull();
    const invalid = index.invalid();
    expect(invalid).toHaveLength(2);
    expect(invalid[0]).toMatchObject({
      action: 'invalid',
      auditable_type: 'Action',
      auditable_id: 'restart-web',
      path: ACTION_PATH,
      commit: broken,
      user: { email: BOB.email },
      message: 'typo',
    });
    expect(invalid[0]!.findings[0]).toMatchObject({ file: ACTION_PATH, line: 14, col: 1 });
    expect(invalid[1]!.findings[0]!.code).toBe('yaml-syntax');
    // What runs and grants is the last valid state while the file is broken.
    expect(index.definitionsAt('action', broken).map((d) => d.value.id)).toEqual(['restart-web']);
  });

  it('#14.4 reports a second file claiming an existing id as duplicate_id on the commit that introduced it', async () => {
    const { index, events } = await historyOf([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'copy', files: { 'definitions/actions/copy.yaml': actionYaml({ timeout: 5 }) } },
      { message: 'edit copy', files: { 'definitions/actions/copy.yaml': actionYaml({ timeout: 6 }) } },
    ]);
    expect(events).toHaveLength(1);
    expect(index.invalid().map((i) => [i.message, i.findings[0]!.code])).toEqual([['copy', 'duplicate_id']]);
  });
});

describe('point-in-time reads', () => {
  it('lists live definitions as of a commit and every first-parent commit', async () => {
    const repo = await repoWith([{ message: 'readme', files: { 'README.md': 'x\n' } }]);
    const c1 = await repo.commit({
      message: 'add',
      files: { [ACTION_PATH]: actionYaml(), [ROLE_PATH]: roleYaml([ALICE.email]) },
    });
    const c2 = await repo.commit({
      message: 'raise',
      files: { [ACTION_PATH]: actionYaml({ timeout: 700 }) },
    });
    const c3 = await repo.commit({ message: 'drop role', files: { [ROLE_PATH]: null } });
    const index = await open(repo);
    expect(
      index
        .commits()
        .map((c) => c.sha)
        .slice(1),
    ).toEqual([c1, c2, c3]);
    expect(index.definitionsAt('action', c1)[0]).toMatchObject({ version: 1, value: { timeout: 300 } });
    expect(index.definitionsAt('action', c3)[0]).toMatchObject({ version: 2, value: { timeout: 700 } });
    expect(index.definitionsAt('role', c2).map((d) => d.id)).toEqual(['operators']);
    expect(index.definitionsAt('role', c3)).toEqual([]);
    // A commit named by an abbreviation (at least 7 digits) reads as its full sha; an unknown one lists nothing.
    expect(index.definitionsAt('action', c2.slice(0, 7))).toEqual(index.definitionsAt('action', c2));
    expect(index.definitionsAt('action', c1.slice(0, 6))).toEqual([]);
    expect(index.definitionsAt('action', '0'.repeat(40))).toEqual([]);
    expect(index.tip()).toBe(c3);
    expect(index.events({ type: 'Role' }).map((e) => e.action)).toEqual(['create', 'delete']);
    expect(index.events({ user: 'ALICE@example.com' })).toHaveLength(4);
    expect(index.events({ since: '2100-01-01' })).toEqual([]);
  });
});
