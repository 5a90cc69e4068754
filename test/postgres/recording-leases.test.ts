import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../src/executions/types.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { getExecution, spawnCli, startedId, waitUntil, WAITING_ACTION } from '../remote/lease-fixtures.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import { createPgKey, startPgServe, type PgServe } from './pg-serve.js';

/**
 * Two `serve` instances on one PostgreSQL journal, each with its lease watchdog (docs/postgres.md, "Several
 * instances"): a remote run started at one, whose CLI is SIGKILLed, is recorded `abandoned` exactly once; and a live
 * run whose heartbeats go to one instance is not closed by the other.
 */
describe('remote run leases on PostgreSQL with two serve instances', () => {
  let repo: TestRepo;
  let db: TestSchema;
  let work: string;
  let a: PgServe;
  let b: PgServe;
  let key: string;

  beforeAll(async () => {
    [repo, db] = await Promise.all([createFixtureRepo(), createTestSchema()]);
    await repo.commit({
      message: 'A waiting disk action',
      files: { 'definitions/actions/disk-wait.yaml': WAITING_ACTION },
    });
    await writeFile(path.join(repo.dir, 'opsledger.yaml'), 'server:\n  recording_lease_seconds: 3\n');
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-pg-lease-'));
    key = await createPgKey(repo.dir, path.join(work, 'keys'), db.url, 'dave@example.com');
    [a, b] = await Promise.all([
      startPgServe(repo.dir, path.join(work, 'a'), db.url, ['--no-scheduler']),
      startPgServe(repo.dir, path.join(work, 'b'), db.url, ['--no-scheduler']),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    await repo?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const recordsOf = async (id: string): Promise<ExecutionRecord[]> => {
    const res = await db.pool.query<{ body: string }>(
      'SELECT body FROM journal_records WHERE id = $1 ORDER BY seq',
      [id],
    );
    return res.rows.map((r) => JSON.parse(r.body) as ExecutionRecord);
  };
  const run = (server: string, mark: string) =>
    spawnCli(
      [
        '--repo',
        repo.dir,
        '--data-dir',
        path.join(work, 'client'),
        'run',
        'disk-wait',
        '--server',
        server,
        '--param',
        `mark=${mark}`,
      ],
      { OPSLEDGER_API_KEY: key },
    );

  it('the CLI SIGKILLed: exactly one abandoned record, whichever instance closes it', async () => {
    const mark = path.join(work, 'killed');
    const cli = run(a.url, mark);
    const id = await startedId(mark);
    cli.child.kill('SIGKILL');
    await cli.done;
    await waitUntil(
      async () => (await getExecution(b.url, key, id)).status === 'abandoned',
      'the service to record the run abandoned',
    );
    // Both watchdogs get several more rounds (a quarter lease apart) to write a second one, and must not.
    await new Promise((r) => setTimeout(r, 4_000));
    expect((await recordsOf(id)).map((r) => r.status)).toEqual(['running', 'abandoned']);
    expect((await db.pool.query('SELECT 1 FROM recording_leases WHERE id = $1', [id])).rowCount).toBe(0);
  }, 120_000);

  it('a live run renewed at one instance is not closed by the other; its end is the one closing record', async () => {
    const mark = path.join(work, 'live');
    const cli = run(a.url, mark);
    const id = await startedId(mark);
    await new Promise((r) => setTimeout(r, 9_000));
    expect(await getExecution(b.url, key, id)).toMatchObject({ status: 'running' });
    await writeFile(`${mark}.go`, '');
    const done = await cli.done;
    expect(done.code, done.stderr).toBe(0);
    expect((await recordsOf(id)).map((r) => r.status)).toEqual(['running', 'succeeded']);
  }, 120_000);
});
