import { withDefaults } from '../../src/config/load-config.js';
import type { ExecutionInput, Rollup, VerifyReport } from '../../src/executions/types.js';
import type { GenerateOptions } from '../../src/reports/generate-report.js';
import { ALICE, BOB, CAROL, createTestRepo, gitAs, type TestRepo } from '../helpers/git-repo.js';
import { finishedRun } from './fakes.js';
import { DAVE, EVE, STANDARD_ROLES, actionYaml } from './report-fixture.js';

/** The fixed clock of the scenario: reports are generated "now". */
export const SCENARIO_NOW = '2026-03-06T12:00:00Z';

/** A report of the scenario repo at SCENARIO_NOW, Markdown and HTML, the chain verified; `more` changes any of it. */
export function scenarioReportOptions(
  repo: string,
  dataDir: string,
  outDir: string,
  more: Partial<GenerateOptions> = {},
): GenerateOptions {
  return {
    repo,
    dataDir,
    config: withDefaults({}),
    outDir,
    formats: ['md', 'html'],
    since: null,
    until: null,
    now: SCENARIO_NOW,
    pseudonymize: false,
    check: false,
    progress: false,
    verify: true,
    ...more,
  };
}

const RESTART = 'definitions/actions/restart-web.yaml';
const FAILOVER = 'definitions/actions/db-failover.yaml';
const HEALTH = 'definitions/actions/health-check.yaml';

/**
 * A small but complete history: roles, an action released through a merge by an approver, a timeout change followed
 * by failures, an unauthorized edit, a self-released action with a secret default, a runbook, and a stale action.
 * Every commit has a fixed date, so shas (and the rendered reports) are the same on every machine.
 */
export async function createScenarioRepo(): Promise<{ repo: TestRepo; commits: Record<string, string> }> {
  const repo = await createTestRepo();
  const commits: Record<string, string> = {};
  commits.roles = await repo.commit({
    message: 'Add role files',
    author: ALICE,
    date: '2026-01-05T09:00:00Z',
    files: { ...STANDARD_ROLES, 'opsledger.yaml': 'github:\n  owner: acme\n  repo: ops\n' },
  });
  commits.restartCreate = await repo.commit({
    message: 'Add restart-web',
    author: BOB,
    date: '2026-01-05T10:00:00Z',
    files: {
      [RESTART]: actionYaml({
        id: 'restart-web',
        tags: ['web'],
        targets: ['web-01', 'web-02', 'web-03'],
        parameters: [
          '  - name: service',
          '    type: string',
          '    default: nginx',
          '  - name: password',
          '    type: string',
          '    secret: true',
        ].join('\n'),
      }),
    },
  });
  repo.git('checkout', '-q', '-b', 'release-restart');
  await repo.commit({
    message: 'Release restart-web',
    author: BOB,
    date: '2026-01-06T09:00:00Z',
    files: {
      [RESTART]: actionYaml({
        id: 'restart-web',
        status: 'released',
        tags: ['web'],
        targets: ['web-01', 'web-02', 'web-03'],
        parameters: [
          '  - name: service',
          '    type: string',
          '    default: nginx',
          '  - name: password',
          '    type: string',
          '    secret: true',
        ].join('\n'),
      }),
    },
  });
  repo.git('checkout', '-q', 'main');
  gitAs(
    repo,
    CAROL,
    ['merge', '-q', '--no-ff', '-m', 'Merge pull request #7 from acme/release-restart', 'release-restart'],
    '2026-01-06T10:00:00Z',
  );
  commits.release = repo.git('rev-parse', 'HEAD').trim();
  commits.timeout = await repo.commit({
    message: 'restart-web: longer timeout (#8)',
    author: BOB,
    date: '2026-01-20T09:00:00Z',
    files: {
      [RESTART]: actionYaml({
        id: 'restart-web',
        status: 'released',
        timeout: 120,
        tags: ['web'],
        targets: ['web-01', 'web-02', 'web-03'],
        parameters: [
          '  - name: service',
          '    type: string',
          '    default: apache',
          '  - name: password',
          '    type: string',
          '    secret: true',
        ].join('\n'),
      }),
    },
  });
  commits.eveEdit = await repo.commit({
    message: 'Tweak description <script>alert(1)</script> | *bold*',
    author: EVE,
    date: '2026-01-21T09:00:00Z',
    files: {
      [RESTART]: actionYaml({
        id: 'restart-web',
        status: 'released',
        timeout: 120,
        tags: ['web'],
        targets: ['web-01', 'web-02', 'web-03'],
        description: 'Restarts <b>web</b> & friends | pipes',
        parameters: [
          '  - name: service',
          '    type: string',
          '    default: apache',
          '  - name: password',
          '    type: string',
          '    secret: true',
        ].join('\n'),
      }),
    },
  });
  commits.failover = await repo.commit({
    message: 'Add db-failover, released',
    author: BOB,
    date: '2026-01-22T09:00:00Z',
    files: {
      [FAILOVER]: actionYaml({
        id: 'db-failover',
        status: 'released',
        tags: ['db'],
        targets: ['db-01', 'db-02'],
        parameters: ['  - name: token', '    type: string', '    secret: true', '    default: hunter2'].join(
          '\n',
        ),
      }),
      [HEALTH]: actionYaml({
        id: 'health-check',
        status: 'released',
        tags: ['web'],
        targets: ['web-01', 'lb-01'],
      }),
      'definitions/runbooks/web-incident.yaml': [
        'id: web-incident',
        'name: Web incident',
        'owner: alice@example.com',
        'status: released',
        'steps:',
        '  - id: check',
        '    name: Check health',
        '    action: health-check',
        '  - id: restart',
        '    name: Restart web',
        '    action: restart-web',
        '    when: on_failure',
        '    with:',
        '      password: letmein',
        '',
      ].join('\n'),
    },
  });
  return { repo, commits };
}

