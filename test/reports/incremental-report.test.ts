import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDefaults } from '../../src/config/load-config.js';
import { applyRetention } from '../../src/executions/apply-retention.js';
import { openJournal } from '../../src/executions/open-journal.js';
import type { ExecutionInput, ExecutionStatus } from '../../src/executions/types.js';
import { generateReport } from '../../src/reports/generate-report.js';
import { PACKAGE_VERSION } from '../../src/package/package-root.js';
import { HISTORY_CHAIN_LENGTH, MODEL_PARTS_FORMAT } from '../../src/reports/model-parts-store.js';
import { writeApprovalNote } from '../../src/review/approval-note.js';
import { ALICE, BOB, CAROL, type TestRepo } from '../helpers/git-repo.js';
import { finishedRun } from './fakes.js';
import { actionYaml } from './report-fixture.js';
import { SCENARIO_NOW, createScenarioRepo, scenarioRuns } from './report-scenario.js';

let repo: TestRepo;
let commits: Record<string, string>;
let root: string;
let dataDir: string;

beforeEach(async () => {
  ({ repo, commits } = await createScenarioRepo());
  root = await mkdtemp(path.join(tmpdir(), 'opsledger-incremental-'));
  dataDir = path.join(root, 'data');
}, 60_000);

afterEach(async () => {
  await repo?.cleanup();
  if (root) await rm(root, { recursive: true, force: true });
});

/**
 * One report into `out`; resolves with its phase names and whether the chain verified. `modelParts: false` builds the
 * reference: every aggregate from the rows, no kept part of the model read.
 */
async function report(
  out: string,
  modelParts = true,
  now = SCENARIO_NOW,
  onPhase: (name: string) => void = () => undefined,
): Promise<{
  journal: string;
  verify: string;
  model: string;
  render: string;
  ok: boolean | null;
  warnings: string[];
  /** The pages of the report, and those always rendered (the overview and the runbook run pages). */
  pages: number;
  alwaysRendered: number;
}> {
  const phases: string[] = [];
  const warnings: string[] = [];
  const result = await generateReport({
    repo: repo.dir,
    dataDir,
    config: withDefaults({}),
    outDir: path.join(root, out),
    formats: ['md', 'html'],
    since: null,
    until: null,
    now,
    pseudonymize: false,
    check: false,
    progress: false,
    verify: true,
    modelParts,
    onPhase: (name) => {
      phases.push(name);
      onPhase(name);
    },
    onWarning: (message) => warnings.push(message),
  });
  return {
    journal: phases.find((p) => p.startsWith('journal ') && !p.startsWith('journal open'))!,
    verify: phases.find((p) => p.startsWith('verify '))!,
    model: phases.find((p) => p.startsWith('model'))!,
    warnings,
    render: phases.find((p) => p.startsWith('render'))!,
    ok: result.model.journal.verify?.ok ?? null,
    pages: result.pages,
    alwaysRendered: 1 + result.model.runbooks.reduce((n, r) => n + r.runbook_runs.length, 0),
  };
}

/**
 * A full regeneration beside the incremental one: the caches moved aside, rebuilt from nothing with the model built
 * from the rows alone (no kept part: the overview's totals, users, roles, coverage from every run), then put back.
 */
/** Commit restart-web released on web-01 and web-02, with `fields` changed. */
function commitRestartWeb(
  message: string,
  author: typeof ALICE,
  date: string,
  fields: { description?: string; tags?: string[] },
): Promise<string> {
  const yaml = actionYaml({
    id: 'restart-web',
    status: 'released',
    description: fields.description ?? 'Restarts the web tier.',
    tags: fields.tags ?? ['web'],
    targets: ['web-01', 'web-02'],
  });
  return repo.commit({ message, author, date, files: { 'definitions/actions/restart-web.yaml': yaml } });
}

async function fullReport(out: string, now = SCENARIO_NOW): Promise<void> {
  const cache = path.join(dataDir, 'cache');
  const kept = path.join(root, 'cache-kept');
  const had = await rename(cache, kept).then(
    () => true,
    () => false,
  );
  await rm(path.join(root, out), { recursive: true, force: true });
  const r = await report(out, false, now);
  expect(r.journal).toBe('journal scan');
  await rm(cache, { recursive: true, force: true });
  if (had) await rename(kept, cache);
}

