import { appendFile, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { prefixBytesHashed } from '../../src/executions/prefix-digest.js';
import type { ExecutionInput } from '../../src/executions/types.js';
import { generateReport } from '../../src/reports/generate-report.js';
import { ALICE, type TestRepo } from '../helpers/git-repo.js';
import { finishedRun } from './fakes.js';
import { createScenarioRepo, scenarioReportOptions, scenarioRuns } from './report-scenario.js';

let repo: TestRepo;
let commits: Record<string, string>;
let root: string;
let dataDir: string;

beforeEach(async () => {
  ({ repo, commits } = await createScenarioRepo());
  root = await mkdtemp(path.join(tmpdir(), 'opsledger-report-journal-'));
  dataDir = path.join(root, 'data');
}, 60_000);

afterEach(async () => {
  await repo?.cleanup();
  if (root) await rm(root, { recursive: true, force: true });
});

/** One report into `out`: its phase names and warnings. `caches: false` builds it with no report cache at all. */
async function report(out: string, caches = true): Promise<{ phases: string[]; warnings: string[] }> {
  const phases: string[] = [];
  const warnings: string[] = [];
  const cache = path.join(dataDir, 'cache');
  const kept = path.join(root, 'cache-kept');
  if (!caches) await rename(cache, kept);
  try {
    await generateReport(
      scenarioReportOptions(repo.dir, dataDir, path.join(root, out), {
        modelParts: caches,
        onPhase: (name) => phases.push(name),
        onWarning: (message) => warnings.push(message),
      }),
    );
  } finally {
    if (!caches) {
      await rm(cache, { recursive: true, force: true });
      await rename(kept, cache);
    }
  }
  return { phases, warnings };
}

async function expectSameFiles(a: string, b: string): Promise<void> {
  const read = async (out: string) => {
    const dir = path.join(root, out);
    const names = (await readdir(dir, { recursive: true })).filter((f) => /\.(md|html|json)$/.test(f)).sort();
    return new Map(
      await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), 'utf8')] as const)),
    );
  };
  const [left, right] = [await read(a), await read(b)];
  expect([...left.keys()]).toEqual([...right.keys()]);
  for (const [name, content] of right) expect(left.get(name), name).toBe(content);
}

async function append(runs: readonly ExecutionInput[]): Promise<void> {
  const journal = await openJournal({ dataDir });
  try {
    for (const run of runs) await journal.append(run);
  } finally {
    await journal.close();
  }
}

async function lastSegment(): Promise<string> {
  const dir = path.join(dataDir, 'executions');
  return path.join(
    dir,
    (await readdir(dir))
      .filter((n) => n.endsWith('.jsonl'))
      .sort()
      .at(-1)!,
  );
}

const newRun = (at: string): ExecutionInput =>
  finishedRun({ action_id: 'health-check', at, user: ALICE.email, targets: ['web-01'] });

describe('#15.9 the journal of an incremental report', () => {
  it('#15.9 with the caches holding, a report reads the head and the records after the run cache, never the journal index, and equals a full build', async () => {
    const runs = scenarioRuns(commits);
    await append(runs.slice(0, 6));
    expect((await report('a')).phases).toContain('journal open');
    await append([...runs.slice(6), newRun('2026-03-05T08:00:00Z')]);
    // A damaged index snapshot: opening the journal would report it (and rebuild it).
    await mkdir(path.join(dataDir, 'executions', 'index'), { recursive: true });
    await writeFile(path.join(dataDir, 'executions', 'index', 'journal-index.bin'), 'damaged');
    const r = await report('a');
    expect(r.phases).toContain(`journal open (tail: ${runs.length - 6 + 1} records after the run cache)`);
    expect(r.phases.filter((p) => p.startsWith('journal open'))).toHaveLength(1);
    expect(r.warnings).toEqual([]);
    await report('full', false);
    await expectSameFiles('a', 'full');
  });

  it('#15.9 a torn last line after the checkpoint makes the report open the journal, which moves it to quarantine; the files equal a full build', async () => {
    await append(scenarioRuns(commits));
    await report('a');
    await append([newRun('2026-03-05T08:00:00Z')]);
    await appendFile(await lastSegment(), '{"action_id":"health-check","definition":{');
    const r = await report('a');
    expect(r.phases).toContain('journal open');
    expect(r.warnings.join('\n')).toMatch(
      /moved \d+ bytes after the last complete line .* to executions\/quarantine\//,
    );
    await report('full', false);
    await expectSameFiles('a', 'full');
    // The journal is whole again: the next report reads only its tail.
    await append([newRun('2026-03-05T09:00:00Z')]);
    expect((await report('a')).phases).toContain('journal open (tail: 2 records after the run cache)');
  });

  it('#15.9 a report hashes the bytes of the last segment before its checkpoints once, not once per cache and write', async () => {
    await append(scenarioRuns(commits));
    await report('a');
    await append([newRun('2026-03-05T08:00:00Z')]);
    const before = prefixBytesHashed();
    await report('a');
    const hashed = prefixBytesHashed() - before;
    expect(hashed).toBeGreaterThan(0);
    expect(hashed).toBeLessThanOrEqual((await stat(await lastSegment())).size);
  });
});
