import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_PERMISSIONS } from '../../src/access/decide-access.js';
import { openApiDocument } from '../../src/server/create-app.js';
import { createTestServer, expectMatchesDocument, USERS, type TestServer, type User } from './test-server.js';

type Cell = Record<User | 'anonymous', number>;
const row = (ok: number, who: User[], otherwise = 403, anonymous = 401): Cell => {
  const cell = { anonymous } as Cell;
  for (const u of USERS) cell[u] = who.includes(u) ? ok : otherwise;
  return cell;
};
const EVERY_ROLE: User[] = [
  'alice@example.com',
  'bob@example.com',
  'carol@example.com',
  'dave@example.com',
  'erin@example.com',
  'frank@example.com',
];
const HISTORY_READERS: User[] = [
  'alice@example.com',
  'bob@example.com',
  'carol@example.com',
  'frank@example.com',
];
const AUDITORS: User[] = ['alice@example.com', 'frank@example.com'];
const EXECUTION_READERS: User[] = [
  'alice@example.com',
  'dave@example.com',
  'erin@example.com',
  'frank@example.com',
];
const DISK_RUNNERS: User[] = ['alice@example.com', 'dave@example.com', 'erin@example.com'];
const ADMINS: User[] = ['alice@example.com'];

interface MatrixRow {
  method: 'get' | 'post' | 'delete';
  /** A concrete URL; `{run}` is dave's run, `{key}` a fresh throwaway key id. */
  url: string;
  template: string;
  /** The body, or a body made per caller (a remote recording's id must be new for each). */
  body?: unknown;
  headers?: Record<string, string>;
  expect: Cell;
}

