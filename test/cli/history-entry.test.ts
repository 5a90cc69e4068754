import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTION_PATH,
  actionYaml,
  ROLE_PATH,
  roleYaml,
  RUNBOOK_PATH,
  runbookYaml,
} from '../history/fixtures.js';
import { BIN, viaMainJs } from '../helpers/cli.js';
import { BOB, createTestRepo, type TestRepo } from '../helpers/git-repo.js';

/**
 * bin/opsledger.js runs `opsledger history|show|blame …` from an entry of its own (dist/cli/history.cjs, with a V8 code
 * cache): for any argv starting with one of them it must answer as main.js does — the same stdout, stderr and exit
 * code, help, usage errors and suggestions included.
 */
let repo: TestRepo;
let dataDir: string;
let cacheDir: string;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function spawnNode(argv: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { cwd: repo.dir, env, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  OPSLEDGER_DATA_DIR: dataDir,
  OPSLEDGER_CODE_CACHE_DIR: cacheDir,
});

/** The command as users run it: the bin, which picks the history entry for argv[2] = history. */
const viaBin = (args: string[]) => spawnNode([BIN, ...args], env());

/** The same argv through main.js, the entry of every other command. */
const viaMain = (args: string[]) => {
  const main = viaMainJs(args);
  return spawnNode(main.argv, { ...env(), ...main.env });
};

beforeAll(async () => {
  repo = await createTestRepo();
  await repo.commit({
    message: 'Add restart-web, failover and operators',
    files: {
      [ACTION_PATH]: actionYaml(),
      [RUNBOOK_PATH]: runbookYaml([{ id: 'drain' }, { id: 'restart-web' }]),
      [ROLE_PATH]: roleYaml(['alice']),
    },
  });
  await repo.commit({
    message: 'Raise timeout (#12)',
    author: BOB,
    files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) },
  });
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-history-entry-'));
  cacheDir = path.join(dataDir, 'code-cache');
  await viaMain(['history', 'restart-web']); // builds the index: both entries then read it warm
}, 60_000);

