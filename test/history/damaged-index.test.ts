import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHistory } from '../../src/cli/cli-history.js';
import type { PackTable } from '../../src/history/definition-pack.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import { ROOT } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { ACTION_PATH, actionYaml, RUNBOOK_PATH, runbookYaml } from './fixtures.js';

let repo: TestRepo;
let pristine: string;
const temps: string[] = [];

/** Every read the history commands make, as the index of `dataDir` answers them (a damaged file: rebuilt, retried). */
async function answers(dataDir: string, warnings: string[] = []): Promise<unknown> {
  const index = await openHistoryIndex({
    repo: repo.dir,
    dataDir,
    branch: 'main',
    onWarning: (m) => warnings.push(m),
  });
  const commits = await readHistory(index, () => index.commits());
  return readHistory(index, () => ({
    history: index.history('restart-web'),
    steps: index.history('failover/drain'),
    events: index.events(),
    invalid: index.invalid(),
    commits,
    ids: index.ids('action'),
    latest: index.definitionAt('action', 'restart-web'),
    first: index.definitionAt('action', 'restart-web', 1),
    atFirst: index.definitionsAt('action', commits[0]!.sha),
  }));
}

async function copyOf(dir: string): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'opsledger-hist-damaged-'));
  temps.push(copy);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** The index's files: meta.json and every file of its generation, relative to the data dir. */
function indexFiles(dataDir: string): string[] {
  const gen = readdirSync(path.join(dataDir, 'history')).find((n) => n.startsWith('gen-'))!;
  return [
    'history/meta.json',
    ...readdirSync(path.join(dataDir, 'history', gen)).map((n) => `history/${gen}/${n}`),
  ];
}

/** Whether byte `at` of `file` is one a reader uses (a pack's newline between records is not). */
function counts(dataDir: string, file: string, at: number): boolean {
  if (!file.endsWith('.pack')) return true;
  const tableName = indexFiles(dataDir).find((f) => /defs-\d+\.json$/.test(f))!;
  const table = JSON.parse(readFileSync(path.join(dataDir, tableName), 'utf8')) as PackTable;
  return Object.values(table.files).some((byId) =>
    Object.values(byId).some(([offset, length]) => at >= offset && at < offset + length),
  );
}

