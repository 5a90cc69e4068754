import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyStore } from '../../src/access/open-key-store.js';
import type { KeyStore } from '../../src/access/key-store.js';
import { openState } from '../../src/state/open-state.js';
import { createTestServer, type TestServer } from './test-server.js';

/** A key with one character of its secret changed and its checksum still right is not needed: any change is 401. */
const wrongSecret = (key: string): string =>
  key.replace(/_([0-9A-Za-z])/, (_m, c: string) => `_${c === 'A' ? 'B' : 'A'}`);

describe('#15.8 the verified-key cache keeps every guarantee of authentication', () => {
  let server: TestServer;
  /** The key store as another process (`opsledger keys`) sees it. */
  let cli: KeyStore;
  beforeAll(async () => {
    server = await createTestServer();
    cli = openKeyStore(openState(server.dataDir));
  });
  afterAll(() => server.cleanup());

  const status = async (key: string): Promise<number> =>
    (await server.call('get', '/api/v1/executions?limit=1', { key })).status;
  const make = async (expiresAt: string | null = null): Promise<{ id: string; key: string }> => {
    const made = await cli.create(
      { user: 'frank@example.com', name: 'cached', created_by: 't', expires_at: expiresAt, rate_limit: null },
      new Date(),
    );
    return { id: made.record.id, key: made.key };
  };

  it('#15.8 a key used (so cached) and then revoked by another process is refused at its very next request', async () => {
    const { id, key } = await make();
    expect(await status(key)).toBe(200);
    expect(await status(key)).toBe(200);
    await cli.revoke(id, new Date());
    expect(await status(key)).toBe(401);
    expect(await status(key)).toBe(401);
  });

  it('#15.8 a cached key that expires is refused from then on', async () => {
    const { key } = await make(new Date(Date.now() + 60_000).toISOString());
    expect(await status(key)).toBe(200);
    const realNow = server.deps.now;
    server.deps.now = () => new Date(Date.now() + 120_000);
    try {
      expect(await status(key)).toBe(401);
    } finally {
      server.deps.now = realNow;
    }
  });

  it('#15.8 property: any interleaving of uses, wrong secrets, revocations and new keys answers as a full check would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('use' as const), k: fc.nat(3) }),
            fc.record({ op: fc.constant('wrong' as const), k: fc.nat(3) }),
            fc.record({ op: fc.constant('revoke' as const), k: fc.nat(3) }),
            fc.record({ op: fc.constant('basic-other' as const), k: fc.nat(3) }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        async (ops) => {
          const keys = await Promise.all([0, 1, 2, 3].map(() => make()));
          const revoked = new Set<number>();
          for (const { op, k } of ops) {
            const { id, key } = keys[k]!;
            if (op === 'revoke') {
              await cli.revoke(id, new Date());
              revoked.add(k);
              continue;
            }
            if (op === 'basic-other') {
              // The same key claimed for another user (Basic auth): never accepted, cached or not.
              const auth = `Basic ${Buffer.from(`alice@example.com:${key}`).toString('base64')}`;
              const res = await server.call('get', '/api/v1/executions?limit=1', {
                headers: { Authorization: auth },
              });
              expect(res.status).toBe(401);
              continue;
            }
            const sent = op === 'wrong' ? wrongSecret(key) : key;
            expect([op, k, await status(sent)]).toEqual([op, k, op === 'use' && !revoked.has(k) ? 200 : 401]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
