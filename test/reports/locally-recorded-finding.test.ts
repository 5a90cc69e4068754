import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionInput } from '../../src/executions/types.js';
import { ALICE, createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { finishedRun } from './fakes.js';
import { DAVE, STANDARD_ROLES, actionYaml, evidenceOf, findingsOf, modelFor } from './report-fixture.js';

const WEB = 'definitions/actions/restart-web.yaml';
const NOW = '2026-02-01T12:00:00Z';
const repos: TestRepo[] = [];

afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

async function releasedRepo(): Promise<{ repo: TestRepo; commit: string }> {
  const repo = await createTestRepo();
  repos.push(repo);
  const commit = await repo.commit({
    message: 'Roles and a released action',
    author: ALICE,
    date: '2026-01-05T09:00:00Z',
    files: {
      ...STANDARD_ROLES,
      [WEB]: actionYaml({ id: 'restart-web', status: 'released', tags: ['web'], targets: ['web-01'] }),
    },
  });
  return { repo, commit };
}

function run(commit: string, at: string, over: Partial<ExecutionInput>): ExecutionInput {
  return finishedRun({
    action_id: 'restart-web',
    at,
    user: DAVE.email,
    targets: ['web-01'],
    definition: { commit, blob: null, path: WEB, version: 1, status: 'released', dirty: false },
    ...over,
  });
}

describe('locally-recorded-run (docs/executions.md, Remote recording)', () => {
  it('with executions.require_server, a run the CLI recorded itself is a high finding; the service’s are not', async () => {
    const { repo, commit } = await releasedRepo();
    const runs = [
      run(commit, '2026-01-20T08:00:00Z', { recorded_via: 'server' }),
      run(commit, '2026-01-21T08:00:00Z', { recorded_via: 'local' }),
      // Older than the field: a CLI run was always recorded locally.
      run(commit, '2026-01-22T08:00:00Z', {}),
      // Older than the field, through the API: the service recorded it.
      run(commit, '2026-01-23T08:00:00Z', { initiator: { user: DAVE.email, via: 'api' } }),
    ];
    const model = await modelFor(repo, { now: NOW, runs, config: { executions: { require_server: true } } });
    const found = findingsOf(model, 'locally-recorded-run');
    expect(found.map((f) => evidenceOf(f).Run).sort()).toEqual([runs[1]!.id, runs[2]!.id].sort());
    expect(found[0]).toMatchObject({ severity: 'high' });
    expect(evidenceOf(found[0]!)['Recorded via']).toContain('local');
    expect(model.findings.find((g) => g.kind === 'locally-recorded-run')?.title).toBe(
      'Runs recorded outside the service',
    );
  });

  it('without the requirement, where a run was recorded is no finding', async () => {
    const { repo, commit } = await releasedRepo();
    const model = await modelFor(repo, {
      now: NOW,
      runs: [run(commit, '2026-01-21T08:00:00Z', { recorded_via: 'local' })],
    });
    expect(findingsOf(model, 'locally-recorded-run')).toEqual([]);
  });
});
