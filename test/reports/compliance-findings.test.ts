import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionInput } from '../../src/executions/types.js';
import { ALICE, BOB, CAROL, createTestRepo, gitAs, type TestRepo } from '../helpers/git-repo.js';
import { finishedRun } from './fakes.js';
import {
  DAVE,
  EVE,
  STANDARD_ROLES,
  actionYaml,
  evidenceOf,
  findingsOf,
  modelFor,
  roleYaml,
} from './report-fixture.js';

const WEB = 'definitions/actions/restart-web.yaml';
const NOW = '2026-02-01T12:00:00Z';
const repos: TestRepo[] = [];

afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

/**
 * The by-the-book history every test starts from: alice adds the role files, bob adds restart-web as a draft, and
 * carol (an approver) merges bob's pull request that releases it.
 */
async function baseRepo(): Promise<{ repo: TestRepo; roles: string; create: string; release: string }> {
  const repo = await createTestRepo();
  repos.push(repo);
  const roles = await repo.commit({
    message: 'Add role files',
    author: ALICE,
    date: '2026-01-05T09:00:00Z',
    files: STANDARD_ROLES,
  });
  const create = await repo.commit({
    message: 'Add restart-web',
    author: BOB,
    date: '2026-01-05T10:00:00Z',
    files: { [WEB]: actionYaml({ id: 'restart-web', tags: ['web'], targets: ['web-01'] }) },
  });
  repo.git('checkout', '-q', '-b', 'release');
  await repo.commit({
    message: 'Release restart-web',
    author: BOB,
    date: '2026-01-06T09:00:00Z',
    files: {
      [WEB]: actionYaml({ id: 'restart-web', status: 'released', tags: ['web'], targets: ['web-01'] }),
    },
  });
  repo.git('checkout', '-q', 'main');
  gitAs(
    repo,
    CAROL,
    ['merge', '-q', '--no-ff', '-m', 'Merge pull request #3 from acme/release', 'release'],
    '2026-01-06T10:00:00Z',
  );
  return { repo, roles, create, release: repo.git('rev-parse', 'HEAD').trim() };
}

/** A successful, released, in-scope run of restart-web by dave (an operator on tag:web). */
function goodRun(release: string, at: string, over: Partial<ExecutionInput> = {}): ExecutionInput {
  return finishedRun({
    action_id: 'restart-web',
    at,
    user: DAVE.email,
    targets: ['web-01'],
    definition: { commit: release, blob: null, path: WEB, version: 2, status: 'released', dirty: false },
    ...over,
  });
}

