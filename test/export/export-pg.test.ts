import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openS3Store } from '../../src/export/open-s3-store.js';
import { runCliAsync } from '../alerts/serve-webhooks.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import { startPgServe } from '../postgres/pg-serve.js';

describe('#19.4 opsledger export of a PostgreSQL journal (JSON Lines ranges read from the database)', () => {
  let s3: S3rver;
  let s3Dir: string;
  let repo: TestRepo;
  let dataDir: string;
  let db: TestSchema;
  let env: NodeJS.ProcessEnv;
  const URL = 's3://audit-archive/opsledger/pg';
  const cli = (...args: string[]) =>
    runCliAsync(['--repo', repo.dir, '--data-dir', dataDir, '--database-url', db.url, ...args], env);
  const bodies = async (afterSeq: number): Promise<string> => {
    const res = await db.pool.query<{ body: string }>(
      'SELECT body FROM journal_records WHERE seq > $1 ORDER BY seq, pos',
      [afterSeq],
    );
    return res.rows.map((r) => `${r.body}\n`).join('');
  };

  beforeAll(async () => {
    db = await createTestSchema();
    s3Dir = await mkdtemp(path.join(tmpdir(), 'opsledger-s3rver-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: 'audit-archive' }],
    });
    const { port } = await s3.run();
    env = {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    };
    repo = await createFixtureRepo();
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-export-pg-'));
  });
  afterAll(async () => {
    await s3.close();
    await repo.cleanup();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(s3Dir, { recursive: true, force: true });
  });

  it('#19.4 export, append, export again (only the new range), tamper with one object → export verify names it', async () => {
    expect((await cli('run', 'restart-web')).code).toBe(0);
    expect((await cli('run', 'restart-web')).code).toBe(0);
    // The journal is in the database: no segment files in the data dir.
    expect((await readdir(dataDir, { recursive: true })).some((f) => f.endsWith('.jsonl'))).toBe(false);
    const first = await cli('export', '--to', URL, '--json');
    expect(first.code, first.stderr).toBe(0);
    const one = JSON.parse(first.stdout) as { uploaded: string[]; head: { seq: number } };
    expect(one.uploaded).toContain('journal/000000000001-000000000004.jsonl');
    expect(one.head.seq).toBe(4);
    const store = openS3Store(URL, env);
    // Byte for byte the sealed lines of the rows, as the file journal would hold them.
    expect((await store.get('journal/000000000001-000000000004.jsonl'))!.toString('utf8')).toBe(
      await bodies(0),
    );

    expect((await cli('run', 'restart-web')).code).toBe(0);
    const second = JSON.parse((await cli('export', '--to', URL, '--json')).stdout) as { uploaded: string[] };
    expect(second.uploaded).toEqual(['journal/000000000005-000000000006.jsonl']);
    expect((await store.get('journal/000000000005-000000000006.jsonl'))!.toString('utf8')).toBe(
      await bodies(4),
    );
    const third = JSON.parse((await cli('export', '--to', URL, '--json')).stdout) as { uploaded: string[] };
    expect(third.uploaded).toEqual([]);

    const ok = await cli('export', 'verify', '--from', URL);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^export OK: \d+ object\(s\), 6 journal record\(s\), head seq 6/);

    const key = 'journal/000000000005-000000000006.jsonl';
    const body = (await store.get(key))!.toString('utf8');
    expect(body).toContain('"status":"succeeded"');
    await store.put(
      key,
      Buffer.from(body.replace('"status":"succeeded"', '"status":"failed"')),
      'application/x-ndjson',
    );
    const bad = await cli('export', 'verify', '--from', URL);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${key}: its sha256 differs from the manifest`);
    expect(bad.stdout).toMatch(
      new RegExp(`${key}:\\d+: record seq \\d+ does not match its hash \\(modified\\)`),
    );
    expect(bad.stdout).not.toContain('000000000001-000000000004.jsonl');
  });

  it('#19.4 serve on the PostgreSQL journal exports its records on its schedule', async () => {
    const serveRepo = await createFixtureRepo();
    const serveDir = await mkdtemp(path.join(tmpdir(), 'opsledger-export-pg-serve-'));
    const TO = 's3://audit-archive/opsledger/pg-serve';
    try {
      await serveRepo.commit({
        message: 'Export every second',
        files: { 'opsledger.yaml': `export:\n  to: ${TO}\n  schedule: '* * * * * *'\n` },
      });
      const serve = await startPgServe(serveRepo.dir, serveDir, db.url, ['--no-scheduler'], env);
      try {
        const store = openS3Store(TO, env);
        type Manifest = { journal: { key: string; last_seq: number }[] };
        // s3rver may reset a read that races the write of the same object: read again.
        const read = async (): Promise<Manifest | null> => {
          try {
            const bytes = await store.get('manifest.json');
            return bytes === null ? null : (JSON.parse(bytes.toString('utf8')) as Manifest);
          } catch {
            return null;
          }
        };
        const until = Date.now() + 30_000;
        let manifest = await read();
        while ((manifest === null || manifest.journal.length === 0) && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 100));
          manifest = await read();
        }
        expect(manifest?.journal.length, serve.log()).toBeGreaterThan(0);
        const first = manifest!.journal[0]!;
        expect(first.key.startsWith('journal/000000000001-')).toBe(true);
        expect((await store.get(first.key))!.toString('utf8')).toBe(
          (await bodies(0)).split('\n').slice(0, first.last_seq).join('\n') + '\n',
        );
      } finally {
        await serve.stop();
      }
    } finally {
      await serveRepo.cleanup();
      await rm(serveDir, { recursive: true, force: true });
    }
  });
});
