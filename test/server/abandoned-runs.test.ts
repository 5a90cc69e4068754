import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDefaults } from '../../src/config/load-config.js';
import { openJournal } from '../../src/executions/open-journal.js';
import { takeRecorderLease } from '../../src/executions/recorder-lease.js';
import { verifyJournal } from '../../src/executions/verify-journal.js';
import { openServerDeps } from '../../src/server/open-server-deps.js';
import { makeInput } from '../executions/make-input.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from './fixture-repo.js';

let repo: TestRepo;
let dataDir: string;
beforeAll(async () => {
  repo = await createFixtureRepo();
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-abandoned-'));
});
afterAll(async () => {
  await repo.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

describe('service start', () => {
  it('#13.7 closes the runs of a killed server as abandoned (with a warning), and leaves live ones alone', async () => {
    const journal = await openJournal({ dataDir });
    const dead = await journal.append(makeInput());
    const live = await journal.append(makeInput());
    const tempDir = await mkdtemp(path.join(tmpdir(), 'opsledger-run-'));
    // A dead recorder's lease: the file is there, nobody holds its lock.
    mkdirSync(path.join(dataDir, 'executions/recorders'), { recursive: true });
    writeFileSync(
      path.join(dataDir, 'executions/recorders', `${dead.id}.run`),
      JSON.stringify({
        v: 1,
        id: dead.id,
        pid: 4242,
        host: 'ops-1',
        started_at: dead.started_at,
        temp_dirs: [tempDir],
      }),
    );
    // A live one: held by this process.
    const lease = takeRecorderLease({
      dataDir,
      id: live.id,
      pid: process.pid,
      host: 'here',
      startedAt: live.started_at,
    });
    await journal.close();

    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const deps = await openServerDeps({ repo: repo.dir, dataDir, config: withDefaults({}), logger, env: {} });
    try {
      expect(await deps.journal.get(dead.id)).toMatchObject({
        status: 'abandoned',
        error: expect.stringMatching(
          /^abandoned: the recorder \(pid 4242 on ops-1\) died before recording the end; closed by `opsledger serve`/,
        ),
      });
      expect((await deps.journal.get(live.id))?.status).toBe('running');
      expect(warnings.join('')).toContain(
        `run ${dead.id} (restart-web) was left running by a recorder that died`,
      );
      expect(existsSync(tempDir)).toBe(false);
      expect(existsSync(path.join(dataDir, 'executions/recorders', `${dead.id}.run`))).toBe(false);
    } finally {
      await deps.close();
      lease.release();
    }
    expect((await verifyJournal({ dataDir })).ok).toBe(true);
  });
});
