import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/access/api-key.js';
import { createApp } from '../../src/server/create-app.js';
import { forgeKey } from '../server/forge-key.js';
import { createTestServer, type TestServer } from '../server/test-server.js';

/**
 * The API against hostile input (issue #13): traversal ids and paths, control characters, parameter names that
 * reach prototypes, bad keys in bursts. Every answer is a clear 4xx in the error shape (`server.call` asserts the
 * shape and never a 500), within the test's timeout, and nothing is stored: the journal, the state files and the
 * keys are byte for byte what they were.
 */

/** What a hostile request must never change: the journal's segments and the state files (keys, idempotency). */
function stored(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dataDir, rel))) {
      const p = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dataDir, p)).isDirectory()) walk(p);
      else if (/^(executions\/[^/]+\.jsonl|state\/[^/]+\.json)$/.test(p))
        out[p] = readFileSync(path.join(dataDir, p), 'latin1');
    }
  };
  walk('');
  return out;
}

const ADMIN = 'alice@example.com' as const;
const OPERATOR = 'dave@example.com' as const;
const AUDITOR = 'frank@example.com' as const;

describe('hostile paths, ids and query strings', () => {
  let server: TestServer;
  let before: Record<string, string>;
  beforeAll(async () => {
    server = await createTestServer();
    // A data dir left inside the reports folder, as the demo once had: never served (#13.3).
    for (const [file, text] of Object.entries({
      'reports/demo-data/state/secrets.json': '{"hmac_key":"0123456789abcdef"}',
      'reports/demo-data/state/vault.json': '{"person-1":"alice@example.com"}',
      'reports/demo-data/executions/segment-1.jsonl': '{}\n',
      'reports/notes.md': 'not written by the report generator',
    }))
      await server.repo.write(file, text);
    // One run so the journal has something to protect.
    expect(
      (await server.call('post', '/api/v1/actions/disk-usage/executions', { as: OPERATOR })).status,
    ).toBe(202);
    await Promise.allSettled([...server.deps.inflightRuns]);
    before = stored(server.dataDir);
    expect(Object.keys(before).some((f) => f.startsWith('executions/'))).toBe(true);
  });
  afterAll(async () => {
    expect(stored(server.dataDir)).toEqual(before);
    await server.cleanup();
  });

  it('#13.3 a data dir inside reports/ is never served, nor anything the report generator did not write', async () => {
    for (const url of [
      '/reports/demo-data/state/secrets.json',
      '/reports/demo-data/state/vault.json',
      '/reports/demo-data/executions/segment-1.jsonl',
      '/reports/demo-data/',
      '/reports/notes.md',
      '/reports/manifest.json',
    ]) {
      const res = await server.call('get', url, { as: AUDITOR });
      expect(res.status, url).toBe(404);
      expect(res.text).not.toMatch(/hmac_key|person-1/);
    }
    expect((await server.call('get', '/reports/index.html', { as: AUDITOR })).status).toBe(200);
  });

  it('traversal in ids and report paths is a 400 or 404', async () => {
    const cases = [
      '/api/v1/actions/..%2f..',
      '/api/v1/actions/..%2f..%2fpackage.json',
      '/api/v1/actions/%2e%2e',
      '/api/v1/actions/..',
      '/api/v1/runbooks/..%2f..%2fdefinitions',
      '/api/v1/actions/disk-usage/history/..%2f..',
      '/api/v1/executions/..%2f..%2fstate%2fkeys.json',
      '/reports/../definitions',
      '/reports/..%2fdefinitions%2froles%2fadmins.yaml',
      '/reports/%2e%2e/%2e%2e/etc/passwd',
      '/reports/actions/..%5c..%5cpackage.json',
      '/reports/.%2e/opsledger.yaml',
    ];
    for (const url of cases) {
      const res = await server.call('get', url, { as: ADMIN });
      expect([400, 404], `${url} → ${res.status}`).toContain(res.status);
      expect(res.text).not.toContain('admins');
    }
    // Nothing runs for a traversal id (the journal is compared after all tests).
    for (const url of [
      '/api/v1/actions/..%2f..%2fdisk-usage/executions',
      '/api/v1/actions/disk-usage%2f..%2fping/executions',
      '/api/v1/actions/%2e%2e/executions',
    ]) {
      const res = await server.call('post', url, { as: ADMIN, body: {} });
      expect([400, 404], `${url} → ${res.status}`).toContain(res.status);
    }
  });

  it('NUL and other control characters in ids, paths and query strings are a 400', async () => {
    const cases = [
      '/api/v1/actions/disk%00usage',
      '/api/v1/actions/%00',
      '/api/v1/executions/01J%00',
      '/reports/index.html%00.md',
      '/api/v1/actions/disk-usage%1b%5b31m',
      '/api/v1/executions?user=alice%00@example.com',
      '/api/v1/executions?user=a%0d%0aX-Injected:%201',
      '/api/v1/audit?user=%1b%5b2J',
      '/api/v1/audit?type=Action%7f',
      '/api/v1/executions?action=disk-usage&target=web%0a01',
      '/api/v1/executions?cursor=%c2%85',
    ];
    for (const url of cases) {
      const res = await server.call('get', url, { as: ADMIN });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('INPUT_INVALID');
    }
    // A malformed escape is a 400 too, not a 500.
    for (const url of ['/api/v1/executions?user=%E0%A4%A', '/api/v1/actions/%zz']) {
      const res = await server.call('get', url, { as: ADMIN });
      expect(res.status, url).toBe(400);
    }
  });

  it('very long ids and query strings are a 4xx; past the header limit Node answers 431 itself', async () => {
    for (const url of [
      `/api/v1/actions/${'a'.repeat(5000)}`,
      `/api/v1/executions/${'0'.repeat(5000)}`,
      `/api/v1/executions?user=${'u'.repeat(5000)}`,
      `/reports/${'x/'.repeat(2000)}index.html`,
    ]) {
      const res = await server.call('get', url, { as: ADMIN });
      expect([400, 404, 414], `${url.slice(0, 40)}… → ${res.status}`).toContain(res.status);
    }
    const huge = await request(server.app)
      .get(`/api/v1/actions/${'a'.repeat(100_000)}`)
      .set('Authorization', `Bearer ${server.keys[ADMIN]}`);
    expect(huge.status).toBe(431);
  });

  it('#13.13 a run request with __proto__ or another undeclared parameter name is a 400 naming the declared ones', async () => {
    const json = { 'Content-Type': 'application/json' };
    for (const rawBody of [
      '{"parameters":{"__proto__":"x"}}',
      '{"parameters":{"__proto__":{"polluted":true}}}',
      '{"parameters":{"constructor":"x"}}',
      '{"parameters":{"pth":"/srv"}}',
    ]) {
      const res = await server.call('post', '/api/v1/actions/disk-usage/executions', {
        as: OPERATOR,
        headers: json,
        rawBody,
      });
      expect(res.status, rawBody).toBe(400);
      expect(res.body.error.code, rawBody).toMatch(/^(PARAM_INVALID|INPUT_INVALID)$/);
      if (res.body.error.code === 'PARAM_INVALID') expect(res.body.error.message).toContain('path, token');
    }
    const external = {
      action_id: 'disk-usage',
      status: 'succeeded',
      started_at: '2026-03-01T10:00:00Z',
      duration_ms: 5,
    };
    for (const parameters of ['{"__proto__":"x"}', '{"typo":"x"}']) {
      const res = await server.call('post', '/api/v1/executions', {
        as: OPERATOR,
        headers: json,
        rawBody: JSON.stringify(external).replace(/}$/, `,"parameters":${parameters}}`),
      });
      expect(res.status, parameters).toBe(400);
      expect(res.body.error.message).toContain('(the action takes: path, token)');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('bad keys in bursts', () => {
  let server: TestServer;
  let before: Record<string, string>;
  beforeAll(async () => {
    // The production limits (docs/api.md): 30 failures per address, 10 per key id, per minute.
    server = await createTestServer({ limits: { authFailures: 30, keyIdFailures: 10 } });
    before = stored(server.dataDir);
  });
  afterAll(async () => {
    expect(stored(server.dataDir)).toEqual(before);
    await server.cleanup();
  });

  it('#13.6 hundreds of bad keys of every kind from one address: 401 then 429, and a valid key keeps working', async () => {
    const alice = server.keys[ADMIN];
    const kinds: (() => Record<string, string>)[] = [
      () => ({ Authorization: 'Bearer nope' }),
      // Bad checksum: its last character changed (to `x`, or to `y` when it is an `x`: one key in 62 ends in one, and
      // was then sent unchanged).
      () => ({ Authorization: `Bearer ${alice.slice(0, -1)}${alice.endsWith('x') ? 'y' : 'x'}` }),
      () => ({ Authorization: `Bearer ${generateApiKey().key}` }), // well-formed, unknown id
      () => ({ Authorization: `Bearer ${forgeKey(server.keys[OPERATOR])}` }), // a real id, a wrong secret
      () => ({ Authorization: `Basic ${Buffer.from(`mallory@example.com:${alice}`).toString('base64')}` }),
      () => ({ Authorization: `Bearer ${'A'.repeat(8000)}` }),
      () => ({ Authorization: 'Digest username="x"' }),
      () => ({}),
    ];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 240; i++) {
      const res = await server.call('get', '/api/v1/executions', { headers: kinds[i % kinds.length]!() });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
    expect(statuses.get(401)).toBe(30);
    for (const user of [ADMIN, OPERATOR, AUDITOR] as const) {
      expect((await server.call('get', '/api/v1/executions', { as: user })).status, user).toBe(200);
    }
    expect((await server.call('get', '/api/v1/health')).status).toBe(200);
  });
});

describe('a key id under attack', () => {
  it('#13.6 guessed at from many addresses (behind a trusted proxy), it gets 429 after 10 failures; its real key works', async () => {
    const server = await createTestServer({ limits: { authFailures: 30, keyIdFailures: 10 } });
    try {
      const config = server.deps.config;
      const app = createApp({
        ...server.deps,
        config: { ...config, server: { ...config.server, trust_proxy: 'loopback' } },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await request(app)
          .get('/api/v1/executions')
          .set('X-Forwarded-For', `198.51.100.${i + 1}`)
          .set('Authorization', `Bearer ${forgeKey(server.keys[AUDITOR])}`);
        statuses.push(res.status);
      }
      expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
      const real = await request(app)
        .get('/api/v1/executions')
        .set('X-Forwarded-For', '198.51.100.1')
        .set('Authorization', `Bearer ${server.keys[AUDITOR]}`);
      expect(real.status).toBe(200);
    } finally {
      await server.cleanup();
    }
  });

  it('#13.6 gets 429 after 10 wrong secrets while other ids still get 401', async () => {
    const server = await createTestServer({ limits: { authFailures: 30, keyIdFailures: 10 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await server.call('get', '/api/v1/executions', {
          headers: { Authorization: `Bearer ${forgeKey(server.keys[AUDITOR])}` },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
      const other = await server.call('get', '/api/v1/executions', {
        headers: { Authorization: `Bearer ${forgeKey(server.keys[OPERATOR])}` },
      });
      expect(other.status).toBe(401);
      expect((await server.call('get', '/api/v1/executions', { as: AUDITOR })).status).toBe(200);
    } finally {
      await server.cleanup();
    }
  });
});
