import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HtmlValidate } from 'html-validate';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDefaults } from '../../src/config/load-config.js';
import { openJournal } from '../../src/executions/open-journal.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import { generateReport } from '../../src/reports/generate-report.js';
import type { ReportModel } from '../../src/reports/report-model.js';
import { createScheduler } from '../../src/schedules/create-scheduler.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

// Real runs recorded by the real recorder: a runbook run through the CLI (a repeated step, a secret parameter, a
// failure handled by an on_failure step, an on_success step skipped), a manual step confirmed by another process,
// and scheduled firings (a late start, three missed while stopped) from the scheduler with a controlled clock.
const script = (body: string) =>
  `script:\n  shell: bash\n  inline: |\n    ${body.split('\n').join('\n    ')}\n`;
const head = (id: string) =>
  `id: ${id}\nname: ${id}\nowner: alice@example.com\nstatus: released\ntimeout: 60\n`;
const DIR = 'parameters:\n  - { name: dir, type: string, required: true }\n';
const FILES = {
  '.gitignore': '.opsledger/\n',
  'definitions/actions/ok.yaml': `${head('ok')}${script('echo ok')}`,
  'definitions/actions/fail.yaml': `${head('fail')}${script('exit 3')}`,
  'definitions/actions/flaky.yaml': `${head('flaky')}${DIR}${script(
    'n=$(cat "$OPSLEDGER_PARAM_DIR/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$OPSLEDGER_PARAM_DIR/count"\n[ $n -ge 2 ]',
  )}`,
  'definitions/actions/use-token.yaml': `${head('use-token')}parameters:\n  - { name: token, type: string, secret: true, required: true }\n${script('test -n "$OPSLEDGER_PARAM_TOKEN"')}`,
  'definitions/actions/tick.yaml': `${head('tick')}schedule: '*/10 * * * * *'\n${script('echo tick')}`,
  'definitions/runbooks/story.yaml': `${head('story').replace('timeout: 60\n', '')}parameters:
  - { name: dir, type: string, required: true }
  - { name: token, type: string, secret: true, required: true }
steps:
  - id: poll
    name: Poll until it works
    action: flaky
    repeat: { every: PT0.1S, until: succeeded, times: 4 }
    with: { dir: '\${{ params.dir }}' }
  - id: use-token
    name: Use the token
    action: use-token
    with: { token: '\${{ params.token }}' }
  - id: break
    name: Break
    action: fail
  - id: recover
    name: Recover
    action: ok
    when: on_failure
  - id: celebrate
    name: Celebrate
    action: ok
    when: on_success
`,
  'definitions/runbooks/manual.yaml': `${head('manual').replace('timeout: 60\n', '')}steps:
  - { id: first, name: First, action: ok }
  - { id: approve, name: Approve, action: ok, automatic: false }
`,
  'definitions/runbooks/nightly.yaml': `${head('nightly').replace('timeout: 60\n', '')}schedule: '*/10 * * * * *'
steps:
  - { id: only, name: Only, action: ok }
`,
};

let repo: TestRepo;
let tmp: string;
let dataDir: string;
let outDir: string;
let model: ReportModel;
const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  TMPDIR: tmp,
  TOKEN: 's3cret-value',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'user.email',
  GIT_CONFIG_VALUE_0: 'dave@example.com',
});

