import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openS3Store } from '../../src/export/open-s3-store.js';
import { runCliAsync, startServe, type Serve } from '../alerts/serve-webhooks.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from '../server/fixture-repo.js';

describe('#19.4 opsledger export to a local S3-compatible server (s3rver)', () => {
  let s3: S3rver;
  let s3Dir: string;
  let repo: TestRepo;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const URL = 's3://audit-archive/opsledger/prod';
  // Asynchronous: the S3 server runs in this process and must answer the CLI.
  const cli = (...args: string[]) => runCliAsync(['--repo', repo.dir, '--data-dir', dataDir, ...args], env);

  beforeAll(async () => {
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
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-export-'));
  });
  afterAll(async () => {
    await s3.close();
    await repo.cleanup();
    await rm(dataDir, { recursive: true, force: true });
    await rm(s3Dir, { recursive: true, force: true });
  });

  it('#19.4 export, add runs, export again (only the new objects), again (nothing), tamper with one → export verify names it', async () => {
    expect((await cli('run', 'restart-web')).code).toBe(0);
    expect((await cli('run', 'restart-web')).code).toBe(0);
    const first = await cli('export', '--to', URL, '--json');
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    const one = JSON.parse(first.stdout) as { uploaded: string[]; head: { seq: number } };
    expect(one.uploaded).toContain('journal/000000000001-000000000004.jsonl');
    expect(one.uploaded.some((k) => k.startsWith('audit/events-000000001-'))).toBe(true);
    expect(one.uploaded).toContain('reports/manifest.json');
    expect(one.head.seq).toBe(4);

    expect((await cli('run', 'restart-web')).code).toBe(0);
    const second = JSON.parse((await cli('export', '--to', URL, '--json')).stdout) as { uploaded: string[] };
    expect(second.uploaded).toEqual(['journal/000000000005-000000000006.jsonl']);
    const third = JSON.parse((await cli('export', '--to', URL, '--json')).stdout) as { uploaded: string[] };
    expect(third.uploaded).toEqual([]);

    const store = openS3Store(URL, env);
    const keys = await store.list();
    expect(keys.sort()).toEqual(
      [
        'manifest.json',
        'journal/000000000001-000000000004.jsonl',
        'journal/000000000005-000000000006.jsonl',
        ...one.uploaded,
      ]
        .filter((k, i, all) => all.indexOf(k) === i)
        .sort(),
    );
    const ok = await cli('export', 'verify', '--from', URL);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^export OK: \d+ object\(s\), 6 journal record\(s\), head seq 6/);

    // Someone edits an exported run: its status, in the first object.
    const key = 'journal/000000000001-000000000004.jsonl';
    const body = (await store.get(key))!.toString('utf8');
    expect(body).toContain('"status":"succeeded"');
    await store.put(
      key,
      Buffer.from(body.replace('"status":"succeeded"', '"status":"failed"')),
      'application/x-ndjson',
    );
    const bad = await cli('export', 'verify', '--from', URL);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('export NOT OK');
    expect(bad.stdout).toContain(`${key}: its sha256 differs from the manifest`);
    expect(bad.stdout).toMatch(
      new RegExp(`${key}:\\d+: record seq \\d+ does not match its hash \\(modified\\)`),
    );
    expect(bad.stdout).not.toContain('000000000005-000000000006.jsonl');
  });

  it('#19.4 a bad URL and an unreachable store get clear errors', async () => {
    const bad = await cli('export', '--to', 'https://example.com/x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error\[INPUT_INVALID\]: https:\/\/example.com\/x: expected s3:\/\/BUCKET\/PREFIX/m,
    );
    const down = await runCliAsync(
      ['--repo', repo.dir, '--data-dir', dataDir, 'export', 'verify', '--from', URL],
      {
        ...env,
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      },
    );
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(
      /^error\[EXPORT_FAILED\]: cannot read manifest.json from s3:\/\/audit-archive/m,
    );
    expect(down.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('#19.4 scheduled export in serve (export: { to, schedule })', () => {
  it('#19.4 serve exports on its schedule; a bad schedule is a config error', async () => {
    const s3Dir = await mkdtemp(path.join(tmpdir(), 'opsledger-s3rver-'));
    const s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: 'nightly' }],
    });
    const { port } = await s3.run();
    const env = {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    };
    const repo = await createFixtureRepo();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-export-'));
    let serve: Serve | undefined;
    try {
      await repo.commit({
        message: 'Bad export schedule',
        files: { 'opsledger.yaml': 'export:\n  to: s3://nightly/ops\n  schedule: every minute\n' },
      });
      const bad = await runCliAsync(['--repo', repo.dir, '--data-dir', dataDir, 'serve', '--port', '0'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^error\[CONFIG_INVALID\]: export.schedule "every minute"/m);
      await repo.commit({
        message: 'Export every second',
        files: { 'opsledger.yaml': "export:\n  to: s3://nightly/ops\n  schedule: '* * * * * *'\n" },
      });
      serve = await startServe(repo.dir, dataDir, env);
      const store = openS3Store('s3://nightly/ops', env);
      const until = Date.now() + 30_000;
      // s3rver may reset (or cut short) a read that races the write of the same object: read again.
      const read = async (): Promise<{ audit: unknown[] } | null> => {
        try {
          const bytes = await store.get('manifest.json');
          return bytes === null ? null : (JSON.parse(bytes.toString('utf8')) as { audit: unknown[] });
        } catch {
          return null;
        }
      };
      let manifest = await read();
      while ((manifest === null || manifest.audit.length === 0) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        manifest = await read();
      }
      expect(manifest).not.toBeNull();
      expect(manifest!.audit.length).toBeGreaterThan(0);
    } finally {
      await serve?.stop();
      await s3.close();
      await repo.cleanup();
      await rm(dataDir, { recursive: true, force: true });
      await rm(s3Dir, { recursive: true, force: true });
    }
  });
});