describe('compliance findings', () => {
  it('finds nothing in a by-the-book history', async () => {
    const { repo, release } = await baseRepo();
    const model = await modelFor(repo, {
      now: NOW,
      runs: [goodRun(release, '2026-01-20T08:00:00Z'), goodRun(release, '2026-01-25T08:00:00Z')],
      verify: { ok: true, records: 2, head: null, problems: [], gaps: [], anchors_checked: 0 },
    });
    expect(model.findings).toEqual([]);
    expect(model.counts.runs).toBe(2);
  });

  it('flags a change by an author without definitions:modify, judged by the role files before it', async () => {
    const { repo, roles } = await baseRepo();
    const edit = await repo.commit({
      message: 'Quick fix',
      author: EVE,
      date: '2026-01-10T09:00:00Z',
      files: {
        [WEB]: actionYaml({
          id: 'restart-web',
          status: 'released',
          tags: ['web'],
          targets: ['web-01'],
          timeout: 5,
        }),
      },
    });
    // Granting the permission afterwards does not make the earlier change authorized.
    await repo.commit({
      message: 'Eve joins the authors',
      author: ALICE,
      date: '2026-01-11T09:00:00Z',
      files: {
        'definitions/roles/authors.yaml': roleYaml('authors', [BOB.email, EVE.email], ['definitions:modify']),
      },
    });
    const model = await modelFor(repo, { now: NOW });
    const [finding, ...rest] = findingsOf(model, 'unauthorized-change');
    expect(rest).toEqual([]);
    expect(finding!.subject).toEqual({ type: 'action', id: 'restart-web' });
    expect(finding!.at).toBe('2026-01-10T09:00:00Z');
    expect(evidenceOf(finding!)).toMatchObject({
      Commit: edit,
      Time: '2026-01-10T09:00:00Z',
      'Author checked': EVE.email,
      'Author’s roles then': 'none',
      Changes: 'Action restart-web v3 (update)',
    });
    expect(evidenceOf(finding!)['Role files']).toContain(`last changed in ${roles}`);
  });

  it('flags a commit that grants its author the permission it uses (self-grant)', async () => {
    const { repo } = await baseRepo();
    const sneaky = await repo.commit({
      message: 'Add myself and fix the action',
      author: EVE,
      date: '2026-01-10T09:00:00Z',
      files: {
        'definitions/roles/authors.yaml': roleYaml('authors', [BOB.email, EVE.email], ['definitions:modify']),
        [WEB]: actionYaml({
          id: 'restart-web',
          status: 'released',
          tags: ['web'],
          targets: ['web-01'],
          timeout: 9,
        }),
      },
    });
    const model = await modelFor(repo, { now: NOW });
    const [finding] = findingsOf(model, 'unauthorized-change');
    expect(evidenceOf(finding!)).toMatchObject({
      Commit: sneaky,
      Changes: 'Action restart-web v3 (update), Role authors v2 (update)',
    });
  });

  it('flags a release without a second person holding definitions:approve (four eyes)', async () => {
    const { repo } = await baseRepo();
    const self = await repo.commit({
      message: 'Add and release db-failover',
      author: BOB,
      date: '2026-01-12T09:00:00Z',
      files: {
        'definitions/actions/db-failover.yaml': actionYaml({ id: 'db-failover', status: 'released' }),
      },
    });
    const model = await modelFor(repo, { now: NOW });
    // carol's merge of bob's release (the base history) passes; bob's own release does not.
    const findings = findingsOf(model, 'missing-four-eyes');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.subject).toEqual({ type: 'action', id: 'db-failover' });
    expect(evidenceOf(findings[0]!)).toMatchObject({
      Commit: self,
      Author: BOB.email,
      'Merged / committed by': BOB.email,
      Released: 'Action db-failover v1 (create)',
      'Other people checked': 'none (the author made and merged the change alone)',
    });
  });

  it('flags a release merged by someone who cannot approve', async () => {
    const { repo } = await baseRepo();
    repo.git('checkout', '-q', '-b', 'rel2');
    await repo.commit({
      message: 'Release db-failover',
      author: BOB,
      date: '2026-01-12T09:00:00Z',
      files: {
        'definitions/actions/db-failover.yaml': actionYaml({ id: 'db-failover', status: 'released' }),
      },
    });
    repo.git('checkout', '-q', 'main');
    gitAs(
      repo,
      DAVE,
      ['merge', '-q', '--no-ff', '-m', 'Merge pull request #9 from acme/rel2', 'rel2'],
      '2026-01-12T10:00:00Z',
    );
    const merge = repo.git('rev-parse', 'HEAD').trim();
    const model = await modelFor(repo, { now: NOW });
    const [finding] = findingsOf(model, 'missing-four-eyes');
    expect(evidenceOf(finding!)).toMatchObject({
      Commit: merge,
      Author: BOB.email,
      'Merged / committed by': DAVE.email,
      'Other people checked': `${DAVE.email} (operators)`,
      'Pull request': '#9',
    });
  });

  it('flags runs by users without actions:execute at that time, including out-of-scope runs', async () => {
    const { repo, release, roles } = await baseRepo();
    const db = await repo.commit({
      message: 'Add db-backup',
      author: BOB,
      date: '2026-01-07T09:00:00Z',
      files: {
        'definitions/actions/db-backup.yaml': actionYaml({
          id: 'db-backup',
          status: 'released',
          tags: ['db'],
        }),
      },
    });
    // Eve becomes an operator on the 15th: her run on the 14th is unauthorized, the one on the 16th is not.
    await repo.commit({
      message: 'Eve joins the operators',
      author: ALICE,
      date: '2026-01-15T00:00:00Z',
      files: {
        'definitions/roles/operators.yaml': roleYaml(
          'operators',
          [DAVE.email, EVE.email],
          ['actions:execute'],
          ['tag:web'],
        ),
      },
    });
    const model = await modelFor(repo, {
      now: NOW,
      runs: [
        goodRun(release, '2026-01-14T08:00:00Z', { initiator: { user: EVE.email, via: 'cli' } }),
        goodRun(release, '2026-01-16T08:00:00Z', { initiator: { user: EVE.email, via: 'cli' } }),
        // dave's scope is tag:web; db-backup is tagged db.
        finishedRun({
          action_id: 'db-backup',
          at: '2026-01-17T08:00:00Z',
          user: DAVE.email,
          definition: { commit: db, blob: null, path: 'x', version: 1, status: 'released', dirty: false },
        }),
        // A denied attempt did not run: no finding.
        finishedRun({
          action_id: 'db-backup',
          at: '2026-01-18T08:00:00Z',
          user: EVE.email,
          status: 'denied',
        }),
      ],
    });
    const findings = findingsOf(model, 'unauthorized-run');
    expect(findings.map((f) => [f.subject.id, evidenceOf(f).User, evidenceOf(f).Started])).toEqual([
      ['db-backup', DAVE.email, '2026-01-17T08:00:00Z'],
      ['restart-web', EVE.email, '2026-01-14T08:00:00Z'],
    ]);
    const eve = evidenceOf(findings[1]!);
    expect(eve).toMatchObject({ 'User’s roles then': 'none', 'Version ran': 'v2', Trigger: 'manual' });
    expect(eve['Role files']).toContain(`last changed in ${roles}`);
    expect(evidenceOf(findings[0]!)['User’s roles then']).toBe('operators');
  });

  it('flags runs of unknown, dirty and unreleased definitions', async () => {
    const { repo, release, create } = await baseRepo();
    const model = await modelFor(repo, {
      now: NOW,
      runs: [
        goodRun(release, '2026-01-20T08:00:00Z', {
          definition: { commit: null, blob: null, path: WEB, version: null, status: null, dirty: true },
        }),
        goodRun(release, '2026-01-21T08:00:00Z', {
          definition: {
            commit: 'f'.repeat(40),
            blob: null,
            path: WEB,
            version: 9,
            status: 'released',
            dirty: false,
          },
        }),
        goodRun(release, '2026-01-22T08:00:00Z', {
          definition: { commit: release, blob: null, path: WEB, version: 2, status: 'released', dirty: true },
        }),
        goodRun(release, '2026-01-23T08:00:00Z', {
          definition: { commit: create, blob: null, path: WEB, version: 1, status: 'draft', dirty: false },
        }),
      ],
    });
    const unknown = findingsOf(model, 'unknown-definition-run');
    expect(unknown.map((f) => [evidenceOf(f).Started, evidenceOf(f)['Pinned commit']])).toEqual([
      ['2026-01-21T08:00:00Z', 'f'.repeat(40)],
      ['2026-01-20T08:00:00Z', '–'],
    ]);
    expect(unknown[0]!.summary).toContain('pinned commit is not on the tracked branch');
    const [dirty] = findingsOf(model, 'dirty-definition-run');
    expect(evidenceOf(dirty!)).toMatchObject({
      'Version ran': 'v2 (dirty)',
      Dirty: 'yes',
      'Pinned commit': release,
    });
    const [draft] = findingsOf(model, 'unreleased-definition-run');
    expect(evidenceOf(draft!)).toMatchObject({
      'Version ran': 'v1',
      'Definition status': 'draft',
      'Pinned commit': create,
    });
  });

  it('#13.7 flags runs closed as abandoned (their recorder died), never silently', async () => {
    const { repo, release } = await baseRepo();
    const model = await modelFor(repo, {
      now: NOW,
      runs: [
        goodRun(release, '2026-01-20T08:00:00Z'),
        goodRun(release, '2026-01-21T08:00:00Z', {
          status: 'abandoned',
          exit_code: null,
          duration_ms: null,
          error: 'abandoned: the recorder (pid 42 on ops-1) died before recording the end',
        }),
      ],
    });
    const [abandoned, ...rest] = findingsOf(model, 'abandoned-run');
    expect(rest).toEqual([]);
    expect(abandoned!.severity).toBe('medium');
    expect(abandoned!.summary).toMatch(/^restart-web run \S+ by .+ has no recorded end: its recorder died$/);
    expect(evidenceOf(abandoned!)).toMatchObject({ Started: '2026-01-21T08:00:00Z', Status: 'abandoned' });
  });

  it('flags failing streaks of reports.failing_streak runs, and says whether they are still failing', async () => {
    const { repo, release } = await baseRepo();
    const fail = (day: number) =>
      goodRun(release, `2026-01-${day}T08:00:00Z`, {
        status: day === 13 ? 'timed_out' : 'failed',
        exit_code: 1,
      });
    const runs = [fail(10), fail(11), goodRun(release, '2026-01-12T08:00:00Z'), fail(13), fail(14), fail(15)];
    const model = await modelFor(repo, {
      now: NOW,
      runs,
      config: { reports: { failing_streak: 3, stale_days: 30 } },
    });
    const findings = findingsOf(model, 'failing-streak');
    expect(findings).toHaveLength(1);
    expect(evidenceOf(findings[0]!)).toMatchObject({
      'Runs in a row': '3',
      'First failed run': '20260113080000-restart-web at 2026-01-13T08:00:00Z',
      'Last failed run': '20260115080000-restart-web at 2026-01-15T08:00:00Z',
      Ongoing: 'yes, no successful run since',
    });
    const lower = await modelFor(repo, {
      now: NOW,
      runs,
      config: { reports: { failing_streak: 2, stale_days: 30 } },
    });
    expect(findingsOf(lower, 'failing-streak').map((f) => evidenceOf(f)['Runs in a row'])).toEqual([
      '3',
      '2',
    ]);
  });

  it('flags secret parameters with a default, and runbook steps passing a literal, without the value', async () => {
    const { repo } = await baseRepo();
    const secret = await repo.commit({
      message: 'Add rotate-key',
      author: BOB,
      date: '2026-01-08T09:00:00Z',
      files: {
        'definitions/actions/rotate-key.yaml': actionYaml({
          id: 'rotate-key',
          parameters: [
            '  - name: api_key',
            '    type: string',
            '    secret: true',
            '    default: s3cr3t-value',
          ].join('\n'),
        }),
        'definitions/runbooks/rotate.yaml': [
          'id: rotate',
          'name: Rotate',
          'owner: alice@example.com',
          'status: draft',
          'steps:',
          '  - id: go',
          '    name: Go',
          '    action: rotate-key',
          '    with:',
          '      api_key: other-s3cr3t',
          '',
        ].join('\n'),
      },
    });
    const model = await modelFor(repo, { now: NOW });
    const findings = findingsOf(model, 'secret-default');
    expect(findings.map((f) => f.subject)).toEqual([
      { type: 'action', id: 'rotate-key' },
      { type: 'runbook', id: 'rotate' },
    ]);
    expect(evidenceOf(findings[0]!)).toMatchObject({
      Parameter: 'api_key',
      'Set in commit': secret,
      'Set by': BOB.email,
    });
    expect(evidenceOf(findings[1]!)).toMatchObject({ 'Runbook step': 'rotate/go', Parameter: 'api_key' });
    expect(JSON.stringify(model)).not.toContain('s3cr3t');
  });

  it('flags released actions not run for reports.stale_days', async () => {
    const { repo, release } = await baseRepo();
    const model = await modelFor(repo, {
      now: '2026-03-01T00:00:00Z',
      runs: [goodRun(release, '2026-01-20T08:00:00Z')],
      config: { reports: { stale_days: 30, failing_streak: 3 } },
    });
    const [finding] = findingsOf(model, 'stale-action');
    expect(finding!.at).toBe('2026-02-19T08:00:00Z');
    expect(evidenceOf(finding!)).toMatchObject({
      'Last run': '2026-01-20T08:00:00Z',
      'Idle days': '39',
      Released: `2026-01-06T10:00:00Z in ${release}`,
    });
    const fresh = await modelFor(repo, {
      now: '2026-02-10T00:00:00Z',
      runs: [goodRun(release, '2026-01-20T08:00:00Z')],
    });
    expect(findingsOf(fresh, 'stale-action')).toEqual([]);
  });

  it('reports retention gaps, worse when no rollup kept the purged runs', async () => {
    const { repo } = await baseRepo();
    const gap = {
      through_seq: 40,
      checkpoint_hash: 'c'.repeat(64),
      purged_at: '2026-01-31T00:00:00Z',
      reason: 'retention',
    };
    const verify = { ok: true, records: 3, head: null, problems: [], gaps: [gap], anchors_checked: 0 };
    const bare = await modelFor(repo, { now: NOW, verify });
    const [noRollups] = findingsOf(bare, 'retention-gap');
    expect(noRollups!.severity).toBe('medium');
    expect(evidenceOf(noRollups!)).toMatchObject({
      'Purged through seq': '40',
      'Checkpoint hash': 'c'.repeat(64),
      'Rollups kept': 'none: purged runs are missing from the statistics',
    });
    const rollup = {
      action_id: 'restart-web',
      month: '2026-01',
      counts: { succeeded: 5 },
      p50_ms: 1,
      p95_ms: 2,
      users: [],
      targets: [],
    };
    const kept = await modelFor(repo, { now: NOW, verify, rollups: [rollup] });
    const [withRollups] = findingsOf(kept, 'retention-gap');
    expect(withRollups!.severity).toBe('low');
    expect(evidenceOf(withRollups!)['Rollups kept']).toBe('1 month, 2026-01 to 2026-01');
  });

  it('reports journal tampering found by verify, with its place', async () => {
    const { repo } = await baseRepo();
    const problem = {
      kind: 'modified' as const,
      segment: '2026-01.jsonl',
      line: 7,
      seq: 7,
      message: 'hash mismatch',
    };
    const verify = { ok: false, records: 9, head: null, problems: [problem], gaps: [], anchors_checked: 0 };
    const model = await modelFor(repo, { now: NOW, verify });
    const [finding] = findingsOf(model, 'journal-tampered');
    expect(evidenceOf(finding!)).toMatchObject({
      Problem: 'modified',
      Segment: '2026-01.jsonl',
      Line: '7',
      Sequence: '7',
    });
    expect(model.journal.verify).toEqual({ ok: false, records: 9, problems: 1, gaps: 0 });
  });

  it('reports definition files that did not validate', async () => {
    const { repo } = await baseRepo();
    const broken = await repo.commit({
      message: 'Oops',
      author: BOB,
      date: '2026-01-09T09:00:00Z',
      files: { 'definitions/actions/broken.yaml': 'id: broken\nname: [unclosed\n' },
    });
    const model = await modelFor(repo, { now: NOW });
    const [finding] = findingsOf(model, 'invalid-definition');
    expect(evidenceOf(finding!)).toMatchObject({
      File: 'definitions/actions/broken.yaml',
      Commit: broken,
      Author: BOB.email,
    });
    expect(evidenceOf(finding!)['Problem 1']).toMatch(/^definitions\/actions\/broken\.yaml:\d+:\d+ /);
  });

  it('shows people as stable pseudonyms with --pseudonymize, in evidence and free text too', async () => {
    const { repo } = await baseRepo();
    await repo.commit({
      message: 'Eve Intruder was here, mail eve@example.com',
      author: EVE,
      date: '2026-01-10T09:00:00Z',
      files: {
        [WEB]: actionYaml({
          id: 'restart-web',
          status: 'released',
          tags: ['web'],
          targets: ['web-01'],
          timeout: 7,
        }),
      },
    });
    const pseudonymize = (email: string) => `person-${email.length}`;
    const model = await modelFor(repo, { now: NOW, pseudonymize });
    const text = JSON.stringify(model);
    expect(text).not.toContain('eve@example.com');
    expect(text).not.toContain('Eve Intruder');
    expect(text).not.toContain('bob@example.com');
    const [finding] = findingsOf(model, 'unauthorized-change');
    expect(evidenceOf(finding!)).toMatchObject({
      'Author checked': 'person-15',
      Message: 'person-15 was here, mail person-15',
    });
  });
});
