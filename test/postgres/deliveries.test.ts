import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, startReceiver, type Receiver } from '../alerts/receiver.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createTestSchema, runCliAsync, type TestSchema } from '../helpers/postgres.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import { createPgKey, startPgServe, type PgServe } from './pg-serve.js';

const config = (url: string): string => `webhooks:
  - id: runs
    url: ${url}/runs
    events: [execution.finished]
    secret_env: HOOK_SECRET
`;

/** Run events recorded through two instances on one PostgreSQL journal: each is delivered by exactly one of them. */
describe('webhook deliveries with two serve instances on one PostgreSQL journal', () => {
  let repo: TestRepo;
  let db: TestSchema;
  let work: string;
  let receiver: Receiver;
  let servers: PgServe[] = [];

  beforeAll(async () => {
    [repo, db, receiver] = await Promise.all([createFixtureRepo(), createTestSchema(), startReceiver()]);
    await repo.commit({ message: 'Webhooks', files: { 'opsledger.yaml': config(receiver.url) } });
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-pg-deliveries-'));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await receiver?.close();
    await db?.drop();
    await repo?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('each run event goes to the one outbox in the database and is attempted once, by one instance', async () => {
    const key = await createPgKey(repo.dir, path.join(work, 'cli'), db.url, 'dave@example.com', [
      '--rate-limit',
      'off',
    ]);
    servers = await Promise.all(
      ['a', 'b'].map((n) =>
        startPgServe(repo.dir, path.join(work, n), db.url, ['--no-scheduler'], { HOOK_SECRET: SECRET }),
      ),
    );
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${servers[i % 2]!.url}/api/v1/executions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          action_id: 'ping',
          status: 'succeeded',
          started_at: new Date().toISOString(),
          duration_ms: 1,
        }),
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    await receiver.waitFor((got) => got.filter((r) => r.path === '/runs').length >= 20);
    // A moment more: a second attempt by the other instance would arrive now.
    await new Promise((r) => setTimeout(r, 2500));
    const runs = receiver.attempts.filter((r) => r.path === '/runs');
    expect(receiver.rejected).toEqual([]);
    expect(runs).toHaveLength(20);
    expect(new Set(runs.map((r) => r.id)).size).toBe(20);
    const delivered = runs.map((r) => (r.data.execution as { id: string }).id).sort();
    expect(delivered).toEqual([...ids].sort());
    // One outbox in the database, written by both instances; the deliveries readable from either and the CLI.
    const outbox = await db.pool.query('SELECT count(*)::int AS n FROM alert_outbox WHERE event IS NOT NULL');
    expect(outbox.rows[0]!.n).toBe(20);
    const admin = await createPgKey(repo.dir, path.join(work, 'cli'), db.url, 'alice@example.com');
    for (const s of servers) {
      const res = await fetch(`${s.url}/api/v1/webhooks/deliveries`, {
        headers: { Authorization: `Bearer ${admin}` },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { status: string; attempts: number }[] };
      expect(body.data.filter((d) => d.status === 'delivered' && d.attempts === 1)).toHaveLength(20);
    }
    const cli = await runCliAsync(
      [
        '--repo',
        repo.dir,
        '--data-dir',
        path.join(work, 'cli'),
        '--database-url',
        db.url,
        'webhooks',
        'deliveries',
        '--json',
      ],
      { cwd: repo.dir },
    );
    expect(cli.code, cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as unknown[]).length).toBe(20);
    // `webhooks retry` on the database's state: a webhook disabled (as by a 410) is enabled again.
    const one = (JSON.parse(cli.stdout) as { delivery_id: string }[])[0]!;
    await db.pool.query(
      `UPDATE webhook_state SET state = jsonb_set(state, '{disabled}', '{"at":"2026-01-01T00:00:00Z","reason":"410"}')
       WHERE webhook = 'runs'`,
    );
    // `webhooks list` reads the state every instance shares in the database, not the CLI's data dir.
    const listed = await runCliAsync(
      [
        '--repo',
        repo.dir,
        '--data-dir',
        path.join(work, 'cli'),
        '--database-url',
        db.url,
        'webhooks',
        'list',
        '--json',
      ],
      { cwd: repo.dir },
    );
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { id: 'runs', state: 'disabled', disabled_reason: '410', pending: 0, secret_set: false },
    ]);
    const retried = await runCliAsync(
      [
        '--repo',
        repo.dir,
        '--data-dir',
        path.join(work, 'cli'),
        '--database-url',
        db.url,
        'webhooks',
        'retry',
        one.delivery_id,
        '--json',
      ],
      { cwd: repo.dir },
    );
    expect(retried.code, retried.stderr).toBe(0);
    expect(JSON.parse(retried.stdout)).toMatchObject({ webhook: 'runs', enabled: true, queued: false });
    const state = await db.pool.query<{ state: { disabled: unknown } }>(
      `SELECT state FROM webhook_state WHERE webhook = 'runs'`,
    );
    expect(state.rows[0]!.state.disabled).toBeNull();
  }, 60_000);

  it('one instance at a time per webhook; SIGKILL of one mid-delivery: the other delivers the rest, none lost', async () => {
    const key = await createPgKey(repo.dir, path.join(work, 'cli'), db.url, 'dave@example.com', [
      '--rate-limit',
      'off',
    ]);
    let inflight = 0;
    let most = 0;
    receiver.answer = () => {
      most = Math.max(most, ++inflight);
      setTimeout(() => inflight--, 100);
      return { status: 200, delayMs: 100 };
    };
    const before = receiver.attempts.length;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${servers[i % 2]!.url}/api/v1/executions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          action_id: 'ping',
          status: 'failed',
          started_at: new Date().toISOString(),
          duration_ms: 1,
          exit_code: 1,
        }),
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    await receiver.waitFor((got) => got.length - before >= 8);
    await servers[0]!.kill();
    const atKill = receiver.attempts.length - before;
    const seen = () =>
      new Set(receiver.attempts.slice(before).map((r) => (r.data.execution as { id: string }).id));
    await receiver.waitFor(() => ids.every((id) => seen().has(id)), 40_000);
    expect(most).toBe(1);
    expect(receiver.rejected).toEqual([]);
    // At-least-once: delivered outcomes are checkpointed in groups, so what was sent before the kill may come again,
    // with the same webhook-id (receivers drop it); nothing sent after the kill comes twice.
    const got = receiver.attempts.slice(before);
    const dupes = got.length - new Set(got.map((r) => r.id)).size;
    expect(dupes).toBeLessThanOrEqual(atKill);
    const after = got.slice(atKill + dupes).map((r) => r.id);
    expect(new Set(after).size).toBe(after.length);
  }, 90_000);
});
