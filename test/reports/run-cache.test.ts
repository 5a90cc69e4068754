import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as FsModule from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RACY_MARGIN_MS, STAMPS_FILE } from '../../src/history/verified-stamps.js';
import { openJournal } from '../../src/executions/open-journal.js';
import { generateReport } from '../../src/reports/generate-report.js';
import { UNSYNCED_MARGIN_MS } from '../../src/reports/read-cache-file.js';
import { BlockFile } from '../../src/reports/block-file.js';
import { parseBlockHead } from '../../src/reports/block-layout.js';
import { Ref } from '../../src/reports/run-block.js';
import {
  RUN_CACHE_FORMAT,
  foldRunsCached,
  readRunCache,
  runCachePath,
  writeCheckedFile,
} from '../../src/reports/run-cache.js';
import { ALICE, type TestRepo } from '../helpers/git-repo.js';
import { actionYaml } from './report-fixture.js';
import { createScenarioRepo, scenarioReportOptions, scenarioRuns } from './report-scenario.js';

let repo: TestRepo;
let commits: Record<string, string>;
let root: string;
let dataDir: string;

/** Generate a report into `out`; resolve with how the journal was read (`journal scan` or `journal (run cache)`). */
async function report(out: string): Promise<string> {
  const phases: string[] = [];
  await generateReport(
    scenarioReportOptions(repo.dir, dataDir, path.join(root, out), {
      onPhase: (name) => phases.push(name),
    }),
  );
  return phases.find((p) => p.startsWith('journal ') && !p.startsWith('journal open'))!;
}

/** Count the renames onto `file` (how the stamps file is written) until `stop()`. */
function countRenamesTo(file: string): { count: number; stop(): void } {
  const fs = createRequire(import.meta.url)('node:fs') as typeof FsModule;
  const real = fs.renameSync;
  const counter = {
    count: 0,
    stop: () => {
      fs.renameSync = real;
      syncBuiltinESMExports();
    },
  };
  // The named imports of node:fs follow its CommonJS object once synced (module.syncBuiltinESMExports).
  fs.renameSync = (from, to) => {
    if (String(to) === file) counter.count += 1;
    real(from, to);
  };
  syncBuiltinESMExports();
  return counter;
}

async function filesOf(out: string): Promise<Map<string, string>> {
  const dir = path.join(root, out);
  const names = (await readdir(dir, { recursive: true })).filter((f) => /\.(md|html|json)$/.test(f)).sort();
  return new Map(
    await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), 'utf8')] as const)),
  );
}

beforeAll(async () => {
  ({ repo, commits } = await createScenarioRepo());
  root = await mkdtemp(path.join(tmpdir(), 'opsledger-run-cache-'));
  dataDir = path.join(root, 'data');
}, 60_000);

