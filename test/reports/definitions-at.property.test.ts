import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import type { NativeHistoryIndex } from '../../src/history/native-history-index.js';
import { assembleReportInput } from '../../src/reports/assemble-report-input.js';
import { withDefaults } from '../../src/config/load-config.js';
import { ALICE, createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { roleYaml } from './report-fixture.js';

/**
 * Role files changed commit by commit (members come and go, one file is put back as it was, one is deleted): the
 * report's snapshots share the value of a file a commit left unchanged, and must still be each commit's own.
 */
let repo: TestRepo;
let dataDir: string;
let history: NativeHistoryIndex;

const PEOPLE = ['ann@example.com', 'bob@example.com', 'cat@example.com'];
const STEPS: Record<string, string | null>[] = [
  { 'definitions/roles/ops.yaml': roleYaml('ops', [PEOPLE[0]!], ['actions:execute']) },
  { 'definitions/roles/dev.yaml': roleYaml('dev', [PEOPLE[1]!], ['definitions:modify']) },
  { 'definitions/roles/ops.yaml': roleYaml('ops', [PEOPLE[0]!, PEOPLE[2]!], ['actions:execute']) },
  { 'definitions/roles/ops.yaml': roleYaml('ops', [PEOPLE[0]!], ['actions:execute']) },
  { 'definitions/roles/dev.yaml': roleYaml('dev', [PEOPLE[1]!], ['definitions:modify', 'admin']) },
  { 'definitions/roles/dev.yaml': null },
  { 'definitions/roles/dev.yaml': roleYaml('dev', [PEOPLE[2]!], ['definitions:modify']) },
];

beforeAll(async () => {
  repo = await createTestRepo();
  for (const [i, files] of STEPS.entries())
    await repo.commit({ message: `Roles ${i}`, author: ALICE, date: `2026-01-0${i + 1}T10:00:00Z`, files });
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-definitions-at-'));
  history = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
}, 60_000);

afterAll(async () => {
  await repo?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('#15.9 role snapshots sharing unchanged files', () => {
  it('#15.9 whatever order a report asks for the commits in, each snapshot is the index’s own for that commit', () => {
    const commits = history.commits().map((c) => c.sha);
    const own = (sha: string) =>
      history.definitionsAt('role', sha).map((v) => ({ id: v.id, version: v.version, value: v.value }));
    fc.assert(
      fc.property(fc.array(fc.nat(commits.length - 1), { minLength: 1, maxLength: 20 }), (asked) => {
        const input = assembleReportInput(
          { history, journal: null, verify: null, rollups: [] },
          {
            repoName: 'test',
            branch: 'main',
            webUrl: null,
            config: withDefaults({}),
            now: '2026-02-01T00:00:00Z',
            since: null,
            until: '2026-02-01T00:00:00Z',
            pseudonymize: null,
          },
        );
        for (const i of asked) {
          const got = input.definitionsAt('role', commits[i]!);
          expect(got.map((d) => ({ id: d.id, version: d.version, value: d.value }))).toEqual(
            own(commits[i]!),
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
