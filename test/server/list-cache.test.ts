import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { presentExecution } from '../../src/executions/present-execution.js';
import { openState } from '../../src/state/open-state.js';
import { openPseudonymVault } from '../../src/state/pseudonym-vault.js';
import { makeInput } from '../executions/make-input.js';
import { createTestServer, type TestServer } from './test-server.js';

describe('the journal record cache the server turns on', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-record-cache-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('#15.8 hands out the same parsed record for the same line, and the new state once a run ends in another process', async () => {
    const journal = await openJournal({ dataDir, recordCache: 100 });
    const other = await openJournal({ dataDir });
    try {
      const started = await journal.append(
        makeInput({ status: 'running', finished_at: null, exit_code: null }),
      );
      const first = await journal.query({ limit: 10 });
      // The same object: the line was read and parsed once.
      expect((await journal.query({ limit: 10 }))[0]).toBe(first[0]);
      expect(await journal.get(started.id)).toBe(first[0]);

      // Another process records the end: the run's latest line moved, so its new state is read.
      await other.append({ ...makeInput(), id: started.id, status: 'succeeded' });
      await journal.refresh();
      const after = await journal.get(started.id);
      expect(after?.status).toBe('succeeded');
      expect(after).not.toBe(first[0]);

      // Without the option (the CLI), every read parses its line again.
      await other.refresh();
      expect(other.get(started.id)).not.toBe(other.get(started.id));
    } finally {
      await journal.close();
      await other.close();
    }
  });
});

describe('GET /executions from cached record texts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.cleanup());

  it('#15.8 a page is byte for byte JSON.stringify of the presented records, and an erasure shows at once (guard)', async () => {
    for (let i = 0; i < 3; i++)
      await server.deps.journal.append(makeInput({ initiator: { user: 'erin@example.com', via: 'cli' } }));
    const page = async (): Promise<string> =>
      (await server.call('get', '/api/v1/executions?limit=2', { as: 'alice@example.com' })).text;
    const first = await page();
    const records = await server.deps.journal.query({ limit: 3 });
    const expected = JSON.stringify({
      data: records.slice(0, 2).map((r) => presentExecution(r, (u) => server.deps.journal.resolveUser(u))),
      next_cursor: JSON.parse(first).next_cursor,
    });
    expect(first).toBe(expected);
    expect(JSON.parse(first).next_cursor).toEqual(expect.any(String));
    expect(await page()).toBe(first);
    expect(JSON.parse(first).data[0].initiator.user).toBe('erin@example.com');

    // Erased by `opsledger anonymize` (another process): the cached text is not served again.
    const vault = await openPseudonymVault(openState(server.dataDir));
    expect(await vault.forget('erin@example.com')).not.toEqual([]);
    const erased = JSON.parse(await page()) as { data: { initiator: { user: string; pseudonym: string } }[] };
    expect(erased.data[0]!.initiator.user).not.toContain('erin');
    expect(erased.data[0]!.initiator.user).toBe(erased.data[0]!.initiator.pseudonym);
  });
});
