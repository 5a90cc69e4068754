import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as nodeV8 from 'node:v8';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The V8 flags a report sets, recorded (and still applied) for this file only.
const flags: string[] = [];
vi.mock('node:v8', async (importOriginal) => {
  const v8 = await importOriginal<typeof nodeV8>();
  const setFlagsFromString = (flag: string) => {
    flags.push(flag);
    v8.setFlagsFromString(flag);
  };
  return { ...v8, default: { ...v8, setFlagsFromString }, setFlagsFromString };
});

const { openJournal } = await import('../../src/executions/open-journal.js');
const { generateReport } = await import('../../src/reports/generate-report.js');
const { ALICE } = await import('../helpers/git-repo.js');
const { finishedRun } = await import('./fakes.js');
const { createScenarioRepo, scenarioReportOptions, scenarioRuns } = await import('./report-scenario.js');

type Scenario = Awaited<ReturnType<typeof createScenarioRepo>>;
let scenario: Scenario;
let root: string;
let dataDir: string;

beforeEach(async () => {
  scenario = await createScenarioRepo();
  root = await mkdtemp(path.join(tmpdir(), 'opsledger-report-heap-'));
  dataDir = path.join(root, 'data');
  flags.length = 0;
}, 60_000);

afterEach(async () => {
  await scenario?.repo.cleanup();
  if (root) await rm(root, { recursive: true, force: true });
});

const report = (options: { modelParts?: boolean } = {}) =>
  generateReport(
    scenarioReportOptions(scenario.repo.dir, dataDir, path.join(root, 'reports'), {
      formats: ['md'],
      verify: false,
      ...options,
    }),
  );

async function append(count: number): Promise<void> {
  const journal = await openJournal({ dataDir });
  try {
    const runs = scenarioRuns(scenario.commits);
    for (const run of runs.slice(0, count)) await journal.append(run);
  } finally {
    await journal.close();
  }
}

const BOUND = '--heap-growing-percent=100';
const RELEASED = '--heap-growing-percent=0';

describe('#15.9 the heap bound of a report', () => {
  it('#15.9 is set by a report that folds the journal or builds every part, and put back after; not by one from its caches', async () => {
    await append(6);
    await report();
    expect(flags, 'first report: every part built').toEqual([BOUND, RELEASED]);
    flags.length = 0;
    await report();
    expect(flags, 'caches current: nothing made of every run').toEqual([]);
    const journal = await openJournal({ dataDir });
    await journal.append(
      finishedRun({
        action_id: 'health-check',
        at: '2026-03-05T08:00:00Z',
        user: ALICE.email,
        targets: ['web-01'],
      }),
    );
    await journal.close();
    await report();
    expect(flags, 'one new run: its part alone built').toEqual([]);
    await report({ modelParts: false });
    expect(flags, 'the reference model from every row').toEqual([BOUND, RELEASED]);
  });

  it('#15.9 two reports at once set it once and put it back once, when the last is done', async () => {
    await append(6);
    await Promise.all([report(), report()]);
    expect(flags).toEqual([BOUND, RELEASED]);
  });
});
