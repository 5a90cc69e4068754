import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_CSP } from '../../src/server/render-docs-page.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';
import { BIN } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from './fixture-repo.js';

let repo: TestRepo;
let dataDir: string;
let child: ChildProcess;
let url: string;
let browser: Browser;

/** A real `opsledger serve` (the built package, as installed) on 127.0.0.1, any free port. */
async function startServe(): Promise<void> {
  child = spawn(process.execPath, [BIN, '--repo', repo.dir, '--data-dir', dataDir, 'serve', '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

beforeAll(async () => {
  repo = await createFixtureRepo();
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-docs-browser-'));
  await startServe();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await repo?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('#20.4 the API docs page in a real browser', () => {
  it('#20.4 /api/v1/docs renders every operation with Redoc served by opsledger itself, and asks nothing of anyone else', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const response = await page.goto(`${url}/api/v1/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(DOCS_CSP);
    // Redoc has rendered when the operations' summaries are in the DOM.
    await page
      .locator('.api-content h2', { hasText: 'Runs, newest first' })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    const text = await page.locator('redoc').innerText();
    expect(text).toContain('Liveness (no key needed)');
    expect(text).toContain('/executions');
    await context.close();
    const origin = new URL(url).origin;
    expect(
      requests.filter((r) => !r.startsWith(`${origin}/`) && !r.startsWith('blob:') && !r.startsWith('data:')),
    ).toEqual([]);
    expect(requests).toContain(`${origin}/api/v1/openapi.json`);
    expect(problems).toEqual([]);
  });
});