async function filesOf(out: string): Promise<Map<string, string>> {
  const dir = path.join(root, out);
  const names = (await readdir(dir, { recursive: true })).filter((f) => /\.(md|html|json)$/.test(f)).sort();
  return new Map(
    await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), 'utf8')] as const)),
  );
}

async function expectSameFiles(a: string, b: string): Promise<void> {
  const left = await filesOf(a);
  const right = await filesOf(b);
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

const STATUSES: ExecutionStatus[] = ['succeeded', 'failed', 'timed_out', 'denied'];
const ACTIONS = ['restart-web', 'db-failover', 'health-check', 'never-defined'];
const USERS = [ALICE.email, BOB.email, CAROL.email, 'Alice@Example.com'];
const TARGETS = [[], ['web-01'], ['web-02', 'db-01'], ['lb-09']];

type RunStep = {
  action: number;
  status: number;
  day: number;
  twoRecords: boolean;
  user: number;
  targets: number;
  ms: number | null;
  lateMs: number | null;
  runbookStep: boolean;
};
type Step = { kind: 'runs'; runs: RunStep[]; now: string } | { kind: 'commit'; text: string };

/**
 * The report time of a step of runs (a commit step keeps the one before, so its unchanged pages can be reused): the
 * scenario's, one between the commits the test makes (a period's end that takes in only some of them), a later week.
 */
const NOWS = [SCENARIO_NOW, '2026-03-03T12:30:00Z', '2026-03-20T00:00:00Z'];

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('runs' as const),
    runs: fc.array(
      fc.record({
        action: fc.nat(ACTIONS.length - 1),
        status: fc.nat(STATUSES.length - 1),
        day: fc.integer({ min: 1, max: 60 }),
        twoRecords: fc.boolean(),
        user: fc.nat(USERS.length - 1),
        targets: fc.nat(TARGETS.length - 1),
        ms: fc.option(fc.nat(100_000)),
        // A scheduled firing that started this late (null: run by hand).
        lateMs: fc.option(fc.nat(120_000)),
        // A step of a run of the web-incident runbook (when not a scheduled firing).
        runbookStep: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    now: fc.constantFrom(...NOWS),
  }),
  fc.record({ kind: fc.constant('commit' as const), text: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/) }),
);

