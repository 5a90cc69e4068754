import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/alerts/alert-event.js';
import { runCli } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from '../server/fixture-repo.js';

/** The events in the outbox, in order (without the journal marks between them). */
function outbox(dataDir: string): AlertEvent[] {
  return readFileSync(path.join(dataDir, 'alerts/outbox.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .flatMap((l) => (JSON.parse(l) as { event?: AlertEvent }).event ?? []);
}

describe('#19.2 the outbox is written before the CLI acknowledges (no serve running)', () => {
  let repo: TestRepo;
  let dataDir: string;
  const cli = (...args: string[]) => runCli(['--repo', repo.dir, '--data-dir', dataDir, ...args]);
  beforeAll(async () => {
    repo = await createFixtureRepo();
    await repo.commit({
      message: 'A webhook nobody listens to yet',
      files: {
        'opsledger.yaml': `webhooks:
  - id: ops
    url: http://127.0.0.1:9/hook
    events: [execution.started, execution.finished, journal.tampered]
    secret_env: HOOK_SECRET
`,
      },
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-outbox-cli-'));
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('#19.2 `opsledger run` exits with its start and end already in the outbox; `verify` puts journal.tampered there', () => {
    const ran = cli('run', 'restart-web', '--json');
    expect(ran.code).toBe(0);
    const id = (JSON.parse(ran.stdout) as { id: string }).id;
    const events = outbox(dataDir);
    expect(events.map((e) => e.type)).toEqual(['execution.started', 'execution.finished']);
    expect(events.map((e) => (e.data.execution as { id: string }).id)).toEqual([id, id]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);

    const dir = path.join(dataDir, 'executions');
    const segment = path.join(
      dir,
      readdirSync(dir).find((f) => f.startsWith('segment-'))!,
    );
    writeFileSync(
      segment,
      readFileSync(segment, 'utf8').replace('"status":"succeeded"', '"status":"failed"'),
    );
    const verify = cli('verify');
    expect(verify.code).toBe(1);
    const last = outbox(dataDir).at(-1)!;
    expect(last.type).toBe('journal.tampered');
    expect((last.data.problems as { kind: string }[])[0]!.kind).toBe('modified');
    // The same problems told again carry the same webhook-id, so receivers drop the repeat.
    expect(cli('verify').code).toBe(1);
    const again = outbox(dataDir).at(-1)!;
    expect(again.id).toBe(last.id);
  });
});
