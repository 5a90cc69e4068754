import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_FILES } from './fixture-repo.js';
import { createTestServer, type TestServer } from './test-server.js';

const basic = (user: string, key: string): string =>
  `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

describe('authentication with API keys', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer({
      keyOptions: { 'erin@example.com': { expires_at: new Date(Date.now() + 1500).toISOString() } },
    });
  });
  afterAll(() => server.cleanup());

  it('accepts Bearer and Basic (email must be the key user)', async () => {
    const key = server.keys['frank@example.com'];
    expect(
      (await server.call('get', '/api/v1/audit', { headers: { Authorization: `Bearer ${key}` } })).status,
    ).toBe(200);
    expect(
      (
        await server.call('get', '/api/v1/audit', {
          headers: { Authorization: basic('frank@example.com', key) },
        })
      ).status,
    ).toBe(200);
    const wrongUser = await server.call('get', '/api/v1/audit', {
      headers: { Authorization: basic('alice@example.com', key) },
    });
    expect(wrongUser.status).toBe(401);
    expect(wrongUser.body.error.code).toBe('KEY_INVALID');
  });

  it('401 without a key, with a malformed one, with a wrong secret, with another scheme', async () => {
    const key = server.keys['frank@example.com'];
    const tampered = key.replace(/_([0-9A-Za-z])/, (_m, c: string) => `_${c === 'A' ? 'B' : 'A'}`);
    for (const auth of [
      undefined,
      'Bearer olk_garbage',
      `Bearer ${tampered}`,
      `Token ${key}`,
      'Basic !!!',
      'Bearer',
    ]) {
      const res = await server.call(
        'get',
        '/api/v1/executions',
        auth ? { headers: { Authorization: auth } } : {},
      );
      expect([auth, res.status]).toEqual([auth, 401]);
      expect(res.headers['www-authenticate']).toContain('Bearer');
    }
    const missing = await server.call('get', '/api/v1/executions');
    expect(missing.body.error.code).toBe('AUTH_REQUIRED');
  });

  it('a key with a valid checksum but a wrong secret is refused after lookup, still 401', async () => {
    const made = await server.deps.keys.create(
      { user: 'frank@example.com', name: 'x', created_by: 't', expires_at: null, rate_limit: null },
      new Date(),
    );
    await server.deps.keys.revoke(made.record.id, new Date());
    const res = await server.call('get', '/api/v1/audit', { key: made.key });
    expect(res.status).toBe(401);
  });

  it('a revoked key gets 401 at once, through the API or the store', async () => {
    const made = await server.call('post', '/api/v1/keys', {
      as: 'alice@example.com',
      body: { user: 'frank@example.com', name: 'to-revoke' },
    });
    expect(made.status).toBe(201);
    const key = made.body.key as string;
    expect(made.body.record).not.toHaveProperty('hash');
    expect((await server.call('get', '/api/v1/audit', { key })).status).toBe(200);
    const revoked = await server.call('delete', `/api/v1/keys/${made.body.record.id}`, {
      as: 'alice@example.com',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).toEqual(expect.any(String));
    expect((await server.call('get', '/api/v1/audit', { key })).status).toBe(401);
    expect(
      (await server.call('delete', '/api/v1/keys/0123456789abcdef', { as: 'alice@example.com' })).status,
    ).toBe(404);
  });

  it('an expired key gets 401', async () => {
    await new Promise((r) => setTimeout(r, 1600));
    const res = await server.call('get', '/api/v1/executions', { as: 'erin@example.com' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('KEY_INVALID');
  });

  it('every use updates last-used (batched, written on flush)', async () => {
    const before = (await server.deps.keys.find(server.keys['bob@example.com'].split('_')[1]!))!;
    expect(before.last_used_at).toBeNull();
    await server.call('get', '/api/v1/actions', { as: 'bob@example.com' });
    await server.deps.keys.flush();
    const after = (await server.deps.keys.find(before.id))!;
    expect(after.last_used_at).toEqual(expect.any(String));
    const listed = await server.call('get', '/api/v1/keys', { as: 'alice@example.com' });
    const entry = listed.body.data.find((k: { id: string }) => k.id === before.id);
    expect(entry.last_used_at).toEqual(after.last_used_at);
    expect(JSON.stringify(listed.body)).not.toMatch(/olk_[0-9a-f]{16}_/);
    expect(JSON.stringify(listed.body)).not.toContain(before.hash);
  });
});

describe('access follows the role files at the branch tip', () => {
  it('a user removed from a role file loses access after the index refresh', async () => {
    const server = await createTestServer();
    try {
      expect((await server.call('get', '/api/v1/executions', { as: 'dave@example.com' })).status).toBe(200);
      await server.repo.commit({
        message: 'Dave leaves the operators',
        files: {
          'definitions/roles/operators.yaml': ROLE_FILES['definitions/roles/operators.yaml']!.replace(
            'dave@example.com, ',
            '',
          ),
        },
      });
      // Until the index sees the commit, the old roles apply (the tip the server knows is the one it judges by).
      expect((await server.call('get', '/api/v1/executions', { as: 'dave@example.com' })).status).toBe(200);
      const refreshed = await server.call('post', '/api/v1/refresh', { as: 'alice@example.com' });
      expect(refreshed.body.new_commits).toBe(1);
      expect((await server.call('get', '/api/v1/executions', { as: 'dave@example.com' })).status).toBe(403);
      expect(
        (
          await server.call('post', '/api/v1/actions/disk-usage/executions', {
            as: 'dave@example.com',
            body: {},
          })
        ).status,
      ).toBe(403);
      expect((await server.call('get', '/api/v1/executions', { as: 'erin@example.com' })).status).toBe(200);
    } finally {
      await server.cleanup();
    }
  });
});
