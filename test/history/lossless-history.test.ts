import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blameDefinition } from '../../src/history/blame-definition.js';
import type { NativeHistoryIndex } from '../../src/history/native-history-index.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import type { AuditEvent } from '../../src/history/types.js';
import { runCli } from '../helpers/cli.js';
import {
  ALICE,
  BOB,
  CAROL,
  createTestRepo,
  gitAs,
  type Author,
  type CommitSpec,
  type TestRepo,
} from '../helpers/git-repo.js';
import { ACTION_PATH, actionYaml } from './fixtures.js';

const DAVE: Author = { name: 'Dave Deployer', email: 'dave@example.com' };
const SCHEMA = 'definitions/schema/action.schema.json';
const COPY_PATH = 'definitions/actions/copy-of-restart.yaml';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

async function repoWith(commits: CommitSpec[]): Promise<TestRepo> {
  const repo = await createTestRepo(commits);
  repos.push(repo);
  return repo;
}

function open(repo: TestRepo, branch = 'main', dataDir = '.opsledger'): Promise<NativeHistoryIndex> {
  return openHistoryIndex({ repo: repo.dir, dataDir: path.join(repo.dir, dataDir), branch });
}

/** The audit as `audit --json` lists it: events and invalid entries. */
function auditOf(index: NativeHistoryIndex): string {
  return JSON.stringify({ events: index.events(), invalid: index.invalid() });
}

const withDescription = (text: string, fields: Parameters<typeof actionYaml>[0] = {}): string =>
  `${actionYaml(fields)}description: ${text}\n`;

/** The shipped action schema, stricter: `runbook_url` becomes required. */
function requiringRunbookUrl(): string {
  const shipped = JSON.parse(readFileSync(path.resolve(SCHEMA), 'utf8')) as {
    required: string[];
    properties: Record<string, unknown>;
  };
  shipped.required = [...shipped.required, 'runbook_url'];
  shipped.properties.runbook_url = { type: 'string' };
  return JSON.stringify(shipped);
}

describe('#14.1 every change is an event, valid or not', () => {
  it('#14.1 a stricter schema does not erase history: earlier versions stay valid events, show works', async () => {
    const repo = await repoWith([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'raise', author: BOB, files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } },
      { message: 'require runbook_url', files: { [SCHEMA]: requiringRunbookUrl() } },
      { message: 'lower', author: CAROL, files: { [ACTION_PATH]: actionYaml({ timeout: 400 }) } },
    ]);
    const index = await open(repo);
    const events = index.history('restart-web');
    expect(events.map((e) => [e.action, e.version, e.valid, e.user.email])).toEqual([
      ['create', 1, true, ALICE.email],
      ['update', 2, true, BOB.email],
      ['update', 3, false, CAROL.email],
    ]);
    expect(events[2]!.problems).toEqual([
      { code: 'schema', pointer: '', message: expect.stringContaining('runbook_url') as string },
    ]);
    expect(index.definitionAt('action', 'restart-web', 1)).toMatchObject({ version: 1, valid: true });
    const dataDir = path.join(repo.dir, '.cli');
    const show = runCli(['--repo', repo.dir, '--data-dir', dataDir, '--json', 'show', 'restart-web@1']);
    expect(show.stderr).toBe('');
    expect(JSON.parse(show.stdout)).toMatchObject({ id: 'restart-web', version: 1, value: { timeout: 300 } });
    const invalidShow = runCli([
      '--repo',
      repo.dir,
      '--data-dir',
      dataDir,
      '--json',
      'show',
      'restart-web@3',
    ]);
    expect(JSON.parse(invalidShow.stdout)).toMatchObject({ version: 3, value: { timeout: 400 } });
  });
});