/** The CLI as an async child (a slow command must not block the test worker). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, '--repo', repo.dir, '--data-dir', dataDir, ...args], {
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function waitForWaiting(): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const r = await cli(['executions', '--json', '--action', 'manual']);
    const run = (JSON.parse(r.stdout || '[]') as { id: string; status: string }[]).find(
      (x) => x.status === 'waiting',
    );
    if (run) return run.id;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('the manual run never waited');
}

async function schedule(): Promise<void> {
  const T0 = Date.parse('2026-03-01T00:00:00Z');
  const clock = { now: new Date(T0) };
  for (const stops of [[0, 10.2], [45.5]]) {
    const journal = await openJournal({ dataDir });
    const history = await openHistoryIndex({
      repo: repo.dir,
      dataDir,
      branch: 'main',
      definitionsDir: 'definitions',
    });
    const scheduler = createScheduler({
      repo: repo.dir,
      dataDir,
      branch: 'main',
      journal,
      history,
      env: { PATH: process.env.PATH, TMPDIR: tmp },
      now: () => clock.now,
    });
    for (const s of stops) {
      clock.now = new Date(T0 + s * 1000);
      await scheduler.tick();
    }
    await scheduler.stop();
    await journal.close();
  }
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-rbreport-'));
  dataDir = path.join(tmp, 'data');
  outDir = path.join(tmp, 'out');
  repo = await createTestRepo([{ message: 'Actions and runbooks', files: FILES }]);
  const work = mkdtempSync(path.join(tmp, 'work-'));
  const story = await cli([
    'runbook',
    'run',
    'story',
    '--param',
    `dir=${work}`,
    '--param-env',
    'token=TOKEN',
  ]);
  expect(story.code, story.stderr).toBe(1);
  const manual = cli(['runbook', 'run', 'manual']);
  const id = await waitForWaiting();
  const confirmed = await cli(['runbook', 'confirm', id, 'approve', '--reason', 'looks fine']);
  expect(confirmed.code, confirmed.stderr).toBe(0);
  expect((await manual).code).toBe(0);
  await schedule();
  const result = await generateReport({
    repo: repo.dir,
    dataDir,
    config: withDefaults({}),
    outDir,
    formats: ['md', 'html'],
    since: null,
    until: null,
    now: new Date().toISOString(),
    pseudonymize: false,
    check: false,
    progress: false,
    verify: true,
  });
  model = result.model;
}, 120_000);

/** The same report again: the folded runs come from the run cache this time. */
async function reportAgain(): Promise<{ model: ReportModel; phases: string[] }> {
  const phases: string[] = [];
  const again = await generateReport({
    repo: repo.dir,
    dataDir,
    config: withDefaults({}),
    outDir: path.join(tmp, 'again'),
    formats: ['md'],
    since: null,
    until: model.period.until,
    now: model.generated_at,
    pseudonymize: false,
    check: false,
    progress: false,
    verify: true,
    onPhase: (phase) => phases.push(phase),
  });
  return { model: again.model, phases };
}
afterAll(async () => {
  await repo.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

const read = (page: string) => readFile(path.join(outDir, page), 'utf8');
const runOf = (runbook: string) => model.runbooks.find((r) => r.id === runbook)!.runbook_runs;

describe('#17.5 a page per runbook run', () => {
  it('#17.5 the steps as a timeline: status, start, duration, repetitions, skip reasons; parameters with the secret redacted', async () => {
    const [run] = runOf('story');
    expect(run).toMatchObject({ status: 'failed', user: 'dave@example.com', trigger: 'manual' });
    expect(run!.parameters).toEqual([
      { name: 'dir', value: expect.any(String), redacted: false },
      { name: 'token', value: 'redacted', redacted: true },
    ]);
    expect(run!.steps.map((s) => [s.id, s.status, s.executions.length])).toEqual([
      ['poll', 'succeeded', 2],
      ['use-token', 'succeeded', 1],
      ['break', 'failed', 1],
      ['recover', 'succeeded', 1],
      ['celebrate', 'skipped', 0],
    ]);
    expect(run!.steps[0]!.executions.map((e) => [e.attempt, e.status])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    expect(run!.steps[4]!.reason).toMatch(/on_success/);
    const md = await read(`runbook_runs/${run!.id}.md`);
    expect(md).toContain('# Runbook run');
    expect(md).toContain('| `token` | redacted (secret) |');
    expect(md).toMatch(
      /\| `poll` \| \[flaky\]\(\.\.\/actions\/flaky\.md\) \| \*\*succeeded\*\*|\| `poll` \| \[flaky\]\(\.\.\/actions\/flaky\.md\) \| succeeded/,
    );
    expect(md).toMatch(/\| `celebrate` .*\| skipped \|.*on\\_success, but step "break" failed/);
    expect(md).toContain('5 steps: 3 succeeded, 1 failed, 1 skipped');
    const html = await read(`runbook_runs/${run!.id}.html`);
    expect(html).not.toContain('s3cret-value');
    expect(html).toContain('<span class="badge bad">failed</span>');
    expect(html).toContain('<span class="badge neutral">skipped</span>');
  });

  it('#17.5 who confirmed a manual step is on the page; the runbook page and the overview link each run', async () => {
    const [run] = runOf('manual');
    expect(run!.steps[1]).toMatchObject({
      status: 'succeeded',
      decided_by: { user: 'dave@example.com', decision: 'confirmed' },
      reason: 'looks fine',
    });
    expect(await read(`runbook_runs/${run!.id}.md`)).toMatch(/confirmed by dave@example\.com/);
    expect(await read('runbooks/manual.md')).toContain(`[${run!.id}](../runbook_runs/${run!.id}.md)`);
    expect(await read('index.md')).toContain(`[${run!.id}](runbook_runs/${run!.id}.md)`);
    // A step execution's row names its run.
    expect(await read('actions/fail.md')).toContain(
      `(step break of [${runOf('story')[0]!.id}](../runbook_runs/`,
    );
  });

  it('#17.5 runbook runs are not runs of unknown actions; missed and skipped firings are not runs', () => {
    expect(model.actions.map((a) => a.id)).toEqual(['fail', 'flaky', 'ok', 'tick', 'use-token']);
    const kinds = model.findings.map((g) => g.kind);
    expect(kinds).not.toContain('unknown-definition-run');
    // No role files: every run by a person lacks actions:execute, but scheduled runs are not judged against roles.
    const unauthorized = model.findings.find((g) => g.kind === 'unauthorized-run')!;
    expect(unauthorized.items.map((f) => f.subject.id).sort()).toEqual([
      'fail',
      'flaky',
      'flaky',
      'ok',
      'ok',
      'ok',
      'use-token',
    ]);
    const tick = model.actions.find((a) => a.id === 'tick')!;
    expect(tick.runs).toMatchObject({ runs: 1, succeeded: 1, other: 0 });
    expect(model.counts.runbook_runs).toBe(3); // story, manual and nightly's one started run (missed ones are not runs)
    expect(model.runbooks.find((r) => r.id === 'nightly')!.runs.runbook_runs).toBe(1);
  });
});

describe('#15.9 the run cache keeps what runbook runs and firings need', () => {
  it('#17.5 a report from the run cache equals the report from the journal scan', async () => {
    const again = await reportAgain();
    expect(again.phases).toContain('journal (run cache)');
    expect(again.model).toEqual(model);
  });
});

describe('#17.5 schedule adherence', () => {
  it('#17.5 per schedule: planned vs started, late p50/max, missed from the missed records, success rate; a finding per outage', async () => {
    expect(
      model.schedules.map((s) => [s.kind, s.id, s.planned, s.started, s.missed, s.outages, s.skipped]),
    ).toEqual([
      ['action', 'tick', 4, 1, 3, 1, 0],
      ['runbook', 'nightly', 4, 1, 3, 1, 0],
    ]);
    const tick = model.schedules[0]!;
    expect(tick).toMatchObject({
      late_p50_ms: 200,
      late_max_ms: 200,
      success_rate: 1,
      schedule: '*/10 * * * * * (UTC)',
    });
    const missed = model.findings.find((g) => g.kind === 'missed-firing')!;
    expect(missed.total).toBe(2);
    expect(missed.items.map((f) => f.summary).sort()).toEqual([
      'action tick: 3 scheduled firings did not run (no scheduler was running)',
      'runbook nightly: 3 scheduled firings did not run (no scheduler was running)',
    ]);
    const md = await read('schedules.md');
    expect(md).toContain('2 schedules; 6 firings missed, 0 firings skipped in the period.');
    expect(md).toMatch(
      /\| \[tick\]\(actions\/tick\.md\) \| action \| `\*\/10 \* \* \* \* \* \(UTC\)` \| 4 \| 1 \| 200 ms \| 200 ms \| 3 \(1 outage\) \| 0 \| 100\.0% of 1 \|/,
    );
  });
});

describe('#17.5 the new pages validate', () => {
  const pages = async (): Promise<string[]> => [
    'index.html',
    'schedules.html',
    'runbooks/story.html',
    'runbooks/manual.html',
    ...model.runbooks.flatMap((r) => r.runbook_runs.map((x) => `runbook_runs/${x.id}.html`)),
  ];

  it('#17.5 html-validate (recommended) finds 0 errors on the run, runbook, schedule and overview pages', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const problems: string[] = [];
    for (const page of await pages()) {
      const report = await validator.validateString(await read(page), page);
      for (const m of report.results.flatMap((r) => r.messages))
        problems.push(`${page}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('#17.5 axe-core finds 0 violations of any impact in Chromium, light and dark', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const violations: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ colorScheme: scheme });
        for (const file of await pages()) {
          await page.goto(pathToFileURL(path.join(outDir, file)).href);
          await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
          const found = await page.evaluate(async () => {
            const axe = (
              globalThis as unknown as {
                axe: { run(): Promise<{ violations: { id: string; impact: string | null }[] }> };
              }
            ).axe;
            return (await axe.run()).violations.map((v) => `${v.id} (${v.impact})`);
          });
          violations.push(...found.map((v) => `${scheme} ${file}: ${v}`));
        }
        await page.close();
      }
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
