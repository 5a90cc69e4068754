import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEventId, type AlertEvent } from '../../src/alerts/alert-event.js';
import { readDeliveries } from '../../src/alerts/delivery-store.js';
import { openFileOutbox } from '../../src/alerts/file-outbox.js';
import { runCli } from '../helpers/cli.js';
import { BOB, gitAs, type TestRepo } from '../helpers/git-repo.js';
import { ACTION_FILES, createFixtureRepo } from '../server/fixture-repo.js';
import { SECRET, startReceiver, type Receiver } from './receiver.js';
import { runCliAsync, startServe, type Serve } from './serve-webhooks.js';

const ENV = { HOOK_SECRET: SECRET };

/** fetch, once more when a kept-alive connection was closed by the server just as it was reused (idempotent calls). */
async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await request(url, init);
  } catch {
    return fetch(url, init);
  }
}

function config(url: string): string {
  return `# yaml-language-server: $schema=definitions/schema/config.schema.json
webhooks:
  - id: changes
    url: ${url}/changes
    events: [definition.changed]
    secret_env: HOOK_SECRET
  - id: runs
    url: ${url}/runs
    events: [execution.finished]
    filter: { status: failed }
    secret_env: HOOK_SECRET
  - id: bulk
    url: ${url}/bulk
    events: [journal.tampered]
    secret_env: HOOK_SECRET
`;
}

const action = (id: string, script: string): string => `id: ${id}
name: ${id}
owner: bob@example.com
status: released
script:
  shell: sh
  inline: ${script}
timeout: 30
`;

