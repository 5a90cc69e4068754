import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, startReceiver, type Receiver } from '../alerts/receiver.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createTestSchema, runCliAsync, type TestSchema } from '../helpers/postgres.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import { startPgServe, type PgServe } from './pg-serve.js';

const config = (url: string): string => `webhooks:
  - id: runs
    url: ${url}/runs
    events: [execution.started, execution.finished]
    secret_env: HOOK_SECRET
`;

/** Crash recovery on PostgreSQL: records the outbox has no entry for are read from the database at serve's start. */
describe('#19.2 levelOutbox on a PostgreSQL journal', () => {
  let repo: TestRepo;
  let bare: TestRepo;
  let db: TestSchema;
  let work: string;
  let receiver: Receiver;
  let serve: PgServe | null = null;

  beforeAll(async () => {
    [repo, bare, db, receiver] = await Promise.all([
      createFixtureRepo(),
      createFixtureRepo(),
      createTestSchema(),
      startReceiver(),
    ]);
    await repo.commit({ message: 'Webhooks', files: { 'opsledger.yaml': config(receiver.url) } });
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-pg-level-'));
  });

  afterAll(async () => {
    await serve?.kill();
    await receiver?.close();
    await db?.drop();
    await Promise.all([repo?.cleanup(), bare?.cleanup()]);
    await rm(work, { recursive: true, force: true });
  });

  it('#19.2 a run appended without its outbox entries (a crash between the two) gets its alerts when serve starts', async () => {
    const serveDir = path.join(work, 'serve');
    // The first start marks the outbox at the journal's head.
    serve = await startPgServe(repo.dir, serveDir, db.url, ['--no-scheduler'], { HOOK_SECRET: SECRET });
    // Its mark is written before it listens, so how it ends does not matter here.
    await serve.stop();
    const marks = await db.pool.query('SELECT count(*)::int AS n FROM alert_outbox');
    expect(marks.rows[0]!.n).toBeGreaterThan(0);

    // Then a run reaches the journal and not the outbox: a process whose config has no webhooks appends it,
    // exactly what a process killed between its journal append and its outbox write leaves behind.
    const ran = await runCliAsync([
      '--repo',
      bare.dir,
      '--data-dir',
      path.join(work, 'crashed'),
      '--database-url',
      db.url,
      'run',
      'restart-web',
      '--json',
    ]);
    expect(ran.code, ran.stderr).toBe(0);
    const id = (JSON.parse(ran.stdout) as { id: string }).id;
    const events = await db.pool.query('SELECT count(*)::int AS n FROM alert_outbox WHERE event IS NOT NULL');
    expect(events.rows[0]!.n).toBe(0);

    // serve's next start reads the records after the mark from the database and writes their alerts.
    serve = await startPgServe(repo.dir, serveDir, db.url, ['--no-scheduler'], { HOOK_SECRET: SECRET });
    await receiver.waitFor((got) => got.filter((r) => r.path === '/runs').length >= 2);
    expect(serve.log()).toMatch(/2 run record\(s\) appended before a crash had no alert yet/);
    await new Promise((r) => setTimeout(r, 500));
    const runs = receiver.attempts.filter((r) => r.path === '/runs');
    expect(receiver.rejected).toEqual([]);
    expect(runs.map((r) => r.type).sort()).toEqual(['execution.finished', 'execution.started']);
    expect(runs.every((r) => (r.data.execution as { id: string }).id === id)).toBe(true);
    expect(new Set(runs.map((r) => r.id)).size).toBe(2);
  });

  it('#19.2 a run the CLI records on the PostgreSQL journal puts its alerts in the database outbox, and serve delivers them', async () => {
    const before = receiver.attempts.filter((r) => r.path === '/runs').length;
    const ran = await runCliAsync(
      [
        '--repo',
        repo.dir,
        '--data-dir',
        path.join(work, 'cli'),
        '--database-url',
        db.url,
        'run',
        'restart-web',
        '--json',
      ],
      { env: { HOOK_SECRET: SECRET } },
    );
    expect(ran.code, ran.stderr).toBe(0);
    const id = (JSON.parse(ran.stdout) as { id: string }).id;
    const events = await db.pool.query(
      "SELECT count(*)::int AS n FROM alert_outbox WHERE event IS NOT NULL AND event::text LIKE '%' || $1 || '%'",
      [id],
    );
    expect(events.rows[0]!.n).toBe(2);
    await receiver.waitFor((got) => got.filter((r) => r.path === '/runs').length >= before + 2);
    const mine = receiver.attempts.filter(
      (r) => r.path === '/runs' && (r.data.execution as { id: string }).id === id,
    );
    expect(mine.map((r) => r.type).sort()).toEqual(['execution.finished', 'execution.started']);
  });
});
