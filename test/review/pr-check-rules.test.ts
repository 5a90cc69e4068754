import { afterEach, describe, expect, it } from 'vitest';
import { withDefaults } from '../../src/config/load-config.js';
import { runPrCheck } from '../../src/review/pr-check.js';
import { BOB, createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { actionYaml, ACTION_PATH, runbookYaml, RUNBOOK_PATH } from '../history/fixtures.js';
import { BASE_ACTION, ROLES } from './pr-fixtures.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

/** main with the story's definitions; `files` committed by Bob on branch `pr`. */
async function pullRequest(files: Record<string, string | null>): Promise<TestRepo> {
  const repo = await createTestRepo([
    {
      message: 'base',
      files: { [ACTION_PATH]: BASE_ACTION, [RUNBOOK_PATH]: runbookYaml([{ id: 'restart' }]), ...ROLES },
    },
  ]);
  repos.push(repo);
  repo.git('checkout', '-q', '-b', 'pr');
  await repo.commit({ message: 'change', author: BOB, files });
  repo.git('checkout', '-q', 'main');
  return repo;
}

const check = (repo: TestRepo) =>
  runPrCheck({ repo: repo.dir, base: 'main', head: 'pr', config: withDefaults({}) });

describe('#18.1 a pull request cannot loosen the rules that judge it', () => {
  it('a schema loosened in the pull request does not excuse its bad target', async () => {
    const loose = JSON.stringify({ type: 'object' });
    const repo = await pullRequest({
      'definitions/schema/action.schema.json': loose,
      [ACTION_PATH]: actionYaml({ status: 'released', targets: ['"web 02!"'] }),
    });
    const report = await check(repo);
    expect(report.ok).toBe(false);
    expect(report.findings.some((f) => f.file === ACTION_PATH && f.code === 'schema')).toBe(true);
  });

  it('a member added to the approvers in the pull request may not approve it; the role change is high risk', async () => {
    const approvers = ROLES['definitions/roles/approvers.yaml']!.replace(
      'members:\n',
      'members:\n  - dave@example.com\n',
    );
    const repo = await pullRequest({
      'definitions/roles/approvers.yaml': approvers,
      [ACTION_PATH]: actionYaml({ status: 'released', timeout: 900 }),
    });
    const report = await check(repo);
    for (const def of report.definitions) expect(def.approvers).not.toContain('dave@example.com');
    const role = report.definitions.find((d) => d.kind === 'role')!;
    expect(role).toMatchObject({
      id: 'approvers',
      risk: 'high',
      risk_reasons: ['dave@example.com gains definitions:approve'],
    });
    expect(role.approvers).toEqual(['alice@example.com', 'carol@example.com']);
  });

  it('a runbook step change, a moved file and a deleted action are each reported as history reports them', async () => {
    const repo = await pullRequest({
      [RUNBOOK_PATH]: runbookYaml([{ id: 'restart', when: 'always' }]),
      [ACTION_PATH]: null,
      'definitions/actions/web/restart-web.yaml': BASE_ACTION,
    });
    const report = await check(repo);
    const runbook = report.definitions.find((d) => d.kind === 'runbook')!;
    expect(runbook.steps).toEqual([
      {
        auditable_id: 'failover/restart',
        action: 'update',
        audited_changes: { '/when': ['on_success', 'always'] },
      },
    ]);
    const action = report.definitions.find((d) => d.kind === 'action')!;
    expect(action).toMatchObject({ action: 'update', path: 'definitions/actions/web/restart-web.yaml' });
    expect(action.audited_changes).toEqual({
      '/__path': [ACTION_PATH, 'definitions/actions/web/restart-web.yaml'],
    });
    expect(report.impact.runbooks.map((r) => r.id)).toEqual(['failover']);
  });
});
