import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../src/executions/postgres/migrations/index.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import { call, createPgKey, startPgServe, type PgServe } from './pg-serve.js';

/** Two `serve` processes on one PostgreSQL journal, each with its own data dir: keys and limits are shared. */
describe('several serve instances on one PostgreSQL journal (docs/postgres.md, "Several instances")', () => {
  let repo: TestRepo;
  let db: TestSchema;
  let work: string;
  let a: PgServe;
  let b: PgServe;
  let admin: string;

  beforeAll(async () => {
    [repo, db] = await Promise.all([createFixtureRepo(), createTestSchema()]);
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-multi-'));
    admin = await createPgKey(repo.dir, path.join(work, 'cli'), db.url, 'alice@example.com');
    [a, b] = await Promise.all([
      startPgServe(repo.dir, path.join(work, 'a'), db.url, ['--no-scheduler']),
      startPgServe(repo.dir, path.join(work, 'b'), db.url, ['--no-scheduler']),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    await rm(work, { recursive: true, force: true });
  });

  it('health reports the database on both, reachable at the current schema version', async () => {
    for (const s of [a, b]) {
      const health = await call(s.url, null, 'GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body.database).toEqual({
        backend: 'postgres',
        reachable: true,
        schema_version: LATEST_SCHEMA_VERSION,
        expected_schema_version: LATEST_SCHEMA_VERSION,
      });
    }
  });

  it('a key made on A (by the CLI or the API) works at once on B; revoked on B, both refuse it', async () => {
    expect((await call(b.url, admin, 'GET', '/keys')).status).toBe(200);
    const made = await call(a.url, admin, 'POST', '/keys', { user: 'frank@example.com', name: 'auditor' });
    expect(made.status).toBe(201);
    const key = made.body.key as string;
    const id = (made.body.record as { id: string }).id;
    expect((await call(b.url, key, 'GET', '/executions')).status).toBe(200);
    expect((await call(b.url, admin, 'DELETE', `/keys/${id}`)).status).toBe(200);
    expect((await call(a.url, key, 'GET', '/executions')).status).toBe(401);
    expect((await call(b.url, key, 'GET', '/executions')).status).toBe(401);
  });

  it('counts a key’s rate limit across both instances', async () => {
    const made = await call(a.url, admin, 'POST', '/keys', {
      user: 'frank@example.com',
      name: 'limited',
      rate_limit: 10,
    });
    const key = made.body.key as string;
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      statuses.push((await call(i % 2 === 0 ? a.url : b.url, key, 'GET', '/executions')).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });

  it('an idempotent retry reaching the other instance gets the first answer', async () => {
    const key = await createPgKey(repo.dir, path.join(work, 'cli'), db.url, 'dave@example.com');
    const send = (base: string) =>
      fetch(`${base}/api/v1/executions`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${key}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': 'retry-1',
        },
        body: JSON.stringify({
          action_id: 'ping',
          status: 'succeeded',
          started_at: new Date(0).toISOString(),
          finished_at: new Date(5).toISOString(),
        }),
      });
    const first = await send(a.url);
    const second = await send(b.url);
    expect(first.status, await first.clone().text()).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const rows = await db.pool.query('SELECT count(*)::int AS n FROM journal_records');
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('a graceful shutdown closes its pools: no connection of that instance is left', async () => {
    const pid = a.child.pid;
    expect(await a.stop()).toBe(0);
    const left = await db.pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query NOT LIKE '%pg_stat_activity%' AND application_name = $1`,
      [`opsledger-${pid}`],
    );
    expect(left.rows[0]!.n).toBe(0);
  });
});

describe('two serve instances starting at once on an empty key table', () => {
  it('make one first-start admin key between them', async () => {
    const [repo, db] = await Promise.all([createFixtureRepo(), createTestSchema()]);
    const work = await mkdtemp(path.join(tmpdir(), 'opsledger-multi-boot-'));
    const servers = await Promise.all(
      ['a', 'b'].map((n) => startPgServe(repo.dir, path.join(work, n), db.url, ['--no-scheduler'])),
    );
    try {
      // The key is printed before the "listening" line, on the other pipe: let both pipes drain.
      await new Promise((r) => setTimeout(r, 500));
      const printed = servers.filter((s) => /no API keys existed/.test(s.stdout()));
      expect(printed).toHaveLength(1);
      const rows = await db.pool.query('SELECT count(*)::int AS n FROM api_keys');
      expect(rows.rows[0]!.n).toBe(1);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await db.drop();
      await repo.cleanup();
      await rm(work, { recursive: true, force: true });
    }
  }, 60_000);
});
