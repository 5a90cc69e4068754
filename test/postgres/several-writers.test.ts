import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../helpers/git-repo.js';
import { createTestSchema, runCliAsync, type TestSchema } from '../helpers/postgres.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import { createPgKey, startPgServe, type PgServe } from './pg-serve.js';
import { cliExecWriter, directWriter, httpWriter } from './pg-writers.js';

/** seq of every row, in order, and whether they are 1..n with no gap or duplicate. */
async function chainShape(db: TestSchema): Promise<{ rows: number; contiguous: boolean; ids: Set<string> }> {
  const res = await db.pool.query<{ seq: string; id: string }>(
    'SELECT seq, id FROM journal_records ORDER BY pos',
  );
  const seqs = res.rows.map((r) => Number(r.seq));
  return {
    rows: seqs.length,
    contiguous: seqs.every((s, i) => s === i + 1),
    ids: new Set(res.rows.map((r) => r.id)),
  };
}

/** Issue 16's concurrency proof: two serve instances and direct CLI writers on one PostgreSQL journal. */
describe('8 writers on one PostgreSQL journal: two serve instances over HTTP and direct CLI writers', () => {
  let repo: TestRepo;
  let work: string;
  const schemas: TestSchema[] = [];
  const servers: PgServe[] = [];

  beforeAll(async () => {
    repo = await createFixtureRepo();
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-pg-writers-'));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    // A writer still running after a failure may hold a lock a moment longer: one retry.
    await Promise.all(
      schemas.map((s) => s.drop().catch(() => new Promise((r) => setTimeout(r, 2000)).then(() => s.drop()))),
    );
    await repo?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  async function setUp(name: string): Promise<{ db: TestSchema; a: PgServe; b: PgServe; key: string }> {
    const db = await createTestSchema();
    schemas.push(db);
    const key = await createPgKey(repo.dir, path.join(work, `${name}-cli`), db.url, 'dave@example.com', [
      '--rate-limit',
      'off',
    ]);
    const [a, b] = await Promise.all(
      ['a', 'b'].map((n) =>
        startPgServe(repo.dir, path.join(work, `${name}-${n}`), db.url, ['--no-scheduler']),
      ),
    );
    servers.push(a!, b!);
    return { db, a: a!, b: b!, key };
  }

  const verify = (db: TestSchema) =>
    runCliAsync(['--repo', repo.dir, '--database-url', db.url, 'verify', '--json'], { cwd: repo.dir });

  it('8 × 200 appends → exactly 1,600 records, one contiguous chain, verify clean', async () => {
    const { db, a, b, key } = await setUp('load');
    const bases = [a.url, b.url];
    const results = await Promise.all([
      // Four writers over HTTP, each alternating between the two instances.
      ...[0, 1, 2, 3].map((w) => httpWriter(w % 2 ? [...bases].reverse() : bases, key, 200, `http${w}`)),
      // Three CLI writer processes appending directly, through the journal port the CLI uses.
      ...[4, 5, 6].map((w) => directWriter(db.url, 200, `direct${w}`)),
      // The real `opsledger exec --database-url`: 100 runs, two appends each, as four processes at a time (four
      // users' shells, each running 25 in a row): 100 runs one after another took minutes of wall time alone.
      ...[0, 1, 2, 3].map((c) => cliExecWriter(repo.dir, path.join(work, `exec-data-${c}`), db.url, 25)),
    ]);
    expect(results.slice(0, 7).map((r) => (r as string[]).length)).toEqual(Array(7).fill(200));
    expect(results.slice(7)).toEqual([25, 25, 25, 25]);
    const shape = await chainShape(db);
    expect(shape.rows).toBe(1600);
    expect(shape.contiguous).toBe(true);
    const verified = await verify(db);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, records: 1600 });
  }, 240_000);

  it('SIGKILL of one serve mid-load loses no acknowledged record and leaves the chain clean', async () => {
    const { db, a, b, key } = await setUp('kill');
    let acked = 0;
    let killed: Promise<number | null> | null = null;
    const onAck = () => {
      if (++acked === 150) killed = b.kill();
    };
    const results = await Promise.all([
      ...[0, 1, 2, 3].map((w) => httpWriter([b.url, a.url], key, 100, `k${w}`, onAck)),
      ...[4, 5].map((w) => directWriter(db.url, 100, `kdirect${w}`)),
    ]);
    expect(killed).not.toBeNull();
    await killed;
    const acks = results.flat();
    expect(acks.length).toBe(600);
    const shape = await chainShape(db);
    for (const id of acks) expect(shape.ids.has(id), id).toBe(true);
    expect(shape.contiguous).toBe(true);
    const verified = await verify(db);
    expect(verified.code, verified.stderr).toBe(0);
  }, 120_000);
});
