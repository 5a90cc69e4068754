import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blameDefinition } from '../../src/history/blame-definition.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import { writeApprovalNote, type ApprovalNote } from '../../src/review/approval-note.js';
import { ALICE, BOB, CAROL, createTestRepo, gitAs, type TestRepo } from '../helpers/git-repo.js';
import { actionYaml, STANDARD_ROLES, evidenceOf, findingsOf, modelFor } from '../reports/report-fixture.js';
import { runCliAsync } from './pr-fixtures.js';

const WEB = 'definitions/actions/restart-web.yaml';
const NOW = '2026-02-01T12:00:00Z';

function noteFor(number: number, head: string, approvals: [string, string | null, string][]): ApprovalNote {
  return {
    version: 1,
    pull_request: {
      number,
      url: `https://github.com/acme/ops/pull/${number}`,
      head_sha: head,
      base_ref: 'main',
      authors: ['bob-gh'],
    },
    approvals: approvals.map(([login, email, commit]) => ({
      reviewer_login: login,
      email,
      state: 'APPROVED',
      commit_id: commit,
      submitted_at: '2026-01-10T10:00:00Z',
    })),
    recorded_at: '2026-01-10T11:00:00Z',
  };
}

/** Bob changes the timeout on a branch; carol merges it as pull request `number`. Returns [head, merge]. */
async function mergedPullRequest(
  repo: TestRepo,
  number: number,
  timeout: number,
  day: number,
): Promise<[string, string]> {
  repo.git('checkout', '-q', '-b', `pr-${number}`);
  const head = await repo.commit({
    message: `Timeout ${timeout}`,
    author: BOB,
    date: `2026-01-${day}T09:00:00Z`,
    files: { [WEB]: actionYaml({ id: 'restart-web', status: 'released', timeout }) },
  });
  repo.git('checkout', '-q', 'main');
  gitAs(
    repo,
    CAROL,
    ['merge', '-q', '--no-ff', '-m', `Merge pull request #${number} from acme/pr-${number}`, `pr-${number}`],
    `2026-01-${day}T10:00:00Z`,
  );
  return [head, repo.git('rev-parse', 'HEAD').trim()];
}

let repo: TestRepo;
let dataDir: string;
let pr1: [string, string];
let pr2: [string, string];
let pr3: [string, string];

