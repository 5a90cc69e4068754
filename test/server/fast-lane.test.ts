import { MemoryStore, type Store } from 'express-rate-limit';
import fc from 'fast-check';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KeyStore } from '../../src/access/key-store.js';
import { openKeyStore } from '../../src/access/open-key-store.js';
import { openPgKeyStore } from '../../src/access/pg-key-store.js';
import { PgRateLimitStore } from '../../src/server/middleware/pg-rate-limit-store.js';
import type { AccessLogEntry } from '../../src/server/access-log.js';
import { createApp } from '../../src/server/create-app.js';
import type { ExecutionInput } from '../../src/executions/types.js';
import { openState } from '../../src/state/open-state.js';
import { newExecutionId } from '../../src/executions/execution-id.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { forgeKey } from './forge-key.js';
import { createTestServer, USERS, type TestServer, type User } from './test-server.js';

type App = ReturnType<typeof createApp>;

interface Case {
  name: string;
  url: string;
  key?: string | null;
  headers?: Record<string, string>;
  method?: 'get' | 'head';
}

interface Seen {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The access-log entry the request wrote, without what differs by nature (seq, request id). */
  access: Partial<AccessLogEntry> | null;
  /** The request log lines it wrote, without time, duration and request id. */
  log: Record<string, unknown>[];
}

const runBy = (user: string, i: number): ExecutionInput => {
  const at = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000);
  return {
    id: newExecutionId(at),
    action_id: ['disk-usage', 'ping', 'restart-web'][i % 3]!,
    definition: {
      commit: 'a'.repeat(40),
      blob: 'b'.repeat(40),
      path: 'definitions/actions/disk-usage.yaml',
      version: 1,
      status: 'released',
      dirty: false,
    },
    trigger: 'manual',
    initiator: { user, via: 'cli' },
    targets: ['web-01'],
    parameters: { path: '/var/log' },
    started_at: at.toISOString(),
    finished_at: new Date(at.getTime() + 1000).toISOString(),
    duration_ms: 1000,
    status: i % 4 === 0 ? 'failed' : 'succeeded',
    exit_code: i % 4 === 0 ? 1 : 0,
  };
};

type Backend = 'file' | 'postgres';

/**
 * #15.8 The fast lane (src/server/fast-lane.ts) answers exactly as the Express pipeline: the same request matrix (each
 * role, good / forged / malformed / revoked / expired / no key, Basic auth, keys with the default rate limit, their
 * own or none, under and over it, filters, cursors, bad queries, control characters, content negotiation) is sent to
 * an app with the lane and to one without it, over the same journal, keys and access log; status, headers (all but
 * Date), body, the access-log entry and the request log line must be the same. Once on the file journal, once on a
 * PostgreSQL journal (keys and rate-limit counts in the database, another instance's writes seen by the next request).
 */
