import { afterEach, describe, expect, it } from 'vitest';
import { openJournalAt } from '../../src/executions/open-journal-at.js';
import { verifyPostgres } from '../../src/executions/postgres/verify-postgres.js';
import type { ExecutionRecord, Journal } from '../../src/executions/types.js';
import { makeInput } from '../executions/make-input.js';
import { spawnPgWriter } from '../executions/pg-writer-process.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { connect, JOURNAL_LOCKS_SQL, readChain, until } from './group-commit-check.js';

/** Group commit across connections under faults (docs/postgres.md, "How appends stay one linear chain"). */
describe('PostgreSQL group commit: a connection or a writer dies mid-append', () => {
  let db: TestSchema | undefined;
  const journals: Journal[] = [];

  afterEach(async () => {
    await Promise.all(journals.splice(0).map((j) => j.close().catch(() => undefined)));
    await db?.drop();
    db = undefined;
  });

  const open = async (): Promise<Journal> => {
    const j = await openJournalAt({ backend: 'postgres', url: db!.url });
    journals.push(j);
    return j;
  };

  it('pg_terminate_backend of the chaining connection mid-transaction: every append still lands once, chain clean', async () => {
    db = await createTestSchema();
    const first = await open();
    await first.append(makeInput({ id: 'blocker' }));
    // Hold the row lock of `blocker`'s latest state: the writer that chains the next `blocker` record stops there,
    // mid-transaction, holding the journal lock, with other writers' staged rows read and some of them written.
    const holder = await connect(db);
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM journal_latest WHERE id = 'blocker' FOR UPDATE`);
    const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const writers = await Promise.all(Array.from({ length: 6 }, () => open()));
    const appends: Promise<ExecutionRecord>[] = writers.map((w, i) =>
      w.append(makeInput(i === 3 ? { id: 'blocker', status: 'succeeded' } : { id: `w${i}` })),
    );
    let chainer = 0;
    await until(async () => {
      const res = await holder.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
        [holderPid],
      );
      chainer = res.rows[0]?.pid ?? 0;
      return chainer !== 0;
    }, 'a chaining transaction blocked on the held row');
    const killed = await holder.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [chainer]);
    expect(killed.rows[0]?.ok).toBe(true);
    await holder.query('ROLLBACK');
    await holder.end();

    const acked = await Promise.all(appends);
    const state = await readChain(db);
    expect(state.contiguous).toBe(true);
    expect(state.sealedAsInJs).toBe(true);
    expect(state.staged).toBe(0);
    expect(state.records.map((r) => r.id).sort()).toEqual([
      'blocker',
      'blocker',
      'w0',
      'w1',
      'w2',
      'w4',
      'w5',
    ]);
    for (const record of acked) expect(state.records[record.seq - 1]).toEqual(record);
    const report = await verifyPostgres({ url: db.url });
    expect([report.ok, report.records]).toEqual([true, 7]);
  }, 60_000);

  it('a writer process SIGKILLed after staging: never doubled, the others land, nothing stays staged', async () => {
    db = await createTestSchema();
    // Everyone waits: the test holds the journal's locks while the victim stages.
    const holder = await connect(db);
    await holder.query('BEGIN');
    await holder.query(JOURNAL_LOCKS_SQL);
    const victim = spawnPgWriter(db.url, 1, 'victim');
    await until(async () => {
      const res = await holder.query<{ n: string }>(
        `SELECT count(*) AS n FROM journal_pending WHERE id LIKE 'victim-%'`,
      );
      return Number(res.rows[0]?.n) === 1;
    }, 'the victim staged its record');
    victim.child.kill('SIGKILL');
    await victim.done;
    expect(victim.acks).toEqual([]);
    const survivor = await open();
    const after = survivor.append(makeInput({ id: 'survivor' }));
    await until(async () => {
      const res = await holder.query<{ n: string }>(
        `SELECT count(*) AS n FROM journal_pending WHERE id = 'survivor'`,
      );
      return Number(res.rows[0]?.n) === 1;
    }, 'the survivor staged its record');
    await holder.query('COMMIT');
    await holder.end();
    const record = await after;

    const more = await survivor.append(makeInput({ id: 'later' }));
    const state = await readChain(db);
    expect(state.contiguous).toBe(true);
    expect(state.staged).toBe(0);
    // The victim died without an acknowledgement: its record is there at most once (chained before its connection
    // was seen gone, as with an acknowledgement lost after COMMIT) or not at all.
    const victims = state.records.filter((r) => r.id.startsWith('victim-'));
    expect(victims.length).toBeLessThanOrEqual(1);
    expect(state.records.filter((r) => r.id === 'survivor')).toEqual([record]);
    expect(state.records.at(-1)).toEqual(more);
    const report = await verifyPostgres({ url: db.url });
    expect(report.ok).toBe(true);
  }, 60_000);
});

/** What an append answers (docs/postgres.md, "How appends stay one linear chain"). */
describe('PostgreSQL appends answer the record as stored', () => {
  let db: TestSchema | undefined;
  let journal: Journal | undefined;
  afterEach(async () => {
    await journal?.close();
    await db?.drop();
  });

  it('on both paths: a parameter of -0 is acknowledged as 0, as every reader gets it', async () => {
    db = await createTestSchema();
    journal = await openJournalAt({ backend: 'postgres', url: db.url });
    const staged = await journal.append(makeInput({ id: 'staged', parameters: { zero: -0 } }));
    const direct = await journal.appendIf(
      makeInput({ id: 'direct', parameters: { zero: -0 } }),
      (latest) => latest === null,
    );
    for (const acked of [staged, direct]) {
      expect(acked).toEqual(await journal.get(acked!.id));
      expect(Object.is(acked!.parameters.zero, 0)).toBe(true);
    }
  });
});
