import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDefaults } from '../../src/config/load-config.js';
import { runPrCheck, type PrCheckReport } from '../../src/review/pr-check.js';
import { evaluateApprovals } from '../../src/review/evaluate-approvals.js';
import { renderPrCheck } from '../../src/review/render-pr-check.js';
import { PR_CHECK_MARKER } from '../../src/review/render-pr-check-markdown.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { ACTION_PATH, RUNBOOK_PATH } from '../history/fixtures.js';
import { CAROL_APPROVER, createPrRepo, runCliAsync, TARGETS_LINE } from './pr-fixtures.js';

let repo: TestRepo;
let head: string;
let report: PrCheckReport;

beforeAll(async () => {
  ({ repo, head } = await createPrRepo());
  report = await runPrCheck({ repo: repo.dir, base: 'main', head: 'feature', config: withDefaults({}) });
});
afterAll(async () => {
  await repo.cleanup();
});

describe('#18.1 pr-check', () => {
  it('diffs the changed definition with the history engine, field by field', () => {
    expect(report.head.sha).toBe(head);
    expect(report.definitions).toHaveLength(1);
    const def = report.definitions[0]!;
    expect(def).toMatchObject({ kind: 'action', id: 'restart-web', action: 'update', path: ACTION_PATH });
    expect(def.audited_changes).toEqual({
      '/timeout': [300, 600],
      '/targets': [['web-01'], ['web-01', 'web 02!']],
    });
    expect(def.status).toEqual({ before: 'released', after: 'released' });
  });

  it("validates under the base's rules with file:line:col, and locates each changed key", () => {
    expect(report.ok).toBe(false);
    const bad = report.findings.find((f) => f.severity === 'error');
    expect(bad).toMatchObject({ file: ACTION_PATH, line: TARGETS_LINE, code: 'schema' });
    expect(report.definitions[0]!.locations.find((l) => l.pointer === '/targets')?.line).toBe(TARGETS_LINE);
    const timeout = report.definitions[0]!.locations.find((l) => l.pointer === '/timeout');
    expect(timeout?.line).toBe(TARGETS_LINE + 2);
  });

  it('names the impact, the risk and who may approve (never the author)', () => {
    expect(report.impact.runbooks).toEqual([
      {
        id: 'failover',
        path: RUNBOOK_PATH,
        steps: [
          { id: 'restart', action: 'restart-web' },
          { id: 'notify', action: 'restart-web' },
        ],
      },
    ]);
    expect(report.risk).toBe('high');
    expect(report.definitions[0]!.risk_reasons).toEqual(['targets of a released action']);
    expect(report.definitions[0]!.approvers).toEqual(['alice@example.com', CAROL_APPROVER]);
    expect(report.approvals.required).toBe(1);
    expect(report.approvals.authors.map((a) => a.email)).toEqual(['bob@example.com']);
  });

  it('takes the number of approvals per risk from the config', async () => {
    const config = withDefaults({ approvals: { required: { high: 2, medium: 1, low: 0 } } });
    const strict = await runPrCheck({ repo: repo.dir, base: 'main', head: 'feature', config });
    expect(strict.approvals.required).toBe(2);
    expect(strict.definitions[0]!.approvals_required).toBe(2);
  });

  it('renders the comment body with field lines and the sticky marker', () => {
    const markdown = renderPrCheck(report, 'markdown');
    expect(markdown.startsWith(PR_CHECK_MARKER)).toBe(true);
    expect(markdown).toContain('`/timeout 300 → 600`');
    expect(markdown).toContain(`❌ line ${TARGETS_LINE}:`);
    expect(markdown).toContain('Authors never approve their own change: bob@example.com.');
  });

  it('with the reviews: the author approving is not enough, an approver on the head is (login mapped by config)', async () => {
    const config = withDefaults({ github: { github_logins: { 'carol-gh': CAROL_APPROVER } } });
    const mapped = await runPrCheck({ repo: repo.dir, base: 'main', head: 'feature', config });
    const at = '2026-01-05T10:00:00Z';
    const own = evaluateApprovals(
      mapped,
      [{ reviewer_login: 'bob-gh', state: 'APPROVED', commit_id: head, submitted_at: at }],
      ['bob-gh'],
    );
    expect(own.satisfied).toBe(false);
    expect(renderPrCheck(mapped, 'markdown', { evaluation: own })).toContain(
      '⏳ approvals missing (1 required)',
    );
    const carol = evaluateApprovals(
      mapped,
      [{ reviewer_login: 'carol-gh', state: 'APPROVED', commit_id: head, submitted_at: at }],
      ['bob-gh'],
    );
    expect(carol.satisfied).toBe(true);
    expect(renderPrCheck(mapped, 'markdown', { evaluation: carol })).toContain(
      `✅ approved by ${CAROL_APPROVER}`,
    );
  });

  it('renders the whole comment body (snapshot, shas normalized)', () => {
    const body = renderPrCheck(report, 'markdown').replace(/\b[0-9a-f]{7}\b/g, '<sha>');
    expect(body).toMatchSnapshot();
  });

  it('exits 1 on errors; --format github annotates lines and appends the job summary', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-summary-'));
    try {
      const summary = path.join(dir, 'summary.md');
      const run = await runCliAsync(
        ['pr-check', '--base', 'main', '--head', 'feature', '--format', 'github'],
        {
          cwd: repo.dir,
          env: { GITHUB_STEP_SUMMARY: summary },
        },
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`::error file=${ACTION_PATH},line=${TARGETS_LINE},col=`);
      expect(run.stdout).toContain('::notice file=definitions/actions/restart-web.yaml');
      expect(await readFile(summary, 'utf8')).toContain('`/timeout 300 → 600`');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--json prints the report; a clean pull request exits 0; an unknown base is a usage error', async () => {
    const json = await runCliAsync(['pr-check', '--base', 'main', '--head', 'feature', '--json'], {
      cwd: repo.dir,
    });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      version: 1,
      risk: 'high',
      merge_base: report.merge_base,
    });
    const same = await runCliAsync(['pr-check', '--base', 'main', '--head', 'main'], { cwd: repo.dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('0 definition(s) changed');
    const missing = await runCliAsync(['pr-check', '--base', 'nope', '--head', 'main'], { cwd: repo.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error[INPUT_INVALID]: no commit named nope');
    expect(missing.stderr).toContain('hint:');
  });
});
