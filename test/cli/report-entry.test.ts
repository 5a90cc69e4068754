import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { openJournalAt } from '../../src/executions/open-journal-at.js';
import { loadHmacKey } from '../../src/state/hmac-key.js';
import { openState } from '../../src/state/open-state.js';
import { BIN, viaMainJs } from '../helpers/cli.js';
import { ALICE } from '../helpers/git-repo.js';
import { createTestSchema } from '../helpers/postgres.js';
import { finishedRun } from '../reports/fakes.js';
import { SCENARIO_NOW, createScenarioRepo, scenarioRuns } from '../reports/report-scenario.js';

/**
 * bin/opsledger.js runs `opsledger report …` from an entry of its own (dist/cli/report.cjs, with a V8 code cache): for
 * any argv whose command is `report` it must answer as main.js does — the same stdout, stderr, exit code and files
 * written, help and usage errors included. Each side has its own clone of the scenario repo and its own copy of the
 * journal, and both run the same argv in the same order (a report's output depends on what the one before it left).
 */
let root: string;
let cacheDir: string;
let commits: Record<string, string>;
const NOW = SCENARIO_NOW;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

interface Side {
  dir: string;
  repo: string;
  data: string;
}

const sides: Record<'bin' | 'main', Side> = {} as never;

function spawnNode(side: Side, argv: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { cwd: side.repo, env, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      // Each side's own folder named alike, so that the two can be compared.
      const same = (s: string) => s.split(side.dir).join('<side>');
      resolve({ code, stdout: same(stdout), stderr: same(stderr) });
    });
  });
}

const env = (side: Side, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  OPSLEDGER_DATA_DIR: side.data,
  OPSLEDGER_CODE_CACHE_DIR: cacheDir,
  ...more,
});

/** The command as users run it: the bin, which picks the report entry when the argv's command is `report`. */
const viaBin = (args: string[], more: NodeJS.ProcessEnv = {}) =>
  spawnNode(sides.bin, [BIN, ...args], env(sides.bin, more));

/** The same argv through main.js, the entry of every other command. */
const viaMain = (args: string[]) => {
  const main = viaMainJs(args);
  return spawnNode(sides.main, main.argv, env(sides.main, main.env));
};

async function listFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (p === '.git') continue;
      if (e.isDirectory()) await walk(p);
      else out[p] = await readFile(path.join(dir, p), 'utf8');
    }
  };
  await walk('');
  return out;
}

/** A commit made alike in both clones (same author, dates and content: the same hash). */
async function commitInBoth(file: string, text: string): Promise<void> {
  for (const side of Object.values(sides)) {
    await writeFile(path.join(side.repo, file), text);
    const at = '2026-03-06T10:00:00Z';
    execFileSync(
      'git',
      ['-c', 'user.name=Bob', '-c', 'user.email=bob@example.com', 'commit', '-qam', 'Edit'],
      {
        cwd: side.repo,
        env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at },
      },
    );
  }
}

