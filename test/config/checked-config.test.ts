import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_SCHEMA_FILE, checkedConfig } from '../../src/config/checked-config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { RACY_MARGIN_MS } from '../../src/history/verified-stamps.js';
import { SHIPPED_SCHEMA_DIR } from '../../src/definitions/schemas.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-checked-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let cacheDir: string;
const previous = process.env.OPSLEDGER_CODE_CACHE_DIR;
beforeEach(() => {
  cacheDir = mkdtempSync(path.join(tmp, 'cache-'));
  process.env.OPSLEDGER_CODE_CACHE_DIR = cacheDir;
});
afterEach(() => {
  vi.restoreAllMocks();
  if (previous === undefined) delete process.env.OPSLEDGER_CODE_CACHE_DIR;
  else process.env.OPSLEDGER_CODE_CACHE_DIR = previous;
});

/** Run `load` as if the files were written more than the racy margin ago (their stats may then be kept). */
async function later<T>(load: () => Promise<T>): Promise<T> {
  const realNow = Date.now.bind(Date);
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + RACY_MARGIN_MS + 1000);
  try {
    return await load();
  } finally {
    vi.restoreAllMocks();
  }
}

/** The kept configs' store, as its one file (undefined: none written). */
function store(): { kept: [string, unknown][] } | undefined {
  const dir = readdirSync(cacheDir).find((d) => d.startsWith('config-'));
  if (!dir) return undefined;
  return JSON.parse(readFileSync(path.join(cacheDir, dir, 'config-checked.json'), 'utf8')) as {
    kept: [string, unknown][];
  };
}

function repoWith(config: string): string {
  const repo = mkdtempSync(path.join(tmp, 'repo-'));
  writeFileSync(path.join(repo, 'opsledger.yaml'), config);
  return repo;
}

describe('#15.7 opsledger.yaml checked once, then trusted by its stat', () => {
  it('keeps a checked config only once its file is not racily new, and takes it while the stats hold', async () => {
    const repo = repoWith('branch: release\n');
    expect((await loadConfig(repo)).branch).toBe('release');
    expect(store()).toBeUndefined(); // just written: not kept
    expect((await later(() => loadConfig(repo))).branch).toBe('release');
    const kept = store()!.kept;
    expect(kept).toHaveLength(1);
    expect(kept[0]![1]).toEqual({ branch: 'release' });

    // What is kept is what a start with these stats gets, without reading the file (the documented limit: a value
    // forged in the store with the exact stats is trusted, as the history index's stamps are).
    const file = path.join(cacheDir, readdirSync(cacheDir)[0]!, 'config-checked.json');
    writeFileSync(file, JSON.stringify({ format: 1, kept: [[kept[0]![0], { branch: 'kept' }]] }));
    expect((await loadConfig(repo)).branch).toBe('kept');

    // An edit changes the stat: checked again, whatever is kept.
    writeFileSync(path.join(repo, 'opsledger.yaml'), 'branch: edited\n');
    expect((await loadConfig(repo)).branch).toBe('edited');

    // So does the repo's own config schema appearing beside it (what the file is checked against) or changing.
    await later(() => loadConfig(repo));
    const yaml = path.join(repo, 'opsledger.yaml');
    expect(checkedConfig(repo, yaml).kept()).toEqual({ branch: 'edited' });
    const schema = path.join(repo, 'definitions/schema', CONFIG_SCHEMA_FILE);
    mkdirSync(path.dirname(schema), { recursive: true });
    writeFileSync(schema, readFileSync(path.join(SHIPPED_SCHEMA_DIR, CONFIG_SCHEMA_FILE)));
    expect(checkedConfig(repo, yaml).kept()).toBeUndefined();
    await later(() => loadConfig(repo));
    expect(checkedConfig(repo, yaml).kept()).toEqual({ branch: 'edited' });
    writeFileSync(schema, `${readFileSync(schema, 'utf8')} `);
    expect(checkedConfig(repo, yaml).kept()).toBeUndefined();
  });

  it('never keeps a bad config: its error is found every time', async () => {
    const repo = repoWith('branch: [not, a, name]\n');
    for (let i = 0; i < 2; i++)
      await expect(later(() => loadConfig(repo))).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(store()).toBeUndefined();
  });

  it('keeps nothing with OPSLEDGER_CODE_CACHE_DIR=off', async () => {
    const repo = repoWith('branch: release\n');
    process.env.OPSLEDGER_CODE_CACHE_DIR = 'off';
    expect((await later(() => loadConfig(repo))).branch).toBe('release');
    expect((await later(() => loadConfig(repo))).branch).toBe('release');
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
