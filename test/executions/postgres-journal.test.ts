import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalAt } from '../../src/executions/open-journal-at.js';
import type { ExecutionRecord, VerifyProblem } from '../../src/executions/types.js';
import { ROOT } from '../helpers/cli.js';
import { createTestSchema, runCliAsync, type TestSchema } from '../helpers/postgres.js';
import { makeInput } from './make-input.js';
import { spawnPgWriter } from './pg-writer-process.js';

let schema: TestSchema;
let dataDir: string;
beforeEach(async () => {
  schema = await createTestSchema();
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-pg-'));
});
afterEach(async () => {
  await schema.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const verify = async (): Promise<{
  code: number;
  problems: VerifyProblem[];
  records: number;
  stderr: string;
}> => {
  const r = await runCliAsync([
    '--repo',
    ROOT,
    '--data-dir',
    dataDir,
    '--database-url',
    schema.url,
    '--json',
    'verify',
  ]);
  const report = JSON.parse(r.stdout || '{}') as { problems?: VerifyProblem[]; records?: number };
  return { code: r.code, problems: report.problems ?? [], records: report.records ?? 0, stderr: r.stderr };
};

async function appendSome(n: number): Promise<ExecutionRecord[]> {
  const journal = await openJournalAt({ backend: 'postgres', url: schema.url });
  const out: ExecutionRecord[] = [];
  for (let i = 0; i < n; i++) out.push(await journal.append(makeInput()));
  await journal.close();
  return out;
}

describe('the PostgreSQL journal under tampering (opsledger verify --database-url)', () => {
  it('names an UPDATEd row, a DELETEd row, an INSERTed forged row and two rows whose seqs were swapped, by seq', async () => {
    await appendSome(10);
    expect((await verify()).code).toBe(0);
    const q = (sql: string) => schema.pool.query(sql);
    await q(`UPDATE journal_records SET body = replace(body, '"nginx"', '"apache"') WHERE seq = 3`);
    await q('DELETE FROM journal_records WHERE seq = 5');
    await q(
      `INSERT INTO journal_records (seq, id, hash, body) SELECT seq, id, hash, replace(body, 'web-01', 'db-99') FROM journal_records WHERE seq = 7`,
    );
    await q('UPDATE journal_records SET seq = CASE seq WHEN 8 THEN 9 ELSE 8 END WHERE seq IN (8, 9)');
    const { code, problems } = await verify();
    expect(code).toBe(1);
    const named = (kind: string) => problems.filter((p) => p.kind === kind).map((p) => p.seq);
    expect(named('modified')).toContain(3);
    expect(named('deleted')).toEqual([5]);
    expect(named('inserted')).toEqual([7]);
    expect(named('reordered').sort()).toEqual([8, 9]);
  });

  it('names a row rewritten with a recomputed hash (the chain into the next row breaks)', async () => {
    const records = await appendSome(5);
    const r = records[1]!;
    const { hashRecord } = await import('../../src/executions/record-hash.js');
    const { canonicalJson } = await import('../../src/executions/canonical-json.js');
    const forged = { ...r, exit_code: 99 };
    forged.hash = hashRecord(forged);
    const { hash, ...rest } = forged;
    const body = `${canonicalJson(rest).slice(0, -1)},"hash":"${hash}"}`;
    await schema.pool.query('UPDATE journal_records SET body = $1, hash = $2 WHERE seq = 2', [body, hash]);
    const { code, problems } = await verify();
    expect(code).toBe(1);
    expect(problems.map((p) => [p.kind, p.seq])).toEqual([['modified', 2]]);
  });
});

describe('the PostgreSQL journal under concurrent writers', () => {
  it('8 processes × 200 appends: exactly 1,600 records, one contiguous chain, verify clean', async () => {
    const writers = Array.from({ length: 8 }, (_, k) => spawnPgWriter(schema.url, 200, `w${k}`));
    const codes = await Promise.all(writers.map((w) => w.done));
    expect(codes, writers.map((w) => w.stderr()).join('\n')).toEqual(Array(8).fill(0));
    const rows = await schema.pool.query<{ n: string; min: string; max: string; distinct: string }>(
      'SELECT count(*) AS n, min(seq) AS min, max(seq) AS max, count(DISTINCT seq) AS distinct FROM journal_records',
    );
    expect(rows.rows[0]).toEqual({ n: '1600', min: '1', max: '1600', distinct: '1600' });
    const result = await verify();
    expect(result.problems).toEqual([]);
    expect([result.code, result.records]).toEqual([0, 1600]);
  }, 60_000);

  it('a writer SIGKILLed mid-load loses no acknowledged record; the chain stays clean', async () => {
    const steady = [spawnPgWriter(schema.url, 150, 'steady-a'), spawnPgWriter(schema.url, 150, 'steady-b')];
    const victim = spawnPgWriter(schema.url, 100_000, 'victim');
    while (victim.acks.length < 40 && victim.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 5));
    victim.child.kill('SIGKILL');
    await victim.done;
    await Promise.all(steady.map((w) => w.done));
    const acked = [...victim.acks, ...steady.flatMap((w) => w.acks)];
    const journal = await openJournalAt({ backend: 'postgres', url: schema.url });
    const missing: string[] = [];
    for (const id of acked) if ((await journal.get(id)) === null) missing.push(id);
    await journal.close();
    expect(missing).toEqual([]);
    const result = await verify();
    expect([result.code, result.problems]).toEqual([0, []]);
  }, 60_000);
});
