import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newExecutionId } from '../../src/executions/execution-id.js';
import type { ExecutionInput, ExecutionRecord } from '../../src/executions/types.js';
import { flushSpool } from '../../src/remote/flush-spool.js';
import { RemoteJournal } from '../../src/remote/remote-journal.js';
import { createServiceClient } from '../../src/remote/service-client.js';
import { readSpool } from '../../src/remote/spool.js';
import { createTestServer, type TestServer } from '../server/test-server.js';
import { startFlakyProxy, type Fault, type FlakyProxy } from './flaky-proxy.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const FAULTS: Fault[] = ['ok', 'drop-request', 'drop-response', 'duplicate', 'unavailable'];

function startInput(id: string, at: Date): ExecutionInput {
  return {
    id,
    action_id: 'ping',
    definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    trigger: 'external',
    initiator: { user: 'whoever-the-client-says@example.com', via: 'cli' },
    targets: [],
    parameters: {},
    started_at: at.toISOString(),
    finished_at: null,
    duration_ms: null,
    status: 'running',
    exit_code: null,
  };
}

/**
 * The guarantee of the spool (docs/executions.md, Remote recording): whatever the network does to the deliveries
 * (requests lost, answers lost after the service acted, requests repeated, 503s), once the service is reachable
 * again and the spool is flushed, every run the service started has exactly one end, the one the CLI sent; a start
 * the service never recorded leaves nothing behind; the spool is empty.
 */
describe('remote recording through a flaky network: nothing lost, nothing doubled', () => {
  let server: TestServer;
  let http: Server;
  let proxy: FlakyProxy;
  let dataDir: string;

  beforeAll(async () => {
    server = await createTestServer();
    http = server.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    proxy = await startFlakyProxy(`http://127.0.0.1:${(http.address() as { port: number }).port}`);
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-spool-'));
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await new Promise((resolve) => http?.close(resolve));
    await server?.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exactly one end record per run, for any sequence of faults', async () => {
    const client = createServiceClient({
      url: proxy.url,
      apiKey: server.keys['dave@example.com'],
      timeoutMs: 5_000,
    });
    const journal = server.deps.journal;
    const seen = { spooledEnds: 0, unconfirmedButRecorded: 0, neverRecorded: 0, direct: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...FAULTS), { maxLength: 12 }),
        fc.constantFrom<'succeeded' | 'failed'>('succeeded', 'failed'),
        fc.nat({ max: 255 }),
        async (faults, status, exitCode) => {
          proxy.plan(faults);
          const remote = new RemoteJournal({
            client,
            dataDir,
            allowDirty: false,
            allowUnreleased: false,
            now: () => new Date(),
            attempts: 2,
            retryDelayMs: 1,
          });
          const at = new Date();
          const id = newExecutionId(at);
          let started: ExecutionRecord | null = null;
          try {
            started = await remote.append(startInput(id, at));
          } catch {
            started = null; // Not confirmed: nothing would have run.
          }
          const sent = { status, exit_code: status === 'succeeded' ? 0 : exitCode || 1 };
          if (started) {
            await remote.append({
              ...startInput(id, at),
              ...sent,
              finished_at: new Date(at.getTime() + 5).toISOString(),
              duration_ms: 5,
              results: [],
            });
            if (remote.spooled.has(id)) seen.spooledEnds++;
            else seen.direct++;
          }
          proxy.plan([]);
          for (let round = 0; round < 3; round++) {
            const flushed = await flushSpool({ dataDir, clientFor: () => client });
            expect(flushed.rejected).toEqual([]);
            if (flushed.pending.length === 0) break;
          }
          expect((await readSpool(dataDir)).entries).toEqual([]);
          await journal.refresh();
          const records = await journal.records(id);
          if (records.length === 0) {
            expect(started).toBeNull();
            seen.neverRecorded++;
            return;
          }
          if (!started) seen.unconfirmedButRecorded++;
          expect(records.map((r) => r.status)).toEqual(['running', started ? status : 'cancelled']);
          expect(records.every((r) => journal.resolveUser(r.initiator.user) === 'dave@example.com')).toBe(
            true,
          );
          if (started) expect(records[1]!.exit_code).toBe(sent.exit_code);
        },
      ),
      {
        numRuns: 60,
        // Each way a delivery can go wrong at least once, whatever the random draws are.
        examples: [
          [['drop-response', 'drop-response'], 'succeeded', 0], // start recorded, both answers lost
          [['ok', 'drop-response', 'drop-response'], 'failed', 3], // end recorded, both answers lost: spooled
          [['ok', 'unavailable', 'unavailable'], 'succeeded', 0], // the service down as the run ends
          [['drop-request', 'drop-request'], 'succeeded', 0], // the start never reached the service
          [['duplicate', 'duplicate', 'duplicate'], 'failed', 2], // every request sent twice
        ],
      },
    );
    expect(seen.spooledEnds).toBeGreaterThan(0);
    expect(seen.unconfirmedButRecorded).toBeGreaterThan(0);
    expect(seen.neverRecorded).toBeGreaterThan(0);
    expect(seen.direct).toBeGreaterThan(0);
  }, 120_000);
});
