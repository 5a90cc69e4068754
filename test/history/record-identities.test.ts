import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { ACTION_PATH, actionYaml, ROLE_PATH, roleYaml, RUNBOOK_PATH, runbookYaml } from './fixtures.js';

// docs/reports.md, *Model parts*: a report keeps one definition's events digest while the index's identity of that
// definition's record is the same, so the identity must change with the record's events and the approval notes,
// and only with them.
const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

const identities = async (repo: TestRepo) => {
  const index = await openHistoryIndex({
    repo: repo.dir,
    dataDir: path.join(repo.dir, '.opsledger'),
    branch: 'main',
  });
  return new Map(index.recordIdentities?.() ?? []);
};

describe('#15.9 the history index names each definition record by an identity', () => {
  it('#15.9 a commit changes the identity of the records it changed, and only theirs; a new approval note changes every one', async () => {
    const repo = await createTestRepo([
      {
        message: 'Add the definitions',
        files: {
          [ACTION_PATH]: actionYaml(),
          [RUNBOOK_PATH]: runbookYaml([{ id: 'restart', action: 'restart-web' }]),
          [ROLE_PATH]: roleYaml(['alice@example.com']),
        },
      },
    ]);
    repos.push(repo);
    const first = await identities(repo);
    expect([...first.keys()].sort()).toEqual(['action:restart-web', 'role:operators', 'runbook:failover']);
    // Read again with nothing new: the same identities.
    expect(await identities(repo)).toEqual(first);

    await repo.commit({ message: 'Slower restart', files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } });
    const second = await identities(repo);
    expect(second.get('action:restart-web')).not.toBe(first.get('action:restart-web'));
    expect(second.get('runbook:failover')).toBe(first.get('runbook:failover'));
    expect(second.get('role:operators')).toBe(first.get('role:operators'));

    // The approvals are overlaid on the events from the notes: a note recorded later changes what every record reads.
    const head = repo.git('rev-parse', 'HEAD').trim();
    repo.git('notes', '--ref', 'refs/notes/opsledger/approvals', 'add', '-m', '{"approvals":[]}', head);
    const third = await identities(repo);
    for (const [name, identity] of second) expect(third.get(name), name).not.toBe(identity);
  });
});
