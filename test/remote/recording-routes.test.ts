import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newExecutionId } from '../../src/executions/execution-id.js';
import { createTestServer, type TestServer } from '../server/test-server.js';

/** The routes of remote recording, in-process (docs/api.md, Remote recording). */
describe('POST /recordings and POST /recordings/{id}/end', () => {
  let server: TestServer;
  let blob: string;
  beforeAll(async () => {
    server = await createTestServer();
    blob = server.deps.history.definitionAt('action', 'disk-usage')!.blob;
  }, 60_000);
  afterAll(() => server?.cleanup());

  const start = (over: Record<string, unknown> = {}) => ({
    id: newExecutionId(new Date()),
    action_id: 'disk-usage',
    trigger: 'manual',
    definition: { commit: null, blob, path: null, version: null, status: 'released', dirty: false },
    targets: ['web-01'],
    parameters: { path: '/srv', token: 'sent-in-clear-by-an-old-client' },
    started_at: '2026-02-01T10:00:00.000Z',
    ...over,
  });
  const end = {
    status: 'succeeded',
    finished_at: '2026-02-01T10:00:02.000Z',
    duration_ms: 2000,
    exit_code: 0,
  };

  it('records the start as the key’s user, pinned to the service’s view, secrets redacted; a retry is replayed', async () => {
    const body = start();
    const first = await server.call('post', '/api/v1/recordings', { as: 'dave@example.com', body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: body.id,
      status: 'running',
      recorded_via: 'server',
      initiator: { user: 'dave@example.com', via: 'cli' },
      definition: { blob, dirty: false, status: 'released' },
      parameters: { path: '/srv', token: { redacted: true } },
    });
    expect(first.body.definition.commit).toMatch(/^[0-9a-f]{40}$/);
    const again = await server.call('post', '/api/v1/recordings', { as: 'dave@example.com', body });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const taken = await server.call('post', '/api/v1/recordings', {
      as: 'erin@example.com',
      body: { ...body, started_at: '2026-02-01T11:00:00.000Z' },
    });
    expect(taken.status).toBe(409);
    expect(await server.deps.journal.records(body.id)).toHaveLength(1);
  });

  it('refuses a copy that differs from the service’s (409, nothing recorded) unless allow_dirty, then flags it', async () => {
    const other = 'f'.repeat(40);
    const body = start({
      definition: { commit: null, blob: other, path: null, version: null, status: 'released', dirty: false },
    });
    const refused = await server.call('post', '/api/v1/recordings', { as: 'dave@example.com', body });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DEFINITION_DIRTY');
    expect(await server.deps.journal.records(body.id)).toEqual([]);
    const dirty = await server.call('post', '/api/v1/recordings', {
      as: 'dave@example.com',
      body: { ...body, allow_dirty: true },
    });
    expect(dirty.status).toBe(201);
    expect(dirty.body.definition).toMatchObject({ blob, dirty: true });
  });

  it('records the end once: a redelivery gets the same end, another end is 409, another user 404', async () => {
    const body = start();
    expect((await server.call('post', '/api/v1/recordings', { as: 'dave@example.com', body })).status).toBe(
      201,
    );
    const url = `/api/v1/recordings/${body.id}/end`;
    const headers = { 'Idempotency-Key': `end:${body.id}` };
    const noKey = await server.call('post', url, { as: 'dave@example.com', body: end });
    expect(noKey.status).toBe(400);
    const notHers = await server.call('post', url, { as: 'erin@example.com', body: end, headers });
    expect(notHers.status).toBe(404);
    const first = await server.call('post', url, { as: 'dave@example.com', body: end, headers });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'succeeded',
      exit_code: 0,
      parameters: { token: { redacted: true } },
    });
    const replay = await server.call('post', url, { as: 'dave@example.com', body: end, headers });
    expect([200, 201]).toContain(replay.status);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const sameEndNewKey = await server.call('post', url, {
      as: 'dave@example.com',
      body: end,
      headers: { 'Idempotency-Key': 'another-key' },
    });
    expect(sameEndNewKey.status).toBe(200);
    const otherEnd = await server.call('post', url, {
      as: 'dave@example.com',
      body: { ...end, status: 'failed', exit_code: 1 },
      headers: { 'Idempotency-Key': 'yet-another-key' },
    });
    expect(otherEnd.status).toBe(409);
    expect(otherEnd.body.error.code).toBe('RUN_ALREADY_ENDED');
    expect((await server.deps.journal.records(body.id)).map((r) => r.status)).toEqual([
      'running',
      'succeeded',
    ]);
  });

  it('an API run cannot be ended through the recording route', async () => {
    const run = await server.call('post', '/api/v1/actions/ping/executions', {
      as: 'alice@example.com',
      body: {},
    });
    await Promise.allSettled([...server.deps.inflightRuns]);
    const res = await server.call('post', `/api/v1/recordings/${run.body.id}/end`, {
      as: 'alice@example.com',
      body: end,
      headers: { 'Idempotency-Key': 'x' },
    });
    expect(res.status).toBe(404);
  });
});