describe('#15.9 incremental reports', () => {
  it('#15.9 after any sequence of appends and commits, the incremental report (runs, verification and unchanged pages from the caches) equals a full regeneration byte for byte', async () => {
    await append(scenarioRuns(commits).slice(0, 6));
    expect((await report('inc')).journal).toBe('journal scan');
    let n = 0;
    let commitNo = 0;
    // Records after the run cache's checkpoint: the journal is the cache's tail (read again by each report) until
    // RUN_CACHE_TAIL_RECORDS of them make the report rewrite it (never in this test).
    let tail = 0;
    let now = SCENARIO_NOW;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 3 }), async (steps) => {
        for (const step of steps) {
          if (step.kind === 'runs') {
            const inputs: ExecutionInput[] = [];
            for (const r of step.runs) {
              const at = new Date(Date.parse('2026-01-06T00:00:00Z') + r.day * 86_400_000 + n * 60_000);
              const run: ExecutionInput = {
                ...finishedRun({
                  action_id: ACTIONS[r.action]!,
                  at: at.toISOString(),
                  user: USERS[r.user]!,
                  targets: TARGETS[r.targets]!,
                }),
                id: `run-${String(n++).padStart(5, '0')}`,
                status: STATUSES[r.status]!,
                ...(r.ms === null ? { duration_ms: null } : { duration_ms: r.ms }),
                ...(r.lateMs !== null
                  ? {
                      trigger: 'schedule' as const,
                      planned_at: new Date(at.getTime() - r.lateMs).toISOString(),
                    }
                  : r.runbookStep
                    ? {
                        trigger: 'runbook' as const,
                        runbook: { id: 'web-incident', step: 'check', run_id: `rb-p${n}` },
                      }
                    : {}),
              };
              if (r.twoRecords)
                inputs.push({
                  ...run,
                  status: 'running',
                  finished_at: null,
                  duration_ms: null,
                  exit_code: null,
                });
              inputs.push(run);
            }
            await append(inputs);
            tail += inputs.length;
            now = step.now;
            const r = await report('inc', true, now);
            expect(r.journal).toBe(`journal (run cache + ${tail} new)`);
            expect(r.verify).toBe(`verify (cached + ${inputs.length} new)`);
          } else {
            await repo.commit({
              message: `Describe restart-web: ${step.text}`,
              author: ALICE,
              date: `2026-03-0${1 + (commitNo % 5)}T1${commitNo++ % 10}:00:00Z`,
              files: {
                'definitions/actions/restart-web.yaml': actionYaml({
                  id: 'restart-web',
                  status: 'released',
                  description: `Restarts the web tier: ${step.text}.`,
                  tags: ['web'],
                  targets: ['web-01', 'web-02', 'web-03'],
                }),
              },
            });
            const r = await report('inc', true, now);
            expect(r.journal).toBe(tail === 0 ? 'journal (run cache)' : `journal (run cache + ${tail} new)`);
            expect(r.verify).toBe('verify (cached + 0 new)');
            // The pages of the actions the commit did not touch are not rendered again.
            expect(r.render).toMatch(/^render \(\d+ unchanged pages reused\)$/);
          }
          await fullReport('full', now);
          await expectSameFiles('inc', 'full');
        }
      }),
      { numRuns: 8 },
    );
  }, 240_000);

  it('#15.9 a record edited in place (size and modification time kept) invalidates both caches: the tampering is reported', async () => {
    await append(scenarioRuns(commits));
    const dir = path.join(dataDir, 'executions');
    const segment = path.join(
      dir,
      (await readdir(dir)).find((n) => n.endsWith('.jsonl'))!,
    );
    // A whole-second modification time, so an editor can put it back exactly.
    const mtime = Math.floor(Date.now() / 1000) - 60;
    await utimes(segment, mtime, mtime);
    expect((await report('a')).ok).toBe(true);
    expect(await report('a')).toMatchObject({
      journal: 'journal (run cache)',
      verify: 'verify (cached + 0 new)',
    });
    const before = await stat(segment);
    const text = await readFile(segment, 'utf8');
    const edited = text.replace('"status":"failed"', '"status":"passed"');
    expect(edited).not.toBe(text);
    await writeFile(segment, edited);
    await utimes(segment, mtime, mtime);
    expect((await stat(segment)).mtimeMs).toBe(before.mtimeMs);
    expect((await stat(segment)).size).toBe(before.size);
    const r = await report('a');
    expect(r).toMatchObject({
      journal: 'journal scan',
      verify: 'verify (rest, in a child process)',
      ok: false,
    });
    // No kept part of the model is trusted over a changed journal: every part is built again, and the report says so.
    expect(r.model).toMatch(/^model \(0 of \d+ action parts kept\)$/);
    expect(r.warnings.join('\n')).toMatch(/earlier records changed since the last report/);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // A journal that failed verification is never cached as verified: the next report walks the chain again.
    expect((await report('a')).verify).toBe('verify (rest, in a child process)');
  });

  it("#15.9 a record after the run cache's checkpoint edited in place (size and modification time kept) is read as it now is, and no part built over it is trusted", async () => {
    const runs = scenarioRuns(commits);
    await append(runs.slice(0, 6));
    expect((await report('a')).journal).toBe('journal scan');
    // The next records stay in the journal after the run cache's checkpoint (its tail); parts are built over them.
    await append(runs.slice(6));
    expect((await report('a')).journal).toBe(`journal (run cache + ${runs.length - 6} new)`);
    const [, total] = /^model \((\d+) of (\d+) action parts kept\)$/.exec((await report('a')).model) ?? [];
    expect(total).toBeDefined();
    const dir = path.join(dataDir, 'executions');
    const segment = path.join(
      dir,
      (await readdir(dir))
        .filter((n) => n.endsWith('.jsonl'))
        .sort()
        .at(-1)!,
    );
    const mtime = Math.floor(Date.now() / 1000) - 60;
    await utimes(segment, mtime, mtime);
    const text = await readFile(segment, 'utf8');
    // The last failed run's record: after the run cache's checkpoint.
    const at = text.lastIndexOf('"status":"failed"');
    expect(at).toBeGreaterThan(0);
    await writeFile(
      segment,
      `${text.slice(0, at)}"status":"passed"${text.slice(at + '"status":"failed"'.length)}`,
    );
    await utimes(segment, mtime, mtime);
    const r = await report('a');
    // The run cache's own records are untouched (its checkpoint holds); the edited one is read again, and the model
    // parts built over it are not trusted (their checkpoint fails).
    expect(r.journal).toBe(`journal (run cache + ${runs.length - 6} new)`);
    expect(r.model).toMatch(/^model \(0 of \d+ action parts kept\)$/);
    expect(r.ok).toBe(false);
    await fullReport('full');
    await expectSameFiles('a', 'full');
  });

  it('#15.9 a page edited (even with its size and modification time kept) or deleted in the output folder is rendered again, never taken as it is', async () => {
    await append(scenarioRuns(commits));
    await report('a');
    const page = path.join(root, 'a', 'actions', 'restart-web.md');
    const html = path.join(root, 'a', 'actions', 'db-failover.html');
    // A whole-second modification time, so an editor can put it back exactly; the next report takes the page (its
    // bytes checked once, as its stat changed) and remembers its new stat.
    const mtime = Math.floor(Date.now() / 1000) - 60;
    await utimes(page, mtime, mtime);
    expect((await report('a')).render).toMatch(/^render \(\d+ unchanged pages reused\)$/);
    const before = await stat(page);
    const original = await readFile(page, 'utf8');
    const edited = original.replace('restart-web', 'restart-WEB');
    expect(edited).not.toBe(original);
    await writeFile(page, edited);
    await utimes(page, mtime, mtime);
    expect((await stat(page)).mtimeMs).toBe(before.mtimeMs);
    expect((await stat(page)).size).toBe(before.size);
    await rm(html);
    expect((await report('a')).render).toMatch(/^render \(\d+ unchanged pages reused\)$/);
    expect(await readFile(page, 'utf8')).toBe(original);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // An unchanged page is left as it is: not rewritten (same inode, same change time).
    const kept = await stat(page);
    await report('a');
    expect(await stat(page)).toMatchObject({ ino: kept.ino, ctimeMs: kept.ctimeMs });
  });

  it('#15.9 a report whose inputs did not change renders only the overview and the runbook run pages: every fixed, action and runbook page is left as it is', async () => {
    await append(scenarioRuns(commits));
    expect((await report('a')).render).toBe('render');
    const again = await report('a');
    expect(again.render).toBe(`render (${again.pages - again.alwaysRendered} unchanged pages reused)`);
    // A commit changing one action's description: the usage page (runs only) is not rendered again.
    await repo.commit({
      message: 'Describe restart-web once more',
      author: ALICE,
      date: '2026-03-06T10:00:00Z',
      files: {
        'definitions/actions/restart-web.yaml': actionYaml({
          id: 'restart-web',
          status: 'released',
          description: 'Restarts the web tier, once more.',
          tags: ['web'],
          targets: ['web-01', 'web-02', 'web-03'],
        }),
      },
    });
    const usage = await stat(path.join(root, 'a', 'usage.html'));
    const r = await report('a');
    expect(r.render).toMatch(/^render \(\d+ unchanged pages reused\)$/);
    expect(await stat(path.join(root, 'a', 'usage.html'))).toMatchObject({
      ino: usage.ino,
      ctimeMs: usage.ctimeMs,
    });
    await fullReport('full');
    await expectSameFiles('a', 'full');
  });

  it('#15.9 pages written by another version of opsledger are all rendered again', async () => {
    await append(scenarioRuns(commits));
    await report('a');
    expect((await report('a')).render).toMatch(/^render \(\d+ unchanged pages reused\)$/);
    const cache = path.join(dataDir, 'cache', 'report-pages.json');
    const text = await readFile(cache, 'utf8');
    expect(text).toContain(`"version":${JSON.stringify(PACKAGE_VERSION)}`);
    await writeFile(cache, text.replace(`"version":${JSON.stringify(PACKAGE_VERSION)}`, '"version":"0.0.1"'));
    expect((await report('a')).render).toBe('render');
    await fullReport('full');
    await expectSameFiles('a', 'full');
  });

  it('#15.9 a retention purge invalidates both caches, and a report after it equals a full regeneration', async () => {
    await append(scenarioRuns(commits));
    await report('a');
    const purge = await applyRetention({
      dataDir,
      policy: { default_days: 30 },
      now: new Date(SCENARIO_NOW),
      dryRun: false,
    });
    expect(purge.purged_records).toBeGreaterThan(0);
    const r = await report('a');
    expect(r).toMatchObject({
      journal: 'journal scan',
      verify: 'verify (rest, in a child process)',
      ok: true,
    });
    expect(r.model).toMatch(/^model \(0 of \d+ action parts kept\)$/);
    expect(r.warnings.join('\n')).toMatch(/removed by retention/);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // After the purge the caches hold again: one more run is folded and verified on its own.
    await append([finishedRun({ action_id: 'health-check', at: '2026-03-05T08:00:00Z', user: ALICE.email })]);
    expect(await report('a')).toMatchObject({
      journal: 'journal (run cache + 1 new)',
      verify: 'verify (cached + 1 new)',
    });
    await fullReport('full');
    await expectSameFiles('a', 'full');
  });

  it("#15.9 after one new run only its action part of the model is built; after a commit only the changed action's, its runs' findings carried over when the commit came after them and changed nothing they are judged by; each equals a full regeneration", async () => {
    await append(scenarioRuns(commits));
    const first = await report('a');
    const [, total] = /^model \(0 of (\d+) action parts kept\)$/.exec(first.model) ?? [];
    expect(Number(total)).toBeGreaterThan(2);
    expect((await report('a')).model).toBe(`model (${total} of ${total} action parts kept)`);
    await append([finishedRun({ action_id: 'health-check', at: '2026-02-20T08:00:00Z', user: ALICE.email })]);
    expect((await report('a')).model).toBe(`model (${Number(total) - 1} of ${total} action parts kept)`);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // A commit after the last run: only restart-web's definition (its events) changed.
    await repo.commit({
      message: 'Describe restart-web again',
      author: ALICE,
      date: '2026-03-06T10:00:00Z',
      files: {
        'definitions/actions/restart-web.yaml': actionYaml({
          id: 'restart-web',
          status: 'released',
          description: 'Restarts the web tier, described again.',
          tags: ['web'],
          targets: ['web-01', 'web-02', 'web-03'],
        }),
      },
    });
    const carried = await report('a');
    expect(carried.model).toBe(
      `model (${Number(total) - 1} of ${total} action parts kept, 1 built with their runs' findings carried over)`,
    );
    // The kept part's findings were read from its file while the report rendered: it was not removed under them.
    expect(carried.warnings).toEqual([]);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // The first definition of an action that had run, pinned to a commit of the branch: its runs are judged again
    // (it now has history), none carried over.
    await append([
      finishedRun({
        action_id: 'ghost-action',
        at: '2026-03-05T08:00:00Z',
        user: ALICE.email,
        definition: {
          commit: commits.failover!,
          blob: null,
          path: 'definitions/actions/ghost-action.yaml',
          version: 1,
          status: 'released',
          dirty: false,
        },
      }),
    ]);
    await report('a');
    await repo.commit({
      message: 'Define ghost-action',
      author: ALICE,
      date: '2026-03-06T11:00:00Z',
      files: {
        'definitions/actions/ghost-action.yaml': actionYaml({ id: 'ghost-action', status: 'released' }),
      },
    });
    expect((await report('a')).model).toBe(`model (${Number(total) - 1} of ${total} action parts kept)`);
    await fullReport('full');
    await expectSameFiles('a', 'full');
  });

  it('#15.9 after each commit the history part is kept as the last one plus what the commit adds, in at most HISTORY_CHAIN_LENGTH files; a missing one is judged again with a warning; each report equals a full regeneration', async () => {
    // A clock after every commit below, so that each is in the period.
    const now = '2026-04-01T00:00:00Z';
    await append(scenarioRuns(commits));
    await report('a', true, now);
    const partsDir = path.join(dataDir, 'cache', 'report-parts');
    // The files keeping the history part: the list's, then each one it extends (the skeleton's `extends`).
    const historyFiles = async () => {
      const list = await readFile(path.join(dataDir, 'cache', 'report-parts.json'), 'utf8');
      const chain: string[] = [];
      let key = (JSON.parse(list.split('\n')[1]!) as { history: string | undefined }).history;
      while (key) {
        chain.push(key);
        const text = await readFile(path.join(partsDir, `${key}.json`), 'utf8');
        key = (JSON.parse(text.split('\n')[1]!) as { part: { extends?: string } }).part.extends;
      }
      return chain;
    };
    const lengths: number[] = [];
    for (let i = 1; i <= HISTORY_CHAIN_LENGTH + 2; i++) {
      await commitRestartWeb(
        `Describe restart-web, take ${i}`,
        i % 2 ? ALICE : BOB,
        `2026-03-${10 + i}T10:00:00Z`,
        {
          description: `Restarts the web tier (${i}).`,
        },
      );
      await report('a', true, now);
      lengths.push((await historyFiles()).length);
    }
    // One file more per commit, whole again at the bound; every file of the chain is kept, no other history file.
    expect(lengths.slice(0, HISTORY_CHAIN_LENGTH)).toEqual(
      [...Array(HISTORY_CHAIN_LENGTH).keys()].map((k) => (k + 2 > HISTORY_CHAIN_LENGTH ? 1 : k + 2)),
    );
    expect(Math.max(...lengths)).toBeLessThanOrEqual(HISTORY_CHAIN_LENGTH);
    await fullReport('full', now);
    await expectSameFiles('a', 'full');

    // One commit more, then a file of the chain removed: the history is judged again, with a warning, and the same.
    await commitRestartWeb('Tag restart-web', CAROL, '2026-03-25T10:00:00Z', { tags: ['web', 'tier-1'] });
    await report('a', true, now);
    const chain = await historyFiles();
    expect(chain.length).toBeGreaterThan(1);
    await rm(path.join(partsDir, `${chain.at(-1)!}.json`));
    const after = await report('a', true, now);
    expect(after.warnings.join('\n')).toMatch(/cached part\(s\) of the report model are damaged or missing/);
    await fullReport('full', now);
    await expectSameFiles('a', 'full');
  });

  it("#15.9 a report at a later clock time (the default --now) keeps every part and the runs' summary when it takes in no other run or commit; each equals a full regeneration at its time", async () => {
    await append(scenarioRuns(commits));
    const summary = path.join(dataDir, 'cache', 'report-summary.bin');
    // Each time after the one before; some end the period before the last runs, one crosses into a new week.
    const nows = [
      '2026-02-20T08:00:00Z',
      '2026-02-20T08:30:00Z',
      SCENARIO_NOW,
      '2026-03-06T12:45:00Z',
      '2026-03-16T09:00:00Z',
    ];
    const first = await report('a', true, nows[0]);
    const [, total] = /^model \(0 of (\d+) action parts kept\)$/.exec(first.model) ?? [];
    let ino = (await stat(summary)).ino;
    for (const [i, now] of nows.entries()) {
      if (i === 0) continue;
      const r = await report('a', true, now);
      const { ino: now_ino } = await stat(summary);
      if (i === 1 || i === 3) {
        // Half an hour later with no run started nor commit made in between: nothing is built, nothing walked again.
        expect(r.model).toBe(`model (${total} of ${total} action parts kept)`);
        expect(now_ino).toBe(ino);
      }
      ino = now_ino;
      await fullReport('full', now);
      await expectSameFiles('a', 'full');
    }
  });

  it("#15.9 the runs' summary kept from the last report is used after new runs, and never when it is damaged: both equal a full regeneration", async () => {
    await append(scenarioRuns(commits));
    await report('a');
    const file = path.join(dataDir, 'cache', 'report-summary.bin');
    const written = await readFile(file, 'latin1');
    const { ino } = await stat(file);
    expect(written).toMatch(/"actionRuns":\d+/);
    // After one new run the kept summary stands for the cached runs (nothing walks them again).
    await append([finishedRun({ action_id: 'health-check', at: '2026-02-20T08:00:00Z', user: ALICE.email })]);
    await report('a');
    expect((await stat(file)).ino).toBe(ino);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // One count changed in place (same length): the checksum no longer matches, the runs are walked again.
    await writeFile(
      file,
      written.replace(
        /"actionRuns":(\d*)(\d)/,
        (_m, a: string, d: string) => `"actionRuns":${a}${(Number(d) + 1) % 10}`,
      ),
      'latin1',
    );
    await append([finishedRun({ action_id: 'restart-web', at: '2026-02-21T08:00:00Z', user: BOB.email })]);
    await report('a');
    await fullReport('full');
    await expectSameFiles('a', 'full');
  });

  it('#15.9 an approval note recorded between two reports, with no commit and no run, is taken in (the history index names the notes it overlays): the report equals a full regeneration', async () => {
    await append(scenarioRuns(commits));
    await report('inc');
    const before = await filesOf('inc');
    // The first change approved on its pull request: every change after it, with no note, is now unapproved.
    const first = commits.restartCreate!;
    await writeApprovalNote(repo.dir, first, {
      version: 1,
      pull_request: {
        number: 3,
        url: 'https://github.com/acme/ops/pull/3',
        head_sha: first,
        base_ref: 'main',
        authors: ['bob-gh'],
      },
      approvals: [
        {
          reviewer_login: 'carol-gh',
          email: CAROL.email,
          state: 'APPROVED',
          commit_id: first,
          submitted_at: '2026-01-05T09:30:00Z',
        },
      ],
      recorded_at: '2026-01-05T09:40:00Z',
    });
    const r = await report('inc');
    expect(r.journal).toBe('journal (run cache)');
    await fullReport('full');
    await expectSameFiles('inc', 'full');
    expect((await filesOf('inc')).get('index.md')).not.toBe(before.get('index.md'));
  });

  it('#15.9 a commit rewritten with the same content (force-pushed with another message): the changed history is taken in, the report equals a full regeneration', async () => {
    await append(scenarioRuns(commits));
    const change = (message: string) =>
      repo.commit({
        message,
        author: BOB,
        date: '2026-03-02T10:00:00Z',
        files: {
          'definitions/actions/restart-web.yaml': actionYaml({
            id: 'restart-web',
            status: 'released',
            description: 'Restarts the web tier, gently.',
            tags: ['web'],
            targets: ['web-01', 'web-02', 'web-03'],
          }),
        },
      });
    await change('Describe restart-web: gently');
    await report('inc');
    const before = await filesOf('inc');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    await change('Describe restart-web: softly');
    await report('inc');
    await fullReport('full');
    await expectSameFiles('inc', 'full');
    expect((await filesOf('inc')).get('actions/restart-web.md')).not.toBe(
      before.get('actions/restart-web.md'),
    );
  });

  it('#15.9 a damaged or foreign model-parts list or part is not trusted: the model (or that part) is built again, with a warning', async () => {
    await append(scenarioRuns(commits));
    const first = await report('a');
    const [, total] = /^model \(0 of (\d+) action parts kept\)$/.exec(first.model) ?? [];
    const dir = path.join(dataDir, 'cache', 'report-parts');
    const names = (await readdir(dir)).sort();
    // The action parts, the runbook sections and the history part, each in its own file.
    const runbookPages = (await readdir(path.join(root, 'a', 'runbooks')).catch(() => [] as string[])).filter(
      (n) => /^[^/]+\.md$/.test(n),
    );
    expect(names).toHaveLength(Number(total) + runbookPages.length + 1);
    const damagePart = async (name: string) => {
      const file = path.join(dir, name);
      const text = await readFile(file, 'utf8');
      const changed = text.replace(/"runs":(\d+)/, (_m, n: string) => `"runs":${Number(n) + 1}`);
      await writeFile(file, changed === text ? text.replace(/\}$/, ' }') : changed);
    };
    // One part's figure changed in place: its checksum no longer matches; that part alone is built again.
    await damagePart(names[0]!);
    let r = await report('a');
    expect(r.model).toMatch(
      new RegExp(`^model \\((${Number(total) - 1}|${total}) of ${total} action parts kept\\)$`),
    );
    expect(r.warnings.join('\n')).toMatch(/1 cached part\(s\) of the report model are damaged or missing/);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // A part file removed: the same.
    await rm(path.join(dir, names[1]!));
    r = await report('a');
    expect(r.warnings.join('\n')).toMatch(/1 cached part\(s\) of the report model are damaged or missing/);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // The list changed in place: nothing of it is trusted.
    const file = path.join(dataDir, 'cache', 'report-parts.json');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(/"actions":\["([0-9a-f])/, (_m, c: string) => `"actions":["${c === 'a' ? 'b' : 'a'}`),
    );
    r = await report('a');
    expect(r.model).toMatch(/^model \(0 of \d+ action parts kept\)$/);
    expect(r.warnings.join('\n')).toMatch(/cached report model is damaged/);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // A list of another format (format 4 was one file holding every part): nothing of it is trusted either.
    const list = await readFile(file, 'utf8');
    expect(list).toContain(`"format":${MODEL_PARTS_FORMAT}`);
    await writeFile(file, list.replace(`"format":${MODEL_PARTS_FORMAT}`, '"format":6'));
    r = await report('a');
    expect(r.model).toMatch(/^model \(0 of \d+ action parts kept\)$/);
    expect(r.warnings.join('\n')).toMatch(/cached report model is damaged or of another version/);
    await fullReport('full');
    await expectSameFiles('a', 'full');
    // Only the listed parts are left in the folder.
    expect((await readdir(dir)).length).toBe(Number(total) + runbookPages.length + 1);
  });
  it("#15.9 a part built again with its runs' findings carried over from a kept part read in parts: the kept part's file stays while the report reads their texts, and is gone after the next report that writes the parts", async () => {
    await append(scenarioRuns(commits));
    await report('a');
    const dir = path.join(dataDir, 'cache', 'report-parts');
    const listed = async () =>
      (
        JSON.parse(
          (await readFile(path.join(dataDir, 'cache', 'report-parts.json'), 'utf8')).split('\n')[1]!,
        ) as { actions: string[] }
      ).actions;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 120_000 });
    try {
      // Stamped by this report, read in parts by the next.
      await report('a');
      const before = await listed();
      await commitRestartWeb('Describe restart-web after its runs', ALICE, '2026-03-06T10:00:00Z', {
        description: 'Restarts the web tier, described again.',
      });
      // The findings page rendered again: restart-web's findings' texts are read from the kept part's file.
      await rm(path.join(root, 'a', 'findings.md'));
      const r = await report('a');
      expect(r.model).toMatch(/, 1 built with their runs' findings carried over\)$/);
      expect(r.warnings).toEqual([]);
      await fullReport('full');
      await expectSameFiles('a', 'full');
      const now = await listed();
      // Of the parts no longer listed (restart-web's, and the runbook's that calls it) only the one carried from is
      // still there; the next report that writes the parts keeps only those it lists.
      const replaced = before.filter((key) => !now.includes(key));
      const left = async () => {
        const files = await readdir(dir);
        return replaced.filter((key) => files.includes(`${key}.json`));
      };
      expect(await left()).toHaveLength(1);
      await append([
        finishedRun({ action_id: 'health-check', at: '2026-03-01T08:00:00Z', user: ALICE.email }),
      ]);
      await report('a');
      expect(await left()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
  it('#15.9 kept parts vouched for by their stamps are read in parts (their deferred texts when shown): the report equals a full regeneration, and one whose part file changes while it is built is built again', async () => {
    await append(scenarioRuns(commits));
    await report('a');
    // Parts are written without an fsync: a stamp vouches for one only once it is a minute old (read-cache-file.ts).
    // The clock two minutes on, the next report stamps them and the one after reads them in parts.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 120_000 });
    try {
      await report('a');
      const stamps = await readFile(path.join(dataDir, 'cache', 'verified.json'), 'utf8');
      expect(stamps).toMatch(/report-parts\/[0-9a-f]{64}\.json/);
      await append([
        finishedRun({ action_id: 'health-check', at: '2026-02-20T08:00:00Z', user: ALICE.email }),
      ]);
      await report('a');
      await fullReport('full');
      await expectSameFiles('a', 'full');
      // restart-web's page removed (so rendered again, reading its part's deferred texts) and its part file replaced
      // by other bytes once the model is built: the report is built again from the parts as they then are.
      const dir = path.join(dataDir, 'cache', 'report-parts');
      let partFile = '';
      for (const name of await readdir(dir)) {
        const text = await readFile(path.join(dir, name), 'latin1');
        if (text.split('\n')[1]?.includes('"report":{"id":"restart-web"')) partFile = path.join(dir, name);
      }
      expect(partFile).not.toBe('');
      await rm(path.join(root, 'a', 'actions', 'restart-web.md'));
      let replaced = false;
      const r = await report('a', true, SCENARIO_NOW, (phase) => {
        if (!phase.startsWith('model') || replaced) return;
        replaced = true;
        const text = readFileSync(partFile, 'latin1');
        writeFileSync(
          `${partFile}.tmp`,
          text.replace('"report":{"id":"restart-web"', '"report":{"id":"restart-wex"'),
          'latin1',
        );
        renameSync(`${partFile}.tmp`, partFile);
      });
      expect(replaced).toBe(true);
      expect(r.warnings.join('\n')).toMatch(
        /a kept part of the report model changed while the report read it: .*: the report is built again/,
      );
      await fullReport('full');
      await expectSameFiles('a', 'full');
    } finally {
      vi.useRealTimers();
    }
  });
});
