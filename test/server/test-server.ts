import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { expect } from 'vitest';
import { withDefaults } from '../../src/config/load-config.js';
import { createApp } from '../../src/server/create-app.js';
import { routePattern } from '../../src/server/route-spec.js';
import { openApiDocument, routeTable } from '../../src/server/route-table.js';
import { compileResponseChecker } from '../../src/server/openapi/compile-validators.js';
import { openServerDeps } from '../../src/server/open-server-deps.js';
import type { ServerDeps, ServerLimits } from '../../src/server/server-deps.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from './fixture-repo.js';

export const USERS = [
  'alice@example.com',
  'bob@example.com',
  'carol@example.com',
  'dave@example.com',
  'erin@example.com',
  'frank@example.com',
  'mallory@example.com',
] as const;
export type User = (typeof USERS)[number];

export interface CallOptions {
  as?: User | null;
  key?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  repo: TestRepo;
  dataDir: string;
  deps: ServerDeps;
  app: ReturnType<typeof createApp>;
  keys: Record<User, string>;
  call(
    method: 'get' | 'post' | 'delete' | 'put',
    url: string,
    options?: CallOptions,
  ): Promise<request.Response>;
  cleanup(): Promise<void>;
}

const doc = openApiDocument();
const checkResponse = compileResponseChecker(doc);
// The route table's own patterns (compiled once, shared with the app's 404/405 answer).
const templates = routeTable().routes.map((r) => ({ template: r.path, re: routePattern(r) }));

/** The OpenAPI path template of a request path, e.g. `/actions/{id}` for `/api/v1/actions/ping?x=1`. */
export function templateOf(url: string): string | null {
  const p = url.split('?')[0] as string;
  return templates.find((t) => t.re.test(p))?.template ?? null;
}

/** Assert a response matches what the OpenAPI document declares for its route and status. */
export function expectMatchesDocument(method: string, url: string, res: request.Response): void {
  const template = templateOf(url);
  const documented = template !== null && doc.paths[template]?.[method.toLowerCase()] !== undefined;
  if (!documented) {
    expect(res.body).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String), hint: expect.any(String) },
    });
    return;
  }
  const type = String(res.headers['content-type'] ?? '').split(';')[0] as string;
  if (type === 'application/x-ndjson') {
    const lines = res.text.split('\n').filter(Boolean);
    for (const line of lines) {
      expect(
        checkResponse(method, template, res.status, JSON.parse(line), type),
        `${method} ${url} line`,
      ).toBeNull();
    }
    return;
  }
  if (type !== 'application/json') return;
  expect(
    checkResponse(method, template, res.status, res.body),
    `${method} ${url} → ${res.status}`,
  ).toBeNull();
}

/**
 * The app in-process, wired exactly as `opsledger serve` wires it (`openServerDeps`: the native history index over a
 * real temp git repo, the file journal, the real recorder, state, the access log), with test limits.
 */
export async function createTestServer(
  options: {
    limits?: Partial<ServerLimits>;
    repo?: TestRepo;
    keyOptions?: Partial<Record<User, { rate_limit?: number | 'off' | null; expires_at?: string | null }>>;
    /** A PostgreSQL journal (a schema from `test/helpers/postgres.ts`): keys and rate limits in the database too. */
    databaseUrl?: string;
  } = {},
): Promise<TestServer> {
  const repo = options.repo ?? (await createFixtureRepo());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-server-'));
  // Runs still going at cleanup (a runbook run waiting for a confirmation) are cancelled, not waited for forever.
  const stopRuns = new AbortController();
  const opened = await openServerDeps({
    runSignal: stopRuns.signal,
    repo: repo.dir,
    dataDir,
    config: withDefaults({}),
    logger: pino({ level: 'silent' }),
    env: { PATH: process.env.PATH },
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const deps: ServerDeps & { close(): Promise<void> } = Object.assign(opened, {
    limits: {
      ...opened.limits,
      rateLimit: 10_000,
      authFailures: 1000,
      keyIdFailures: 1000,
      ...options.limits,
    },
  });
  const keyStore = deps.keys;
  const now = (): Date => new Date();
  const keys = {} as Record<User, string>;
  for (const user of USERS) {
    const own = options.keyOptions?.[user];
    keys[user] = (
      await keyStore.create(
        {
          user,
          name: `test-${user}`,
          created_by: 'test',
          expires_at: own?.expires_at ?? null,
          rate_limit: own?.rate_limit ?? null,
        },
        now(),
      )
    ).key;
  }
  const app = createApp(deps);
  return {
    repo,
    dataDir,
    deps,
    app,
    keys,
    async call(method, url, o = {}) {
      let r = request(app)[method](url);
      const key = o.key ?? (o.as ? keys[o.as] : undefined);
      if (key) r = r.set('Authorization', `Bearer ${key}`);
      for (const [k, v] of Object.entries(o.headers ?? {})) r = r.set(k, v);
      if (o.rawBody !== undefined) r = r.send(o.rawBody);
      else if (o.body !== undefined) r = r.send(o.body as object);
      const res = await r;
      expect(res.status, `${method.toUpperCase()} ${url}: ${res.text.slice(0, 300)}`).not.toBe(500);
      if (res.status >= 400) {
        expect(res.body).toMatchObject({
          error: { code: expect.any(String), message: expect.any(String), hint: expect.any(String) },
        });
      }
      expectMatchesDocument(method, url, res);
      return res;
    },
    async cleanup() {
      stopRuns.abort('the test server is closing');
      await Promise.allSettled([...deps.inflightRuns]);
      await deps.close();
      await rm(dataDir, { recursive: true, force: true });
      if (!options.repo) await repo.cleanup();
    },
  };
}
