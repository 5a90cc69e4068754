import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/reports/build-report-model.js';
import type { ReportModel } from '../../src/reports/report-model.js';
import { renderReport, type RenderedFile } from '../../src/reports/write-report.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { reportInputFor } from './report-fixture.js';
import {
  SCENARIO_NOW,
  SCENARIO_ROLLUPS,
  SCENARIO_VERIFY,
  createScenarioRepo,
  scenarioRuns,
} from './report-scenario.js';

let repo: TestRepo;
let commits: Record<string, string>;
let model: ReportModel;
let files: RenderedFile[];

async function render(order: 'forward' | 'reverse'): Promise<RenderedFile[]> {
  const runs = scenarioRuns(commits);
  const { input, cleanup } = await reportInputFor(repo, {
    runs,
    now: SCENARIO_NOW,
    verify: SCENARIO_VERIFY,
    rollups: order === 'forward' ? SCENARIO_ROLLUPS : [...SCENARIO_ROLLUPS].reverse(),
  });
  try {
    const built = buildReportModel(input);
    if (order === 'forward') model = built;
    return renderReport(built, ['md', 'html']);
  } finally {
    await cleanup();
  }
}

beforeAll(async () => {
  ({ repo, commits } = await createScenarioRepo());
  files = await render('forward');
});

afterAll(async () => {
  await repo.cleanup();
});

describe('rendered report of the scenario repo and journal', () => {
  it('has the fixed pages, one per action and one per runbook', () => {
    expect(files.map((f) => f.path)).toEqual([
      'index.md',
      'index.html',
      'findings.md',
      'findings.html',
      'usage.md',
      'usage.html',
      'users.md',
      'users.html',
      'coverage.md',
      'coverage.html',
      'schedules.md',
      'schedules.html',
      'actions/db-failover.md',
      'actions/db-failover.html',
      'actions/ghost-action.md',
      'actions/ghost-action.html',
      'actions/health-check.md',
      'actions/health-check.html',
      'actions/restart-web.md',
      'actions/restart-web.html',
      'runbooks/web-incident.md',
      'runbooks/web-incident.html',
    ]);
  });

  it('matches the snapshots', async () => {
    for (const file of files) {
      await expect(file.content).toMatchFileSnapshot(`./__snapshots__/scenario/${file.path}`);
    }
  });

  it('is byte-identical when rebuilt from a fresh history index, whatever the order of the rollups', async () => {
    const again = await render('reverse');
    expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
    for (const [i, file] of again.entries()) expect(file.content, file.path).toBe(files[i]!.content);
  });

  it('writes accessible, self-contained HTML: one h1, headings in order, captions, scoped headers, labelled SVG', () => {
    for (const file of files.filter((f) => f.path.endsWith('.html'))) {
      const html = file.content;
      const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
      expect(
        levels.filter((l) => l === 1),
        file.path,
      ).toHaveLength(1);
      expect(levels[0], file.path).toBe(1);
      levels.forEach((l, i) => i > 0 && expect(l - levels[i - 1]!, file.path).toBeLessThanOrEqual(1));
      expect(html.match(/<table/g)?.length, file.path).toBe(html.match(/<caption id=/g)?.length);
      expect(html, file.path).not.toMatch(/<th(?![^>]*scope="(col|row)")[ >]/);
      const svgs = html.match(/<svg[^>]*>/g) ?? [];
      for (const svg of svgs) expect(svg).toMatch(/role="img" aria-labelledby="chart-\d+-t chart-\d+-d"/);
      expect(html.match(/<title id="chart-/g)?.length ?? 0, file.path).toBe(svgs.length);
      expect(html, file.path).toContain('<html lang="en">');
      // Nothing that loads: no src, no stylesheet links, no CSS url(), no fetch.
      expect(html, file.path).not.toMatch(
        /\ssrc=|<link rel="stylesheet"|url\(|@import|fetch\(|XMLHttpRequest/,
      );
      expect(html, file.path).toContain('@media print');
    }
  });

  it('never prints a secret parameter value', () => {
    for (const file of files) {
      expect(file.content, file.path).not.toContain('hunter2');
      expect(file.content, file.path).not.toContain('letmein');
    }
  });

  it('escapes names and messages that come from users', () => {
    const md = files.find((f) => f.path === 'actions/restart-web.md')!.content;
    const html = files.find((f) => f.path === 'actions/restart-web.html')!.content;
    expect(md).toContain('Tweak description \\<script\\>alert(1)\\</script\\> \\| \\*bold\\*');
    expect(md).not.toContain('<script>');
    expect(html).toContain('Tweak description &lt;script&gt;alert(1)&lt;/script&gt; | *bold*');
    expect(html).toContain('Restarts &lt;b&gt;web&lt;/b&gt; &amp; friends | pipes');
    expect(html).not.toContain('<b>web</b>');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('joins runs with the version that ran and the change → outcome timeline', () => {
    const restart = model.actions.find((a) => a.id === 'restart-web')!;
    expect(restart.versions.map((v) => [v.version, v.runs, v.failed])).toEqual([
      ['v2', 7, 1],
      ['v3', 6, 4],
      ['v4', 1, 0],
    ]);
    const timeout = restart.outcomes.find((o) => o.version === 3)!;
    expect(timeout.fields).toEqual(['/parameters/service/default', '/timeout']);
    expect(timeout.before).toEqual({ runs: 7, finished: 7, failed: 1, rate: 1 / 7 });
    expect(timeout.after).toEqual({ runs: 7, finished: 7, failed: 4, rate: 4 / 7 });
    expect(timeout.comparable).toBe(true);
    expect(restart.runs.purged).toBe(42);
    expect(restart.untouched_targets).toEqual([]);
    const health = model.actions.find((a) => a.id === 'health-check')!;
    expect(health.untouched_targets).toEqual(['lb-01']);
  });

  it('attributes runs and changes to roles by the role files at the time', () => {
    expect(model.roles.map((r) => [r.role, r.runs, r.changes])).toEqual([
      ['admins', 3, 0],
      ['approvers', 0, 0],
      ['authors', 0, 8],
      ['operators', 14, 0],
      ['(no role)', 1, 5],
    ]);
    expect(model.coverage.untouched).toEqual([
      { target: 'db-02', named_by: ['db-failover'] },
      { target: 'lb-01', named_by: ['health-check'] },
    ]);
  });
});
