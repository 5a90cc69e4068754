import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newExecutionId } from '../../src/executions/execution-id.js';
import {
  EXECUTION_STATUSES,
  TRIGGERS,
  type ExecutionInput,
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
    const record = doc.components.schemas.ExecutionRecord!.properties;
    expect(record.status!.enum).toEqual([...EXECUTION_STATUSES]);
    expect(record.trigger!.enum).toEqual([...TRIGGERS]);
  });
});
