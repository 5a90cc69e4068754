import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HtmlValidate } from 'html-validate';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { createPeople } from '../../src/reports/create-people.js';
import { describeParameters } from '../../src/reports/describe-parameters.js';
import { statusTone } from '../../src/reports/report-document.js';
import { ROOT, runCli } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { SCENARIO_NOW, createScenarioRepo, scenarioRuns } from './report-scenario.js';

/** Debian's Chromium; never a downloaded browser (`apt-get install chromium`, as .ci/run does). */
const CHROMIUM = '/usr/bin/chromium';
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

let repo: TestRepo;
let dataDir: string;
let outDir: string;
let pages: string[];
let browser: Browser;

const read = (page: string) => readFile(path.join(outDir, page), 'utf8');

beforeAll(async () => {
  let commits: Record<string, string>;
  ({ repo, commits } = await createScenarioRepo());
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-report-validate-'));
  outDir = path.join(dataDir, '..', `${path.basename(dataDir)}-out`);
  const journal = await openJournal({ dataDir });
  for (const run of scenarioRuns(commits)) await journal.append(run);
  await journal.close();
  const written = runCli([
    '--repo',
    repo.dir,
    '--data-dir',
    dataDir,
    'report',
    '--now',
    SCENARIO_NOW,
    '--out',
    outDir,
  ]);
  if (written.code !== 0) throw new Error(`report failed: ${written.stderr}`);
  pages = (await readdir(outDir, { recursive: true }))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await repo?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('#20.5 HTML reports that validate', () => {
  it('#20.5 every page of a generated report passes html-validate (recommended preset) with 0 errors', async () => {
    expect(pages).toContain('index.html');
    expect(pages).toContain('actions/restart-web.html');
    expect(pages).toContain('runbooks/web-incident.html');
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const problems: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(await read(page), page);
      for (const m of report.results.flatMap((r) => r.messages))
        problems.push(`${page}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('#20.5 every page of a generated report has 0 axe-core violations of any impact in Chromium, light and dark', async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (never download one)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const violations: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ colorScheme: scheme });
      for (const file of pages) {
        await page.goto(pathToFileURL(path.join(outDir, file)).href);
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
          const r = await axe.run();
          return r.violations.map(
            (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          );
        });
        violations.push(...result.map((v) => `${scheme} ${file}: ${v}`));
      }
      await page.close();
    }
    expect(violations).toEqual([]);
  }, 120_000);

  it('#20.5 table captions (landmark names) are distinct on every page', async () => {
    for (const page of pages) {
      const captions = [...(await read(page)).matchAll(/<caption id="[^"]+">([^<]*)<\/caption>/g)].map(
        (m) => m[1],
      );
      expect(new Set(captions).size, page).toBe(captions.length);
    }
    expect(await read('findings.html')).not.toMatch(/<caption[^>]*>All \d+<\/caption>/);
  });
});

describe('#20.5 what the report says about runs', () => {
  it('#20.5 the recent-runs tables show each run its parameters, secret ones by name only', async () => {
    const md = await read('actions/restart-web.md');
    const html = await read('actions/restart-web.html');
    expect(md).toContain('| `password` (secret, redacted)<br>`service=nginx` |');
    expect(md).toContain('| `service=apache2` |');
    expect(html).toContain('<td><code>password</code> (secret, redacted)<br><code>service=nginx</code></td>');
    expect(html).not.toContain('redacted":true');
  });

  it('#20.5 the change → outcome table says what it compares and n per side, and never calls 0 runs a trend', async () => {
    const md = await read('actions/restart-web.md');
    expect(md).toContain(
      'up to 20 runs started just before a change with up to 20 runs started just after it',
    );
    // The /timeout change: 7 finished runs on each side, enough to compare.
    expect(md).toMatch(
      /\| 14\.3% failed, n=7 \| 57\.1% failed, n=7 \| n=7 before \/ n=7 after \| \*\*\+42\.9 pts, worse\*\* \|/,
    );
    // The /status change had no run before it: no difference is given.
    expect(md).toMatch(
      /\| – failed, n=0 \| [0-9.]+% failed, n=\d+ \| n=0 before \/ n=\d+ after \| too few runs to compare \|/,
    );
  });

  it('#20.5 counts are in the right number ("1 runbook", "1 problem")', async () => {
    const index = await read('index.md');
    expect(index).toContain('3 actions, 1 runbook, 4 roles');
    expect(index).not.toMatch(/\b1 (runbooks|runs|roles|problems|records)\b/);
    expect(index).not.toContain('(s)');
  });

  it('#20.5 status badges are coloured by meaning and always carry their text', async () => {
    const html = await read('actions/restart-web.html');
    expect(html).toContain('<span class="badge ok">succeeded</span>');
    expect(html).toContain('<span class="badge bad">failed</span>');
    expect(html).toContain('<span class="badge bad">timed_out</span>');
    expect(await read('index.html')).toContain('<span class="badge ok">passed</span>');
    const tones = ['succeeded', 'failed', 'timed_out', 'cancelled', 'abandoned', 'denied', 'running'].map(
      statusTone,
    );
    expect(tones).toEqual(['ok', 'bad', 'bad', 'warn', 'warn', 'warn', 'neutral']);
  });

  it('#20.5 parameters: a name the action declares secret is redacted even when a run recorded a value', () => {
    const people = createPeople(null, new Map());
    const shown = describeParameters(
      { password: 'hunter2', note: 'x'.repeat(100), token: { redacted: true, hmac: 'abc' }, n: 3 },
      new Set(['password']),
      people,
    );
    expect(shown).toEqual([
      { name: 'n', value: '3', redacted: false },
      { name: 'note', value: `${'x'.repeat(79)}…`, redacted: false },
      { name: 'password', value: 'redacted', redacted: true },
      { name: 'token', value: 'redacted', redacted: true },
    ]);
  });
});

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}