/** Every route of the document × every demo role (and no key): the expected status of each cell. */
const MATRIX: MatrixRow[] = [
  { method: 'get', url: '/api/v1/health', template: 'GET /health', expect: row(200, [...USERS], 200, 200) },
  {
    method: 'get',
    url: '/api/v1/openapi.json',
    template: 'GET /openapi.json',
    expect: row(200, [...USERS], 200, 200),
  },
  { method: 'get', url: '/api/v1/docs', template: 'GET /docs', expect: row(200, [...USERS], 200, 200) },
  {
    method: 'get',
    url: '/api/v1/docs/redoc.standalone.js',
    template: 'GET /docs/redoc.standalone.js',
    expect: row(200, [...USERS], 200, 200),
  },
  { method: 'get', url: '/api/v1/actions', template: 'GET /actions', expect: row(200, EVERY_ROLE) },
  {
    method: 'get',
    url: '/api/v1/actions/disk-usage',
    template: 'GET /actions/{id}',
    expect: row(200, EVERY_ROLE),
  },
  { method: 'get', url: '/api/v1/runbooks', template: 'GET /runbooks', expect: row(200, EVERY_ROLE) },
  {
    method: 'get',
    url: '/api/v1/runbooks/web-incident',
    template: 'GET /runbooks/{id}',
    expect: row(200, EVERY_ROLE),
  },
  {
    method: 'get',
    url: '/api/v1/actions/disk-usage/history',
    template: 'GET /actions/{id}/history',
    expect: row(200, HISTORY_READERS),
  },
  {
    method: 'get',
    url: '/api/v1/runbooks/web-incident/history',
    template: 'GET /runbooks/{id}/history',
    expect: row(200, HISTORY_READERS),
  },
  { method: 'get', url: '/api/v1/audit', template: 'GET /audit', expect: row(200, AUDITORS) },
  {
    method: 'get',
    url: '/api/v1/runbook_audits',
    template: 'GET /runbook_audits',
    expect: row(200, AUDITORS),
  },
  {
    method: 'get',
    url: '/api/v1/history/rewrites',
    template: 'GET /history/rewrites',
    expect: row(200, AUDITORS),
  },
  {
    method: 'get',
    url: '/api/v1/executions',
    template: 'GET /executions',
    expect: row(200, EXECUTION_READERS),
  },
  {
    method: 'get',
    url: '/api/v1/executions/{run}',
    template: 'GET /executions/{id}',
    // erin is an operator too, but the run is dave's: not found for her (no existence oracle).
    expect: {
      ...row(200, ['alice@example.com', 'dave@example.com', 'frank@example.com']),
      'erin@example.com': 404,
    },
  },
  {
    method: 'post',
    url: '/api/v1/executions',
    template: 'POST /executions',
    body: {
      action_id: 'disk-usage',
      status: 'succeeded',
      started_at: '2026-02-01T10:00:00Z',
      duration_ms: 1200,
      exit_code: 0,
    },
    expect: row(201, DISK_RUNNERS),
  },
  {
    method: 'post',
    url: '/api/v1/actions/disk-usage/executions',
    template: 'POST /actions/{id}/executions',
    body: { parameters: { path: '/tmp' } },
    expect: row(202, DISK_RUNNERS),
  },
  {
    method: 'post',
    url: '/api/v1/actions/restart-web/executions',
    template: 'POST /actions/{id}/executions',
    body: {},
    // Operators hold actions:execute, but restart-web is outside their scope.
    expect: row(202, ADMINS),
  },
  { method: 'post', url: '/api/v1/refresh', template: 'POST /refresh', expect: row(200, ADMINS) },
  { method: 'get', url: '/api/v1/keys', template: 'GET /keys', expect: row(200, ADMINS) },
  {
    method: 'get',
    url: '/api/v1/webhooks/deliveries',
    template: 'GET /webhooks/deliveries',
    expect: row(200, ADMINS),
  },
  {
    method: 'post',
    url: '/api/v1/keys',
    template: 'POST /keys',
    body: { user: 'grace@example.com', name: 'matrix', expires: '1d' },
    expect: row(201, ADMINS),
  },
  { method: 'delete', url: '/api/v1/keys/{key}', template: 'DELETE /keys/{id}', expect: row(200, ADMINS) },
  { method: 'get', url: '/api/v1/access_log', template: 'GET /access_log', expect: row(200, AUDITORS) },
  { method: 'get', url: '/reports', template: 'GET /reports', expect: row(200, AUDITORS) },
  // #17: operators may not run restart-web (outside their scope), so they are denied the runbook that calls it.
  {
    method: 'post',
    url: '/api/v1/runbooks/web-incident/runs',
    template: 'POST /runbooks/{id}/runs',
    body: {},
    expect: row(202, ADMINS),
  },
  {
    method: 'get',
    url: '/api/v1/runbook_runs',
    template: 'GET /runbook_runs',
    expect: row(200, EXECUTION_READERS),
  },
  {
    method: 'get',
    url: '/api/v1/runbook_runs/NO-SUCH-RUN',
    template: 'GET /runbook_runs/{id}',
    expect: row(404, EXECUTION_READERS),
  },
  {
    method: 'post',
    url: '/api/v1/runbook_runs/NO-SUCH-RUN/steps/restart/confirm',
    template: 'POST /runbook_runs/{id}/steps/{step}/confirm',
    body: {},
    expect: row(404, DISK_RUNNERS),
  },
  {
    method: 'post',
    url: '/api/v1/runbook_runs/NO-SUCH-RUN/cancel',
    template: 'POST /runbook_runs/{id}/cancel',
    expect: row(404, DISK_RUNNERS),
  },
  { method: 'get', url: '/api/v1/schedules', template: 'GET /schedules', expect: row(200, EVERY_ROLE) },
  // Holders of definitions:modify pass the permission check; this server has no GitHub, so 404 (docs/github.md).
  {
    method: 'post',
    url: '/api/v1/actions/restart-web/revert',
    template: 'POST /actions/{id}/revert',
    body: { to: 1 },
    expect: row(404, ['alice@example.com', 'bob@example.com', 'carol@example.com']),
  },
  {
    method: 'post',
    url: '/api/v1/runbooks/web-incident/revert',
    template: 'POST /runbooks/{id}/revert',
    body: { to: 1 },
    expect: row(404, ['alice@example.com', 'bob@example.com', 'carol@example.com']),
  },
  // Signature-checked, not key-checked: this server has no GitHub App configured, so 404 for everyone.
  {
    method: 'post',
    url: '/api/v1/github/webhook',
    template: 'POST /github/webhook',
    body: { action: 'opened' },
    expect: row(404, [], 404, 404),
  },
  { method: 'get', url: '/reports/index.html', template: 'GET /reports/{path}', expect: row(200, AUDITORS) },
  // Remote recording: every role member may ask; the ones without actions:execute for it get a denied record (403).
  {
    method: 'post',
    url: '/api/v1/recordings',
    template: 'POST /recordings',
    body: (who: string) => ({
      id: `matrix-${who.replace(/[^a-z]/g, '')}`,
      action_id: 'disk-usage',
      trigger: 'manual',
      definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: true },
      targets: [],
      parameters: {},
      started_at: '2026-02-01T10:00:00Z',
      allow_dirty: true,
    }),
    expect: row(201, DISK_RUNNERS),
  },
  {
    method: 'post',
    url: '/api/v1/recordings/NO-SUCH-RUN/end',
    template: 'POST /recordings/{id}/end',
    headers: { 'Idempotency-Key': 'end:NO-SUCH-RUN' },
    body: { status: 'succeeded', finished_at: '2026-02-01T10:00:01Z', duration_ms: 1000, exit_code: 0 },
    expect: row(404, EVERY_ROLE),
  },
  {
    method: 'post',
    url: '/api/v1/recordings/NO-SUCH-RUN/heartbeat',
    template: 'POST /recordings/{id}/heartbeat',
    expect: row(404, EVERY_ROLE),
  },
  {
    method: 'get',
    url: '/api/v1/journal/verify',
    template: 'GET /journal/verify',
    expect: row(200, AUDITORS),
  },
];

