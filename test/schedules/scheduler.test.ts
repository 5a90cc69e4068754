import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type FileJournal } from '../../src/executions/open-journal.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import { createScheduler, type Scheduler } from '../../src/schedules/create-scheduler.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

const action = (id: string, extra: string, script = 'echo tick'): string =>
  `id: ${id}\nname: ${id}\nowner: ops@example.com\nstatus: released\nscript:\n  shell: bash\n  inline: |\n    ${script}\ntimeout: 60\n${extra}`;

let repo: TestRepo;
let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-sched-'));
  const gate = path.join(tmp, 'gate');
  repo = await createTestRepo([
    {
      message: 'Scheduled actions',
      files: {
        '.gitignore': '.opsledger/\n',
        'definitions/actions/every-ten.yaml': action('every-ten', "schedule: '*/10 * * * * *'\n"),
        'definitions/actions/catch-up.yaml': action(
          'catch-up',
          "schedule: '*/10 * * * * *'\ncatch_up: latest\n",
        ),
        'definitions/actions/slow-skip.yaml': action(
          'slow-skip',
          "schedule: '*/10 * * * * *'\noverlap: skip\n",
          `while [ ! -e ${gate} ]; do sleep 0.05; done`,
        ),
        'definitions/actions/slow-queue.yaml': action(
          'slow-queue',
          "schedule: '*/10 * * * * *'\noverlap: queue\n",
          `while [ ! -e ${gate} ]; do sleep 0.05; done`,
        ),
      },
    },
  ]);
});
afterAll(async () => {
  await repo.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

async function open(
  dataDir: string,
  clock: { now: Date },
): Promise<{ scheduler: Scheduler; journal: FileJournal }> {
  const journal = await openJournal({ dataDir });
  const history = await openHistoryIndex({
    repo: repo.dir,
    dataDir,
    branch: 'main',
    definitionsDir: 'definitions',
  });
  const scheduler = createScheduler({
    repo: repo.dir,
    dataDir,
    branch: 'main',
    journal,
    history,
    env: { PATH: process.env.PATH, TMPDIR: tmp },
    now: () => clock.now,
    onError: (err) => {
      throw err;
    },
  });
  return { scheduler, journal };
}

async function waitIdle(journal: FileJournal): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await journal.refresh();
    if ((await journal.query({ status: 'running', limit: 1 })).length === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function scheduled(journal: FileJournal, action: string): Promise<ExecutionRecord[]> {
  return (await journal.query({ action, trigger: 'schedule', limit: 1000 })).sort((a, b) =>
    a.planned_at! < b.planned_at! ? -1 : 1,
  );
}

describe('#17.4 the scheduler (controlled clock, real journal, real runs)', () => {
  it('#17.4 a service stopped over three firings records them as missed once (count 3, first and last); catch_up: latest runs the last', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    writeFileSync(path.join(tmp, 'gate'), ''); // the slow actions end at once here
    const clock = { now: at(0) };
    const first = await open(dataDir, clock);
    await first.scheduler.tick(); // start-up: nothing recorded before, nothing missed
    clock.now = at(10.2);
    await first.scheduler.tick();
    await first.scheduler.stop();
    await first.journal.close();
    const ran = await openJournal({ dataDir });
    expect((await scheduled(ran, 'every-ten')).map((r) => [r.planned_at, r.status, r.initiator.via])).toEqual(
      [[at(10).toISOString(), 'succeeded', 'scheduler']],
    );
    await ran.close();

    // Down from 10.2 s to 45.5 s: the firings at 20, 30 and 40 s do not happen.
    clock.now = at(45.5);
    const second = await open(dataDir, clock);
    await second.scheduler.tick();
    await second.scheduler.stop();
    const records = await scheduled(second.journal, 'every-ten');
    const missed = records.filter((r) => r.status === 'missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]!.missed).toEqual({ count: 3, first: at(20).toISOString(), last: at(40).toISOString() });
    expect(records.filter((r) => r.status === 'succeeded')).toHaveLength(1);
    const caught = await scheduled(second.journal, 'catch-up');
    expect(caught.map((r) => [r.status, r.planned_at]).sort()).toEqual([
      ['missed', at(40).toISOString()],
      ['succeeded', at(10).toISOString()],
      ['succeeded', at(40).toISOString()],
    ]);
    const late = caught.find((r) => r.status === 'succeeded' && r.planned_at === at(40).toISOString())!;
    expect(Date.parse(late.started_at) - Date.parse(late.planned_at!)).toBe(5500);
    expect(late.schedule).toMatchObject({ kind: 'action', cron: '*/10 * * * * *', timezone: 'UTC' });
    expect(late.initiator.user).toMatch(/^user-/); // the owner, stored as a pseudonym
    expect(second.journal.resolveUser(late.initiator.user)).toBe('ops@example.com');
    await second.journal.close();
  });

  it('#17.4 two schedulers on one journal (two journal handles) fire each of 20 firings exactly once', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    writeFileSync(path.join(tmp, 'gate'), '');
    const clock = { now: at(0) };
    const a = await open(dataDir, clock);
    const b = await open(dataDir, clock);
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    for (let i = 1; i <= 20; i++) {
      clock.now = at(i * 10 + 0.01);
      await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
      await waitIdle(a.journal); // ten controlled seconds pass in a few real milliseconds: let the run end
    }
    await Promise.all([a.scheduler.stop(), b.scheduler.stop()]);
    await a.journal.refresh();
    const runs = (await scheduled(a.journal, 'every-ten')).filter((r) => r.status !== 'missed');
    expect(runs.map((r) => r.planned_at)).toEqual(
      Array.from({ length: 20 }, (_, i) => at((i + 1) * 10).toISOString()),
    );
    expect(new Set(runs.map((r) => r.id)).size).toBe(20);
    // One start and one end per firing: a firing run twice would have two of each under its id.
    for (const r of runs)
      expect((await a.journal.records(r.id)).map((x) => x.status)).toEqual(['running', 'succeeded']);
    expect(runs.map((r) => r.status)).toEqual(Array(20).fill('succeeded'));
    await Promise.all([a.journal.close(), b.journal.close()]);
  });

  it('#17.4 overlap: skip records a skipped firing while the previous run goes on; queue starts it when that run ends', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    rmSync(path.join(tmp, 'gate'), { force: true });
    const clock = { now: at(0) };
    const s = await open(dataDir, clock);
    await s.scheduler.tick();
    clock.now = at(10.1);
    await s.scheduler.tick(); // both slow actions start and block on the gate
    clock.now = at(20.1);
    await s.scheduler.tick();
    await s.journal.refresh();
    expect((await scheduled(s.journal, 'slow-skip')).map((r) => [r.planned_at, r.status])).toEqual([
      [at(10).toISOString(), 'running'],
      [at(20).toISOString(), 'skipped'],
    ]);
    expect((await scheduled(s.journal, 'slow-queue')).map((r) => r.status)).toEqual(['running']);
    writeFileSync(path.join(tmp, 'gate'), '');
    for (
      let i = 0;
      i < 100 && (await scheduled(s.journal, 'slow-queue')).some((r) => r.status === 'running');
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50));
      await s.journal.refresh();
    }
    clock.now = at(20.3);
    await s.scheduler.tick(); // the queued firing starts now that the first run ended
    await s.scheduler.stop();
    await s.journal.refresh();
    expect((await scheduled(s.journal, 'slow-queue')).map((r) => [r.planned_at, r.status])).toEqual([
      [at(10).toISOString(), 'succeeded'],
      [at(20).toISOString(), 'succeeded'],
    ]);
    expect(existsSync(path.join(tmp, 'gate'))).toBe(true);
    await s.journal.close();
  });
});