describe.each<Backend>(['file', 'postgres'])(
  '#15.8 the fast lane answers as the Express pipeline does (%s journal)',
  (backend) => {
    let server: TestServer;
    let db: TestSchema | null = null;
    let fast: App;
    let slow: App;
    /** The store the lane's app counts per-key requests in (the one its Express limiter uses). */
    let limiterStore: Store;
    /** The key store as another process (`opsledger keys`) or, on PostgreSQL, another instance sees it. */
    let cli: KeyStore;
    const logLines: string[] = [];
    const extra: Record<'revoked' | 'expired' | 'cached', { id: string; key: string }> = {} as never;

    beforeAll(async () => {
      // The demo users' keys with the server's default limit (null: the test server's 10,000 a minute), their own
      // (dave), or none (erin); mallory's limited to 3 a minute, to go over it.
      const own: Partial<Record<User, number | 'off'>> = {
        'dave@example.com': 1000,
        'erin@example.com': 'off',
        'mallory@example.com': 3,
      };
      const keyOptions = Object.fromEntries(USERS.map((u) => [u, { rate_limit: own[u] ?? null }])) as Partial<
        Record<User, { rate_limit: number | 'off' | null }>
      >;
      if (backend === 'postgres') db = await createTestSchema();
      server = await createTestServer({ keyOptions, ...(db ? { databaseUrl: db.url } : {}) });
      const users = ['dave@example.com', 'erin@example.com', 'alice@example.com', 'frank@example.com'];
      for (let i = 0; i < 40; i++) await server.deps.journal.append(runBy(users[i % users.length]!, i));
      cli = db ? openPgKeyStore(db.pool) : openKeyStore(openState(server.dataDir));
      for (const name of ['revoked', 'expired', 'cached'] as const) {
        const made = await cli.create(
          {
            user: 'frank@example.com',
            name,
            created_by: 'test',
            expires_at: name === 'expired' ? '2020-01-01T00:00:00.000Z' : null,
            rate_limit: name === 'cached' ? 50 : 'off',
          },
          new Date(),
        );
        extra[name] = { id: made.record.id, key: made.key };
      }
      await cli.revoke(extra.revoked.id, new Date());
      // Both apps log at info into `logLines`: the request log line of each request is compared too.
      const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
      // Each app counts in its own store (the same requests go to both): a memory store, or its own rows in PostgreSQL.
      limiterStore = server.deps.rateLimitStore ?? new MemoryStore();
      fast = createApp({ ...server.deps, logger, rateLimitStore: limiterStore });
      const slowStore = db ? new PgRateLimitStore(db.pool, 'express-only:') : new MemoryStore();
      slow = createApp({ ...server.deps, logger, rateLimitStore: slowStore }, { fastLane: false });
      if (db) expect(limiterStore).toBeInstanceOf(PgRateLimitStore);
      // Rate-limit windows and access-log times are read from the clock: both apps see the same instant.
      vi.useFakeTimers({ toFake: ['Date'], now: new Date() });
    });
    afterAll(async () => {
      vi.useRealTimers();
      await server?.cleanup();
      await db?.drop();
    });

    const lastAccess = (): AccessLogEntry | null =>
      server.deps.accessLog.read({ limit: 1 }).entries[0] ?? null;

    async function send(app: App, c: Case): Promise<Seen> {
      const before = lastAccess()?.seq ?? 0;
      const logged = logLines.length;
      let r = request(app)[c.method ?? 'get'](c.url);
      if (c.key) r = r.set('Authorization', `Bearer ${c.key}`);
      for (const [k, v] of Object.entries(c.headers ?? {})) r = r.set(k, v);
      const res = await r;
      // The log line is written when the answer is handed to the socket: let that event run.
      await new Promise((resolve) => setImmediate(resolve));
      const log = logLines.slice(logged).map((line) => {
        const {
          time: _t,
          pid: _p,
          hostname: _h,
          ms,
          req: rq,
          ...rest
        } = JSON.parse(line) as Record<string, unknown>;
        expect(typeof ms).toBe('number');
        return { ...rest, req: { ...(rq as object), id: '<id>' } };
      });
      const headers = { ...(res.headers as Record<string, string>) };
      delete headers.date;
      const id = headers['x-request-id']!;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      headers['x-request-id'] = '<id>';
      if (db && headers.ratelimit) {
        // PostgreSQL sets each store row's reset time by its own clock (not the faked Date); the seconds to it may
        // differ by one between the two apps' rows, made a few milliseconds apart.
        expect(headers.ratelimit).toMatch(/; t=\d+$/);
        headers.ratelimit = headers.ratelimit.replace(/; t=\d+$/, '; t=<t>');
        if (headers['retry-after']) headers['retry-after'] = '<s>';
      }
      const entry = lastAccess();
      let access: Partial<AccessLogEntry> | null = null;
      if (entry && entry.seq > before) {
        expect(entry.request_id).toBe(id);
        const { seq: _seq, request_id: _id, ...rest } = entry;
        access = rest;
      }
      // An error body names its request id: the header's.
      expect(log.length, `${c.name}: one request log line`).toBe(1);
      return { status: res.status, headers, body: (res.text ?? '').split(id).join('<id>'), access, log };
    }

    /** Send a case to an app; `lane` is true when the fast lane answered it without Express's router. */
    async function sendTracked(app: App, c: Case): Promise<Seen & { lane: boolean }> {
      const router = (app as unknown as { router: { handle: (...a: unknown[]) => unknown } }).router;
      const spy = vi.spyOn(router, 'handle');
      try {
        const seen = await send(app, c);
        return { ...seen, lane: spy.mock.calls.length === 0 };
      } finally {
        spy.mockRestore();
      }
    }

    /** What the last `same` saw (from the lane's app). */
    let lastSeen: Seen | null = null;

    /** Send a case to both apps (the lane first) and compare; true when the lane served it without Express's router. */
    async function same(c: Case): Promise<boolean> {
      const { lane, ...viaLane } = await sendTracked(fast, c);
      const viaExpress = await send(slow, c);
      expect(viaLane, c.name).toEqual(viaExpress);
      lastSeen = viaLane;
      return lane;
    }

    const cases = (): Case[] => {
      const alice = server.keys['alice@example.com'];
      const list: Case[] = [];
      for (const user of USERS) {
        list.push({ name: `${user} lists`, url: '/api/v1/executions', key: server.keys[user] });
        list.push({ name: `${user} one page`, url: '/api/v1/executions?limit=5', key: server.keys[user] });
        list.push({
          name: `${user} filters`,
          url: '/api/v1/executions?action=ping&status=succeeded&limit=3',
          key: server.keys[user],
        });
        list.push({
          name: `${user} another user's runs`,
          url: '/api/v1/executions?user=dave%40example.com',
          key: server.keys[user],
        });
      }
      list.push(
        { name: 'no key', url: '/api/v1/executions' },
        { name: 'forged key', url: '/api/v1/executions', key: forgeKey(alice) },
        { name: 'malformed key', url: '/api/v1/executions', key: 'olk_nope' },
        { name: 'not a key at all', url: '/api/v1/executions', headers: { Authorization: 'Token abc' } },
        {
          name: 'Basic auth, right user',
          url: '/api/v1/executions?limit=2',
          headers: { Authorization: `Basic ${Buffer.from(`alice@example.com:${alice}`).toString('base64')}` },
        },
        {
          name: 'Basic auth, another user',
          url: '/api/v1/executions?limit=2',
          headers: { Authorization: `Basic ${Buffer.from(`bob@example.com:${alice}`).toString('base64')}` },
        },
        { name: 'revoked key', url: '/api/v1/executions?limit=2', key: extra.revoked.key },
        { name: 'expired key', url: '/api/v1/executions?limit=2', key: extra.expired.key },
        { name: 'limit 0', url: '/api/v1/executions?limit=0', key: alice },
        { name: 'limit not a number', url: '/api/v1/executions?limit=abc', key: alice },
        { name: 'limit twice', url: '/api/v1/executions?limit=1&limit=2', key: alice },
        { name: 'unknown filter', url: '/api/v1/executions?colour=red', key: alice },
        { name: 'bad status', url: '/api/v1/executions?status=exploded', key: alice },
        { name: 'bad cursor', url: '/api/v1/executions?cursor=zzz', key: alice },
        { name: 'NUL in the query', url: '/api/v1/executions?action=a%00b', key: alice },
        { name: 'malformed escape', url: '/api/v1/executions?action=%E0%A4%A', key: alice },
        { name: 'encoded filter', url: '/api/v1/executions?action=pin%67', key: alice },
        { name: 'plus in a filter', url: '/api/v1/executions?user=a+b%40example.com', key: alice },
        { name: 'a hash', url: '/api/v1/executions?user=dave%40example.com#x', key: alice },
        { name: 'trailing slash', url: '/api/v1/executions/?limit=2', key: alice },
        { name: 'other case', url: '/API/v1/executions?limit=2', key: alice },
        { name: 'HEAD', url: '/api/v1/executions?limit=2', key: alice, method: 'head' },
        {
          name: 'Accept JSON',
          url: '/api/v1/executions?limit=2',
          key: alice,
          headers: { Accept: 'application/json' },
        },
        {
          name: 'Accept anything',
          url: '/api/v1/executions?limit=2',
          key: alice,
          headers: { Accept: '*/*' },
        },
        {
          name: 'Accept HTML',
          url: '/api/v1/executions?limit=2',
          key: alice,
          headers: { Accept: 'text/html' },
        },
        {
          name: 'Accept NDJSON',
          url: '/api/v1/executions?status=failed',
          key: alice,
          headers: { Accept: 'application/x-ndjson' },
        },
      );
      return list;
    };

    it('#15.8 every case of the matrix, twice (first use of each key, then its verified use), answers the same', async () => {
      const served: string[] = [];
      for (let pass = 0; pass < 2; pass++) {
        for (const c of cases()) if (await same(c)) served.push(`${pass} ${c.name}`);
      }
      // The lane served the verified keys' reads on the second pass (the roles that may read runs: all, or their own
      // for dave the operator), rate-limited keys (alice's and frank's the server's limit, dave's his own) as well as
      // erin's with none, an error from the handler (a bad cursor) through the same error handler, and nothing it
      // must not: refusals of bob and carol (403), mallory's key over its limit (429), every bad key and bad query.
      expect(served).toContain('1 bad cursor');
      for (const user of ['alice@example.com', 'dave@example.com', 'erin@example.com', 'frank@example.com']) {
        expect(served).toContain(`1 ${user} lists`);
        expect(served).toContain(`1 ${user} filters`);
      }
      const refused = [
        'no key',
        'forged key',
        'malformed key',
        'revoked key',
        'expired key',
        'limit 0',
        'Accept HTML',
      ];
      for (const name of [
        ...refused,
        'NUL in the query',
        'bob@example.com lists',
        'mallory@example.com lists',
      ]) {
        expect(served).not.toContain(`1 ${name}`);
      }
      // A rate-limited key served by the lane carries the limiter's headers (the same as Express's, compared above).
      expect(
        await same({
          name: 'alice again',
          url: '/api/v1/executions?limit=1',
          key: server.keys['alice@example.com'],
        }),
      ).toBe(true);
      expect(lastSeen!.headers.ratelimit).toMatch(/^"per-key"; r=\d+; t=/);
      expect(lastSeen!.headers['ratelimit-policy']).toMatch(
        /^"per-key"; q=10000; w=60; pk=:[A-Za-z0-9+/=]+:$/,
      );
    });

    it('#15.8 a page cursor, then the next page, answer the same', async () => {
      const alice = server.keys['alice@example.com'];
      // Every request goes to both apps: each counts it against alice's limit, and their RateLimit headers stay alike.
      await same({ name: 'first page', url: '/api/v1/executions?limit=7', key: alice });
      const cursor = (JSON.parse(lastSeen!.body) as { next_cursor: string }).next_cursor;
      expect(
        await same({ name: 'next page', url: `/api/v1/executions?limit=7&cursor=${cursor}`, key: alice }),
      ).toBe(true);
    });

    it('#15.8 over its rate limit, a limited key gets the same 429s from both (the lane hands it to Express)', async () => {
      // The matrix already sent mallory's key past its 3 requests a minute, to each app in the same order.
      const key = server.keys['mallory@example.com'];
      for (let i = 0; i < 3; i++) {
        expect(await same({ name: `mallory ${i}`, url: '/api/v1/executions?limit=1', key })).toBe(false);
        expect(lastSeen!.status).toBe(429);
        expect(lastSeen!.headers.ratelimit).toMatch(/^"per-key"; r=0; t=/);
        expect(lastSeen!.headers['retry-after']).toBeDefined();
      }
    });

    it('#15.8 property: requests of a rate-limited key, each through the lane or Express, are counted once each', async () => {
      const url = '/api/v1/executions?limit=1';
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 4 }),
          // true: a request the lane may take; false: one only Express serves (a trailing slash, the same route).
          fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
          async (limit, viaLane) => {
            const made = await server.deps.keys.create(
              {
                user: 'alice@example.com',
                name: 'counted',
                created_by: 't',
                expires_at: null,
                rate_limit: limit,
              },
              new Date(),
            );
            const refusals: Omit<Seen, 'access' | 'log'>[] = [];
            for (let i = 1; i <= viaLane.length; i++) {
              const c: Case = {
                name: `request ${i}`,
                url: viaLane[i - 1] ? url : url.replace('?', '/?'),
                key: made.key,
              };
              const seen = await sendTracked(fast, c);
              // The lane serves a verified key's request within the limit; the first one and those over it are Express's.
              expect([i, seen.lane]).toEqual([i, viaLane[i - 1]! && i > 1 && i <= limit]);
              expect([i, seen.status]).toEqual([i, i <= limit ? 200 : 429]);
              expect(seen.headers.ratelimit).toMatch(
                new RegExp(`^"per-key"; r=${Math.max(limit - i, 0)}; t=`),
              );
              const hits = (await limiterStore.get!(`key:${made.record.id}`))?.totalHits;
              expect([i, hits]).toEqual([i, i]);
              if (seen.status === 429)
                refusals.push({ status: seen.status, headers: seen.headers, body: seen.body });
            }
            // Every refusal alike, whichever path it came in by.
            for (const r of refusals) expect(r).toEqual(refusals[0]);
          },
        ),
        { numRuns: 15 },
      );
    });

    it('#15.8 a key used through the lane, then revoked by another process, is refused by the lane at once', async () => {
      const { id, key } = extra.cached;
      const url = '/api/v1/executions?limit=1';
      await same({ name: 'cached key', url, key });
      expect(await same({ name: 'cached key, verified', url, key })).toBe(true);
      await cli.revoke(id, new Date());
      expect(await same({ name: 'cached key, revoked', url, key })).toBe(false);
      expect((await request(fast).get(url).set('Authorization', `Bearer ${key}`)).status).toBe(401);
    });

    it('#15.8 a run appended after a page was served shows in the lane at once, as in Express', async () => {
      const alice = server.keys['alice@example.com'];
      const url = '/api/v1/executions?limit=3';
      await same({ name: 'before the append', url, key: alice });
      const appended = runBy('alice@example.com', 99);
      await server.deps.journal.append(appended);
      expect(await same({ name: 'after the append', url, key: alice })).toBe(true);
      expect((JSON.parse(lastSeen!.body) as { data: { id: string }[] }).data[0]!.id).toBe(appended.id);
    });
  },
);
