import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/server/create-app.js';
import { ROOT } from '../helpers/cli.js';
import { createTestServer, expectMatchesDocument, type TestServer } from './test-server.js';

const doc = openApiDocument();

/** A concrete URL for a path template: every `{param}` filled with a value that is well-formed. */
function urlOf(template: string, item: Record<string, unknown>): string {
  const root = (item.servers as { url: string }[] | undefined)?.[0]?.url === '/';
  return (root ? '' : '/api/v1') + template.replace(/\{path\}/, 'index.html').replace(/\{\w+\}/g, 'x1');
}

describe('the OpenAPI document and what the routes really send', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => server.cleanup());

  const gets = Object.entries(doc.paths).filter(([, item]) => item.get !== undefined);
  it.each(gets.map(([template, item]) => [template, item] as const))(
    '#20.4 GET %s with an unknown query parameter answers a declared 400',
    async (template, item) => {
      const url = `${urlOf(template, item)}?no_such_parameter=1`;
      const res = await server.call('get', url, { as: 'alice@example.com' });
      expect(res.status, url).toBe(400);
      expectMatchesDocument('get', url, res);
    },
  );

  it('#20.4 Redocly and Spectral (spectral:oas) report no error on /api/v1/openapi.json', async () => {
    const res = await server.call('get', '/api/v1/openapi.json');
    const dir = mkdtempSync(path.join(tmpdir(), 'opsledger-openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(res.body, null, 2));
      writeFileSync(path.join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
      const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);
      const redocly = lint(bin('redocly'), ['lint', file, '--format=json'], dir);
      const problems = (JSON.parse(redocly.stdout) as { problems: { severity: string; message: string }[] })
        .problems;
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      const spectral = lint(
        bin('spectral'),
        ['lint', file, '--ruleset', path.join(dir, '.spectral.yaml'), '--format=json', '--quiet'],
        dir,
      );
      const results = JSON.parse(spectral.stdout || '[]') as {
        severity: number;
        message: string;
        path: string[];
      }[];
      expect(results.filter((r) => r.severity === 0)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

function lint(bin: string, args: string[], cwd: string): { stdout: string } {
  try {
    return {
      stdout: execFileSync(bin, args, {
        cwd,
        encoding: 'utf8',
        env: {
          ...process.env,
          NO_COLOR: '1',
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    };
  } catch (err) {
    // Both exit non-zero when they find an error; their report is on stdout either way.
    const e = err as { stdout?: string; code?: string };
    if (e.code === 'ENOENT') throw new Error(`${bin} is missing: npm ci installs it (a dev dependency)`);
    return { stdout: e.stdout ?? '' };
  }
}