afterAll(async () => {
  await repo?.cleanup();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('#15.9 the run cache of opsledger report', () => {
  it('#15.9 incremental after N appends and a commit is byte-identical to a full build; only an unchanged journal is read from the cache', async () => {
    const runs = scenarioRuns(commits);
    const journal = await openJournal({ dataDir });
    for (const run of runs.slice(0, 8)) await journal.append(run);
    await journal.close();
    expect(await report('incremental')).toBe('journal scan');
    expect(await report('incremental')).toBe('journal (run cache)');

    // N appends: only the records after the cache's checkpoint are read and folded onto the cached runs.
    const more = await openJournal({ dataDir });
    for (const run of runs.slice(8)) await more.append(run);
    await more.close();
    expect(await report('incremental')).toBe(`journal (run cache + ${runs.length - 8} new)`);

    // One commit: the journal did not change, its runs come from the cache and the records after its checkpoint (the
    // journal is the cache's append-only tail until RUN_CACHE_TAIL_RECORDS records follow it).
    await repo.commit({
      message: 'Describe restart-web better',
      author: ALICE,
      date: '2026-03-01T10:00:00Z',
      files: {
        'definitions/actions/restart-web.yaml': actionYaml({
          id: 'restart-web',
          status: 'released',
          description: 'Restarts the web tier, one host at a time.',
          tags: ['web'],
          targets: ['web-01', 'web-02', 'web-03'],
        }),
      },
    });
    expect(await report('incremental')).toBe(`journal (run cache + ${runs.length - 8} new)`);

    await rm(runCachePath(dataDir));
    expect(await report('full')).toBe('journal scan');
    const incremental = await filesOf('incremental');
    const full = await filesOf('full');
    expect([...incremental.keys()]).toEqual([...full.keys()]);
    for (const [name, content] of full) expect(incremental.get(name), name).toBe(content);
    expect(full.get('actions/restart-web.md')).toContain('Restarts the web tier, one host at a time.');
  });

  it('#15.9 a damaged, foreign-format or tampered-with cache is folded again, never trusted', async () => {
    expect(await report('again')).toBe('journal (run cache)');
    const file = runCachePath(dataDir);
    const good = await readFile(file);
    const expected = await filesOf('again');

    // One byte of the body changed (in a run's column, and in the strings): the checksum no longer matches.
    for (const at of [good.length - 3, good.indexOf('restart-web')]) {
      const damaged = Buffer.from(good);
      damaged[at] = damaged[at]! ^ 1;
      await writeFile(file, damaged);
      expect(await report('again')).toBe('journal scan');
      // Rewritten by that report: good again.
      expect((await readFile(file)).equals(good)).toBe(true);
    }
    // Cut short.
    await writeFile(file, good.subarray(0, good.length - 100));
    expect(await report('again')).toBe('journal scan');

    // Another format version (a cache written by another release).
    await writeFile(
      file,
      Buffer.from(good.toString('latin1').replace(`"format":${RUN_CACHE_FORMAT}`, '"format":99'), 'latin1'),
    );
    expect(await report('again')).toBe('journal scan');

    // Not JSON at all.
    await writeFile(file, 'garbage');
    expect(await report('again')).toBe('journal scan');

    expect(await filesOf('again')).toEqual(expected);
    const header = JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ generator: 'opsledger report', format: RUN_CACHE_FORMAT });
    expect(header.sha256).toMatch(/^[0-9a-f]{64}$/);

    // A journal record edited in place keeps the chain head, but not the file's modification time: folded again, so the
    // report shows what the journal now says (and verify reports the tampering).
    const dir = path.join(dataDir, 'executions');
    const segment = path.join(
      dir,
      (await readdir(dir)).find((n) => n.endsWith('.jsonl'))!,
    );
    const text = await readFile(segment, 'utf8');
    await writeFile(segment, text.replace('"targets":["web-01","web-02"]', '"targets":["web-09","web-02"]'));
    expect(await report('again')).toBe('journal scan');
    expect(text).toContain('"targets":["web-01","web-02"]');
    expect((await filesOf('again')).get('coverage.md')).toContain('web-09');
  });

  it('#15.9 cache files are checked once, then trusted by their stat; one damaged after its stamp is still caught', async () => {
    await report('stamped');
    // Nothing changed in the last 2 s is stamped (git's racily-clean rule): wait, then a report stamps what it checked.
    await sleep(RACY_MARGIN_MS + 300);
    expect(await report('stamped')).toMatch(/^journal \(run cache/);
    const stampsFile = path.join(dataDir, 'cache', STAMPS_FILE);
    const stampsNow = async () =>
      (JSON.parse(await readFile(stampsFile, 'utf8')) as { stamps: Record<string, [string, string]> }).stamps;
    const isPart = (name: string) => /^report-parts\/[0-9a-f]{64}\.json$/.test(name);
    let stamps = await stampsNow();
    const good = await readFile(runCachePath(dataDir));
    const header = JSON.parse(good.toString('utf8', 0, good.indexOf(10))) as { sha256: string };
    expect(stamps['report-runs.json']?.[1]).toBe(header.sha256);
    expect(((await stat(stampsFile)).mode & 0o777).toString(8)).toBe('600');
    // Parts are written without an fsync: stamped only once a crash can no longer leave other bytes under their stat.
    expect(Object.keys(stamps).some(isPart)).toBe(false);
    const realNow = Date.now.bind(Date);
    const later = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + UNSYNCED_MARGIN_MS + 1000);
    const stampWrites = countRenamesTo(stampsFile);
    try {
      await report('stamped');
    } finally {
      later.mockRestore();
      stampWrites.stop();
    }
    stamps = await stampsNow();
    const partsStamped = Object.keys(stamps).filter(isPart).length;
    expect(partsStamped).toBeGreaterThanOrEqual(5);
    // The parts are read in parallel, each finishing on its own turn: their stamps are written together, once, where
    // each wrote the whole stamps file again (Stamps.batch).
    expect(stampWrites.count).toBe(1);
    const expected = await filesOf('stamped');

    // Damaged after its stamp, same length: its stat is no longer the stamped one, so it is checked and refused.
    const damaged = Buffer.from(good);
    damaged[good.length - 3] = damaged[good.length - 3]! ^ 1;
    await writeFile(runCachePath(dataDir), damaged);
    expect(await report('stamped')).toBe('journal scan');
    expect(await filesOf('stamped')).toEqual(expected);

    // A part file damaged after its stamp: that part is built again, the pages the same.
    const partName = Object.keys(stamps).find((name) => name.startsWith('report-parts/'))!;
    const partFile = path.join(dataDir, 'cache', partName);
    const part = await readFile(partFile).catch(() => null);
    if (part) {
      const broken = Buffer.from(part);
      broken[part.length - 2] = broken[part.length - 2]! ^ 1;
      await writeFile(partFile, broken);
      await report('stamped');
      expect(await filesOf('stamped')).toEqual(expected);
    }
  });

  it('#15.9 a stamped cache is read as needed, not whole; one whose columns do not fit its head is folded again', async () => {
    await report('parts');
    await sleep(RACY_MARGIN_MS + 300);
    await report('parts');
    const expected = await filesOf('parts');
    // Stamped: a report from the caches reads the cache's head and what it asks for, never every column.
    const load = vi.spyOn(BlockFile.prototype, 'load');
    const startedBy = vi.spyOn(BlockFile.prototype, 'startedBy');
    try {
      expect(await report('parts')).toBe('journal (run cache)');
      expect(startedBy).toHaveBeenCalled();
      expect(load).not.toHaveBeenCalled();
    } finally {
      load.mockRestore();
      startedBy.mockRestore();
    }
    expect(await filesOf('parts')).toEqual(expected);

    // Its checksum matches, but a reference points past the strings (a bug, a crafted file): the eager read refuses it,
    // and once stamped, the read in parts finds it when it reads that column.
    const good = await readFile(runCachePath(dataDir));
    const nl = good.indexOf(10);
    const header = JSON.parse(good.toString('utf8', 0, nl)) as { checkpoint: never };
    const body = Buffer.from(good.subarray(nl + 1));
    const head = parseBlockHead(body, body.length);
    body.writeInt32LE(head.strings.length + 5, head.refsAt + 4 * Ref.Action * head.count);
    await writeCheckedFile(runCachePath(dataDir), RUN_CACHE_FORMAT, { checkpoint: header.checkpoint }, [
      body,
    ]);
    await sleep(RACY_MARGIN_MS + 300);
    expect(await readRunCache(dataDir)).toBeNull();
    // Nothing else kept: the block is walked whole.
    await rm(path.join(dataDir, 'cache', 'report-parts.json'));
    await rm(path.join(dataDir, 'cache', 'report-summary.bin'), { force: true });
    const warnings: string[] = [];
    await generateReport(
      scenarioReportOptions(repo.dir, dataDir, path.join(root, 'parts'), {
        onWarning: (w) => warnings.push(w),
      }),
    );
    expect(warnings).toEqual([expect.stringMatching(/^damaged run cache: .*the journal is folded again$/)]);
    expect(await filesOf('parts')).toEqual(expected);
    expect(await report('parts')).toBe('journal (run cache)');
  });

  it("#15.9 the journal is the cache's append-only tail: the cache is rewritten only once more records than the limit follow its checkpoint", async () => {
    const own = path.join(root, 'tail-data');
    const runs = scenarioRuns(commits);
    const fold = async (limit: number) => {
      const journal = await openJournal({ dataDir: own });
      try {
        const folded = await foldRunsCached(own, journal, { tailRecords: limit });
        return { ...folded, head: journal.head()! };
      } finally {
        await journal.close();
      }
    };
    const append = async (from: number, to: number) => {
      const journal = await openJournal({ dataDir: own });
      for (const run of runs.slice(from, to)) await journal.append(run);
      await journal.close();
    };
    await append(0, 4);
    const first = await fold(3);
    expect(first.source.kind).toBe('scan');
    const cachedAt = (await readRunCache(own))!.checkpoint.seq;
    expect(cachedAt).toBe(first.head.seq);

    // Three new records: at the limit, read from the journal after the checkpoint; the cache is not rewritten.
    await append(4, 7);
    const second = await fold(3);
    expect(second.source).toMatchObject({ kind: 'cache+new', records: 3 });
    expect((await readRunCache(own))!.checkpoint.seq).toBe(cachedAt);

    // One more: over the limit, the cache is rewritten at the head and the next fold reads only the cache.
    await append(7, 8);
    const third = await fold(3);
    expect(third.source).toMatchObject({ kind: 'cache+new', records: 4 });
    expect((await readRunCache(own))!.checkpoint.seq).toBe(third.head.seq);
    expect((await fold(3)).source.kind).toBe('cache');

    // Each fold gives what folding the whole journal gives.
    await rm(runCachePath(own));
    const whole = await fold(3);
    expect(whole.source.kind).toBe('scan');
    expect(third.runs.all()).toEqual(whole.runs.all());
  });

  it('#15.9 a run that was running when the cache was written and ends after it: the cache is rewritten once, not walked around by every later report', async () => {
    const own = path.join(root, 'ended-data');
    const run = scenarioRuns(commits)[0]!;
    const fold = async () => {
      const journal = await openJournal({ dataDir: own });
      try {
        const folded = await foldRunsCached(own, journal, { tailRecords: 100 });
        return { ...folded, head: journal.head()! };
      } finally {
        await journal.close();
      }
    };
    const append = async (input: typeof run) => {
      const journal = await openJournal({ dataDir: own });
      await journal.append(input);
      await journal.close();
    };
    await append({ ...run, status: 'running', finished_at: null, duration_ms: null, exit_code: null });
    expect((await fold()).source.kind).toBe('scan');
    expect((await fold()).runs.all().map((r) => r.status)).toEqual(['running']);
    // Its final record replaces the cached row: folded on top of the cache, which is then rewritten at the head.
    await append(run);
    const ended = await fold();
    expect(ended.source).toMatchObject({ kind: 'cache+new', records: 1 });
    expect(ended.runs.hasDeadRows()).toBe(false);
    expect((await readRunCache(own))!.checkpoint.seq).toBe(ended.head.seq);
    const again = await fold();
    expect(again.source.kind).toBe('cache');
    expect(again.runs.all().map((r) => r.status)).toEqual([run.status]);
  });
});
