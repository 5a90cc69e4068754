import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeJournal } from '../../src/executions/fake-journal.js';
import { recordedVia, stampRecordedVia } from '../../src/executions/recorded-via.js';
import type { ExecutionInput, ExecutionRecord } from '../../src/executions/types.js';
import { createTestServer, type TestServer } from '../server/test-server.js';
import { runCliAsync } from './serve-process.js';

const input = (over: Partial<ExecutionInput> = {}): ExecutionInput => ({
  id: 'r1',
  action_id: 'ping',
  definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
  trigger: 'manual',
  initiator: { user: 'dave@example.com', via: 'cli' },
  targets: [],
  parameters: {},
  started_at: '2026-02-01T10:00:00.000Z',
  finished_at: null,
  duration_ms: null,
  status: 'running',
  exit_code: null,
  ...over,
});

describe('recorded_via (docs/executions.md, The execution record)', () => {
  it('stamps what a process appends, and keeps a stamp the input already has', async () => {
    const journal = stampRecordedVia(new FakeJournal(), 'server');
    expect((await journal.append(input())).recorded_via).toBe('server');
    expect((await journal.append(input({ id: 'r2', recorded_via: 'local' }))).recorded_via).toBe('local');
  });

  it('reads records older than the field by who initiated them', () => {
    expect(recordedVia(input())).toBe('local');
    expect(recordedVia(input({ initiator: { user: 'a@example.com', via: 'api' } }))).toBe('server');
    expect(recordedVia(input({ initiator: { user: 'a@example.com', via: 'scheduler' } }))).toBe('server');
    expect(recordedVia(input({ recorded_via: 'server' }))).toBe('server');
  });

  describe('the service and the CLI', () => {
    let server: TestServer;
    let dataDir: string;
    beforeAll(async () => {
      server = await createTestServer();
      dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-local-'));
    }, 60_000);
    afterAll(async () => {
      await server?.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('a run through the API is recorded_via server; a local `opsledger run` is recorded_via local', async () => {
      const res = await server.call('post', '/api/v1/actions/ping/executions', {
        as: 'dave@example.com',
        body: {},
      });
      expect(res.status).toBe(202);
      await Promise.allSettled([...server.deps.inflightRuns]);
      const records = await server.deps.journal.records(res.body.id as string);
      expect(records.map((r) => r.recorded_via)).toEqual(['server', 'server']);

      const run = await runCliAsync([
        '--repo',
        server.repo.dir,
        '--data-dir',
        dataDir,
        'run',
        'ping',
        '--json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as ExecutionRecord).recorded_via).toBe('local');
    });
  });
});
