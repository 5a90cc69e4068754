import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from '../server/fixture-repo.js';
import { expectOutboxLevelWithJournal, outboxEvents } from './outbox-journal-step.js';

/** Make a file immutable (or not): reads work, every write fails, even for root (ext4 `chattr +i`). */
const immutable = (file: string, on: boolean): void => {
  execFileSync('chattr', [on ? '+i' : '-i', file]);
};

describe('#19.2 `opsledger run` when the outbox cannot take the start alert', () => {
  let repo: TestRepo;
  let dataDir: string;
  const cli = (...args: string[]) => runCli(['--repo', repo.dir, '--data-dir', dataDir, ...args]);
  beforeAll(async () => {
    repo = await createFixtureRepo();
    await repo.commit({
      message: 'A webhook for runs',
      files: {
        'opsledger.yaml': `webhooks:
  - id: ops
    url: http://127.0.0.1:9/hook
    events: [execution.started, execution.finished]
    secret_env: HOOK_SECRET
`,
      },
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-outbox-fail-'));
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('#19.2 fails with a clear error and runs nothing; the recorded start is closed as abandoned; its alerts follow once the outbox takes writes again', () => {
    expect(cli('run', 'restart-web', '--json').code).toBe(0);
    const outbox = path.join(dataDir, 'alerts/outbox.jsonl');
    immutable(outbox, true);
    let failed;
    try {
      failed = cli('run', 'restart-web', '--json');
    } finally {
      immutable(outbox, false);
    }
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/JOURNAL_UNAVAILABLE/);
    expect(failed.stderr).toMatch(
      /is recorded in the journal \(seq 3\), but its alert could not be written to the alerts outbox/,
    );
    const runs = JSON.parse(cli('executions', '--json').stdout) as {
      id: string;
      status: string;
      error?: string;
    }[];
    expect(runs[0]).toMatchObject({ status: 'abandoned', error: expect.stringMatching(/nothing ran/) });
    // Not told yet: the outbox took no write.
    expect(outboxEvents(dataDir).map((e) => (e.data.execution as { id: string }).id)).not.toContain(
      runs[0]!.id,
    );

    expect(cli('run', 'restart-web').code).toBe(0);
    const told = outboxEvents(dataDir).filter((e) => (e.data.execution as { id: string }).id === runs[0]!.id);
    expect(told.map((e) => [e.type, e.data.status])).toEqual([
      ['execution.started', 'running'],
      ['execution.finished', 'abandoned'],
    ]);
    return expectOutboxLevelWithJournal(dataDir);
  });
});