describe('#14.1 invalid versions in diff and revert', () => {
  it('#14.1 diff and revert --to work on an invalid version; reverting to one warns', async () => {
    const broken = actionYaml({ timeout: 600 }).replace('timeout:', 'timout:');
    const repo = await repoWith([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'typo', author: BOB, files: { [ACTION_PATH]: broken } },
      { message: 'fix', files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } },
    ]);
    const dataDir = path.join(repo.dir, '.cli');
    const cli = (...args: string[]) => runCli(['--repo', repo.dir, '--data-dir', dataDir, ...args]);
    const diff = cli('--json', 'diff', 'restart-web', '1', '2');
    expect(JSON.parse(diff.stdout)).toMatchObject({
      audited_changes: { '/timeout': [300, null], '/timout': [null, 600] },
    });
    const revert = cli('revert', 'restart-web', '--to', '2');
    expect(revert.code).toBe(0);
    expect(revert.stderr).toContain('warning: version 2 of restart-web did not validate');
    expect(readFileSync(path.join(repo.dir, ACTION_PATH), 'utf8')).toBe(broken);
    const last = (JSON.parse(cli('--json', 'history', 'restart-web').stdout) as AuditEvent[]).at(-1)!;
    expect(last).toMatchObject({ version: 4, valid: false, restores: { version: 2 } });
  });
});

describe('#14.1 show of versions without valid content', () => {
  it('#14.1 show names a version that does not parse, and a definition that never validated', async () => {
    const repo = await repoWith([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'break', files: { [ACTION_PATH]: 'id: restart-web\n  x: [\n' } },
      {
        message: 'add broken',
        files: { [COPY_PATH]: actionYaml({ id: 'never-valid' }).replace('timeout:', 'timout:') },
      },
    ]);
    const dataDir = path.join(repo.dir, '.cli');
    const show = (ref: string) => runCli(['--repo', repo.dir, '--data-dir', dataDir, 'show', ref]);
    const unparsed = show('restart-web@2');
    expect(unparsed.code).toBe(2);
    expect(unparsed.stderr).toContain(
      'error[VERSION_NOT_FOUND]: version 2 of action restart-web does not parse',
    );
    expect(show('restart-web').stdout).toBe(actionYaml());
    const never = show('never-valid');
    expect(never.stderr).toContain(
      'error[DEFINITION_NOT_FOUND]: action never-valid has no version that validated',
    );
    expect(never.stderr).toContain('opsledger show never-valid@1');
  });
});

describe('#14.2 append-only', () => {
  it('#14.2 the audit with the branch at an earlier commit is the prefix of the audit at the tip', async () => {
    const repo = await repoWith([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'raise', author: BOB, files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } },
    ]);
    repo.git('branch', 'then');
    const then = await open(repo, 'then', '.then');
    const before = auditOf(then);
    // Everything that could reach back: a mailmap, a stricter schema, a config, a broken version, a rebuild.
    await repo.commit({
      message: 'mailmap',
      files: { '.mailmap': `Bob B <bob@corp.example> <${BOB.email}>\n` },
    });
    await repo.commit({ message: 'stricter', files: { [SCHEMA]: requiringRunbookUrl() } });
    await repo.commit({ message: 'config', files: { 'opsledger.yaml': 'branch: main\n' } });
    await repo.commit({ message: 'break', files: { [ACTION_PATH]: 'id: restart-web\n  x: [\n' } });
    const now = await open(repo);
    const events = now.events();
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    const prefix = JSON.stringify({ events: events.slice(0, 2), invalid: [] });
    expect(prefix).toBe(before);
    await now.rebuild();
    expect(JSON.stringify(now.events().slice(0, 2))).toBe(JSON.stringify(then.events()));
    // The index of the earlier branch, refreshed after the tip moved on, still says the same.
    await then.refresh();
    expect(auditOf(then)).toBe(before);
  });
});

