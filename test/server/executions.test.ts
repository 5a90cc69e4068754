import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionInput, Journal } from '../../src/executions/types.js';
import { newExecutionId } from '../../src/executions/execution-id.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestServer, type TestServer } from './test-server.js';

let clock = Date.parse('2026-02-01T00:00:00Z');
function runBy(user: string, action = 'disk-usage'): ExecutionInput {
  clock += 60_000;
  const at = new Date(clock);
  return {
    id: newExecutionId(at),
    action_id: action,
    definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    trigger: 'manual',
    initiator: { user, via: 'cli' },
    targets: ['web-01'],
    parameters: { path: '/var/log' },
    started_at: at.toISOString(),
    finished_at: new Date(clock + 1000).toISOString(),
    duration_ms: 1000,
    status: 'succeeded',
    exit_code: 0,
  };
}

async function seed(journal: Journal, n: number, users: string[]): Promise<void> {
  for (let i = 0; i < n; i++) await journal.append(runBy(users[i % users.length] as string));
}

describe('GET /executions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
    await seed(server.deps.journal, 30, ['dave@example.com', 'erin@example.com', 'alice@example.com']);
  });
  afterAll(() => server.cleanup());

  it('pages newest first with a cursor that is stable while runs are appended', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await server.call('get', `/api/v1/executions?limit=7${cursor ? `&cursor=${cursor}` : ''}`, {
        as: 'frank@example.com',
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((r: { id: string }) => r.id));
      cursor = res.body.next_cursor;
      pages++;
      // Concurrent appends land before the first page, never inside the pages still to come.
      await server.deps.journal.append(runBy('dave@example.com'));
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('filters like the CLI', async () => {
    const res = await server.call(
      'get',
      '/api/v1/executions?user=erin@example.com&action=disk-usage&status=succeeded&limit=500',
      {
        as: 'alice@example.com',
      },
    );
    expect(res.body.data.length).toBe(10);
    expect(
      res.body.data.every((r: { initiator: { user: string } }) => r.initiator.user === 'erin@example.com'),
    ).toBe(true);
    const none = await server.call('get', '/api/v1/executions?status=failed', { as: 'alice@example.com' });
    expect(none.body).toEqual({ data: [], next_cursor: null });
  });

  it('an operator sees only the runs they initiated, and another operator’s run is a 404', async () => {
    const dave = await server.call('get', '/api/v1/executions?limit=500', { as: 'dave@example.com' });
    expect(dave.body.data.length).toBeGreaterThan(0);
    expect(
      dave.body.data.every((r: { initiator: { user: string } }) => r.initiator.user === 'dave@example.com'),
    ).toBe(true);
    const asked = await server.call('get', '/api/v1/executions?user=erin@example.com', {
      as: 'dave@example.com',
    });
    expect(asked.body.data).toEqual([]);
    const erinRun = (
      await server.call('get', '/api/v1/executions?user=erin@example.com&limit=1', {
        as: 'frank@example.com',
      })
    ).body.data[0];
    const denied = await server.call('get', `/api/v1/executions/${erinRun.id}`, { as: 'dave@example.com' });
    expect(denied.status).toBe(404);
    const missing = await server.call('get', '/api/v1/executions/01ZZZZZZZZZZZZZZZZZZZZZZZZ', {
      as: 'dave@example.com',
    });
    // Same answer for "not yours" and "does not exist": no existence oracle.
    expect(denied.body).toEqual({
      ...missing.body,
      error: { ...missing.body.error, message: denied.body.error.message },
    });
    expect(
      (await server.call('get', `/api/v1/executions/${erinRun.id}`, { as: 'erin@example.com' })).status,
    ).toBe(200);
  });

  it('streams every match as NDJSON (more than one internal batch)', async () => {
    await seed(server.deps.journal, 520, ['frank@example.com']);
    const res = await server.call('get', '/api/v1/executions?user=frank@example.com', {
      as: 'frank@example.com',
      headers: { Accept: 'application/x-ndjson' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines).toHaveLength(520);
    expect(new Set(lines.map((l) => l.id)).size).toBe(520);
    const dave = await server.call('get', '/api/v1/executions', {
      as: 'dave@example.com',
      headers: { Accept: 'application/x-ndjson' },
    });
    expect(
      dave.text
        .trim()
        .split('\n')
        .every((l) => JSON.parse(l).initiator.user === 'dave@example.com'),
    ).toBe(true);
  });

  it('records who read what in the access log, readable by auditors and admins only', async () => {
    await server.call('get', '/api/v1/executions?status=failed', { as: 'dave@example.com' });
    await server.call('get', '/api/v1/audit', { as: 'dave@example.com' });
    const log = await server.call('get', '/api/v1/access_log?user=dave@example.com&limit=2', {
      as: 'frank@example.com',
    });
    expect(log.status).toBe(200);
    expect(log.body.data[0]).toMatchObject({
      user: 'dave@example.com',
      method: 'GET',
      route: '/api/v1/audit',
      status: 403,
      result_count: null,
    });
    expect(log.body.data[1]).toMatchObject({
      route: '/api/v1/executions',
      query: { status: 'failed' },
      status: 200,
      result_count: 0,
      key_id: server.keys['dave@example.com'].split('_')[1],
    });
    expect(log.body.next_cursor).toEqual(expect.any(String));
    const next = await server.call(
      'get',
      `/api/v1/access_log?user=dave@example.com&limit=2&cursor=${log.body.next_cursor}`,
      {
        as: 'frank@example.com',
      },
    );
    expect(next.body.data[0].seq).toBeLessThan(log.body.data[1].seq);
    const ndjsonEntry = (
      await server.call('get', '/api/v1/access_log?user=frank@example.com&limit=500', {
        as: 'alice@example.com',
      })
    ).body.data.find(
      (e: { query: Record<string, string>; route: string }) =>
        e.query.user === 'frank@example.com' && e.route === '/api/v1/executions',
    );
    expect(ndjsonEntry.result_count).toBe(520);
    expect((await server.call('get', '/api/v1/access_log', { as: 'bob@example.com' })).status).toBe(403);
  });
});

describe('POST /executions and self-service runs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.cleanup());

  const external = {
    action_id: 'disk-usage',
    status: 'failed',
    started_at: '2026-03-01T10:00:00Z',
    finished_at: '2026-03-01T10:00:05Z',
    exit_code: 2,
    targets: ['web-02'],
    parameters: { path: '/srv', token: 'canary-s3cr3t' },
  };

  it('records a run done elsewhere as the caller, pinned to the tip, secrets redacted', async () => {
    const res = await server.call('post', '/api/v1/executions', { as: 'dave@example.com', body: external });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/executions/${res.body.id}`);
    expect(res.body).toMatchObject({
      action_id: 'disk-usage',
      trigger: 'external',
      initiator: { user: 'dave@example.com', via: 'api' },
      status: 'failed',
      duration_ms: 5000,
      exit_code: 2,
      parameters: { path: '/srv', token: { redacted: true } },
      definition: {
        path: 'definitions/actions/disk-usage.yaml',
        version: 2,
        status: 'released',
        dirty: false,
      },
    });
    expect(JSON.stringify(await server.deps.journal.records(res.body.id))).not.toContain('canary-s3cr3t');
    const read = await server.call('get', `/api/v1/executions/${res.body.id}`, { as: 'dave@example.com' });
    expect(read.body).toEqual(res.body);
  });

  it('honours Idempotency-Key: a retry returns the same record, another body is a 409', async () => {
    const first = await server.call('post', '/api/v1/executions', {
      as: 'dave@example.com',
      body: external,
      headers: { 'Idempotency-Key': 'export-42' },
    });
    const retry = await server.call('post', '/api/v1/executions', {
      as: 'dave@example.com',
      body: { ...external, parameters: { token: 'canary-s3cr3t', path: '/srv' } },
      headers: { 'Idempotency-Key': 'export-42' },
    });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await server.deps.journal.records(first.body.id)).toHaveLength(1);
    const conflict = await server.call('post', '/api/v1/executions', {
      as: 'dave@example.com',
      body: { ...external, exit_code: 3 },
      headers: { 'Idempotency-Key': 'export-42' },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    // Keys are per API key: another client's "export-42" is its own.
    const other = await server.call('post', '/api/v1/executions', {
      as: 'erin@example.com',
      body: external,
      headers: { 'Idempotency-Key': 'export-42' },
    });
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('concurrent retries with one Idempotency-Key make one record', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        server.call('post', '/api/v1/executions', {
          as: 'alice@example.com',
          body: external,
          headers: { 'Idempotency-Key': 'burst-1' },
        }),
      ),
    );
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  it('runs an action as the caller: 202 with the id and a link, trigger api', async () => {
    const res = await server.call('post', '/api/v1/actions/ping/executions', { as: 'erin@example.com' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      id: expect.any(String),
      status: 'running',
      links: { self: `/api/v1/executions/${res.body.id}` },
    });
    const read = await server.call('get', res.body.links.self, { as: 'erin@example.com' });
    expect(read.body).toMatchObject({
      action_id: 'ping',
      trigger: 'api',
      initiator: { user: 'erin@example.com', via: 'api' },
    });
    expect(
      (await server.call('post', '/api/v1/actions/no-such/executions', { as: 'alice@example.com' })).status,
    ).toBe(404);
  });

  it('fails closed with 503 when the journal cannot take the record', async () => {
    const broken = await createTestServer({ repo: server.repo });
    try {
      // Root ignores permissions, so make the journal's directory a file: every write must fail.
      writeFileSync(path.join(broken.dataDir, 'executions'), 'not a directory');
      const run = await broken.call('post', '/api/v1/actions/ping/executions', {
        as: 'erin@example.com',
        body: {},
      });
      expect(run.status).toBe(503);
      expect(run.body.error.code).toBe('JOURNAL_UNAVAILABLE');
      const rec = await broken.call('post', '/api/v1/executions', { as: 'dave@example.com', body: external });
      expect(rec.status).toBe(503);
      expect(rec.body.error.code).toBe('JOURNAL_UNAVAILABLE');
    } finally {
      await broken.cleanup();
    }
  });
});