describe('role × route matrix', () => {
  let server: TestServer;
  let daveRun: string;

  beforeAll(async () => {
    server = await createTestServer();
    const res = await server.call('post', '/api/v1/actions/disk-usage/executions', {
      as: 'dave@example.com',
      body: {},
    });
    expect(res.status).toBe(202);
    daveRun = res.body.id;
  });
  afterAll(() => server.cleanup());

  it('covers every operation of the OpenAPI document', () => {
    const doc = openApiDocument();
    const operations = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'delete', 'put', 'patch'].includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(new Set(MATRIX.map((r) => r.template))).toEqual(new Set(operations));
  });

  for (const r of MATRIX) {
    for (const who of [...USERS, 'anonymous'] as const) {
      it(`${r.method.toUpperCase()} ${r.url} as ${who} → ${r.expect[who]}`, async () => {
        let url = r.url.replace('{run}', daveRun);
        if (url.includes('{key}')) {
          const made = await server.deps.keys.create(
            {
              user: 'grace@example.com',
              name: 'throwaway',
              created_by: 'test',
              expires_at: null,
              rate_limit: null,
            },
            new Date(),
          );
          url = url.replace('{key}', made.record.id);
        }
        const res = await server.call(r.method, url, {
          as: who === 'anonymous' ? null : who,
          ...(r.body !== undefined
            ? { body: typeof r.body === 'function' ? (r.body as (w: string) => unknown)(who) : r.body }
            : {}),
          ...(r.headers ? { headers: r.headers } : {}),
        });
        expect(res.status, res.text.slice(0, 200)).toBe(r.expect[who]);
        // Whatever it answers, success or refusal, is what the OpenAPI document says that route answers.
        expectMatchesDocument(r.method, url, res);
      });
    }
  }
});

describe('every route declares its permission', () => {
  it('walks the Express router: each route carries exactly one permission guard, and matches the document', async () => {
    const server = await createTestServer();
    try {
      interface Layer {
        route?: {
          path: string;
          methods: Record<string, boolean>;
          stack: { handle: { permission?: string } }[];
        };
        handle: { stack?: Layer[] };
      }
      const found: string[] = [];
      const walk = (stack: Layer[]): void => {
        for (const layer of stack) {
          if (layer.route) {
            const guards = layer.route.stack.filter((l) => typeof l.handle.permission === 'string');
            const methods = Object.keys(layer.route.methods).join(',');
            expect(guards.length, `${methods} ${layer.route.path} has no permission guard`).toBe(1);
            expect(ROUTE_PERMISSIONS).toContain(guards[0]!.handle.permission);
            found.push(`${methods} ${layer.route.path}`);
          } else if (layer.handle.stack) {
            walk(layer.handle.stack);
          }
        }
      };
      walk((server.app as unknown as { router: { stack: Layer[] } }).router.stack);
      const doc = openApiDocument();
      const count = Object.values(doc.paths).reduce(
        (n, item) => n + Object.keys(item).filter((k) => ['get', 'post', 'delete'].includes(k)).length,
        0,
      );
      expect(found.length).toBe(count);
      expect(found).toContain('get /api/v1/executions/:id');
    } finally {
      await server.cleanup();
    }
  });
});
