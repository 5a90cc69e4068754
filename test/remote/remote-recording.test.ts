import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../src/executions/types.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import { freePort, runCliAsync, startServe, type CliRun, type ServeProcess } from './serve-process.js';

/** An action in the operators' scope (disk-*) that waits for the test: it says it started, then waits for `go`. */
const SLOW_ACTION = `id: disk-slow
name: Disk slow
owner: bob@example.com
tags: [disk]
status: released
script:
  shell: sh
  inline: |
    touch "$OPSLEDGER_PARAM_MARK.started"
    while [ ! -f "$OPSLEDGER_PARAM_MARK.go" ]; do sleep 0.05; done
    echo "slow done"
    touch "$OPSLEDGER_PARAM_MARK.ran"
parameters:
  - name: mark
    type: string
timeout: 60
`;

/** Every record of the service's journal file segments (what a reader of the chain sees), in order. */
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

async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('remote recording with a real `opsledger serve` (docs/executions.md, Remote recording)', () => {
  let repo: TestRepo;
  let work: string;
  let serverData: string;
  let clientData: string;
  let port: number;
  let serve: ServeProcess;
  const keys: Record<string, string> = {};

  const cli = (key: string, args: string[]): Promise<CliRun> =>
    runCliAsync(['--repo', repo.dir, '--data-dir', clientData, ...args], { OPSLEDGER_API_KEY: key });
  const idOf = (run: CliRun): string => /^(\S+): (running|\S+ )/m.exec(run.stderr)?.[1] ?? '';

  beforeAll(async () => {
    repo = await createFixtureRepo();
    await repo.commit({
      message: 'A slow disk action',
      files: { 'definitions/actions/disk-slow.yaml': SLOW_ACTION },
    });
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-remote-'));
    serverData = path.join(work, 'server-data');
    clientData = path.join(work, 'client-data');
    port = await freePort();
    serve = await startServe(repo.dir, serverData, port);
    for (const user of ['dave@example.com', 'frank@example.com']) {
      const made = await runCliAsync([
        '--repo',
        repo.dir,
        '--data-dir',
        serverData,
        'keys',
        'create',
        '--user',
        user,
        '--name',
        'remote',
      ]);
      expect(made.code, made.stderr).toBe(0);
      keys[user] = made.stdout.trim();
    }
  }, 120_000);

  afterAll(async () => {
    await serve?.stop();
    await repo?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('records one start and one end on the service, nothing in the local journal', async () => {
    const run = await cli(keys['dave@example.com']!, [
      'run',
      'disk-usage',
      '--server',
      serve.url,
      '--param',
      'path=/srv',
      '--param',
      'token=canary-r3m0te',
      '--target',
      'web-01',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const final = JSON.parse(run.stdout) as ExecutionRecord;
    const records = recordsOf(serverData, final.id);
    expect(records.map((r) => r.status)).toEqual(['running', 'succeeded']);
    expect(records.every((r) => r.recorded_via === 'server' && r.initiator.via === 'cli')).toBe(true);
    expect(records[1]!.results?.[0]?.stdout_tail).toContain('usage of /srv on web-01');
    expect(records[1]!.parameters.token).toEqual({ redacted: true });
    expect(JSON.stringify(serviceRecords(serverData))).not.toContain('canary-r3m0te');
    expect(serviceRecords(clientData)).toEqual([]);

    const listed = await cli(keys['dave@example.com']!, ['executions', '--server', serve.url, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const runs = JSON.parse(listed.stdout) as ExecutionRecord[];
    expect(runs.find((r) => r.id === final.id)).toMatchObject({
      status: 'succeeded',
      recorded_via: 'server',
    });
    expect(runs.find((r) => r.id === final.id)?.initiator.user).toBe('dave@example.com');
  });

  it('refuses a user without actions:execute for the action: a denied record, the script never ran, exit 1', async () => {
    const mark = path.join(work, 'denied');
    for (const [user, action] of [
      ['frank@example.com', 'disk-slow'], // an auditor: no actions:execute at all
      ['dave@example.com', 'restart-web'], // an operator, but restart-web is outside the scope
    ] as const) {
      const params = action === 'disk-slow' ? ['--param', `mark=${mark}`] : [];
      const run = await cli(keys[user]!, ['run', action, '--server', serve.url, ...params]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('error[RUN_DENIED]');
      expect(run.stderr).toContain('nothing ran');
      const denied = serviceRecords(serverData).filter(
        (r) => r.action_id === action && r.status === 'denied',
      );
      expect(denied).toHaveLength(1);
      expect(denied[0]!.error).toContain(
        `denied: ${user} may not run "${action}" (actions:execute, roles at`,
      );
      expect(denied[0]!.initiator.user).not.toContain('@'); // stored as a pseudonym
    }
    expect(existsSync(`${mark}.started`)).toBe(false);
    const again = await cli(keys['frank@example.com']!, ['verify', '--server', serve.url, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true });
  });

  it('service killed mid-run: the end is spooled, the CLI exits with the run status; spool flush delivers it once', async () => {
    const mark = path.join(work, 'kill1');
    const pending = cli(keys['dave@example.com']!, [
      'run',
      'disk-slow',
      '--server',
      serve.url,
      '--param',
      `mark=${mark}`,
    ]);
    await waitFor(() => existsSync(`${mark}.started`), 'the script to start');
    await serve.kill();
    await writeFile(`${mark}.go`, '');
    const run = await pending;
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(`${mark}.ran`)).toBe(true);
    const id = idOf(run);
    expect(run.stderr).toContain(
      `${id}: the service cannot be reached; the end of the run (succeeded) is spooled`,
    );
    expect(readdirSync(path.join(clientData, 'spool')).filter((f) => f.endsWith('.end.json'))).toEqual([
      `${id}.end.json`,
    ]);
    expect(recordsOf(serverData, id).map((r) => r.status)).toEqual(['running']);

    serve = await startServe(repo.dir, serverData, port);
    const flushed = await cli(keys['dave@example.com']!, ['spool', 'flush']);
    expect(flushed.code, flushed.stderr).toBe(0);
    expect(flushed.stderr).toContain(`delivered 1 end record(s) (${id})`);
    expect(recordsOf(serverData, id).map((r) => r.status)).toEqual(['running', 'succeeded']);
    const twice = await cli(keys['dave@example.com']!, ['spool', 'flush']);
    expect(twice.stderr).toContain('delivered 0 end record(s)');
    expect(recordsOf(serverData, id)).toHaveLength(2);
  });

  it('exec: killed mid-run, exit code passed through; the next command talking to the service delivers the end', async () => {
    const mark = path.join(work, 'kill2');
    const script = `touch ${mark}.started; while [ ! -f ${mark}.go ]; do sleep 0.05; done; exit 7`;
    const pending = cli(keys['dave@example.com']!, [
      'exec',
      '--server',
      serve.url,
      '--action',
      'disk-usage',
      '--target',
      'web-02',
      '--',
      'sh',
      '-c',
      script,
    ]);
    await waitFor(() => existsSync(`${mark}.started`), 'the command to start');
    await serve.kill();
    await writeFile(`${mark}.go`, '');
    const run = await pending;
    expect(run.code, run.stderr).toBe(7);
    const id = /^(\S+): disk-usage failed/m.exec(run.stderr)?.[1] ?? '';
    expect(run.stderr).toContain(
      `${id}: the service cannot be reached; the end of the run (failed) is spooled`,
    );

    serve = await startServe(repo.dir, serverData, port);
    const listed = await cli(keys['dave@example.com']!, ['executions', '--server', serve.url, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).toContain(`delivered 1 end record(s) (${id})`);
    const records = recordsOf(serverData, id);
    expect(records.map((r) => [r.status, r.exit_code])).toEqual([
      ['running', null],
      ['failed', 7],
    ]);
    expect(readdirSync(path.join(clientData, 'spool')).filter((f) => f.endsWith('.end.json'))).toEqual([]);
  });

  it('executions.require_server: the CLI refuses to record locally, and still records through the service', async () => {
    await writeFile(path.join(repo.dir, 'opsledger.yaml'), 'executions:\n  require_server: true\n');
    try {
      const before = serviceRecords(clientData).length;
      const local = await runCliAsync(['--repo', repo.dir, '--data-dir', clientData, 'run', 'ping']);
      expect(local.code, local.stderr).toBe(2);
      expect(local.stderr).toContain('error[SERVER_REQUIRED]');
      expect(local.stderr).toContain('--server');
      const exec = await runCliAsync([
        '--repo',
        repo.dir,
        '--data-dir',
        clientData,
        'exec',
        '--action',
        'ping',
        '--',
        'true',
      ]);
      expect(exec.stderr).toContain('error[SERVER_REQUIRED]');
      expect(serviceRecords(clientData)).toHaveLength(before);
      const remote = await cli(keys['dave@example.com']!, ['run', 'ping', '--server', serve.url]);
      expect(remote.code, remote.stderr).toBe(0);
    } finally {
      await rm(path.join(repo.dir, 'opsledger.yaml'), { force: true });
    }
  });
});
