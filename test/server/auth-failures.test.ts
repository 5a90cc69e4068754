import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/access/api-key.js';
import { createAuthFailureLimits } from '../../src/server/auth-failure-limits.js';
import { createApp } from '../../src/server/create-app.js';
import { parseTrustProxy } from '../../src/server/parse-trust-proxy.js';
import { runCli } from '../helpers/cli.js';
import { forgeKey } from './forge-key.js';
import { createTestServer, type TestServer } from './test-server.js';

const bearer = (key: string): { Authorization: string } => ({ Authorization: `Bearer ${key}` });

describe('failed authentications', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer({ limits: { authFailures: 3, keyIdFailures: 4 } });
  });
  afterAll(() => server.cleanup());

  it('#13.6 bad keys from one address never lock out a valid key from that address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const bad = i % 2 === 0 ? 'nope' : generateApiKey().key; // garbage, and well-formed unknown keys
      statuses.push((await server.call('get', '/api/v1/actions', { headers: bearer(bad) })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(new Set(statuses.slice(3))).toEqual(new Set([429]));
    const limited = await server.call('get', '/api/v1/actions', { headers: bearer('nope') });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Every valid key from the same address still works.
    for (const user of ['alice@example.com', 'dave@example.com', 'frank@example.com'] as const) {
      expect((await server.call('get', '/api/v1/actions', { as: user })).status).toBe(200);
    }
  });
});

describe('failed authentications per key id', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer({ limits: { authFailures: 1000, keyIdFailures: 3 } });
  });
  afterAll(() => server.cleanup());

  it('#13.6 a key id with too many wrong secrets gets 429; other ids and the real key keep working', async () => {
    const forged = (): string => forgeKey(server.keys['alice@example.com']);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await server.call('get', '/api/v1/actions', { headers: bearer(forged()) })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    // Another key id from the same address is judged on its own.
    const other = await server.call('get', '/api/v1/actions', {
      headers: bearer(forgeKey(server.keys['bob@example.com'])),
    });
    expect(other.status).toBe(401);
    // The real key of the attacked id is not locked out (a key id is not a secret: logs, `keys list`).
    expect((await server.call('get', '/api/v1/actions', { as: 'alice@example.com' })).status).toBe(200);
  });
});

describe('trust proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer({ limits: { authFailures: 2, keyIdFailures: 1000 } });
  });
  afterAll(() => server.cleanup());

  /** The app as `serve` would build it with `server.trust_proxy` set to `trust`. */
  const appWith = (trust: boolean | number | string) =>
    createApp({
      ...server.deps,
      config: { ...server.deps.config, server: { ...server.deps.config.server, trust_proxy: trust } },
    });
  const badFrom = async (app: ReturnType<typeof createApp>, forwardedFor: string): Promise<number> =>
    (
      await request(app)
        .get('/api/v1/actions')
        .set('Authorization', 'Bearer nope')
        .set('X-Forwarded-For', forwardedFor)
    ).status;

  it('#13.6 behind a trusted proxy, failures count per forwarded client; else X-Forwarded-For is ignored', async () => {
    const proxied = appWith('loopback');
    expect([
      await badFrom(proxied, '203.0.113.1'),
      await badFrom(proxied, '203.0.113.1'),
      await badFrom(proxied, '203.0.113.1'),
    ]).toEqual([401, 401, 429]);
    expect(await badFrom(proxied, '203.0.113.2')).toBe(401);

    const direct = appWith(false);
    expect([await badFrom(direct, '203.0.113.1'), await badFrom(direct, '203.0.113.1')]).toEqual([401, 401]);
    // A client cannot escape the limit by making up an X-Forwarded-For.
    expect(await badFrom(direct, '203.0.113.99')).toBe(429);
  });

  it('#13.6 trust_proxy takes true/false, hops, addresses and subnets; anything else is refused at start', () => {
    expect(parseTrustProxy(false, 'server.trust_proxy')).toBe(false);
    expect(parseTrustProxy('true', '--trust-proxy')).toBe(true);
    expect(parseTrustProxy(2, 'server.trust_proxy')).toBe(2);
    expect(parseTrustProxy('1', '--trust-proxy')).toBe(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8, ::1', 'server.trust_proxy')).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const bad of ['nonsense', '10.0.0.0/33', '10.0.0.1/8/1', '']) {
      expect(() => parseTrustProxy(bad, 'server.trust_proxy')).toThrowError(
        expect.objectContaining({ code: 'CONFIG_INVALID' }),
      );
    }
    expect(() => parseTrustProxy(-1, 'server.trust_proxy')).toThrow(/expected true, false/);
    const r = runCli(['--data-dir', server.dataDir, 'serve', '--port', '0', '--trust-proxy', 'everyone']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[USAGE\]: --trust-proxy "everyone"/m);
    expect(r.stderr).toMatch(/^hint: /m);
  });
});

describe('createAuthFailureLimits', () => {
  it('counts in fixed windows and keeps at most maxEntries counters', () => {
    const limits = createAuthFailureLimits({ perAddress: 2, perKeyId: 1, windowMs: 1000, maxEntries: 10 });
    expect(limits.recordFailure('a', null, 0)).toBeNull();
    expect(limits.recordFailure('a', null, 10)).toBeNull();
    expect(limits.recordFailure('a', null, 20)).toBe(1);
    expect(limits.addressWait('a', 500)).toBe(1);
    expect(limits.addressWait('a', 1000)).toBeNull();
    expect(limits.recordFailure('b', 'k1', 0)).toBeNull();
    expect(limits.recordFailure('c', 'k1', 0)).toBe(1);
    for (let i = 0; i < 100; i++) limits.recordFailure(`x${i}`, `id${i}`, 0);
    // The oldest counters were forgotten to stay within maxEntries: that only forgives.
    expect(limits.addressWait('a', 20)).toBeNull();
  });
});
