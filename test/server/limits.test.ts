import { describe, expect, it } from 'vitest';
import { createTestServer } from './test-server.js';

describe('rate limits', () => {
  it('a burst over the per-key limit gets 429 with Retry-After and RateLimit headers, then recovers', async () => {
    const server = await createTestServer({
      limits: { rateLimit: 5, rateWindowMs: 1000 },
      keyOptions: { 'alice@example.com': { rate_limit: 'off' }, 'bob@example.com': { rate_limit: 8 } },
    });
    try {
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<typeof server.call>> | undefined;
      for (let i = 0; i < 7; i++) {
        const res = await server.call('get', '/api/v1/actions', { as: 'frank@example.com' });
        statuses.push(res.status);
        if (res.status === 429) limited ??= res;
        else expect(res.headers.ratelimit).toMatch(/^"per-key"; r=\d+; t=\d+$/);
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      expect(limited!.body.error.code).toBe('RATE_LIMITED');
      const retryAfter = Number(limited!.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(limited!.headers['ratelimit-policy']).toContain('q=5');

      // Other keys have their own budget; a key with its own limit uses it; an exempt key is never limited.
      expect((await server.call('get', '/api/v1/actions', { as: 'carol@example.com' })).status).toBe(200);
      const bobStatuses: number[] = [];
      for (let i = 0; i < 9; i++)
        bobStatuses.push((await server.call('get', '/api/v1/actions', { as: 'bob@example.com' })).status);
      expect(bobStatuses.filter((s) => s === 429)).toHaveLength(1);
      for (let i = 0; i < 20; i++) {
        const res = await server.call('get', '/api/v1/actions', { as: 'alice@example.com' });
        expect(res.status).toBe(200);
        expect(res.headers.ratelimit).toBeUndefined();
      }

      await new Promise((r) => setTimeout(r, retryAfter * 1000 + 50));
      expect((await server.call('get', '/api/v1/actions', { as: 'frank@example.com' })).status).toBe(200);
    } finally {
      await server.cleanup();
    }
  });

  it('failed authentications from one address are limited too (key guessing)', async () => {
    const server = await createTestServer({ limits: { authFailures: 3, rateWindowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await server.call('get', '/api/v1/actions', { headers: { Authorization: 'Bearer nope' } })).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // Public routes stay reachable.
      expect((await server.call('get', '/api/v1/health')).status).toBe(200);
    } finally {
      await server.cleanup();
    }
  });
});

describe('bad input is a 4xx in the error shape, never a 500', () => {
  it('answers each malformed request with the right status and code', async () => {
    const server = await createTestServer({ limits: { bodyBytes: 1024 } });
    const as = 'alice@example.com' as const;
    const json = { 'Content-Type': 'application/json' };
    const cases: {
      what: string;
      method: 'get' | 'post' | 'delete' | 'put';
      url: string;
      body?: string;
      headers?: Record<string, string>;
      status: number;
      code: string;
    }[] = [
      {
        what: 'malformed JSON',
        method: 'post',
        url: '/api/v1/executions',
        body: '{"action_id": ',
        headers: json,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'JSON that is not an object',
        method: 'post',
        url: '/api/v1/executions',
        body: '"hello"',
        headers: json,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'array body',
        method: 'post',
        url: '/api/v1/executions',
        body: '[1,2]',
        headers: json,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'wrong type in body',
        method: 'post',
        url: '/api/v1/executions',
        body: JSON.stringify({
          action_id: 'ping',
          status: 'succeeded',
          started_at: '2026-01-01T00:00:00Z',
          duration_ms: 'fast',
        }),
        headers: json,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'unknown body field',
        method: 'post',
        url: '/api/v1/executions',
        body: JSON.stringify({
          action_id: 'ping',
          status: 'succeeded',
          started_at: '2026-01-01T00:00:00Z',
          duration_ms: 1,
          sudo: true,
        }),
        headers: json,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'bad enum',
        method: 'post',
        url: '/api/v1/executions',
        body: JSON.stringify({ action_id: 'ping', status: 'great', started_at: '2026-01-01T00:00:00Z' }),
        headers: json,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'bad date',
        method: 'post',
        url: '/api/v1/executions',
        body: JSON.stringify({
          action_id: 'ping',
          status: 'succeeded',
          started_at: 'yesterday',
          duration_ms: 1,
        }),
        headers: json,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'finished before started',
        method: 'post',
        url: '/api/v1/executions',
        body: JSON.stringify({
          action_id: 'ping',
          status: 'failed',
          started_at: '2026-01-02T00:00:00Z',
          finished_at: '2026-01-01T00:00:00Z',
        }),
        headers: json,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'missing body',
        method: 'post',
        url: '/api/v1/executions',
        headers: json,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'not JSON',
        method: 'post',
        url: '/api/v1/executions',
        body: 'action_id=ping',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        what: 'huge body',
        method: 'post',
        url: '/api/v1/executions',
        body: JSON.stringify({ action_id: 'ping', error: 'x'.repeat(5000) }),
        headers: json,
        status: 413,
        code: 'BODY_TOO_LARGE',
      },
      {
        what: 'huge body on another route',
        method: 'post',
        url: '/api/v1/actions/ping/executions',
        body: JSON.stringify({ parameters: { a: 'x'.repeat(50_000) } }),
        headers: json,
        status: 413,
        code: 'BODY_TOO_LARGE',
      },
      {
        what: 'bad Idempotency-Key',
        method: 'post',
        url: '/api/v1/executions',
        body: JSON.stringify({
          action_id: 'ping',
          status: 'succeeded',
          started_at: '2026-01-01T00:00:00Z',
          duration_ms: 1,
        }),
        headers: { ...json, 'Idempotency-Key': 'a b' },
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'unknown filter',
        method: 'get',
        url: '/api/v1/executions?colour=red',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'wrong filter type',
        method: 'get',
        url: '/api/v1/executions?limit=ten',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'limit over 500',
        method: 'get',
        url: '/api/v1/executions?limit=501',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'limit 0',
        method: 'get',
        url: '/api/v1/executions?limit=0',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'repeated scalar filter',
        method: 'get',
        url: '/api/v1/executions?status=failed&status=succeeded',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'bad status filter',
        method: 'get',
        url: '/api/v1/executions?status=exploded',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'bad since',
        method: 'get',
        url: '/api/v1/audit?since=last-week',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'invalid cursor (not base64url JSON)',
        method: 'get',
        url: '/api/v1/executions?cursor=%%%',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'invalid cursor (wrong shape)',
        method: 'get',
        url: `/api/v1/executions?cursor=${Buffer.from('{"a":1}').toString('base64url')}`,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'invalid cursor (garbage)',
        method: 'get',
        url: '/api/v1/actions?cursor=bm90IGpzb24',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'invalid cursor (access log)',
        method: 'get',
        url: `/api/v1/access_log?cursor=${Buffer.from('["x"]').toString('base64url')}`,
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'path traversal in an action id',
        method: 'get',
        url: '/api/v1/actions/..%2F..%2Fetc%2Fpasswd',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'dot-dot action id',
        method: 'get',
        url: '/api/v1/actions/..',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'upper-case id',
        method: 'get',
        url: '/api/v1/runbooks/WEB',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'traversal in an execution id',
        method: 'get',
        url: '/api/v1/executions/..%2f..%2fstate',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'NUL in an id',
        method: 'get',
        url: '/api/v1/executions/abc%00def',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'broken percent-encoding',
        method: 'get',
        url: '/api/v1/actions/%E0%A4%A',
        status: 400,
        code: 'INPUT_INVALID',
      },
      {
        what: 'unknown action',
        method: 'get',
        url: '/api/v1/actions/no-such-action',
        status: 404,
        code: 'DEFINITION_NOT_FOUND',
      },
      {
        what: 'unknown execution',
        method: 'get',
        url: '/api/v1/executions/01ABCDEFGHJKMNPQRSTVWXYZ00',
        status: 404,
        code: 'NOT_FOUND',
      },
      { what: 'unknown route', method: 'get', url: '/api/v1/nothing-here', status: 404, code: 'NOT_FOUND' },
      {
        what: 'unacceptable Accept',
        method: 'get',
        url: '/api/v1/executions',
        headers: { Accept: 'text/csv' },
        status: 406,
        code: 'NOT_ACCEPTABLE',
      },
      {
        what: 'wrong method',
        method: 'put',
        url: '/api/v1/executions',
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
      },
      { what: 'bad key id', method: 'delete', url: '/api/v1/keys/..', status: 400, code: 'INPUT_INVALID' },
      {
        what: 'traversal in a report path',
        method: 'get',
        url: '/reports/..%2f..%2fpackage.json',
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        what: 'encoded dot-dot report segments',
        method: 'get',
        url: '/reports/%2e%2e/%2e%2e/etc/passwd',
        status: 404,
        code: 'NOT_FOUND',
      },
      { what: 'dotfile report', method: 'get', url: '/reports/.secret', status: 404, code: 'NOT_FOUND' },
      { what: 'missing report', method: 'get', url: '/reports/nope.html', status: 404, code: 'NOT_FOUND' },
      {
        what: 'bad page',
        method: 'get',
        url: '/api/v1/runbook_audits?page=-1',
        status: 400,
        code: 'INPUT_INVALID',
      },
    ];
    try {
      for (const c of cases) {
        const res = await server.call(c.method, c.url, {
          as,
          ...(c.body !== undefined ? { rawBody: c.body } : {}),
          headers: c.headers ?? {},
        });
        expect([c.what, res.status, res.body?.error?.code]).toEqual([c.what, c.status, c.code]);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
      }
    } finally {
      await server.cleanup();
    }
  });
});