beforeAll(async () => {
  repo = await createTestRepo();
  await repo.commit({
    message: 'Add restart-web and failover',
    files: { [ACTION_PATH]: actionYaml(), [RUNBOOK_PATH]: runbookYaml([{ id: 'drain' }]) },
  });
  await repo.commit({ message: 'Raise timeout', files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } });
  await repo.commit({ message: 'broken runbook', files: { [RUNBOOK_PATH]: 'id: failover\nname: [\n' } });
  await repo.commit({
    message: 'Fix runbook',
    files: { [RUNBOOK_PATH]: runbookYaml([{ id: 'drain' }, { id: 'switch' }]) },
  });
  pristine = await mkdtemp(path.join(tmpdir(), 'opsledger-hist-pristine-'));
  temps.push(pristine);
  await answers(pristine);
}, 60_000);
afterAll(async () => {
  await repo.cleanup();
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

describe('a damaged history index', () => {
  it('#13.9 every index file carries a checksum: a flipped byte, a cut, an empty file or another format is never trusted', async () => {
    const expected = await answers(pristine);
    const files = indexFiles(pristine);
    expect(files.map((f) => path.basename(f)).sort()).toEqual(
      expect.arrayContaining(['commits.txt', 'invalid.json', 'meta.json']),
    );
    expect(files.some((f) => f.endsWith('.pack'))).toBe(true);
    // The checkpoint is read only by an update: it is checked when the next commit is indexed (below).
    const readByQueries = files.filter((f) => !/state-\d+\.json$/.test(f));
    for (const file of readByQueries) {
      const whole = readFileSync(path.join(pristine, file));
      const damages: [string, Buffer][] = [
        ['truncated', whole.subarray(0, Math.floor(whole.length / 2))],
        ['empty', Buffer.alloc(0)],
        ['zeroed', Buffer.alloc(whole.length)],
      ];
      if (file.endsWith('meta.json')) {
        damages.push(['another format', Buffer.from(whole.toString().replace(/"format":\d+/, '"format":4'))]);
      }
      for (const [how, bytes] of damages) {
        const dir = await copyOf(pristine);
        writeFileSync(path.join(dir, file), bytes);
        const warnings: string[] = [];
        expect(await answers(dir, warnings), `${file} ${how}`).toEqual(expected);
        expect(warnings.join('\n'), `${file} ${how}`).toMatch(/history: .*damaged.*rebuilt/);
      }
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: whole.length - 1 }),
          fc.integer({ min: 1, max: 255 }),
          async (at, mask) => {
            const dir = await copyOf(pristine);
            const bytes = Buffer.from(whole);
            bytes[at] = bytes[at]! ^ mask;
            writeFileSync(path.join(dir, file), bytes);
            const warnings: string[] = [];
            expect(await answers(dir, warnings), `${file} byte ${at}`).toEqual(expected);
            if (counts(pristine, file, at))
              expect(warnings.join('\n'), `${file} byte ${at}`).toMatch(/damaged/);
          },
        ),
        { numRuns: 8, seed: 13 },
      );
    }
  }, 240_000);

  it('#13.9 an update never builds on a damaged file: the index after the next commit is the one built from scratch', async () => {
    const base = await copyOf(pristine);
    const files = indexFiles(base);
    await repo.commit({
      message: 'Approve',
      files: { [ACTION_PATH]: actionYaml({ timeout: 600, status: 'approved' }) },
    });
    const expected = await answers(
      await mkdtemp(path.join(tmpdir(), 'opsledger-hist-fresh-')).then((d) => (temps.push(d), d)),
    );
    for (const file of files) {
      const whole = readFileSync(path.join(base, file));
      const flipped = Buffer.from(whole);
      // A byte inside the first record of a pack, else in the middle of the file.
      const at = file.endsWith('.pack') ? 2 : Math.floor(whole.length / 2);
      flipped[at] = flipped[at]! ^ 0x01;
      for (const [how, bytes] of [
        ['flipped', flipped],
        ['truncated', whole.subarray(0, whole.length - 3)],
      ] as const) {
        const dir = await copyOf(base);
        writeFileSync(path.join(dir, file), bytes);
        const warnings: string[] = [];
        expect(await answers(dir, warnings), `${file} ${how}`).toEqual(expected);
        expect(warnings.join('\n'), `${file} ${how}`).toMatch(/history: .*damaged.*rebuilt/);
      }
    }
  }, 240_000);
  it("#13.9 the copy of the repo's schemas is checked against the blobs it came from: a damaged one is rebuilt", async () => {
    const schemas = Object.fromEntries(
      ['action', 'runbook', 'role'].map((k) => [
        `definitions/schema/${k}.schema.json`,
        readFileSync(path.join(ROOT, 'definitions', 'schema', `${k}.schema.json`), 'utf8'),
      ]),
    );
    // The copy is written when a version needs judging by these schemas: the commit also changes the action.
    await repo.commit({
      message: 'Own schemas',
      files: { ...schemas, [ACTION_PATH]: actionYaml({ timeout: 450 }) },
    });
    const dir = await copyOf(pristine);
    await answers(dir);
    const keyDir = path.join(dir, 'history', 'schema');
    const key = readdirSync(keyDir)[0]!;
    const file = path.join(keyDir, key, 'action.schema.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"required": [', '"required": ["nonexistent", '));
    await repo.commit({ message: 'Retire', files: { [ACTION_PATH]: actionYaml({ timeout: 900 }) } });
    const fresh = await mkdtemp(path.join(tmpdir(), 'opsledger-hist-fresh-'));
    temps.push(fresh);
    const expected = await answers(fresh);
    const warnings: string[] = [];
    expect(await answers(dir, warnings)).toEqual(expected);
    expect(warnings.join('\n')).toMatch(/history\/schema\/.*action\.schema\.json does not match the blob/);
    expect(readFileSync(file, 'utf8')).toBe(schemas['definitions/schema/action.schema.json']);
  }, 60_000);
  it('a file an update replaced after a reader read meta is followed, not taken for damage', async () => {
    const dir = await copyOf(pristine);
    const warnings: string[] = [];
    const open = () =>
      openHistoryIndex({ repo: repo.dir, dataDir: dir, branch: 'main', onWarning: (m) => warnings.push(m) });
    const reader = await open();
    await repo.commit({ message: 'break it again', files: { [RUNBOOK_PATH]: 'id: failover\nname: [\n' } });
    const writer = await open();
    const expected = writer.invalid();
    expect(expected.length).toBeGreaterThan(1);
    expect(reader.invalid()).toEqual(expected);
    expect(reader.commits()).toEqual(writer.commits());
    expect(warnings).toEqual([]);
    expect(readdirSync(path.join(dir, 'history'))).toContain('meta.json');
  }, 60_000);
});
