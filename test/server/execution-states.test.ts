import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newExecutionId } from '../../src/executions/execution-id.js';
import {
  EXECUTION_STATUSES,
  TRIGGERS,
  type ExecutionInput,
  type ExecutionRecord,
  type ExecutionStatus,
  type Trigger,
} from '../../src/executions/types.js';
import { openApiDocument } from '../../src/server/create-app.js';
import { createTestServer, expectMatchesDocument, type TestServer } from './test-server.js';

let clock = Date.parse('2026-03-01T00:00:00Z');
function record(status: ExecutionStatus, trigger: Trigger): ExecutionInput {
  clock += 60_000;
  const at = new Date(clock);
  const open = status === 'running' || status === 'waiting';
  return {
    id: newExecutionId(at),
    action_id: 'disk-usage',
    definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    trigger,
    initiator: { user: 'alice@example.com', via: trigger === 'schedule' ? 'scheduler' : 'cli' },
    targets: ['web-01'],
    parameters: {},
    started_at: at.toISOString(),
    finished_at: open ? null : new Date(clock + 1000).toISOString(),
    duration_ms: open ? null : 1000,
    status,
    exit_code: null,
    ...(status === 'missed'
      ? {
          missed: { count: 2, first: at.toISOString(), last: at.toISOString() },
          planned_at: at.toISOString(),
        }
      : {}),
  };
}

/**
 * Every field a record can carry, as its type declares them: a field added to ExecutionInput does not compile until
 * it is listed here, and then fails the test below until the OpenAPI document describes it.
 */
const RECORD_FIELDS: Record<keyof ExecutionRecord, true> = {
  id: true,
  seq: true,
  action_id: true,
  definition: true,
  trigger: true,
  initiator: true,
  targets: true,
  parameters: true,
  started_at: true,
  finished_at: true,
  duration_ms: true,
  status: true,
  exit_code: true,
  results: true,
  error: true,
  command: true,
  runbook: true,
  kind: true,
  runbook_run_id: true,
  step_id: true,
  attempt: true,
  pinned_commit: true,
  steps: true,
  cancel_requested: true,
  planned_at: true,
  missed: true,
  recorded_via: true,
  schedule: true,
  late_end: true,
  prev_hash: true,
  hash: true,
};

/** Records with every optional field set, shaped as the recorders write them (docs/runbooks.md, docs/schedules.md). */
function fullRecords(): ExecutionInput[] {
  const base = record('succeeded', 'runbook');
  const at = base.started_at;
  return [
    {
      ...base,
      kind: 'runbook_run',
      pinned_commit: 'a'.repeat(40),
      cancel_requested: { user: 'alice@example.com', at },
      steps: [
        {
          id: 'check',
          action: 'disk-usage',
          status: 'succeeded',
          executions: ['x1'],
          exit_code: 0,
          started_at: at,
        },
        {
          id: 'approve',
          action: 'disk-usage',
          status: 'confirmed',
          executions: [],
          exit_code: null,
          decided_by: { user: 'alice@example.com', at },
        },
      ],
    },
    {
      ...record('failed', 'runbook'),
      runbook_run_id: base.id,
      step_id: 'check',
      attempt: 2,
      error: 'exit 1',
    },
    { ...record('succeeded', 'runbook'), runbook: { id: 'restart', step: 'check', run_id: base.id } },
    {
      ...record('succeeded', 'schedule'),
      planned_at: at,
      schedule: { kind: 'action', cron: '*/5 * * * *', timezone: 'UTC', commit: 'b'.repeat(40) },
    },
    {
      ...record('failed', 'external'),
      command: ['/usr/local/bin/backup.sh', '--full'],
      exit_code: 2,
      results: [
        {
          target: 'web-01',
          status: 'failed',
          exit_code: 2,
          signal: 'SIGTERM',
          duration_ms: 10,
          stdout_tail: 'out',
          stderr_tail: 'err',
          truncated_bytes: 0,
        },
      ],
    },
    {
      ...record('abandoned', 'manual'),
      recorded_via: 'server',
      late_end: { status: 'succeeded', finished_at: at, duration_ms: 5, exit_code: 0, delivered_at: at },
    },
  ];
}

/**
 * Every state and trigger a journal record can hold (the one list the journal index, the CLI's choices and the
 * record checks use) is one the API filters by and one its OpenAPI document allows: runbook runs wait, schedules
 * miss and skip firings (docs/runbooks.md, docs/schedules.md), and `GET /executions?status=missed` must find them as
 * `opsledger executions --status missed` does.
 */
describe('GET /executions: every state and trigger of a record', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
    for (const status of EXECUTION_STATUSES) await server.deps.journal.append(record(status, 'manual'));
    for (const trigger of TRIGGERS) await server.deps.journal.append(record('succeeded', trigger));
    for (const input of fullRecords()) await server.deps.journal.append(input);
  });
  afterAll(() => server.cleanup());

  it.each(EXECUTION_STATUSES.map((s) => [s]))(
    '?status=%s lists that run, as the document describes',
    async (status) => {
      const url = `/api/v1/executions?status=${status}`;
      const res = await server.call('get', url, { as: 'alice@example.com' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data.map((r: { status: string }) => r.status)).toContain(status);
      expect(res.body.data.every((r: { status: string }) => r.status === status)).toBe(true);
      expectMatchesDocument('get', url, res);
      const one = `/api/v1/executions/${res.body.data[0].id}`;
      expectMatchesDocument('get', one, await server.call('get', one, { as: 'alice@example.com' }));
    },
  );

  it.each(TRIGGERS.map((t) => [t]))(
    '?trigger=%s lists that run, as the document describes',
    async (trigger) => {
      const url = `/api/v1/executions?trigger=${trigger}`;
      const res = await server.call('get', url, { as: 'alice@example.com' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data.length).toBeGreaterThan(0);
      expect(res.body.data.every((r: { trigger: string }) => r.trigger === trigger)).toBe(true);
      expectMatchesDocument('get', url, res);
    },
  );

  it('the document names the states and triggers from the same list', () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>;
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    };
    const query = doc.paths['/executions']!.get.parameters;
    expect(query.find((p) => p.name === 'status')!.schema.enum).toEqual([...EXECUTION_STATUSES]);
    expect(query.find((p) => p.name === 'trigger')!.schema.enum).toEqual([...TRIGGERS]);
    const properties = doc.components.schemas.ExecutionRecord!.properties;
    expect(properties.status!.enum).toEqual([...EXECUTION_STATUSES]);
    expect(properties.trigger!.enum).toEqual([...TRIGGERS]);
    expect(Object.keys(properties).sort()).toEqual(Object.keys(RECORD_FIELDS).sort());
  });

  it('records carrying every optional field are served as the document describes them', async () => {
    const url = '/api/v1/executions?limit=500';
    const res = await server.call('get', url, { as: 'alice@example.com' });
    expect(res.status).toBe(200);
    const served = new Set(res.body.data.flatMap((r: object) => Object.keys(r)));
    expect([...served].sort()).toEqual(Object.keys(RECORD_FIELDS).sort());
    expectMatchesDocument('get', url, res);
  });
});