afterAll(async () => {
  await repo?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

const MATRIX: string[][] = [
  ['history', 'restart-web'],
  ['history', 'restart-web', '--json'],
  ['history', '--json', 'failover'],
  ['history', 'failover/drain'],
  ['history', 'failover/nope'],
  ['history', 'runbook:failover'],
  ['history', 'action:failover'],
  ['history', 'operators', '--kind', 'role'],
  ['history', 'restart-web', '--kind', 'bogus'],
  ['history', 'restart-web', '--type', 'action'],
  ['history', 'nope'],
  ['history', 'nope', '--json'],
  ['history', 'restart-web', '--allow-shallow'],
  ['history'],
  ['history', '--help'],
  ['history', '-h'],
  ['history', 'restart-web', '--bogus'],
  ['history', 'restart-web', '--jsn'],
  ['history', 'restart-web', 'extra'],
  ['history', '--version'],
  ['history', '-V'],
  ['history', 'help'],
  ['history', '--repo', '/nonexistent', 'restart-web'],
  ['history', 'restart-web', '--data-dir'],
  ['history', '--', 'restart-web'],
  // Plain argv (a command and one argument that is no option) run without commander: odd arguments too.
  ['history', ''],
  ['history', 'failover'],
  ['history', 'restart-web '],
  ['show', 'restart-web@'],
  ['blame', 'help'],
  ['show', 'restart-web'],
  ['show', 'restart-web@1'],
  ['show', 'restart-web@v2', '--json'],
  ['show', 'restart-web@3'],
  ['show', 'restart-web@x'],
  ['show', 'failover', '--kind', 'runbook'],
  ['show', 'failover'],
  ['show', 'operators', '--json'],
  ['show', 'nope'],
  ['show', 'nope', '--json'],
  ['show'],
  ['show', '--help'],
  ['show', 'restart-web', '--bogus'],
  ['show', 'restart-web', '--kind', 'role', '--type', 'action'],
  ['blame', 'restart-web'],
  ['blame', 'restart-web', '--json'],
  ['blame', 'runbook:failover'],
  ['blame', 'failover'],
  ['blame', 'operators'],
  ['blame', 'nope'],
  ['blame', 'nope', '--json'],
  ['blame'],
  ['blame', '-h'],
  ['blame', 'restart-web', 'extra'],
  ['blame', '--version'],
  ['blame', '--data-dir'],
];

describe('#15.7 the history entry answers as main.js', () => {
  it('#15.7 the same stdout, stderr and exit code over a matrix of argv', async () => {
    for (const args of MATRIX) {
      const [bin, main] = [await viaBin(args), await viaMain(args)];
      expect({ args, ...bin }).toEqual({ args, ...main });
    }
  }, 240_000);

  it('#15.7 the same for argv drawn from history, show and blame tokens (property)', async () => {
    const command = fc.constantFrom('history', 'show', 'blame');
    const token = fc.constantFrom(
      'restart-web',
      'restart-web@2',
      'failover',
      'failover/drain',
      'runbook:failover',
      'operators',
      'nope',
      '--json',
      '--kind',
      'runbook',
      '--type',
      '--allow-shallow',
      '--help',
      '--no-pager',
      '--bogus',
      '-x',
      'help',
      '--',
    );
    await fc.assert(
      fc.asyncProperty(command, fc.array(token, { maxLength: 4 }), async (name, rest) => {
        const args = [name, ...rest];
        const [bin, main] = [await viaBin(args), await viaMain(args)];
        expect({ args, ...bin }).toEqual({ args, ...main });
      }),
      { numRuns: 18 },
    );
  }, 240_000);

  it('#15.7 writes its code cache once, and ignores a cache that is damaged or made for other bytes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-code-cache-'));
    try {
      const args = ['history', 'restart-web', '--json'];
      const want = await viaMain(args);
      const withCache = (cache: string) =>
        spawnNode([BIN, ...args], { ...env(), OPSLEDGER_CODE_CACHE_DIR: cache });
      expect(await withCache(dir)).toEqual(want);
      const [name] = await readdir(dir);
      expect(name).toMatch(/^history-[0-9a-f]{32}-v[\d.]+-\w+\.v8cache$/);
      expect(await withCache(dir)).toEqual(want); // from the cache
      // Each command its own cache: one made by `blame` holds blame's functions, not the history table's.
      const blameArgs = ['blame', 'restart-web'];
      expect(await spawnNode([BIN, ...blameArgs], { ...env(), OPSLEDGER_CODE_CACHE_DIR: dir })).toEqual(
        await viaMain(blameArgs),
      );
      expect((await readdir(dir)).sort()).toEqual([name!.replace(/^history-/, 'blame-'), name].sort());
      await rm(path.join(dir, name!.replace(/^history-/, 'blame-')));
      // Garbage, then an empty file, then a cache made for other code: each compiles from source, and is replaced.
      for (const bytes of [Buffer.from('not a code cache'), Buffer.alloc(0), Buffer.alloc(4096, 1)]) {
        await writeFile(path.join(dir, name!), bytes);
        expect(await withCache(dir)).toEqual(want);
        expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      }
      // A run that updates the index writes none (its cache would hold the update machinery); the next warm one does.
      await rm(dir, { recursive: true, force: true });
      const fresh = await mkdtemp(path.join(tmpdir(), 'opsledger-fresh-data-'));
      try {
        const cold = await spawnNode([BIN, ...args], {
          ...env(),
          OPSLEDGER_DATA_DIR: fresh,
          OPSLEDGER_CODE_CACHE_DIR: dir,
        });
        expect(cold).toEqual(want);
        expect(await readdir(dir).catch(() => [])).toEqual([]);
        await spawnNode([BIN, ...args], {
          ...env(),
          OPSLEDGER_DATA_DIR: fresh,
          OPSLEDGER_CODE_CACHE_DIR: dir,
        });
        expect(await readdir(dir)).toEqual([name]);
      } finally {
        await rm(fresh, { recursive: true, force: true });
      }
      // A cache directory that cannot be created (a file is in its way): no cache, same answer.
      const blocked = path.join(dir, name!, 'sub');
      expect(await withCache(blocked)).toEqual(want);
      expect(await withCache('off')).toEqual(want);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('#15.7 a reader that closes the pipe early (`| head`) ends it quietly, with the exit code the command had', async () => {
    // `| true` is gone before the entry writes: its first write to the pipe gets EPIPE. The shell prints the entry's
    // exit status on fd 3, its stderr otherwise discarded.
    const status = (line: string) =>
      new Promise<string>((resolve) => {
        execFile(
          'bash',
          ['-c', `exec 3>&2 2>/dev/null; ${line}; echo "\${PIPESTATUS[0]}" >&3`],
          { cwd: repo.dir, env: { ...env(), BIN }, encoding: 'utf8' },
          (_err, _stdout, stderr) => resolve(stderr),
        );
      });
    const node = JSON.stringify(process.execPath);
    expect(await status(`${node} "$BIN" history restart-web | true`)).toBe('0\n');
    expect(await status(`${node} "$BIN" history restart-web --json | true`)).toBe('0\n');
    // stderr closed: the error is not printed, and the exit code is still DEFINITION_NOT_FOUND's.
    expect(await status(`${node} "$BIN" history nope 2>&1 >/dev/null | true`)).toBe(
      `${(await viaMain(['history', 'nope'])).code}\n`,
    );
  }, 60_000);
});
