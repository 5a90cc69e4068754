import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { REPORTS_CSP } from '../../src/server/routes/report-routes.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { SCENARIO_NOW, createScenarioRepo, scenarioRuns } from './report-scenario.js';

/** Debian's Chromium; never a downloaded browser (`apt-get install chromium`, as .ci/run does). */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

let repo: TestRepo;
let dataDir: string;
let serve: { child: ChildProcess; url: string; key: string };
let browser: Browser;

/** Start a real `opsledger serve` on 127.0.0.1 (any free port); resolve with its URL and the first admin key. */
async function startServe(): Promise<typeof serve> {
  const child = spawn(
    process.execPath,
    [BIN, '--repo', repo.dir, '--data-dir', dataDir, 'serve', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  const key = /^(olk_\S+)$/m.exec(out)?.[1];
  if (!key) throw new Error(`serve printed no admin key: ${out}`);
  return { child, url, key };
}

/** Open a page, recording every request and every console error or page error on the way. */
async function open(url: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    extraHTTPHeaders: { Authorization: `Bearer ${serve.key}` },
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(REPORTS_CSP);
  await page.waitForLoadState('load');
  return { page, requests, errors };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (never download one)`);
  let commits: Record<string, string>;
  ({ repo, commits } = await createScenarioRepo());
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-report-browser-'));
  const journal = await openJournal({ dataDir });
  for (const run of scenarioRuns(commits)) await journal.append(run);
  await journal.close();
  const written = runCli(['--repo', repo.dir, '--data-dir', dataDir, 'report', '--now', SCENARIO_NOW]);
  if (written.code !== 0) throw new Error(`report failed: ${written.stderr}`);
  serve = await startServe();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (serve?.child.exitCode === null) {
    await new Promise((resolve) => {
      serve.child.once('exit', resolve);
      serve.child.kill('SIGTERM');
    });
  }
  await repo?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('HTML reports in headless Chromium, served by opsledger serve', () => {
  it('needs a key with reports:read', async () => {
    expect((await fetch(`${serve.url}/reports/index.html`)).status).toBe(401);
  });

  it('renders the index: charts, sortable tables, no console errors, no request leaving the page', async () => {
    const { page, requests, errors } = await open(`${serve.url}/reports/index.html`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toBe('Automation audit report: acme/ops');

    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(2);
    expect(await charts.first().locator(':scope > title').textContent()).toBe('Runs per week, all actions');
    expect(await charts.first().locator('rect.ok').count()).toBeGreaterThan(3);
    const box = await charts.first().boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(80);

    // The inline script ran under the CSP: every header of a sortable table became a button.
    const actions = page.locator('table', {
      has: page.locator('caption', { hasText: 'Actions with their runs' }),
    });
    const runsHeader = actions.locator('thead th', { hasText: 'Runs' });
    expect(await actions.locator('thead button.sort').count()).toBe(9);
    await runsHeader.locator('button').click();
    expect(await runsHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await actions.locator('tbody tr th[scope="row"]').allTextContents()).toEqual([
      'ghost-action',
      'health-check',
      'db-failover',
      'restart-web',
    ]);
    await runsHeader.locator('button').click();
    expect(await runsHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await actions.locator('tbody tr th[scope="row"]').first().textContent()).toBe('restart-web');

    await page.screenshot({ path: path.join(ARTIFACTS, 'report-index.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([`${serve.url}/reports/index.html`]);
  });

  it('follows a link to an action page that renders its charts and tables, still offline', async () => {
    const { page, requests, errors } = await open(`${serve.url}/reports/index.html`);
    await page.getByRole('link', { name: 'restart-web', exact: true }).click();
    await page.waitForURL(`${serve.url}/reports/actions/restart-web.html`);
    expect(await page.locator('h1').textContent()).toBe('Action restart-web: restart web');
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(2);
    expect(await charts.nth(1).locator(':scope > title').textContent()).toBe(
      'Duration distribution of restart-web',
    );
    expect(await charts.nth(1).locator('rect.dur').count()).toBe(8);
    const versions = page.locator('table', { has: page.locator('caption', { hasText: 'per version ran' }) });
    expect(await versions.locator('tbody tr').count()).toBe(3);
    expect(await page.locator('th[scope="col"]').count()).toBeGreaterThan(20);
    // The print stylesheet applies and hides the navigation.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-action.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([
      `${serve.url}/reports/index.html`,
      `${serve.url}/reports/actions/restart-web.html`,
    ]);
  });
});