beforeAll(async () => {
  repo = await createTestRepo();
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-approvals-'));
  await repo.commit({ message: 'Roles', author: ALICE, date: '2026-01-05T09:00:00Z', files: STANDARD_ROLES });
  await repo.commit({
    message: 'Add restart-web',
    author: ALICE,
    date: '2026-01-05T10:00:00Z',
    files: { [WEB]: actionYaml({ id: 'restart-web', status: 'released', timeout: 300 }) },
  });
  pr1 = await mergedPullRequest(repo, 1, 600, 10);
  await writeApprovalNote(
    repo.dir,
    pr1[1],
    noteFor(1, pr1[0], [
      ['carol-gh', CAROL.email, pr1[0]],
      ['bob-gh', BOB.email, pr1[0]],
    ]),
  );
  pr2 = await mergedPullRequest(repo, 2, 900, 12);
  pr3 = await mergedPullRequest(repo, 3, 1200, 14);
  await writeApprovalNote(repo.dir, pr3[1], noteFor(3, pr3[0], [['carol-gh', CAROL.email, pr2[0]]]));
});
afterAll(async () => {
  await repo.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

describe('#18.3 approval evidence in the audit', () => {
  it('history events carry the approvals recorded for their commit, or null', async () => {
    const index = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
    const [create, v2, v3, v4] = index.history('restart-web');
    expect(create!.approvals).toBeNull();
    expect(v2!.approvals).toEqual([
      {
        reviewer_login: 'carol-gh',
        email: CAROL.email,
        state: 'APPROVED',
        commit_id: pr1[0],
        submitted_at: '2026-01-10T10:00:00Z',
        pull_request: 1,
        stale: false,
        by_author: false,
      },
      {
        reviewer_login: 'bob-gh',
        email: BOB.email,
        state: 'APPROVED',
        commit_id: pr1[0],
        submitted_at: '2026-01-10T10:00:00Z',
        pull_request: 1,
        stale: false,
        by_author: true,
      },
    ]);
    expect(v3!.approvals).toBeNull();
    expect(v4!.approvals).toMatchObject([{ reviewer_login: 'carol-gh', stale: true }]);
    expect(index.events({ id: 'restart-web' }).map((e) => e.approvals === null)).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('a note recorded later shows at the next refresh; every other field of the event stays as it was', async () => {
    const index = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
    const before = index.history('restart-web')[2]!;
    const late = await createLateNote();
    try {
      await index.refresh();
      const after = index.history('restart-web')[2]!;
      expect(after.approvals).toMatchObject([{ reviewer_login: 'dave-gh', pull_request: 2 }]);
      expect({ ...after, approvals: null }).toEqual(before);
      // A fresh process (cache file) sees it too.
      const reopened = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
      expect(reopened.history('restart-web')[2]!.approvals).toEqual(after.approvals);
    } finally {
      await late();
    }
  });

  it('blame names who approved each value', async () => {
    const index = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
    const current = index.definitionAt('action', 'restart-web')!.value as unknown as Record<string, unknown>;
    const lines = blameDefinition(index.history('restart-web'), current, { id: 'restart-web' });
    expect(lines.find((l) => l.pointer === '/timeout')).toMatchObject({ version: 4, approved_by: [] });
    expect(lines.find((l) => l.pointer === '/name')).toMatchObject({ version: 1, approved_by: null });
    const v2 = blameDefinition(
      index.history('restart-web').slice(0, 2),
      { timeout: 600 },
      { id: 'restart-web' },
    );
    expect(v2[0]).toMatchObject({ pointer: '/timeout', approved_by: [CAROL.email] });
  });

  it('report findings: a change without approval and one merged on stale approvals; an approved one is clean', async () => {
    const model = await modelFor(repo, { now: NOW });
    const unapproved = findingsOf(model, 'unapproved-change');
    expect(unapproved.map((f) => evidenceOf(f).Commit)).toEqual([pr2[1]]);
    expect(evidenceOf(unapproved[0]!)['Recorded reviews']).toBe('none (no approval note for this commit)');
    const stale = findingsOf(model, 'stale-approval');
    expect(stale.map((f) => evidenceOf(f).Commit)).toEqual([pr3[1]]);
    expect(evidenceOf(stale[0]!)['Approved heads']).toBe(pr2[0]);
  });

  it('`opsledger approvals ID@VERSION` shows the evidence and whether it counts', async () => {
    const text = await runCliAsync(['approvals', 'restart-web@2', '--data-dir', dataDir], { cwd: repo.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`action restart-web v2 (commit ${pr1[1].slice(0, 7)}, PR #1): approved`);
    expect(text.stdout).toContain(`carol-gh <${CAROL.email}> APPROVED ${pr1[0].slice(0, 7)}`);
    expect(text.stdout).toContain('by an author');
    const json = await runCliAsync(['approvals', 'restart-web@4', '--json', '--data-dir', dataDir], {
      cwd: repo.dir,
    });
    expect(JSON.parse(json.stdout)).toMatchObject({
      id: 'restart-web',
      version: 4,
      verdict: 'stale',
      commit: pr3[1],
    });
    const none = await runCliAsync(['approvals', 'restart-web@1', '--data-dir', dataDir], { cwd: repo.dir });
    expect(none.stdout).toContain('no approval note recorded for this commit');
    const missing = await runCliAsync(['approvals', 'restart-web@9', '--data-dir', dataDir], {
      cwd: repo.dir,
    });
    expect(missing.code).toBe(2);
  });
});

/** Record a note for pull request 2 after the fact; the returned function removes it again. */
async function createLateNote(): Promise<() => Promise<void>> {
  await writeApprovalNote(repo.dir, pr2[1], noteFor(2, pr2[0], [['dave-gh', 'dave@example.com', pr2[0]]]));
  return async () => {
    repo.git('notes', '--ref', 'refs/notes/opsledger/approvals', 'remove', pr2[1]);
  };
}
