import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newExecutionId } from '../../src/executions/execution-id.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { closeLapsedRecordings } from '../../src/server/close-lapsed-recordings.js';
import { createTestServer, type TestServer } from '../server/test-server.js';

type Op = 'heartbeat' | 'lapse' | 'end' | 'other-end';

/**
 * The lease of a remote run against its end, in any order (docs/executions.md, Remote recording): heartbeats, the
 * watchdog finding the lease lapsed (any number of times), the CLI's end and its redeliveries, and a different end.
 * Whatever the order: the run has exactly one closing record, which never changes; an acknowledged end is never
 * lost — it is the closing record, or kept once as the `abandoned` run's `late_end`; nothing is doubled.
 */
describe('remote run leases: one closing record, no end lost (property)', () => {
  let server: TestServer;
  let blob: string;
  beforeAll(async () => {
    server = await createTestServer();
    blob = server.deps.history.definitionAt('action', 'disk-usage')!.blob;
  }, 60_000);
  afterAll(() => server?.cleanup());

  const end = {
    status: 'succeeded',
    finished_at: '2026-02-01T10:00:02.000Z',
    duration_ms: 2000,
    exit_code: 0,
  };
  const other = {
    status: 'failed',
    finished_at: '2026-02-01T10:00:03.000Z',
    duration_ms: 3000,
    exit_code: 1,
  };
  const isEnd = (r: Pick<ExecutionRecord, 'status' | 'exit_code' | 'finished_at'>, e: typeof end) =>
    r.status === e.status && r.exit_code === e.exit_code && r.finished_at === e.finished_at;

  it('holds for any order of heartbeats, lapses and deliveries', async () => {
    const leases = server.deps.recordingLeases!;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Op>('heartbeat', 'lapse', 'end', 'other-end'), {
          minLength: 1,
          maxLength: 8,
        }),
        async (ops) => {
          const id = newExecutionId(new Date());
          const started = await server.call('post', '/api/v1/recordings', {
            as: 'dave@example.com',
            body: {
              id,
              action_id: 'disk-usage',
              trigger: 'manual',
              definition: { commit: null, blob, path: null, version: null, status: 'released', dirty: false },
              targets: [],
              parameters: {},
              started_at: '2026-02-01T10:00:00.000Z',
            },
          });
          expect(started.status).toBe(201);
          expect(started.headers['opsledger-lease-seconds']).toBe('60');
          let delivered: 'end' | 'other-end' | null = null;
          for (const op of ops) {
            const latest = (await server.deps.journal.get(id))!;
            if (op === 'lapse') {
              // The watchdog of a service whose clock is past every lease.
              await closeLapsedRecordings({
                journal: server.deps.journal,
                leases,
                now: () => new Date(Date.now() + 3_600_000),
                leaseMs: 60_000,
              });
            } else if (op === 'heartbeat') {
              const res = await server.call('post', `/api/v1/recordings/${id}/heartbeat`, {
                as: 'dave@example.com',
              });
              expect(res.status).toBe(latest.status === 'running' ? 200 : 409);
            } else {
              const body = op === 'end' ? end : other;
              const res = await server.call('post', `/api/v1/recordings/${id}/end`, {
                as: 'dave@example.com',
                headers: { 'Idempotency-Key': `end:${id}:${op}` },
                body,
              });
              if (delivered === null || delivered === op) {
                expect([200, 201]).toContain(res.status);
                delivered = op;
              } else {
                expect(res.status).toBe(409);
              }
            }
          }
          const records = await server.deps.journal.records(id);
          expect(records[0]!.status).toBe('running');
          const closing = records.slice(1);
          // One closing record at most, and everything after it keeps its status.
          expect(closing.every((r) => r.status === closing[0]!.status)).toBe(true);
          expect(closing.filter((r) => r.late_end === undefined)).toHaveLength(closing.length > 0 ? 1 : 0);
          expect(closing.filter((r) => r.late_end !== undefined).length).toBeLessThanOrEqual(1);
          if (closing[0]?.status !== 'abandoned') expect(closing.length).toBeLessThanOrEqual(1);
          if (delivered) {
            const wanted = delivered === 'end' ? end : other;
            const kept = closing.some((r) => isEnd(r, wanted) || (r.late_end && isEnd(r.late_end, wanted)));
            expect(kept, `the acknowledged end of ${id} is in the journal`).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a lapsed run read through GET /executions/{id} is closed abandoned first; its late end is kept once', async () => {
    const id = newExecutionId(new Date());
    await server.call('post', '/api/v1/recordings', {
      as: 'dave@example.com',
      body: {
        id,
        action_id: 'disk-usage',
        trigger: 'manual',
        definition: { commit: null, blob, path: null, version: null, status: 'released', dirty: false },
        targets: [],
        parameters: {},
        started_at: '2026-02-01T10:00:00.000Z',
      },
    });
    // The lease ended an hour ago (as a service that stood still would find it).
    await server.deps.recordingLeases!.drop(id);
    await server.deps.recordingLeases!.renew(id, new Date(Date.now() - 3_600_000));
    const read = await server.call('get', `/api/v1/executions/${id}`, { as: 'dave@example.com' });
    expect(read.body).toMatchObject({ status: 'abandoned' });
    expect(read.body.error).toContain('stopped renewing its lease');
    const late = await server.call('post', `/api/v1/recordings/${id}/end`, {
      as: 'dave@example.com',
      headers: { 'Idempotency-Key': `end:${id}` },
      body: end,
    });
    expect(late.status).toBe(201);
    expect(late.headers['opsledger-late-end']).toBe('true');
    expect(late.body).toMatchObject({ status: 'abandoned', late_end: { status: 'succeeded', exit_code: 0 } });
    const again = await server.call('post', `/api/v1/recordings/${id}/end`, {
      as: 'dave@example.com',
      headers: { 'Idempotency-Key': `end:${id}` },
      body: end,
    });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ status: 'abandoned', late_end: { status: 'succeeded' } });
    const heartbeat = await server.call('post', `/api/v1/recordings/${id}/heartbeat`, {
      as: 'dave@example.com',
    });
    expect(heartbeat.status).toBe(409);
    expect(heartbeat.body.error.code).toBe('RUN_ALREADY_ENDED');
    const someoneElse = await server.call('post', `/api/v1/recordings/${id}/heartbeat`, {
      as: 'erin@example.com',
    });
    expect(someoneElse.status).toBe(404);
    expect(
      (await server.deps.journal.records(id)).map((r) => [r.status, r.late_end?.status ?? null]),
    ).toEqual([
      ['running', null],
      ['abandoned', null],
      ['abandoned', 'succeeded'],
    ]);
  });
});
