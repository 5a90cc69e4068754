import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newExecutionId } from '../../src/executions/execution-id.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import { createTestServer, expectMatchesDocument, type TestServer } from '../server/test-server.js';

const NIGHTLY = `id: nightly-backup
name: Nightly backup
owner: bob@example.com
status: released
script:
  shell: sh
  inline: echo backup
schedule: { cron: "0 3 * * *", timezone: Europe/Paris }
catch_up: latest
overlap: queue
`;

// A cron the schema's shape admits but no clock can fire: it reached the branch, so the schedule says why it cannot.
const BROKEN = `id: broken-schedule
name: Broken schedule
owner: bob@example.com
status: released
script:
  shell: sh
  inline: echo never
schedule: "99 99 * * *"
`;

describe('GET /schedules', () => {
  let server: TestServer;
  beforeAll(async () => {
    const repo = await createFixtureRepo();
    await repo.commit({
      message: 'Schedule the backup',
      files: {
        'definitions/actions/nightly-backup.yaml': NIGHTLY,
        'definitions/actions/broken-schedule.yaml': BROKEN,
      },
    });
    server = await createTestServer({ repo });
    const planned = '2026-03-01T02:00:00.000Z';
    await server.deps.journal.append({
      id: newExecutionId(new Date(planned)),
      action_id: 'nightly-backup',
      definition: { commit: null, blob: null, path: null, version: 1, status: 'released', dirty: false },
      trigger: 'schedule',
      initiator: { user: 'bob@example.com', via: 'scheduler' },
      targets: [],
      parameters: {},
      started_at: planned,
      finished_at: planned,
      duration_ms: 0,
      status: 'succeeded',
      exit_code: 0,
      planned_at: planned,
    });
  });
  afterAll(() => server.cleanup());

  it('lists each schedule with its next firings and its last, as the OpenAPI document describes', async () => {
    const url = '/api/v1/schedules?count=2';
    const res = await server.call('get', url, { as: 'dave@example.com' });
    expect(res.status).toBe(200);
    expectMatchesDocument('get', url, res);
    const byId = new Map(res.body.data.map((e: { id: string }) => [e.id, e]));
    expect(byId.get('nightly-backup')).toMatchObject({
      kind: 'action',
      schedule: { cron: '0 3 * * *', timezone: 'Europe/Paris' },
      catch_up: 'latest',
      overlap: 'queue',
      problem: null,
      last: { planned_at: '2026-03-01T02:00:00.000Z', status: 'succeeded' },
    });
    expect((byId.get('nightly-backup') as { next: string[] }).next).toHaveLength(2);
    expect(byId.get('broken-schedule')).toMatchObject({
      schedule: { cron: '99 99 * * *', timezone: 'UTC' },
      catch_up: 'none',
      overlap: 'skip',
      problem: expect.any(String),
      next: [],
      last: null,
    });
  });
});
