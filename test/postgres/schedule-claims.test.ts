import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { startPgServe, type PgServe } from './pg-serve.js';

const HEARTBEAT =
  "id: heartbeat\nname: Heartbeat\nowner: ops@example.com\nstatus: released\nscript: { shell: sh, inline: echo beat }\ntimeout: 30\nschedule: '* * * * * *'\n";

/** Every record in the database's journal, in seq order. */
async function records(db: TestSchema): Promise<ExecutionRecord[]> {
  const res = await db.pool.query<{ body: string }>('SELECT body FROM journal_records ORDER BY seq, pos');
  return res.rows.map((r) => JSON.parse(r.body) as ExecutionRecord);
}

describe('schedule firings claimed in PostgreSQL (docs/postgres.md, "Several instances")', () => {
  let repo: TestRepo;
  let db: TestSchema;
  let work: string;
  let servers: PgServe[] = [];

  beforeAll(async () => {
    [repo, db] = await Promise.all([
      createTestRepo([
        {
          message: 'A per-second schedule',
          files: { '.gitignore': '.opsledger/\n', 'definitions/actions/heartbeat.yaml': HEARTBEAT },
        },
      ]),
      createTestSchema(),
    ]);
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-pg-sched-'));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await db?.drop();
    await repo?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('two serve instances with separate data dirs fire a per-second schedule exactly once per firing, ≥ 20 firings', async () => {
    // Separate data dirs: no claim file can be shared, only the database's claims table.
    servers = await Promise.all(
      ['a', 'b'].map((n) => startPgServe(repo.dir, path.join(work, n), db.url, [])),
    );
    const started = async () => (await records(db)).filter((r) => r.planned_at && r.status === 'running');
    for (let i = 0; i < 120 && (await started()).length < 22; i++)
      await new Promise((r) => setTimeout(r, 500));
    const codes = await Promise.all(servers.map((s) => s.stop()));
    expect(codes).toEqual([0, 0]);

    const all = (await records(db)).filter((r) => r.planned_at && r.action_id === 'heartbeat');
    const runs = all.filter((r) => r.status === 'running');
    expect(runs.length).toBeGreaterThanOrEqual(20);
    // One start per planned time, one claim per started firing, and every run ended once.
    const planned = runs.map((r) => r.planned_at);
    expect(new Set(planned).size).toBe(planned.length);
    const claims = await db.pool.query<{ firing_id: string }>('SELECT firing_id FROM schedule_claims');
    const claimed = new Set(claims.rows.map((r) => r.firing_id));
    for (const run of runs) expect(claimed.has(run.id)).toBe(true);
    for (const run of runs) {
      const ends = all.filter((r) => r.id === run.id && r.status !== 'running');
      expect(ends.length, run.id).toBe(1);
    }
  }, 90_000);
});
