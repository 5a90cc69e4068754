import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../src/executions/verify-journal.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { createTestSchema, runCliAsync, type TestSchema } from '../helpers/postgres.js';
import { writeSegment } from '../helpers/write-segment.js';

let schema: TestSchema;
let work: string;
beforeEach(async () => {
  schema = await createTestSchema();
  work = await mkdtemp(path.join(tmpdir(), 'opsledger-copy-'));
});
afterEach(async () => {
  await schema.drop();
  await rm(work, { recursive: true, force: true });
});

const copy = (from: string, to: string) =>
  runCliAsync([
    '--repo',
    ROOT,
    '--data-dir',
    path.join(work, 'unused'),
    '--json',
    'journal',
    'copy',
    '--from',
    from,
    '--to',
    to,
  ]);

describe('opsledger journal copy', () => {
  it('file → PostgreSQL → file: identical chain heads, every record moved once, both verify', async () => {
    const source = path.join(work, 'source');
    const head = writeSegment(source, 2000)!;
    const toPg = await copy(source, schema.url);
    expect(toPg.code, toPg.stderr).toBe(0);
    expect(JSON.parse(toPg.stdout)).toMatchObject({ copied: 2000, skipped: 0, head });
    const back = path.join(work, 'back');
    const toFile = await copy(schema.url, back);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(JSON.parse(toFile.stdout)).toMatchObject({ copied: 2000, head });
    const report = await verifyJournal({ dataDir: back });
    expect([report.ok, report.records, report.head]).toEqual([true, 2000, head]);
    // Again: nothing left to move, nothing doubled.
    const again = await copy(source, schema.url);
    expect(JSON.parse(again.stdout)).toMatchObject({ copied: 0, skipped: 2000, head });
  }, 80_000);

  it('a copy killed midway and run again gives the same result, without duplicates', async () => {
    const source = path.join(work, 'source');
    const head = writeSegment(source, 4000)!;
    const args = [
      '--repo',
      ROOT,
      '--data-dir',
      path.join(work, 'unused'),
      'journal',
      'copy',
      '--from',
      source,
      '--to',
      schema.url,
    ];
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('close', r));
    await schema.pool.query('SELECT 1');
    for (let i = 0; i < 2000; i++) {
      const n = await schema.pool.query<{ n: string }>('SELECT count(*) AS n FROM journal_records');
      if (Number(n.rows[0]!.n) >= 500 || child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exited;
    const partial = await schema.pool.query<{ n: string }>('SELECT count(*) AS n FROM journal_records');
    expect(Number(partial.rows[0]!.n)).toBeLessThan(4000);
    const resumed = await copy(source, schema.url);
    expect(resumed.code, resumed.stderr).toBe(0);
    const result = JSON.parse(resumed.stdout) as { copied: number; skipped: number; head: unknown };
    expect(result.copied + result.skipped).toBe(4000);
    expect(result.head).toEqual(head);
    const rows = await schema.pool.query<{ n: string; d: string }>(
      'SELECT count(*) AS n, count(DISTINCT seq) AS d FROM journal_records',
    );
    expect(rows.rows[0]).toEqual({ n: '4000', d: '4000' });
    const verify = await runCliAsync([
      '--repo',
      ROOT,
      '--data-dir',
      work,
      '--database-url',
      schema.url,
      'verify',
    ]);
    expect(verify.code, verify.stdout).toBe(0);
  }, 80_000);

  it('PostgreSQL → file killed midway (SIGKILL) and run again: the same head as the source, no record twice', async () => {
    const source = path.join(work, 'source');
    const head = writeSegment(source, 10_000)!;
    const toPg = await copy(source, schema.url);
    expect(toPg.code, toPg.stderr).toBe(0);
    const back = path.join(work, 'back');
    const args = ['--repo', ROOT, '--data-dir', path.join(work, 'unused'), 'journal', 'copy'];
    const child = spawn(process.execPath, [BIN, ...args, '--from', schema.url, '--to', back], {
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.on('close', r));
    for (let i = 0; i < 3000 && child.exitCode === null; i++) {
      if ((await linesIn(back)) >= 1000) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exited;
    expect(await linesIn(back)).toBeLessThan(10_000);
    const resumed = await copy(schema.url, back);
    expect(resumed.code, resumed.stderr).toBe(0);
    const result = JSON.parse(resumed.stdout) as { copied: number; skipped: number; head: unknown };
    expect(result.skipped).toBeGreaterThan(0);
    expect([result.copied + result.skipped, result.head]).toEqual([10_000, head]);
    const report = await verifyJournal({ dataDir: back });
    expect([report.ok, report.records, report.head]).toEqual([true, 10_000, head]);
    // And back again into a fresh database from the resumed copy: the same head.
    const again = await createTestSchema();
    try {
      const there = await copy(back, again.url);
      expect(JSON.parse(there.stdout)).toMatchObject({ copied: 10_000, head });
    } finally {
      await again.drop();
    }
  }, 120_000);
});

/** Complete lines in a data dir's journal segments (0 before the copy created any). */
async function linesIn(dataDir: string): Promise<number> {
  const dir = path.join(dataDir, 'executions');
  const names = await readdir(dir).catch(() => [] as string[]);
  let n = 0;
  for (const name of names.filter((f) => f.endsWith('.jsonl'))) {
    const text = await readFile(path.join(dir, name), 'latin1').catch(() => '');
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  }
  return n;
}