describe('#14.3 per-author credit inside merges', () => {
  async function mergedPullRequest(): Promise<{
    repo: TestRepo;
    dave: string;
    alice: string;
    merge: string;
  }> {
    const repo = await repoWith([{ message: 'add', files: { [ACTION_PATH]: withDescription('old') } }]);
    repo.git('checkout', '-q', '-b', 'feature');
    const dave = await repo.commit({
      message: 'dave: timeout',
      author: DAVE,
      files: { [ACTION_PATH]: withDescription('old', { timeout: 900 }) },
    });
    const alice = await repo.commit({
      message: 'alice: description',
      author: ALICE,
      files: { [ACTION_PATH]: withDescription('new', { timeout: 900 }) },
    });
    repo.git('checkout', '-q', 'main');
    await repo.commit({ message: 'unrelated on main', files: { 'README.md': 'x\n' } });
    gitAs(repo, CAROL, [
      'merge',
      '--no-ff',
      '-q',
      'feature',
      '-m',
      'Merge pull request #21 from team/feature',
    ]);
    return { repo, dave, alice, merge: repo.git('rev-parse', 'main').trim() };
  }

  it('#14.3 credits each pointer of a merged pull request to the side commit that set it', async () => {
    const { repo, dave, alice, merge } = await mergedPullRequest();
    const index = await open(repo);
    const event = index.history('restart-web')[1]!;
    expect(event).toMatchObject({
      action: 'update',
      version: 2,
      commit: merge,
      pull_request: 21,
      forge: 'github',
      user: { name: ALICE.name, email: ALICE.email },
      merged_by: { name: CAROL.name, email: CAROL.email },
      audited_changes: { '/timeout': [300, 900], '/description': ['old', 'new'] },
      changed_by: {
        '/timeout': { name: DAVE.name, email: DAVE.email, commit: dave },
        '/description': { name: ALICE.name, email: ALICE.email, commit: alice },
      },
    });
    expect(index.history('restart-web')[0]).toMatchObject({ changed_by: null, merged_by: null });
    expect(index.events({ user: DAVE.email }).map((e) => e.version)).toEqual([2]);
    const current = index.definitionAt('action', 'restart-web')!.value as unknown as Record<string, unknown>;
    const blame = blameDefinition(index.history('restart-web'), current, { id: 'restart-web' });
    expect(blame.find((l) => l.pointer === '/timeout')).toMatchObject({
      user: { email: DAVE.email },
      pull_request: 21,
      commit: merge,
      authored_in: dave,
    });
    expect(blame.find((l) => l.pointer === '/description')).toMatchObject({
      user: { email: ALICE.email },
      authored_in: alice,
    });
  });

  it('#14.3 audit --user and blame through the CLI name dave for the timeout', async () => {
    const { repo } = await mergedPullRequest();
    const dataDir = path.join(repo.dir, '.cli');
    const audit = runCli([
      '--repo',
      repo.dir,
      '--data-dir',
      dataDir,
      '--json',
      'audit',
      '--user',
      DAVE.email,
    ]);
    expect((JSON.parse(audit.stdout) as { version: number }[]).map((e) => e.version)).toEqual([2]);
    const blame = runCli(['--repo', repo.dir, '--data-dir', dataDir, 'blame', 'restart-web']);
    expect(blame.stdout.split('\n').find((l) => l.startsWith('/timeout'))).toContain(DAVE.email);
  });

  it('#14.3 a squash credits its author and its Co-authored-by trailers', async () => {
    const repo = await repoWith([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      {
        message: `Raise timeout (#5)\n\nCo-authored-by: ${DAVE.name} <${DAVE.email}>`,
        author: BOB,
        files: { [ACTION_PATH]: actionYaml({ timeout: 700 }) },
      },
    ]);
    const index = await open(repo);
    expect(index.history('restart-web')[1]).toMatchObject({
      user: { email: BOB.email },
      authors: [
        { name: BOB.name, email: BOB.email },
        { name: DAVE.name, email: DAVE.email },
      ],
      changed_by: null,
      merged_by: null,
      pull_request: 5,
    });
    expect(index.events({ user: DAVE.email }).map((e) => e.version)).toEqual([2]);
    expect(index.events({ user: CAROL.email })).toEqual([]);
  });
});