/** Runs against the scenario: successes, a failing streak after the timeout change, flagged runs. */
export function scenarioRuns(commits: Record<string, string>): ExecutionInput[] {
  const pinned = (commit: string, version: number, status = 'released', dirty = false) => ({
    commit,
    blob: null,
    path: RESTART,
    version,
    status,
    dirty,
  });
  const runs: ExecutionInput[] = [];
  // Before the timeout change: mostly fine.
  for (let day = 7; day <= 19; day += 2) {
    runs.push(
      finishedRun({
        action_id: 'restart-web',
        at: `2026-01-${String(day).padStart(2, '0')}T08:00:00Z`,
        user: DAVE.email,
        ms: 2000 + day * 100,
        targets: ['web-01', 'web-02'],
        definition: pinned(commits.release!, 2),
        // A secret parameter is journalled as `{ redacted: true }`: the report names it, never a value.
        parameters: { service: 'nginx', password: { redacted: true } },
        status: day === 11 ? 'failed' : 'succeeded',
        exit_code: day === 11 ? 1 : 0,
      }),
    );
  }
  // After the change: a failing streak of four, then recovery.
  for (let day = 21; day <= 26; day++) {
    const failed = day <= 24;
    runs.push(
      finishedRun({
        action_id: 'restart-web',
        at: `2026-01-${day}T08:00:00Z`,
        user: DAVE.email,
        ms: failed ? 120_000 : 3_500,
        targets: ['web-01'],
        definition: pinned(commits.timeout!, 3),
        status: failed ? (day === 22 ? 'timed_out' : 'failed') : 'succeeded',
        exit_code: failed ? 1 : 0,
      }),
    );
  }
  // Eve has no role: unauthorized run.
  runs.push(
    finishedRun({
      action_id: 'restart-web',
      at: '2026-02-02T13:00:00Z',
      user: EVE.email,
      targets: ['web-03'],
      definition: pinned(commits.eveEdit!, 4),
      parameters: { service: 'apache2' },
    }),
  );
  // A dirty run of db-failover by alice (admin).
  runs.push(
    finishedRun({
      action_id: 'db-failover',
      at: '2026-02-03T02:00:00Z',
      user: ALICE.email,
      ms: 45_000,
      targets: ['db-01'],
      definition: { ...pinned(commits.failover!, 1), path: FAILOVER, dirty: true },
    }),
  );
  // An unreleased run, from a runbook step.
  runs.push(
    finishedRun({
      action_id: 'health-check',
      at: '2026-02-10T02:00:00Z',
      user: ALICE.email,
      ms: 300,
      trigger: 'runbook',
      targets: ['web-01'],
      runbook: { id: 'web-incident', step: 'check', run_id: 'rb-1' },
      definition: { ...pinned(commits.failover!, 1), path: HEALTH, status: 'draft' },
    }),
  );
  // A run of an action the branch never had.
  runs.push(
    finishedRun({
      action_id: 'ghost-action',
      at: '2026-02-11T02:00:00Z',
      user: ALICE.email,
      targets: ['mystery-01'],
    }),
  );
  // A denied attempt: not a run, not a finding.
  runs.push(
    finishedRun({
      action_id: 'db-failover',
      at: '2026-02-12T02:00:00Z',
      user: DAVE.email,
      status: 'denied',
      exit_code: null,
      duration_ms: 0,
      definition: { ...pinned(commits.failover!, 1), path: FAILOVER },
    }),
  );
  return runs;
}

/** A verify report with one documented retention purge, and the rollups it left. */
export const SCENARIO_VERIFY: VerifyReport = {
  ok: true,
  records: 17,
  head: null,
  problems: [],
  gaps: [
    {
      through_seq: 120,
      checkpoint_hash: 'ab'.repeat(32),
      purged_at: '2026-01-01T00:00:00Z',
      reason: 'retention: default_days 365',
    },
  ],
  anchors_checked: 1,
};

export const SCENARIO_ROLLUPS: Rollup[] = [
  {
    action_id: 'restart-web',
    month: '2025-12',
    counts: { succeeded: 40, failed: 2 },
    p50_ms: 2100,
    p95_ms: 5200,
    users: ['dave@example.com'],
    targets: ['web-01', 'web-02'],
  },
];
