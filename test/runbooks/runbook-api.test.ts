import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRepo } from '../helpers/git-repo.js';
import { ACTION_FILES, ROLE_FILES } from '../server/fixture-repo.js';
import { createTestServer, expectMatchesDocument, type TestServer } from '../server/test-server.js';
import { waitFor } from './runbook-fixture.js';

let server: TestServer;
beforeAll(async () => {
  const repo = await createTestRepo([
    {
      message: 'Roles, actions and a runbook with a manual step',
      files: {
        '.gitignore': '.opsledger/\n',
        ...ROLE_FILES,
        // mallory may run restart-web only: allowed on the route, not on the step's action.
        'definitions/roles/web-ops.yaml':
          'id: web-ops\nmembers: [mallory@example.com]\npermissions: [actions:execute]\nscope:\n  actions: [restart-web]\n',
        ...ACTION_FILES,
        'definitions/runbooks/checkup.yaml': `id: checkup
name: Checkup
owner: carol@example.com
status: released
steps:
  - id: first
    name: First ping
    action: ping
  - id: second
    name: Second ping, after a person says so
    action: ping
    automatic: false
`,
      },
    },
  ]);
  server = await createTestServer({ repo });
});
afterAll(async () => {
  await server.cleanup();
  await server.repo.cleanup();
});

interface Run {
  id: string;
  status: string;
  initiator: { user: string };
  steps: { id: string; status: string; decided_by?: { user: string } }[];
  step_executions: { step_id: string; trigger: string; runbook_run_id: string; status: string }[];
}

describe('#17.1 runbook runs through the API', () => {
  it('#17.1 a manual step confirmed through the API by an allowed user, refused for a user without permission', async () => {
    const started = await server.call('post', '/api/v1/runbooks/checkup/runs', {
      as: 'dave@example.com',
      body: {},
    });
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    expect(started.headers.location).toBe(`/api/v1/runbook_runs/${id}`);
    const waiting = await waitFor(async () => {
      const res = await server.call('get', `/api/v1/runbook_runs/${id}`, { as: 'dave@example.com' });
      return res.body.status === 'waiting' ? (res.body as Run) : null;
    });
    expect(waiting.steps.map((s) => s.status)).toEqual(['succeeded', 'waiting']);
    // The run as served, waiting and later done, is what the OpenAPI document describes (its steps included).
    const asServed = async (url: string) => {
      const res = await server.call('get', url, { as: 'frank@example.com' });
      expectMatchesDocument('get', url, res);
      return res;
    };
    await asServed(`/api/v1/runbook_runs/${id}`);
    await asServed(`/api/v1/executions?trigger=runbook`);

    const refused = await server.call('post', `/api/v1/runbook_runs/${id}/steps/second/confirm`, {
      as: 'mallory@example.com',
      body: {},
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PERMISSION_DENIED');

    const confirmed = await server.call('post', `/api/v1/runbook_runs/${id}/steps/second/confirm`, {
      as: 'erin@example.com',
      body: { decision: 'confirm', reason: 'looked fine' },
    });
    expect(confirmed.status).toBe(200);
    const done = await waitFor(async () => {
      const res = await server.call('get', `/api/v1/runbook_runs/${id}`, { as: 'frank@example.com' });
      return res.body.status === 'succeeded' ? (res.body as Run) : null;
    });
    expect(done.initiator.user).toBe('dave@example.com');
    expect(done.steps[1]).toMatchObject({ status: 'succeeded', decided_by: { user: 'erin@example.com' } });
    await asServed(`/api/v1/runbook_runs/${id}`);
    await asServed('/api/v1/runbook_runs');
    await asServed('/api/v1/executions?status=succeeded');
    expect(done.step_executions.map((e) => [e.step_id, e.trigger, e.runbook_run_id, e.status])).toEqual([
      ['first', 'runbook', id, 'succeeded'],
      ['second', 'runbook', id, 'succeeded'],
    ]);
    const again = await server.call('post', `/api/v1/runbook_runs/${id}/steps/second/confirm`, {
      as: 'erin@example.com',
      body: {},
    });
    expect(again.status).toBe(409);
  });

  it('#17.3 operators see their own runbook runs, auditors all; a run needing an action outside your scope is denied and recorded', async () => {
    const mine = await server.call('get', '/api/v1/runbook_runs', { as: 'dave@example.com' });
    expect(mine.body.data.length).toBeGreaterThan(0);
    const hers = await server.call('get', '/api/v1/runbook_runs', { as: 'erin@example.com' });
    expect(hers.body.data).toEqual([]);
    const id = (mine.body.data[0] as Run).id;
    expect((await server.call('get', `/api/v1/runbook_runs/${id}`, { as: 'erin@example.com' })).status).toBe(
      404,
    );
    const denied = await server.call('post', '/api/v1/runbooks/checkup/runs', {
      as: 'mallory@example.com',
      body: {},
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/may not run "ping".*nothing ran/);
    const all = await server.call('get', '/api/v1/runbook_runs', { as: 'frank@example.com' });
    expect((all.body.data as Run[]).map((r) => r.status).sort()).toEqual(['denied', 'succeeded']);
  });
});