describe('#14.4 identity of duplicated ids', () => {
  it('#14.4 the id stays with the first file; when it is deleted the copy takes over as one update with /__path', async () => {
    const repo = await repoWith([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'copy', author: BOB, files: { [COPY_PATH]: actionYaml({ timeout: 5 }) } },
      { message: 'edit copy', files: { [COPY_PATH]: actionYaml({ timeout: 6 }) } },
      { message: 'drop the original', files: { [ACTION_PATH]: null } },
    ]);
    const index = await open(repo);
    const events = index.history('restart-web');
    expect(events.map((e) => [e.action, e.version, e.message, e.path, e.audited_changes])).toEqual([
      ['create', 1, 'add', ACTION_PATH, expect.anything()],
      [
        'update',
        2,
        'drop the original',
        COPY_PATH,
        { '/timeout': [300, 6], '/__path': [ACTION_PATH, COPY_PATH] },
      ],
    ]);
    expect(index.invalid().map((i) => [i.message, i.path, i.findings.map((f) => f.code)])).toEqual([
      ['copy', COPY_PATH, ['duplicate_id']],
    ]);
    expect(index.definitionAt('action', 'restart-web')).toMatchObject({ path: COPY_PATH, version: 2 });
  });

  it('#14.4 a holder that changes its id or is renamed hands the id to the remaining copy', async () => {
    const repo = await repoWith([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'copy', files: { [COPY_PATH]: actionYaml() } },
      { message: 'rename the holder', renames: { [ACTION_PATH]: 'definitions/actions/zz-moved.yaml' } },
      { message: 'holder takes a new id', files: { [COPY_PATH]: actionYaml({ id: 'restart-api' }) } },
    ]);
    const index = await open(repo);
    // The copy claimed before the renamed file: it takes over at the rename; then it changes its id, and the
    // renamed file takes the id back.
    expect(index.history('restart-web').map((e) => [e.action, e.version, e.audited_changes])).toEqual([
      ['create', 1, expect.anything()],
      ['update', 2, { '/__path': [ACTION_PATH, COPY_PATH] }],
      ['update', 3, { '/__path': [COPY_PATH, 'definitions/actions/zz-moved.yaml'] }],
    ]);
    expect(index.history('restart-api').map((e) => e.action)).toEqual(['create']);
  });
});

describe('#14.7 revert semantics', () => {
  it('#14.7 git revert keeps revert_of = the reverted commit and restores nothing', async () => {
    const repo = await repoWith([{ message: 'add', files: { [ACTION_PATH]: actionYaml() } }]);
    const raise = await repo.commit({
      message: 'raise',
      files: { [ACTION_PATH]: actionYaml({ timeout: 9 }) },
    });
    gitAs(repo, BOB, ['revert', '--no-edit', raise]);
    const index = await open(repo);
    expect(index.history('restart-web').at(-1)).toMatchObject({
      version: 3,
      revert_of: raise,
      restores: null,
      user: { email: BOB.email },
    });
  });
});

describe('#14.8 other forges', () => {
  it.each([
    [
      'gitlab',
      "Merge branch 'feature' into 'main'\n\nRaise timeout\n\nSee merge request ops/automation!123",
      123,
    ],
    ['bitbucket', 'Merged in feature/timeout (pull request #45)\n\nRaise timeout', 45],
    ['azure', 'Merged PR 678: Raise timeout', 678],
    ['github', 'Merge pull request #9 from team/feature', 9],
    [null, "Merge branch 'feature'", null],
  ])('#14.8 recognises a %s merge', async (forge, message, number) => {
    const repo = await repoWith([{ message: 'add', files: { [ACTION_PATH]: actionYaml() } }]);
    repo.git('checkout', '-q', '-b', 'feature');
    await repo.commit({
      message: 'raise',
      author: BOB,
      files: { [ACTION_PATH]: actionYaml({ timeout: 9 }) },
    });
    repo.git('checkout', '-q', 'main');
    await repo.commit({ message: 'unrelated', files: { 'README.md': 'x\n' } });
    gitAs(repo, CAROL, ['merge', '--no-ff', '-q', 'feature', '-m', message]);
    const index = await open(repo);
    expect(index.history('restart-web').at(-1)).toMatchObject({ pull_request: number, forge });
  });
});

describe('partial histories', () => {
  it('#14.5 a partial fold says partial and does not call the first version seen a create', async () => {
    const repo = await repoWith([
      { message: 'add', files: { [ACTION_PATH]: actionYaml() } },
      { message: 'raise', files: { [ACTION_PATH]: actionYaml({ timeout: 9 }) } },
    ]);
    const index = await openHistoryIndex({
      repo: repo.dir,
      dataDir: path.join(repo.dir, '.partial'),
      branch: 'main',
      partial: true,
    });
    const events = index.history('restart-web');
    expect(events.map((e) => [e.action, e.version, e.partial])).toEqual([
      ['update', 1, true],
      ['update', 2, true],
    ]);
    expect(events[0]!.audited_changes).toMatchObject({
      '/id': [null, 'restart-web'],
      '/timeout': [null, 300],
    });
    expect((await open(repo)).history('restart-web')[0]).toMatchObject({ action: 'create', partial: false });
  });
});
