import { cpSync, existsSync, readFileSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import type * as FsModule from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readHistory } from '../../src/cli/cli-history.js';
import type { PackTable } from '../../src/history/definition-pack.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import { RACY_MARGIN_MS, STAMPS_FILE, stampable, statKey } from '../../src/history/verified-stamps.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { ACTION_PATH, actionYaml, RUNBOOK_PATH, runbookYaml } from './fixtures.js';

// docs/history.md, "Checked once, then trusted by stat": a file of the index whose stat a stamp recorded when it
// matched its checksum is not hashed again; any other stat means the full check.

let repo: TestRepo;
const temps: string[] = [];
let expected: unknown;

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
  }));
}

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-stamps-'));
  temps.push(dir);
  return dir;
}

const bigStat = (file: string): BigIntStats => statSync(file, { bigint: true });
const stampsOf = (dir: string): Record<string, [string, string]> =>
  (
    JSON.parse(readFileSync(path.join(dir, 'history', STAMPS_FILE), 'utf8')) as {
      stamps: Record<string, [string, string]>;
    }
  ).stamps;
const genOf = (dir: string): string =>
  `gen-${(JSON.parse(readFileSync(path.join(dir, 'history/meta.json'), 'utf8')) as { generation: number }).generation}`;
const tableOf = (dir: string): { name: string; table: PackTable } => {
  const meta = JSON.parse(readFileSync(path.join(dir, 'history/meta.json'), 'utf8')) as { seq: number };
  const name = `${genOf(dir)}/defs-${meta.seq}.json`;
  return { name, table: JSON.parse(readFileSync(path.join(dir, 'history', name), 'utf8')) as PackTable };
};

/** Replace the first `from` inside the pack's record of restart-web by `to` (same length); returns the pack's path. */
function alterRecord(dir: string, from: string, to: string): string {
  const { table } = tableOf(dir);
  const [offset, length] = table.files.action!['restart-web']!;
  const pack = path.join(dir, 'history', genOf(dir), table.pack);
  const bytes = readFileSync(pack);
  const at = bytes.subarray(offset, offset + length).indexOf(from);
  expect(at, `${from} in the record`).toBeGreaterThanOrEqual(0);
  bytes.write(to, offset + at, 'utf8');
  writeFileSync(pack, bytes);
  return pack;
}

/**
 * Copies of one index made before the wait, so that their files are older than the racy margin when the tests run (and
 * not read before: this process keeps the stamps it read per index).
 */
const ready: string[] = [];
const aged = (): string => ready.shift()!;

beforeAll(async () => {
  repo = await createTestRepo();
  await repo.commit({
    message: 'Add restart-web and failover',
    files: { [ACTION_PATH]: actionYaml(), [RUNBOOK_PATH]: runbookYaml([{ id: 'drain' }]) },
  });
  await repo.commit({ message: 'Raise timeout', files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } });
  await repo.commit({ message: 'broken runbook', files: { [RUNBOOK_PATH]: 'id: failover\nname: [\n' } });
  const pristine = await dataDir();
  expected = await answers(pristine);
  for (let i = 0; i < 16; i++) {
    const dir = await dataDir();
    cpSync(pristine, dir, { recursive: true });
    ready.push(dir);
  }
  await sleep(RACY_MARGIN_MS + 300);
}, 120_000);

afterEach(() => vi.restoreAllMocks());

