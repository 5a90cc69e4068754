import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withDefaults } from '../../src/config/load-config.js';
import { FakeJournal } from '../../src/executions/fake-journal.js';
import type { ExecutionInput, Rollup, VerifyReport } from '../../src/executions/types.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import { assembleReportInput } from '../../src/reports/assemble-report-input.js';
import { buildReportModel } from '../../src/reports/build-report-model.js';
import type { ReportInput, ReportModel } from '../../src/reports/report-model.js';
import type { Role } from '../../src/definitions/types.js';
import { DEMO_ROLES, roleFile, roleFiles } from '../helpers/demo-roles.js';
import type { Author, TestRepo } from '../helpers/git-repo.js';

export const DAVE: Author = { name: 'Dave Operator', email: 'dave@example.com' };
export const EVE: Author = { name: 'Eve Intruder', email: 'eve@example.com' };

/** YAML of an action definition (the fields tests vary; the rest is fixed). */
export function actionYaml(a: {
  id: string;
  status?: string;
  timeout?: number;
  tags?: string[];
  targets?: string[];
  description?: string;
  parameters?: string;
}): string {
  return [
    `id: ${a.id}`,
    `name: ${a.id.replace(/-/g, ' ')}`,
    `description: ${JSON.stringify(a.description ?? `Does ${a.id}.`)}`,
    'owner: alice@example.com',
    `tags: [${(a.tags ?? []).join(', ')}]`,
    `status: ${a.status ?? 'draft'}`,
    'script:',
    '  shell: bash',
    `  inline: echo ${a.id}`,
    ...(a.parameters ? ['parameters:', a.parameters] : []),
    `targets: [${(a.targets ?? []).join(', ')}]`,
    'credential: svc-ops',
    `timeout: ${a.timeout ?? 30}`,
    '',
  ].join('\n');
}

/** YAML of a role (the shared role-file renderer of test/helpers/demo-roles.ts). */
export function roleYaml(id: string, members: string[], permissions: string[], scope?: string[]): string {
  return roleFile({ id, members, permissions, ...(scope ? { scope: { actions: scope } } : {}) } as Role);
}

/** The demo roles (test/helpers/demo-roles.ts) without the auditors, the operators narrowed to dave on tag:web. */
export const STANDARD_ROLES: Record<string, string> = roleFiles(
  DEMO_ROLES.filter((r) => r.id !== 'auditors').map((r) =>
    r.id === 'operators' ? { ...r, members: ['dave@example.com'], scope: { actions: ['tag:web'] } } : r,
  ),
);

export interface FixtureOptions {
  runs?: ExecutionInput[];
  verify?: VerifyReport | null;
  rollups?: Rollup[];
  now: string;
  since?: string | null;
  until?: string;
  pseudonymize?: ((email: string) => string) | null;
  config?: Parameters<typeof withDefaults>[0];
}

/** Open the repo's real history index (temp data dir) and a fake journal holding `runs`; return the report input. */
export async function reportInputFor(
  repo: TestRepo,
  options: FixtureOptions,
): Promise<{ input: ReportInput; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-report-data-'));
  const history = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
  const journal = new FakeJournal();
  for (const run of options.runs ?? []) await journal.append(run);
  const config = withDefaults(options.config ?? {});
  const input = assembleReportInput(
    {
      history,
      journal,
      records: journal.all,
      verify: options.verify ?? null,
      rollups: options.rollups ?? [],
    },
    {
      repoName: 'acme/ops',
      branch: 'main',
      webUrl: null,
      config,
      now: options.now,
      since: options.since ?? null,
      until: options.until ?? options.now,
      pseudonymize: options.pseudonymize ?? null,
    },
  );
  return { input, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/** Build the report model of a repo and runs. */
export async function modelFor(repo: TestRepo, options: FixtureOptions): Promise<ReportModel> {
  const { input, cleanup } = await reportInputFor(repo, options);
  try {
    return buildReportModel(input);
  } finally {
    await cleanup();
  }
}

/** The findings of one kind in a model (the shown items). */
export function findingsOf(model: ReportModel, kind: string) {
  return model.findings.find((g) => g.kind === kind)?.items ?? [];
}

/** Evidence of a finding as an object. */
export function evidenceOf(finding: { evidence: [string, string][] }): Record<string, string> {
  return Object.fromEntries(finding.evidence);
}