beforeAll(async () => {
  const scenario = await createScenarioRepo();
  const repo = scenario.repo;
  commits = scenario.commits;
  root = await mkdtemp(path.join(tmpdir(), 'opsledger-report-entry-'));
  cacheDir = path.join(root, 'code-cache');
  try {
    const data = path.join(root, 'data');
    const journal = await openJournal({ dataDir: data });
    for (const run of scenarioRuns(commits)) await journal.append(run);
    await journal.close();
    // The data dir's secret key made once, so both copies name people by the same pseudonyms.
    await loadHmacKey(openState(data));
    for (const name of ['bin', 'main'] as const) {
      const dir = path.join(root, name);
      await mkdir(dir);
      execFileSync('git', ['clone', '-q', repo.dir, path.join(dir, 'repo')]);
      await cp(data, path.join(dir, 'data'), { recursive: true });
      sides[name] = { dir, repo: path.join(dir, 'repo'), data: path.join(dir, 'data') };
    }
  } finally {
    await repo.cleanup();
  }
}, 60_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** In this order: the first report builds the indexes and caches, later ones read them as a user's would. */
const MATRIX: string[][] = [
  ['report', '--now', NOW],
  ['report', '--now', NOW],
  ['report', '--now', NOW, '--check'],
  ['report', '--format', 'md', '--out', 'md-only', '--now', NOW],
  ['--repo', '.', 'report', '--now', NOW, '--out', 'by-repo'],
  ['--json', 'report', '--now', NOW, '--out', 'json'],
  ['report', '--pseudonymize', '--out', 'pseudonyms', '--now', NOW],
  ['report', '--no-verify', '--out', 'unverified', '--now', NOW],
  ['report', '--since', '2026-02-01', '--until', '2026-03-01', '--out', 'february', '--now', NOW],
  ['report', '--now', 'latest', '--check'],
  ['report', '--format', 'bogus'],
  ['report', '--since', '2026-03-01', '--until', '2026-01-01'],
  ['report', '--now', 'yesterday'],
  ['report', '--out', '../data', '--now', NOW],
  ['report', '--help'],
  ['report', '-h'],
  ['report', '--bogus'],
  ['report', 'extra'],
  ['report', '--version'],
  ['report', '--repo'],
  ['report', '--repo', '/nonexistent'],
];

describe('#15.9 the report entry answers as main.js', () => {
  it('#15.9 the same stdout, stderr, exit code and files over a matrix of argv, then after a commit and a run', async () => {
    for (const args of MATRIX) {
      const [bin, main] = [await viaBin(args), await viaMain(args)];
      expect({ args, ...bin }).toEqual({ args, ...main });
    }
    // A new definition version and a new run: the incremental report after each.
    await commitInBoth(
      'definitions/actions/restart-web.yaml',
      (await readFile(path.join(sides.bin.repo, 'definitions/actions/restart-web.yaml'), 'utf8')).replace(
        /^description: .*$/m,
        'description: Restart the web tier, one node at a time',
      ),
    );
    const after = ['report', '--now', NOW];
    expect({ after: 'commit', ...(await viaBin(after)) }).toEqual({
      after: 'commit',
      ...(await viaMain(after)),
    });
    const run = finishedRun({ action_id: 'restart-web', at: '2026-03-06T11:00:00Z', user: ALICE.email });
    for (const side of Object.values(sides)) {
      const journal = await openJournal({ dataDir: side.data });
      await journal.append(run);
      await journal.close();
    }
    expect({ after: 'run', ...(await viaBin(after)) }).toEqual({ after: 'run', ...(await viaMain(after)) });
    const written = (side: Side) => listFiles(side.repo);
    const [bin, main] = [await written(sides.bin), await written(sides.main)];
    expect(Object.keys(bin).filter((f) => f.endsWith('.md')).length).toBeGreaterThan(20);
    expect(bin).toEqual(main);
  }, 240_000);

  it('#15.9 writes its code cache after a report only, and ignores a cache that is damaged', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-code-cache-'));
    try {
      const withCache = (args: string[]) => viaBin(args, { OPSLEDGER_CODE_CACHE_DIR: dir });
      // Help and usage errors leave no cache: it would hold commander's functions, not a report's.
      expect((await withCache(['report', '--help'])).code).toBe(0);
      expect((await withCache(['report', '--format', 'bogus'])).code).toBe(2);
      const caches = async () => (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.v8cache'));
      expect(await caches()).toEqual([]);
      // A global option before the command: still the report entry (its cache is the evidence).
      const args = ['--repo', '.', 'report', '--now', NOW, '--out', 'cached', '--check'];
      const first = await withCache(args);
      const [name] = await caches();
      expect(name).toMatch(/^report-[0-9a-f]{32}-v[\d.]+-\w+\.v8cache$/);
      expect(await withCache(args)).toEqual(first); // from the cache
      await writeFile(path.join(dir, name!), 'not a code cache');
      expect(await withCache(args)).toEqual(first);
      expect(first.code).toBe(1); // --check of a folder never written
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('#15.9 ends at once after its report only when nothing is pending: a pending timer still runs', async () => {
    // A preloaded module leaves a timer that writes a file after the report is done: the bin's early exit (which
    // spares Node's heap teardown) must see it pending and let the process end the usual way, after it ran.
    const marker = path.join(root, 'timer-ran');
    const preload = path.join(root, 'pending-timer.cjs');
    await writeFile(
      preload,
      `setTimeout(() => require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'), 3000);\n`,
    );
    const args = ['report', '--now', NOW, '--out', 'with-timer'];
    const outcome = await spawnNode(sides.bin, ['--require', preload, BIN, ...args], env(sides.bin));
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(await readFile(marker, 'utf8')).toBe('ran');
  }, 60_000);

  it('#15.9 the same from a journal in PostgreSQL (its driver loaded on demand from the one file)', async () => {
    const db = await createTestSchema();
    try {
      const journal = await openJournalAt({ backend: 'postgres', url: db.url });
      for (const run of scenarioRuns(commits)) await journal.append(run);
      await journal.close();
      const args = ['--database-url', db.url, 'report', '--now', NOW, '--out', 'from-postgres'];
      const [bin, main] = [await viaBin(args), await viaMain(args)];
      expect(bin, bin.stderr).toMatchObject({ code: 0 });
      expect(bin.stdout).toMatch(/^wrote \d+ file\(s\) to from-postgres/);
      expect(bin).toEqual(main);
      const files = async (side: Side) => listFiles(path.join(side.repo, 'from-postgres'));
      expect(await files(sides.bin)).toEqual(await files(sides.main));
    } finally {
      await db.drop();
    }
  }, 120_000);
});