afterAll(async () => {
  await repo.cleanup();
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

describe('index files checked once, then trusted by their stat', () => {
  it('#15.7 a file written within the racy margin is checked but not stamped', async () => {
    const dir = await dataDir();
    expect(await answers(dir)).toEqual(expected); // builds the index, then reads it: every file is seconds old
    expect(existsSync(path.join(dir, 'history', STAMPS_FILE))).toBe(false);
  });

  it('#15.7 a read stamps what it checked; a later read whose files have the same stat hashes nothing', async () => {
    const dir = aged();
    expect(await answers(dir)).toEqual(expected);
    const stamps = stampsOf(dir);
    const gen = genOf(dir);
    const { name: table } = tableOf(dir);
    expect(Object.keys(stamps)).toEqual(
      expect.arrayContaining(['meta.json', table, `${gen}/invalid.json`, `${gen}/commits.txt`]),
    );
    expect(Object.keys(stamps).some((name) => /^gen-\d+\/defs-\d+\.pack@\d+\+\d+$/.test(name))).toBe(true);
    expect(stamps['meta.json']![0]).toBe(statKey(bigStat(path.join(dir, 'history/meta.json'))));

    const crypto = process.getBuiltinModule('node:crypto');
    const createHash = vi.spyOn(crypto, 'createHash');
    expect(await answers(dir)).toEqual(expected);
    expect(createHash).not.toHaveBeenCalled();
  });

  it('#15.9 the stamps a read makes are written together when it is done, not once per file', async () => {
    const dir = aged();
    const fs = createRequire(import.meta.url)('node:fs') as typeof FsModule;
    const real = fs.renameSync;
    const writes: string[] = [];
    // The named imports of node:fs follow its CommonJS object once synced (module.syncBuiltinESMExports).
    fs.renameSync = (from, to) => {
      writes.push(String(to));
      real(from, to);
    };
    syncBuiltinESMExports();
    try {
      expect(await answers(dir)).toEqual(expected);
    } finally {
      fs.renameSync = real;
      syncBuiltinESMExports();
    }
    const stampWrites = writes.filter((to) => to.endsWith(STAMPS_FILE));
    const stamped = Object.keys(stampsOf(dir)).length;
    expect(stamped).toBeGreaterThanOrEqual(5);
    // One write per synchronous run of reads (the open's and answers()'s two), where there was one per file checked.
    expect(stampWrites.length).toBeGreaterThan(0);
    expect(stampWrites.length).toBeLessThanOrEqual(3);
    expect(stampWrites.length).toBeLessThan(stamped);
  });

  it('#15.7 fault injection: a damaged file whose stat changed is caught although a stamp named it', async () => {
    const names = (dir: string) => {
      const gen = genOf(dir);
      return ['meta.json', tableOf(dir).name, `${gen}/invalid.json`, `${gen}/commits.txt`, 'pack'];
    };
    for (const which of names(ready[0]!)) {
      const dir = aged();
      expect(await answers(dir)).toEqual(expected); // stamps every file
      const stamps = stampsOf(dir);
      if (which === 'pack') {
        expect(Object.keys(stamps).some((name) => name.includes('.pack@'))).toBe(true);
        alterRecord(dir, 'nginx', 'nginy');
      } else {
        expect(Object.keys(stamps), which).toContain(which);
        const file = path.join(dir, 'history', which);
        const bytes = readFileSync(file);
        // A flipped byte inside the JSON or a commit line: same length, other content.
        const at = Math.floor(bytes.length / 2);
        bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
        writeFileSync(file, bytes);
      }
      const warnings: string[] = [];
      expect(await answers(dir, warnings), which).toEqual(expected);
      expect(warnings.join('\n'), which).toMatch(/history: .*damaged.*rebuilt/);
    }
  });

  it('#15.7 a stamp that lies is trusted only when the stat matches exactly', async () => {
    /** Damage restart-web's record, then stamp the damaged pack as checked, with `change` applied to the stamp. */
    const forge = async (change: (key: string, checksum: string) => [string, string]) => {
      const dir = aged();
      const { table } = tableOf(dir);
      const [offset, length, checksum] = table.files.action!['restart-web']!;
      const pack = alterRecord(dir, 'nginx', 'nginy');
      const name = `${genOf(dir)}/${table.pack}@${offset}+${length}`;
      const stamp = change(statKey(bigStat(pack)), checksum);
      writeFileSync(
        path.join(dir, 'history', STAMPS_FILE),
        JSON.stringify({ format: 1, stamps: { [name]: stamp } }),
      );
      const warnings: string[] = [];
      const answer = await answers(dir, warnings);
      return { answer, warnings };
    };
    // The exact stat of the damaged file and the checksum the table names: trusted (the rule's known limit: a change
    // that leaves the stat as it was is not seen; writers check every file before they extend the index).
    const trusted = await forge((key, checksum) => [key, checksum]);
    expect(trusted.warnings).toEqual([]);
    expect(JSON.stringify(trusted.answer)).toContain('nginy');

    const field = (key: string, i: number, f: (v: bigint) => bigint) =>
      key
        .split(':')
        .map((v, j) => (j === i ? String(f(BigInt(v))) : v))
        .join(':');
    const lies: [string, (key: string, checksum: string) => [string, string]][] = [
      ['another device', (key, c) => [field(key, 0, (v) => v + 1n), c]],
      ['another inode', (key, c) => [field(key, 1, (v) => v + 1n), c]],
      ['another size', (key, c) => [field(key, 2, (v) => v + 1n), c]],
      ['an mtime 1 ns off', (key, c) => [field(key, 3, (v) => v - 1n), c]],
      ['a ctime 1 ns off', (key, c) => [field(key, 4, (v) => v - 1n), c]],
      ['another checksum', (key) => [key, '0000000000000000']],
      ['not a stat', (_key, c) => ['garbage', c]],
    ];
    for (const [how, lie] of lies) {
      const { answer, warnings } = await forge(lie);
      expect(answer, how).toEqual(expected);
      expect(warnings.join('\n'), how).toMatch(/history: .*damaged.*rebuilt/);
    }
  });

  it('#15.7 a stamps file that is not one is ignored: every file is checked', async () => {
    const dir = aged();
    writeFileSync(path.join(dir, 'history', STAMPS_FILE), '{"format":1,"stamps":');
    const warnings: string[] = [];
    expect(await answers(dir, warnings)).toEqual(expected);
    expect(warnings).toEqual([]);
    expect(Object.keys(stampsOf(dir))).toContain('meta.json'); // and written again, whole
  });

  it('#15.7 the racy rule: a file is stamped only when its mtime and ctime are a margin older than the read', () => {
    const at = (ms: number): bigint => BigInt(ms) * 1_000_000n;
    const stat = (mtimeMs: number, ctimeMs: number) =>
      ({ mtimeNs: at(mtimeMs), ctimeNs: at(ctimeMs) }) as unknown as BigIntStats;
    const start = 1_800_000_000_000;
    expect(stampable(stat(start - RACY_MARGIN_MS, start - RACY_MARGIN_MS), start)).toBe(true);
    expect(stampable(stat(start - RACY_MARGIN_MS + 1, start - 60_000), start)).toBe(false);
    expect(stampable(stat(start - 60_000, start - RACY_MARGIN_MS + 1), start)).toBe(false);
    expect(stampable(stat(start + 5_000, start + 5_000), start)).toBe(false); // a clock ahead of ours
  });
});
