import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournalAt } from '../../src/executions/open-journal-at.js';
import { verifyPostgres } from '../../src/executions/postgres/verify-postgres.js';
import type { ExecutionRecord, Journal } from '../../src/executions/types.js';
import { makeInput } from '../executions/make-input.js';
import { createTestSchema, PG_BASE_URL, type TestSchema } from '../helpers/postgres.js';
import { connect, JOURNAL_LOCKS_SQL, readChain, until } from './group-commit-check.js';
import { startSeveringProxy, type SeveringProxy } from './severing-proxy.js';

/** The PostgreSQL journal when connections die under it (docs/postgres.md, "How appends stay one linear chain"). */
describe('PostgreSQL journal: connections lost between and during appends', () => {
  let db: TestSchema | undefined;
  let proxy: SeveringProxy | undefined;
  let holder: pg.Client | undefined;
  const journals: Journal[] = [];

  afterEach(async () => {
    await holder?.end().catch(() => undefined);
    holder = undefined;
    await Promise.all(journals.splice(0).map((j) => j.close().catch(() => undefined)));
    await proxy?.close();
    proxy = undefined;
    await db?.drop();
    db = undefined;
  });

  it('pooled connections the server ended while idle: the next appends and queries go through on new ones', async () => {
    db = await createTestSchema();
    const base = new URL(PG_BASE_URL);
    proxy = await startSeveringProxy({ host: base.hostname, port: Number(base.port || 5432) });
    const journal = await openJournalAt({ backend: 'postgres', url: proxy.url(db.url) });
    journals.push(journal);
    // Fill the pool with idle connections.
    await Promise.all(Array.from({ length: 4 }, (_, i) => journal.append(makeInput({ id: `before-${i}` }))));
    proxy.sever();
    // The vault is read before the append (the initiator is a person to pseudonymize), then the append itself.
    const after = await journal.append(makeInput({ id: 'after', targets: ['web-01'] }));
    proxy.sever();
    expect((await journal.query({ target: 'web-01' })).map((r) => r.id)).toContain('after');
    proxy.sever();
    expect((await journal.get('after'))?.seq).toBe(after.seq);
    const state = await readChain(db);
    expect([state.contiguous, state.records.length, state.staged]).toEqual([true, 5, 0]);
  }, 60_000);

  it("a writer's row staged again from a new connection is chained by the next chainer, not dropped as abandoned", async () => {
    db = await createTestSchema();
    const journal = await openJournalAt({ backend: 'postgres', url: db.url });
    journals.push(journal);
    // The test holds the journal's locks: the writer stages, then waits for them.
    holder = await connect(db);
    await holder.query('BEGIN');
    await holder.query(JOURNAL_LOCKS_SQL);
    const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const waiting = async (not?: number): Promise<number> => {
      let pid = 0;
      await until(async () => {
        // From another connection: pg_stat_activity is a snapshot for the rest of the holder's transaction.
        const res = await db!.pool.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid)) AND pid <> $2',
          [holderPid, not ?? 0],
        );
        pid = res.rows[0]?.pid ?? 0;
        return pid !== 0;
      }, 'the writer waiting for the journal lock');
      return pid;
    };
    const appended: Promise<ExecutionRecord> = journal.append(makeInput({ id: 'adopted' }));
    // Its first connection dies after staging; it stages again (same token) from a new one and waits again.
    const first = await waiting();
    await holder.query('SELECT pg_terminate_backend($1)', [first]);
    const second = await waiting(first);
    const staged = await holder.query<{ backend_pid: number }>('SELECT backend_pid FROM journal_pending');
    expect(staged.rows).toEqual([{ backend_pid: second }]);
    // Another writer gets the lock first and chains what is staged: the row is live again, so it is chained.
    await holder.query(`SELECT journal_chain_pending('{}'::uuid[])`);
    const chained = await holder.query<{ id: string }>('SELECT id FROM journal_records');
    expect(chained.rows).toEqual([{ id: 'adopted' }]);
    await holder.query('COMMIT');
    const record = await appended;
    expect(record.seq).toBe(1);
    const state = await readChain(db);
    expect([state.contiguous, state.records.length, state.staged]).toEqual([true, 1, 0]);
    expect((await verifyPostgres({ url: db.url })).ok).toBe(true);
  }, 60_000);
});
