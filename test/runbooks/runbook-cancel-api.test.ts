import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRepo } from '../helpers/git-repo.js';
import { ROLE_FILES } from '../server/fixture-repo.js';
import { createTestServer, type TestServer, type User } from '../server/test-server.js';
import { action, runbook, waitFor } from './runbook-fixture.js';

// `disk-sleeper` starts a sleeping grandchild and waits for it (operators may run disk-*).
const SLEEPER =
  'sleep 300 &\necho $! > "$OPSLEDGER_PARAM_DIR/pid"\necho started > "$OPSLEDGER_PARAM_DIR/started"\nwait';

let server: TestServer;
let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-cancel-api-'));
  const repo = await createTestRepo([
    {
      message: 'Roles, a long action and two runbooks',
      files: {
        '.gitignore': '.opsledger/\n',
        ...ROLE_FILES,
        // mallory may run disk-* and read every run, but is neither the initiator nor an admin.
        'definitions/roles/night-shift.yaml':
          'id: night-shift\nmembers: [mallory@example.com]\npermissions: [actions:execute, executions:read:all]\nscope:\n  actions: [disk-*]\n',
        'definitions/actions/disk-sleeper.yaml': action('disk-sleeper', SLEEPER),
        'definitions/actions/disk-note.yaml': action('disk-note', 'echo note'),
        'definitions/runbooks/hold.yaml': runbook('hold', [
          { id: 'sleep', action: 'disk-sleeper' },
          { id: 'after', action: 'disk-note' },
        ]),
        'definitions/runbooks/ask.yaml': runbook('ask', [
          { id: 'approve', action: 'disk-note', automatic: false },
        ]),
      },
    },
  ]);
  server = await createTestServer({ repo });
});
afterAll(async () => {
  await server.cleanup();
  await server.repo.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  id: string;
  status: string;
  error?: string;
  cancel_requested?: { user: string; at: string };
  steps: { id: string; status: string }[];
  step_executions: { step_id: string; status: string }[];
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function start(runbookId: string, dir: string): Promise<string> {
  const res = await server.call('post', `/api/v1/runbooks/${runbookId}/runs`, {
    as: 'dave@example.com',
    body: { parameters: { dir } },
  });
  expect(res.status).toBe(202);
  return res.body.id as string;
}

const get = async (id: string): Promise<Run> =>
  (await server.call('get', `/api/v1/runbook_runs/${id}`, { as: 'frank@example.com' })).body as Run;
const cancel = (id: string, as: User) => server.call('post', `/api/v1/runbook_runs/${id}/cancel`, { as });

describe('#17.1 POST /runbook_runs/{id}/cancel', () => {
  it('#17.1 the initiator cancels mid-step: the process group is gone, the step cancelled, the rest skipped; others are refused', async () => {
    const dir = mkdtempSync(path.join(tmp, 'work-'));
    const id = await start('hold', dir);
    await waitFor(() => existsSync(path.join(dir, 'started')));
    const grandchild = Number(readFileSync(path.join(dir, 'pid'), 'utf8'));
    expect(pidAlive(grandchild)).toBe(true);

    expect((await cancel(id, 'erin@example.com')).status).toBe(404); // an operator cannot see dave's run
    const other = await cancel(id, 'mallory@example.com'); // sees it, may execute, is not the initiator
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'PERMISSION_DENIED', message: /initiator.*or an admin/ });
    expect((await cancel(id, 'frank@example.com')).status).toBe(403); // no actions:execute
    expect(pidAlive(grandchild)).toBe(true);

    const asked = await cancel(id, 'dave@example.com');
    expect(asked.status).toBe(202);
    expect(asked.body.cancel_requested.user).toBe('dave@example.com');
    const done = await waitFor(async () => {
      const run = await get(id);
      return run.status === 'cancelled' ? run : null;
    });
    expect(done.error).toMatch(/cancelled: requested by dave@example.com/);
    expect(done.steps.map((s) => s.status)).toEqual(['cancelled', 'skipped']);
    expect(done.step_executions.map((e) => [e.step_id, e.status])).toEqual([['sleep', 'cancelled']]);
    await waitFor(() => !pidAlive(grandchild), 15_000);

    const again = await cancel(id, 'dave@example.com');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RUN_FINISHED');
  });

  it('#17.1 an admin cancels someone else’s waiting run', async () => {
    const id = await start('ask', mkdtempSync(path.join(tmp, 'work-')));
    await waitFor(async () => (await get(id)).status === 'waiting');
    const asked = await cancel(id, 'alice@example.com');
    expect(asked.status).toBe(202);
    const done = await waitFor(async () => {
      const run = await get(id);
      return run.status === 'cancelled' ? run : null;
    });
    expect(done.error).toMatch(/requested by alice@example.com/);
    expect(done.steps.map((s) => s.status)).toEqual(['skipped']);
  });
});
