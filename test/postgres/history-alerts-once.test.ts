import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, startReceiver, type Receiver } from '../alerts/receiver.js';
import { BOB, type TestRepo } from '../helpers/git-repo.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { ACTION_FILES, createFixtureRepo } from '../server/fixture-repo.js';
import { createPgKey, startPgServe, type PgServe } from './pg-serve.js';

const config = (url: string): string => `webhooks:
  - id: changes
    url: ${url}/changes
    events: [definition.changed]
    secret_env: HOOK_SECRET
`;

/**
 * Two `serve` instances on one PostgreSQL journal, each with its own data dir (so its own history cursor): a change
 * pushed to the branch both read is told by whichever refreshes first, and by no other (alert_claims).
 */
describe('#19 history alerts with two serve instances on one PostgreSQL journal', () => {
  let repo: TestRepo;
  let db: TestSchema;
  let work: string;
  let receiver: Receiver;
  let servers: PgServe[] = [];

  beforeAll(async () => {
    [repo, db, receiver] = await Promise.all([createFixtureRepo(), createTestSchema(), startReceiver()]);
    await repo.commit({ message: 'Webhooks', files: { 'opsledger.yaml': config(receiver.url) } });
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-pg-history-once-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await receiver?.close();
    await db?.drop();
    await repo?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('one change, a refresh on each instance → one delivery, one outbox row', async () => {
    const key = await createPgKey(repo.dir, path.join(work, 'cli'), db.url, 'alice@example.com', [
      '--rate-limit',
      'off',
    ]);
    servers = await Promise.all(
      ['a', 'b'].map((n) =>
        startPgServe(repo.dir, path.join(work, n), db.url, ['--no-scheduler'], { HOOK_SECRET: SECRET }),
      ),
    );
    const refreshBoth = async () => {
      for (const s of servers) {
        const res = await fetch(`${s.url}/api/v1/refresh`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}` },
        });
        expect(res.status).toBe(200);
      }
    };
    const change = (file: string, to: string) =>
      repo.commit({
        message: `${file}: ${to}`,
        author: BOB,
        files: { [file]: ACTION_FILES[file]!.replace('timeout: 30', to) },
      });
    await change('definitions/actions/restart-web.yaml', 'timeout: 45');
    await refreshBoth();
    // A later change: delivered in outbox order, so a second telling of the first would reach the receiver before it.
    await change('definitions/actions/ping.yaml', 'timeout: 12');
    await refreshBoth();
    await receiver.waitFor((got) =>
      got.some((r) => (r.data.event as { auditable_id?: string } | undefined)?.auditable_id === 'ping'),
    );
    const changes = receiver.attempts.filter((r) => r.path === '/changes');
    expect(receiver.rejected).toEqual([]);
    expect(changes.map((c) => (c.data.event as { auditable_id: string }).auditable_id)).toEqual([
      'restart-web',
      'ping',
    ]);
    expect(new Set(changes.map((c) => c.id)).size).toBe(2);
    const rows = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM alert_outbox WHERE event->>'type' = 'definition.changed'`,
    );
    expect(rows.rows[0]!.n).toBe(2);
  });
});
