import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../src/executions/types.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import {
  getExecution,
  spawnCli,
  startCutProxy,
  startedId,
  waitUntil,
  WAITING_ACTION,
} from './lease-fixtures.js';
import { freePort, runCliAsync, startServe, type ServeProcess } from './serve-process.js';

/** Every record of the service's journal file segments, in order. */
function serviceRecords(dataDir: string): ExecutionRecord[] {
  const dir = path.join(dataDir, 'executions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ExecutionRecord),
    );
}
const recordsOf = (dataDir: string, id: string) => serviceRecords(dataDir).filter((r) => r.id === id);

/** Remote runs' leases with a real `opsledger serve` and real CLIs (docs/executions.md, Remote recording). */
describe('remote run leases: a CLI that dies or is cut off never leaves its run running', () => {
  let repo: TestRepo;
  let work: string;
  let serverData: string;
  let clientData: string;
  let serve: ServeProcess;
  let key: string;

  beforeAll(async () => {
    repo = await createFixtureRepo();
    await repo.commit({
      message: 'A waiting disk action',
      files: { 'definitions/actions/disk-wait.yaml': WAITING_ACTION },
    });
    // A short lease, so a lapse comes soon (the CLI renews every third of it).
    await writeFile(path.join(repo.dir, 'opsledger.yaml'), 'server:\n  recording_lease_seconds: 4\n');
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-lease-'));
    serverData = path.join(work, 'server-data');
    clientData = path.join(work, 'client-data');
    serve = await startServe(repo.dir, serverData, await freePort());
    const made = await runCliAsync([
      '--repo',
      repo.dir,
      '--data-dir',
      serverData,
      'keys',
      'create',
      '--user',
      'dave@example.com',
      '--name',
      'lease',
    ]);
    expect(made.code, made.stderr).toBe(0);
    key = made.stdout.trim();
  }, 120_000);

  afterAll(async () => {
    await serve?.stop();
    await repo?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const run = (server: string, mark: string) =>
    spawnCli(
      [
        '--repo',
        repo.dir,
        '--data-dir',
        clientData,
        'run',
        'disk-wait',
        '--server',
        server,
        '--param',
        `mark=${mark}`,
      ],
      { OPSLEDGER_API_KEY: key },
    );

  it('a live run that outlasts several leases stays running: its heartbeats renew it; one end', async () => {
    const mark = path.join(work, 'live');
    const cli = run(serve.url, mark);
    const id = await startedId(mark);
    // Three leases' time with the CLI alive: its heartbeats keep the run open.
    await new Promise((r) => setTimeout(r, 12_000));
    expect(await getExecution(serve.url, key, id)).toMatchObject({ status: 'running' });
    await writeFile(`${mark}.go`, '');
    const done = await cli.done;
    expect(done.code, done.stderr).toBe(0);
    expect(recordsOf(serverData, id).map((r) => r.status)).toEqual(['running', 'succeeded']);
  }, 120_000);

  it('the CLI SIGKILLed mid-run: the service records the run abandoned once its lease lapsed', async () => {
    const mark = path.join(work, 'killed');
    const cli = run(serve.url, mark);
    const id = await startedId(mark);
    cli.child.kill('SIGKILL');
    await cli.done;
    await waitUntil(
      async () => (await getExecution(serve.url, key, id)).status === 'abandoned',
      'the service to record the run abandoned',
    );
    const shown = await getExecution(serve.url, key, id);
    expect(shown.error).toContain('stopped renewing its lease (4 s)');
    expect(recordsOf(serverData, id).map((r) => r.status)).toEqual(['running', 'abandoned']);
    // The script was stopped by its local watchdog (the CLI's lifeline closed): it never finished.
    expect(existsSync(`${mark}.ran`)).toBe(false);
    const verified = await runCliAsync(['--repo', repo.dir, '--data-dir', serverData, 'verify']);
    expect(verified.code, verified.stderr).toBe(0);
  }, 120_000);

  it('a CLI cut off past its lease and back before the end: the run stays abandoned, the end is its late end, exit 0', async () => {
    const proxy = await startCutProxy(serve.url);
    try {
      const mark = path.join(work, 'back');
      const cli = run(proxy.url, mark);
      const id = await startedId(mark);
      proxy.cut(true);
      await waitUntil(
        async () => (await getExecution(serve.url, key, id)).status === 'abandoned',
        'the service to record the run abandoned',
      );
      proxy.cut(false);
      await writeFile(`${mark}.go`, '');
      const done = await cli.done;
      // The command reports how the run ended here; the service keeps that as the abandoned run's late end.
      expect(done.code, done.stderr).toBe(0);
      expect(done.stderr).toContain(`${id}: the service had recorded this run abandoned`);
      expect(readdirSync(path.join(clientData, 'spool')).filter((f) => f.startsWith(id))).toEqual([]);
      expect(recordsOf(serverData, id).map((r) => [r.status, r.late_end?.status ?? null])).toEqual([
        ['running', null],
        ['abandoned', null],
        ['abandoned', 'succeeded'],
      ]);
    } finally {
      await proxy.close();
    }
  }, 180_000);

  it('a CLI cut off past its lease: run abandoned, its spooled end delivered later is kept once as late_end', async () => {
    const proxy = await startCutProxy(serve.url);
    try {
      const mark = path.join(work, 'cut');
      const cli = run(proxy.url, mark);
      const id = await startedId(mark);
      proxy.cut(true);
      await waitUntil(
        async () => (await getExecution(serve.url, key, id)).status === 'abandoned',
        'the service to record the run abandoned',
      );
      // The script goes on: the heartbeats failing never stop or fail the run.
      await writeFile(`${mark}.go`, '');
      const done = await cli.done;
      expect(done.code, done.stderr).toBe(0);
      expect(existsSync(`${mark}.ran`)).toBe(true);
      expect(done.stderr).toContain(`${id}: cannot renew the run's lease at the service`);
      expect(done.stderr).toContain(
        `${id}: the service cannot be reached; the end of the run (succeeded) is spooled`,
      );

      proxy.cut(false);
      const flushed = await runCliAsync(['--repo', repo.dir, '--data-dir', clientData, 'spool', 'flush'], {
        OPSLEDGER_API_KEY: key,
      });
      expect(flushed.code, flushed.stderr).toBe(0);
      expect(flushed.stderr).toContain(`delivered 1 end record(s) (${id})`);
      expect(flushed.stderr).toContain(`${id}: the service had recorded this run abandoned`);
      const records = recordsOf(serverData, id);
      expect(
        records.map((r) => [r.status, r.late_end?.status ?? null, r.late_end?.exit_code ?? null]),
      ).toEqual([
        ['running', null, null],
        ['abandoned', null, null],
        ['abandoned', 'succeeded', 0],
      ]);
      expect(await getExecution(serve.url, key, id)).toMatchObject({
        status: 'abandoned',
        late_end: { status: 'succeeded', exit_code: 0 },
      });
      const shown = await runCliAsync(
        ['--repo', repo.dir, '--data-dir', clientData, 'executions', id, '--server', serve.url],
        { OPSLEDGER_API_KEY: key },
      );
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(/status\s+abandoned/);
      expect(shown.stdout).toMatch(/late end\s+succeeded \(exit 0\)/);
      const twice = await runCliAsync(['--repo', repo.dir, '--data-dir', clientData, 'spool', 'flush'], {
        OPSLEDGER_API_KEY: key,
      });
      expect(twice.stderr).toContain('delivered 0 end record(s)');
      expect(recordsOf(serverData, id)).toHaveLength(3);
      const verified = await runCliAsync(['--repo', repo.dir, '--data-dir', serverData, 'verify']);
      expect(verified.code, verified.stderr).toBe(0);
    } finally {
      await proxy.close();
    }
  }, 180_000);
});