describe('#19 webhooks end to end: opsledger serve, the CLI and a receiver that verifies every signature', () => {
  let repo: TestRepo;
  let dataDir: string;
  let receiver: Receiver;
  let serve: Serve | undefined;
  let adminKey = '';
  const cli = (...args: string[]) =>
    runCli(['--repo', repo.dir, '--data-dir', dataDir, ...args], { env: ENV });

  beforeAll(async () => {
    receiver = await startReceiver();
    repo = await createFixtureRepo();
    await repo.commit({
      message: 'Webhooks and two more actions',
      files: {
        'opsledger.yaml': config(receiver.url),
        'definitions/actions/ok-action.yaml': action('ok-action', 'echo fine'),
        'definitions/actions/fail-action.yaml': action('fail-action', 'exit 3'),
      },
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-hooks-e2e-'));
    serve = await startServe(repo.dir, dataDir, ENV);
    adminKey = /^(olk_\S+)$/m.exec(serve.stdout())?.[1] ?? '';
  });
  afterAll(async () => {
    await serve?.stop();
    await receiver.close();
    await repo.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  const refresh = async (): Promise<void> => {
    const res = await request(`${serve!.url}/api/v1/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(res.status).toBe(200);
  };
  const at = (p: string) => receiver.attempts.filter((a) => a.path === p);

  it('#19.1 a merged definition change produces one definition.changed with the right diff (after POST /refresh)', async () => {
    expect(adminKey).toMatch(/^olk_/);
    repo.git('checkout', '-q', '-b', 'longer-timeout');
    await repo.commit({
      message: 'disk-usage: 90 s',
      author: BOB,
      files: {
        'definitions/actions/disk-usage.yaml': ACTION_FILES['definitions/actions/disk-usage.yaml']!.replace(
          'timeout: 30',
          'timeout: 90',
        ),
      },
    });
    repo.git('checkout', '-q', 'main');
    gitAs(repo, BOB, [
      'merge',
      '-q',
      '--no-ff',
      '-m',
      'Merge pull request #12 from bob/longer-timeout',
      'longer-timeout',
    ]);
    await refresh();
    await receiver.waitFor(() => at('/changes').length >= 1);
    // A later change, delivered after it: anything sent twice for the first would have come before this one.
    await repo.commit({
      message: 'restart-web: 45 s',
      files: {
        'definitions/actions/restart-web.yaml': ACTION_FILES['definitions/actions/restart-web.yaml']!.replace(
          'timeout: 30',
          'timeout: 45',
        ),
      },
    });
    await refresh();
    await receiver.waitFor(() => at('/changes').length >= 2);
    const changes = at('/changes');
    expect(changes.map((c) => c.type)).toEqual(['definition.changed', 'definition.changed']);
    const first = changes[0]!.data as { event: Record<string, unknown>; diff: unknown[] };
    expect(first.event).toMatchObject({
      auditable_type: 'Action',
      auditable_id: 'disk-usage',
      action: 'update',
      pull_request: 12,
    });
    expect(first.diff).toEqual([{ pointer: '/timeout', from: 60, to: 90 }]);
    expect((changes[1]!.data as { event: { auditable_id: string } }).event.auditable_id).toBe('restart-web');
    expect(new Set(changes.map((c) => c.id)).size).toBe(2);
    expect(receiver.rejected).toEqual([]);
  });

  it('#19.1 a failed run produces execution.finished with status failed (a succeeded one is filtered out)', async () => {
    expect(cli('run', 'ok-action').code).toBe(0);
    expect(cli('run', 'fail-action').code).toBe(1);
    await receiver.waitFor(() => at('/runs').length >= 1);
    const [finished] = at('/runs');
    expect(finished!.type).toBe('execution.finished');
    expect(finished!.data).toMatchObject({
      status: 'failed',
      execution: { action_id: 'fail-action', exit_code: 3 },
    });
    expect(receiver.rejected).toEqual([]);
  });

  it('#19.3 webhooks list/deliveries/test and GET /api/v1/webhooks/deliveries (admin only); secrets never printed', async () => {
    const list = cli('webhooks', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('HOOK_SECRET (set)');
    expect(list.stdout).toMatch(/changes .*active/);
    // The worker records a delivery just after the receiver answers it.
    const delivered = async () =>
      (await readDeliveries(dataDir)).filter((d) => d.webhook === 'changes' && d.status === 'delivered')
        .length;
    for (let i = 0; i < 200 && (await delivered()) < 2; i++) await new Promise((r) => setTimeout(r, 25));
    const deliveries = cli('webhooks', 'deliveries', '--json');
    expect(deliveries.code).toBe(0);
    const rows = JSON.parse(deliveries.stdout) as { webhook: string; status: string }[];
    expect(rows.filter((r) => r.webhook === 'changes' && r.status === 'delivered')).toHaveLength(2);
    const test = await runCliAsync(
      ['--repo', repo.dir, '--data-dir', dataDir, 'webhooks', 'test', 'runs'],
      ENV,
    );
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/webhook runs: HTTP 200 in \d+ ms/);
    expect(receiver.attempts.at(-1)!.type).toBe('webhook.test');
    const unknown = cli('webhooks', 'test', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error\[NOT_FOUND\]: no webhook "nope"/m);
    const secretText = SECRET.slice('whsec_'.length);
    for (const out of [list, deliveries, test]) {
      expect(out.stdout + out.stderr).not.toContain(secretText);
    }

    // The keys first: a slow child process could outlast the server's keep-alive between two requests.
    const frank = cli('keys', 'create', '--user', 'frank@example.com', '--name', 'audit').stdout.trim();
    const api = await request(`${serve!.url}/api/v1/webhooks/deliveries?webhook=changes`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { data: { webhook: string }[] };
    expect(body.data).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain(secretText);
    const denied = await request(`${serve!.url}/api/v1/webhooks/deliveries`, {
      headers: { authorization: `Bearer ${frank}` },
    });
    expect(denied.status).toBe(403);
  });

  it('#19.2 serve SIGKILLed with 100 deliveries pending → all delivered after restart, ids unique per event, none lost', async () => {
    receiver.answer = (r) => (r.path === '/bulk' ? { status: 200, delayMs: 15 } : { status: 200 });
    const events: AlertEvent[] = Array.from({ length: 100 }, (_, n) => ({
      id: newEventId(),
      type: 'journal.tampered',
      timestamp: new Date().toISOString(),
      data: { n },
    }));
    await openFileOutbox(dataDir).append(events);
    await receiver.waitFor(() => at('/bulk').length >= 10);
    await serve!.stop('SIGKILL');
    const beforeRestart = at('/bulk').length;
    expect(beforeRestart).toBeLessThan(100);
    serve = await startServe(repo.dir, dataDir, ENV);
    await receiver.waitFor(() => new Set(at('/bulk').map((a) => a.id)).size === 100, 60_000);
    const bulk = at('/bulk');
    expect(new Set(bulk.map((a) => a.id))).toEqual(new Set(events.map((e) => e.id)));
    // Each webhook-id names one event: a duplicate (at-least-once) carries the same payload.
    for (const a of bulk) expect(a.data.n).toBe(events.findIndex((e) => e.id === a.id));
    expect(receiver.rejected).toEqual([]);
  });
});
