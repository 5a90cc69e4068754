import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { expect } from 'vitest';
import { openKeyStore } from '../../src/access/open-key-store.js';
import { rolesAtTip } from '../../src/access/roles-at-tip.js';
import { withDefaults } from '../../src/config/load-config.js';
import { newExecutionId } from '../../src/executions/execution-id.js';
import { openJournal } from '../../src/executions/open-journal.js';
import type { Journal } from '../../src/executions/types.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import { openAccessLog } from '../../src/server/access-log.js';
import { createApp, openApiDocument } from '../../src/server/create-app.js';
import { compileResponseChecker } from '../../src/server/openapi/compile-validators.js';
import { openIdempotencyStore } from '../../src/server/open-idempotency-store.js';
import type { ServerDeps, ServerLimits, StartRun } from '../../src/server/server-deps.js';
import { openState } from '../../src/state/open-state.js';
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
const templates = Object.entries(doc.paths).map(([p, item]) => {
  const full = (item.servers as { url: string }[] | undefined)?.[0]?.url === '/' ? p : `/api/v1${p}`;
  return {
    template: p,
    re: new RegExp(`^${full.replace(/\{path\}$/, '.+').replace(/\{\w+\}/g, '[^/]+')}$`),
  };
});

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

/** A fake recorder on the fake journal: 'running' at once, 'succeeded' a moment later. */
export function fakeStartRun(journal: Journal, deps: () => ServerDeps): StartRun {
  return async (req) => {
    const d = deps();
    const version = d.history.definitionAt('action', req.actionId);
    const now = d.now();
    const record = await journal.append({
      id: newExecutionId(now),
      action_id: req.actionId,
      definition: {
        commit: version?.commit ?? null,
        blob: version?.blob ?? null,
        path: version?.path ?? null,
        version: version?.version ?? null,
        status: 'released',
        dirty: false,
      },
      trigger: req.trigger,
      initiator: { user: req.user, via: 'api' },
      targets: req.targets,
      parameters: {},
      started_at: now.toISOString(),
      finished_at: null,
      duration_ms: null,
      status: 'running',
      exit_code: null,
    });
    const done = new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() =>
      journal.append({
        ...record,
        status: 'succeeded',
        finished_at: new Date().toISOString(),
        duration_ms: 5,
        exit_code: 0,
      }),
    );
    return { record, done };
  };
}

/**
 * The app in-process over a real temp git repo (real history index), real state (keys, idempotency), a real access
 * log, and the given journal and recorder (fakes by default).
 */
export async function createTestServer(
  options: {
    journal?: Journal;
    startRun?: (deps: () => ServerDeps) => StartRun;
    limits?: Partial<ServerLimits>;
    repo?: TestRepo;
    keyOptions?: Partial<Record<User, { rate_limit?: number | 'off' | null; expires_at?: string | null }>>;
  } = {},
): Promise<TestServer> {
  const repo = options.repo ?? (await createFixtureRepo());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-server-'));
  const config = withDefaults({});
  const history = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
  const journal = options.journal ?? (await openJournal({ dataDir }));
  const state = openState(dataDir);
  const keyStore = openKeyStore(state);
  const now = (): Date => new Date();
  const deps: ServerDeps = {
    repo: repo.dir,
    config,
    history,
    journal,
    startRun: (options.startRun ?? ((d) => fakeStartRun(journal, d)))(() => deps),
    redactParameters: (defs, values) =>
      Object.fromEntries(
        Object.entries(values).map(([k, v]) => [
          k,
          defs.find((d) => d.name === k)?.secret
            ? { redacted: true as const }
            : (v as string | number | boolean),
        ]),
      ),
    refreshHistory: () => history.refresh(),
    keys: keyStore,
    idempotency: openIdempotencyStore(state, now),
    accessLog: openAccessLog(dataDir),
    roles: rolesAtTip(history),
    now,
    newExecutionId,
    logger: pino({ level: 'silent' }),
    limits: {
      bodyBytes: 64 * 1024,
      rateLimit: 10_000,
      rateWindowMs: 60_000,
      authFailures: 1000,
      ...options.limits,
    },
    inflightRuns: new Set(),
  };
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
      await Promise.allSettled([...deps.inflightRuns]);
      deps.accessLog.close();
      await keyStore.close();
      await journal.close();
      await rm(dataDir, { recursive: true, force: true });
      if (!options.repo) await repo.cleanup();
    },
  };
}
