import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { openJournal as OpenJournal } from '../../src/executions/open-journal.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

let repo: TestRepo;
let tmp: string;
const children: ChildProcess[] = [];
beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-serve-sched-'));
  repo = await createTestRepo([
    {
      message: 'A per-second schedule',
      files: {
        '.gitignore': '.opsledger/\n',
        'opsledger.yaml': 'schedules:\n  service_identity: scheduler@example.com\n',
        'definitions/actions/heartbeat.yaml':
          "id: heartbeat\nname: Heartbeat\nowner: ops@example.com\nstatus: released\nscript: { shell: sh, inline: echo beat }\ntimeout: 30\nschedule: '* * * * * *'\n",
      },
    },
  ]);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await repo.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

function startServe(dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [BIN, '--repo', repo.dir, '--data-dir', dataDir, 'serve', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: tmp },
    },
  );
  children.push(child);
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (/listening on http/.test(err)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe('#17.4 scheduled runs from real serve processes', () => {
  it('#17.4 two serve instances on one journal run a per-second schedule exactly once per firing, over at least 20 firings (real time), as the configured service identity', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    const { openJournal } = (await import(
      pathToFileURL(path.join(ROOT, 'dist/executions/open-journal.js')).href
    )) as { openJournal: typeof OpenJournal };
    const a = await startServe(dataDir);
    const b = await startServe(dataDir);
    const journal = await openJournal({ dataDir });
    const runs = async (): Promise<ExecutionRecord[]> =>
      (await journal.query({ action: 'heartbeat', trigger: 'schedule', limit: 500 })).filter(
        (r) => r.planned_at,
      );
    for (let i = 0; i < 120 && (await runs()).filter((r) => r.status === 'succeeded').length < 22; i++) {
      await new Promise((r) => setTimeout(r, 500));
      await journal.refresh();
    }
    await Promise.all([stop(a), stop(b)]);
    await journal.refresh();
    const fired = (await runs()).filter((r) => r.status !== 'missed' && r.status !== 'skipped');
    expect(fired.length).toBeGreaterThanOrEqual(20);
    const planned = fired.map((r) => r.planned_at!);
    expect(new Set(planned).size).toBe(planned.length);
    for (const r of fired) {
      expect((await journal.records(r.id)).map((x) => x.status)).toEqual(['running', 'succeeded']);
      expect(r).toMatchObject({ trigger: 'schedule', initiator: { via: 'scheduler' } });
      // schedules.service_identity, not the owner (stored as a pseudonym like every user)
      expect(journal.resolveUser(r.initiator.user)).toBe('scheduler@example.com');
      expect(Date.parse(r.planned_at!) % 1000).toBe(0);
      expect(Date.parse(r.started_at)).toBeGreaterThanOrEqual(Date.parse(r.planned_at!));
    }
    await journal.close();
  }, 120_000);

  it('#17.4 a serve process stopped over three or more firings: the next one records them as one missed record with their count', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    const { openJournal } = (await import(
      pathToFileURL(path.join(ROOT, 'dist/executions/open-journal.js')).href
    )) as { openJournal: typeof OpenJournal };
    const journal = await openJournal({ dataDir });
    const records = async (): Promise<ExecutionRecord[]> => {
      await journal.refresh();
      return journal.query({ action: 'heartbeat', trigger: 'schedule', limit: 500 });
    };
    const first = await startServe(dataDir);
    for (let i = 0; i < 60 && (await records()).filter((r) => r.status === 'succeeded').length < 2; i++)
      await new Promise((r) => setTimeout(r, 250));
    await stop(first);
    const before = await records();
    const lastPlanned = Math.max(...before.map((r) => Date.parse(r.planned_at!)));
    await new Promise((r) => setTimeout(r, 3500)); // down over at least three per-second firings
    const second = await startServe(dataDir);
    let missed: ExecutionRecord[] = [];
    for (let i = 0; i < 60 && missed.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      missed = (await records()).filter((r) => r.status === 'missed');
    }
    await stop(second);
    expect(missed).toHaveLength(1);
    const m = missed[0]!.missed!;
    expect(m.count).toBeGreaterThanOrEqual(3);
    expect(Date.parse(m.first)).toBe(lastPlanned + 1000);
    expect((Date.parse(m.last) - Date.parse(m.first)) / 1000 + 1).toBe(m.count);
    // Nothing of the outage ran, and nothing ran twice.
    const ran = (await records()).filter((r) => r.status !== 'missed').map((r) => Date.parse(r.planned_at!));
    expect(ran.filter((t) => t >= Date.parse(m.first) && t <= Date.parse(m.last))).toEqual([]);
    expect(new Set(ran).size).toBe(ran.length);
    await journal.close();
  }, 120_000);
});
