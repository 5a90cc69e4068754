import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from './fixture-repo.js';

interface Serve {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<number | null>;
}

/** Start a real `opsledger serve` on 127.0.0.1 and a free port; resolves once it listens. */
async function startServe(repo: string, dataDir: string): Promise<Serve> {
  const child = spawn(
    process.execPath,
    [BIN, '--repo', repo, '--data-dir', dataDir, 'serve', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

describe('opsledger serve, end to end', () => {
  let repo: TestRepo;
  let dataDir: string;
  let serve: Serve | undefined;
  let adminKey: string | undefined;
  beforeAll(async () => {
    repo = await createFixtureRepo();
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-e2e-'));
  });
  afterAll(async () => {
    await serve?.stop();
    await repo.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('first start prints one admin key; a key made by the CLI runs an action; the run reads back everywhere', async () => {
    serve = await startServe(repo.dir, dataDir);
    adminKey = /^(olk_\S+)$/m.exec(serve.stdout())?.[1];
    expect(adminKey).toBeDefined();
    expect(serve.stdout()).toContain('created for alice@example.com');
    expect(serve.stdout()).toContain('shown this once');

    const health = await fetch(`${serve.url}/api/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    // A key created by the CLI while the server runs works at once.
    const made = runCli([
      '--repo',
      repo.dir,
      '--data-dir',
      dataDir,
      'keys',
      'create',
      '--user',
      'dave@example.com',
      '--name',
      'e2e',
    ]);
    expect(made.code).toBe(0);
    const daveKey = made.stdout.trim();
    const auth = { Authorization: `Basic ${Buffer.from(`dave@example.com:${daveKey}`).toString('base64')}` };

    const started = await fetch(`${serve.url}/api/v1/actions/disk-usage/executions`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        parameters: { path: '/srv/data', token: 'canary-e2e-s3cret' },
        targets: ['web-01'],
      }),
    });
    expect(started.status).toBe(202);
    const accepted = (await started.json()) as { id: string; status: string; links: { self: string } };
    expect(accepted.status).toBe('running');

    // Poll (bounded by count, not time) until the recorder wrote the final record.
    let record: Record<string, unknown> & { status: string } = { status: 'running' };
    for (let i = 0; i < 200 && record.status === 'running'; i++) {
      const res = await fetch(`${serve.url}${accepted.links.self}`, { headers: auth });
      expect(res.status).toBe(200);
      record = (await res.json()) as typeof record;
      if (record.status === 'running') await new Promise((r) => setTimeout(r, 50));
    }
    expect(record).toMatchObject({
      id: accepted.id,
      action_id: 'disk-usage',
      status: 'succeeded',
      trigger: 'api',
      initiator: { user: 'dave@example.com', via: 'api' },
      targets: ['web-01'],
      parameters: { path: '/srv/data', token: { redacted: true } },
    });
    const results = record.results as { stdout_tail: string }[];
    expect(results[0]!.stdout_tail).toContain('usage of /srv/data on web-01');

    // Export: NDJSON streams every match.
    const exported = await fetch(`${serve.url}/api/v1/executions?action=disk-usage`, {
      headers: { ...auth, Accept: 'application/x-ndjson' },
    });
    expect(exported.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id)).toEqual([accepted.id]);

    // The same record as the CLI shows it.
    const cli = runCli([
      '--repo',
      repo.dir,
      '--data-dir',
      dataDir,
      '--json',
      'executions',
      '--action',
      'disk-usage',
    ]);
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as Record<string, unknown>[];
    expect(fromCli).toHaveLength(1);
    expect(fromCli[0]).toEqual(record);

    // Another operator cannot see it; the admin key from the first start can.
    const erin = runCli([
      '--repo',
      repo.dir,
      '--data-dir',
      dataDir,
      'keys',
      'create',
      '--user',
      'erin@example.com',
      '--name',
      'e2e',
    ]);
    const asErin = await fetch(`${serve.url}${accepted.links.self}`, {
      headers: { Authorization: `Bearer ${erin.stdout.trim()}` },
    });
    expect(asErin.status).toBe(404);
    const asAdmin = await fetch(`${serve.url}${accepted.links.self}`, {
      headers: { Authorization: `Bearer ${adminKey}` },
    });
    expect(asAdmin.status).toBe(200);

    // A run recorded by another process (the CLI) shows in the running server at once.
    const cliRun = runCli(['--repo', repo.dir, '--data-dir', dataDir, '--json', 'run', 'ping']);
    expect(cliRun.code).toBe(0);
    const cliRecord = JSON.parse(cliRun.stdout) as { id: string };
    const listed = await fetch(`${serve.url}/api/v1/executions?action=ping`, {
      headers: { Authorization: `Bearer ${adminKey}` },
    });
    const page = (await listed.json()) as {
      data: { id: string; trigger: string; initiator: { via: string } }[];
    };
    expect(page.data.map((r) => [r.id, r.trigger, r.initiator.via])).toEqual([
      [cliRecord.id, 'manual', 'cli'],
    ]);

    // Logs are JSON lines; no key, secret or Authorization header in them.
    const logLines = serve
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(3);
    for (const l of logLines) expect(() => JSON.parse(l)).not.toThrow();
    for (const secret of [daveKey, adminKey!, 'canary-e2e-s3cret', auth.Authorization.slice(6)]) {
      expect(serve.stderr()).not.toContain(secret);
    }
  });

  it('stops gracefully on SIGTERM and never prints a key again', async () => {
    expect(await serve!.stop()).toBe(0);
    expect(serve!.stderr()).toContain('stopped');
    serve = await startServe(repo.dir, dataDir);
    expect(serve.stdout()).not.toMatch(/olk_/);
    const keys = runCli(['--repo', repo.dir, '--data-dir', dataDir, '--json', 'keys', 'list']);
    const list = JSON.parse(keys.stdout) as { name: string; last_used_at: string | null }[];
    expect(list.filter((k) => k.name === 'bootstrap-admin')).toHaveLength(1);
    // Last-used times were written at shutdown.
    expect(list.find((k) => k.name === 'bootstrap-admin')!.last_used_at).toEqual(expect.any(String));
  });

  it('a SIGTERM during a run lets the run finish and record its outcome before exiting', async () => {
    await repo.commit({
      message: 'A slow action',
      files: {
        'definitions/actions/nap.yaml':
          'id: nap\nname: Nap\nowner: bob@example.com\nstatus: released\nscript:\n  shell: sh\n  inline: sleep 1; echo rested\ntimeout: 30\n',
      },
    });
    const admin = { Authorization: `Bearer ${adminKey}` };
    const refreshed = await fetch(`${serve!.url}/api/v1/refresh`, { method: 'POST', headers: admin });
    expect(refreshed.status).toBe(200);
    const started = await fetch(`${serve!.url}/api/v1/actions/nap/executions`, {
      method: 'POST',
      headers: admin,
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    expect(await serve!.stop()).toBe(0);
    const cli = runCli([
      '--repo',
      repo.dir,
      '--data-dir',
      dataDir,
      '--json',
      'executions',
      '--action',
      'nap',
    ]);
    const [run] = JSON.parse(cli.stdout) as {
      id: string;
      status: string;
      results: { stdout_tail: string }[];
    }[];
    expect(run).toMatchObject({ id, status: 'succeeded' });
    expect(run!.results[0]!.stdout_tail).toContain('rested');
  });

  it('#13.7 the run of a SIGKILLed server is closed as abandoned at the next start, which a SIGHUP stops gracefully', async () => {
    await repo.commit({
      message: 'A long action',
      files: {
        'definitions/actions/long-nap.yaml':
          'id: long-nap\nname: Long nap\nowner: bob@example.com\nstatus: released\nscript:\n  shell: sh\n  inline: sleep 60\ntimeout: 120\n',
      },
    });
    serve = await startServe(repo.dir, dataDir);
    const admin = { Authorization: `Bearer ${adminKey}` };
    expect((await fetch(`${serve.url}/api/v1/refresh`, { method: 'POST', headers: admin })).status).toBe(200);
    const started = await fetch(`${serve.url}/api/v1/actions/long-nap/executions`, {
      method: 'POST',
      headers: admin,
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const killed = new Promise((resolve) => serve!.child.once('exit', resolve));
    serve.child.kill('SIGKILL');
    await killed;

    serve = await startServe(repo.dir, dataDir);
    expect(serve.stderr()).toContain(`run ${id} (long-nap) was left running by a recorder that died`);
    const list = runCli(['--repo', repo.dir, '--data-dir', dataDir, '--json', 'executions', id]);
    expect((JSON.parse(list.stdout) as { status: string }[]).map((r) => r.status)).toEqual([
      'running',
      'abandoned',
    ]);

    const stopped = new Promise<number | null>((resolve) => serve!.child.once('exit', resolve));
    serve.child.kill('SIGHUP');
    expect(await stopped).toBe(0);
    expect(serve.stderr()).toContain('opsledger serve: SIGHUP, finishing in-flight requests and runs');
  });
});
