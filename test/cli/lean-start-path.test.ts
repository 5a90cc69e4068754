import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOptions,
  historyCommanderOptions,
  historyEntryOptions,
  reportEntryOptions,
  // @ts-expect-error: a plain .mjs build script without types; buildOptions() returns esbuild's BuildOptions.
} from '../../scripts/build-options.mjs';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { ACTION_PATH, actionYaml } from '../history/fixtures.js';
import { RACY_MARGIN_MS } from '../../src/history/verified-stamps.js';

const run = promisify(execFile);

/** Packages whose loading would cost a warm `history` tens of milliseconds (README, CLI start-up). */
const HEAVY = [
  'express',
  'pino',
  'octokit',
  '@octokit/webhooks',
  'pg',
  '@aws-sdk/client-s3',
  'ajv',
  'yaml',
  'js-yaml',
  'cli-progress',
  'fs-ext',
  'helmet',
];

let metafile: Metafile;
let historyMetafile: Metafile;
let commanderMetafile: Metafile;
let reportMetafile: Metafile;

beforeAll(async () => {
  const metafileOf = async (options: Parameters<typeof build>[0]) =>
    (await build({ ...options, write: false, metafile: true, logLevel: 'silent' })).metafile;
  metafile = await metafileOf(buildOptions() as Parameters<typeof build>[0]);
  historyMetafile = await metafileOf(historyEntryOptions() as Parameters<typeof build>[0]);
  commanderMetafile = await metafileOf(historyCommanderOptions() as Parameters<typeof build>[0]);
  reportMetafile = await metafileOf(reportEntryOptions() as Parameters<typeof build>[0]);
}, 60_000);

/** The outputs `node bin/opsledger.js history ID` evaluates: main and the history command, with their static imports. */
function historyPath(): { outputs: string[]; externals: string[]; inputs: string[] } {
  const outputs = metafile.outputs;
  const main = Object.keys(outputs).find((name) => name.endsWith('dist/cli/main.js'))!;
  const history = Object.keys(outputs).find((name) =>
    Object.keys(outputs[name]!.inputs).includes('src/cli/commands/history.ts'),
  )!;
  expect(main).toBeDefined();
  expect(history).toBeDefined();
  const seen = new Set<string>();
  const externals = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of outputs[name]!.imports) {
      if (imported.kind === 'dynamic-import') continue;
      if (imported.external) externals.add(imported.path);
      else visit(imported.path);
    }
  };
  visit(main);
  visit(history);
  const inputs = [...seen].flatMap((name) => Object.keys(outputs[name]!.inputs));
  return { outputs: [...seen], externals: [...externals], inputs };
}

describe('#15.7 the lean start of `opsledger history`', () => {
  it('#15.7 the history command evaluates no heavy package, no package but the bundled commander, and no child_process', () => {
    const { externals, inputs } = historyPath();
    for (const name of HEAVY) {
      expect(externals.filter((e) => e === name || e.startsWith(`${name}/`))).toEqual([]);
    }
    // Only Node's built-ins are imported, and not child_process (it brings net and dgram): it waits for the first git
    // command, and commander's own is the lazy one.
    expect(externals.filter((e) => !e.startsWith('node:'))).toEqual([]);
    expect(externals).not.toContain('node:child_process');
    const packages = new Set(
      inputs.filter((i) => i.startsWith('node_modules/')).map((i) => i.split('/').slice(1, 2)[0]),
    );
    expect([...packages]).toEqual(['commander']);
    expect(inputs).toContain('lazy-builtin:child_process');
  });
});

describe('#15.7 the history entry (dist/cli/history.cjs)', () => {
  it('#15.7 is one file: no chunk for the loader to resolve, no package, and commander beside it in one file', () => {
    expect(Object.keys(historyMetafile.outputs)).toEqual(['dist/cli/history.cjs']);
    const output = historyMetafile.outputs['dist/cli/history.cjs']!;
    const packages = new Set(
      Object.keys(output.inputs)
        .filter((i) => i.startsWith('node_modules/'))
        .map((i) => i.split('/')[1]),
    );
    expect([...packages]).toEqual([]);
    // commander is required from dist/cli/commander.cjs (one CommonJS file, its child_process lazy), and only by an
    // argv that needs parsing: a plain `history ID` reads none of it.
    expect(output.imports.filter((i) => !i.path.startsWith('node:')).map((i) => i.path)).toEqual(
      expect.arrayContaining(['./commander.cjs']),
    );
    const commander = commanderMetafile.outputs['dist/cli/commander.cjs']!;
    const commanderPackages = new Set(
      Object.keys(commander.inputs)
        .filter((i) => i.startsWith('node_modules/'))
        .map((i) => i.split('/')[1]),
    );
    expect([...commanderPackages]).toEqual(['commander']);
    expect(Object.keys(commander.inputs)).toContain('lazy-builtin:child_process');
    expect(commander.imports.map((i) => i.path)).not.toContain('node:child_process');
    // No import() left: the bin compiles it with vm.Script, which has no loader for one.
    expect(output.imports.filter((i) => i.kind === 'dynamic-import')).toEqual([]);
  });
});

describe('#15.9 the report entry (dist/cli/report.cjs)', () => {
  it('#15.9 is one file with no import() and no package inside, commander beside it, and no other command', () => {
    expect(Object.keys(reportMetafile.outputs)).toEqual(['dist/cli/report.cjs']);
    const output = reportMetafile.outputs['dist/cli/report.cjs']!;
    const inputs = Object.keys(output.inputs);
    expect(inputs.filter((i) => i.startsWith('node_modules/'))).toEqual([]);
    expect(output.imports.map((i) => i.path)).toContain('./commander.cjs');
    // The bin compiles it with vm.Script, which has no loader for an import(): packages loaded on demand are require()d.
    expect(output.imports.filter((i) => i.kind === 'dynamic-import')).toEqual([]);
    // The report command alone: no other command's module and no server.
    expect(inputs.filter((i) => i.startsWith('src/cli/commands/')).sort()).toEqual([
      'src/cli/commands/command-name.ts',
      'src/cli/commands/report.ts',
    ]);
    expect(inputs.filter((i) => i.startsWith('src/server/'))).toEqual([]);
  });
});

describe('#15.7 what a warm `opsledger history` loads at run time', () => {
  let repo: TestRepo;
  let dataDir: string;

  beforeAll(async () => {
    repo = await createTestRepo([
      {
        message: 'add an action',
        files: {
          // A valid action: show and blame answer from its tip version.
          [ACTION_PATH]: actionYaml(),
        },
      },
    ]);
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-lean-load-'));
  }, 60_000);

  afterAll(async () => {
    await repo?.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Run the bin with a preload that records, at exit, every CommonJS file and every Node built-in it loaded. */
  async function loadsOf(
    args: string[],
    data = dataDir,
  ): Promise<{ stdout: string; files: string[]; builtins: string[]; required: string[] }> {
    const env = { ...process.env, OPSLEDGER_DATA_DIR: data };
    const report = path.join(data, 'loaded.json');
    const preload = path.join(data, 'record-loads.cjs');
    // `required`: every id passed to a CommonJS require after the preload (the bin's and the bundle's, built-ins too).
    await writeFile(
      preload,
      `const Module = require('node:module'); const required = []; const original = Module.prototype.require;
      Module.prototype.require = function (id) { required.push(id); return original.apply(this, arguments); };
      process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({
        files: Object.keys(require.cache), builtins: process.moduleLoadList, required })));`,
    );
    const { stdout } = await run(process.execPath, ['--require', preload, BIN, ...args], {
      cwd: repo.dir,
      env,
    });
    const { files, builtins, required } = JSON.parse(await readFile(report, 'utf8')) as {
      files: string[];
      builtins: string[];
      required: string[];
    };
    return { stdout, files: files.filter((f) => f !== preload), builtins, required };
  }

  // process.stdout and process.stderr (a pipe here) would bring net and tty: the entry writes to fds 1 and 2 itself.
  const HEAVY_BUILTINS = [
    'NativeModule child_process',
    'NativeModule internal/modules/esm/module_job',
    'NativeModule net',
    'NativeModule tty',
  ];
  it.each([
    [['history', 'restart-web'], 'created'],
    [['show', 'restart-web', '--json'], '"version": 1'],
    [['blame', 'restart-web'], '/script/inline'],
    [['blame', 'restart-web', '--json'], '"pointer"'],
  ])(
    "#15.7 %j: no package file, no heavy built-in, no stdio stream and no ES module loader (so none of main.js's chunks)",
    async (args, expected) => {
      await run(process.execPath, [BIN, 'history', 'restart-web'], {
        cwd: repo.dir,
        env: { ...process.env, OPSLEDGER_DATA_DIR: dataDir },
      }); // builds the index
      const { stdout, files, builtins } = await loadsOf(args);
      expect(stdout).toContain(expected);
      expect(files.filter((f) => f.includes(`${path.sep}node_modules${path.sep}`))).toEqual([]);
      // The bin alone is require'd (it compiles dist/cli/history.cjs itself), and commander's one file for an argv that
      // needs parsing; without the ES loader, no main.js chunk.
      const plain = args.length === 2;
      expect(files).toEqual(plain ? [BIN] : [BIN, path.join(ROOT, 'dist/cli/commander.cjs')]);
      for (const heavy of HEAVY_BUILTINS) expect(builtins).not.toContain(heavy);
    },
    60_000,
  );

  it('#15.7 a plain `history ID` (`show ID`, `blame ID`) runs its command without evaluating commander', async () => {
    // commander is bundled into the entry, and the first thing its command module requires is node:events, which
    // nothing else in the entry requires: an argv that needs parsing evaluates it, a plain one does not.
    for (const args of [
      ['history', 'restart-web'],
      ['show', 'restart-web'],
      ['blame', 'restart-web'],
    ]) {
      const plain = await loadsOf(args);
      expect(plain.stdout).not.toBe('');
      expect(plain.required).toContain('node:fs');
      expect(plain.required).not.toContain('node:events');
    }
    const parsed = await loadsOf(['history', 'restart-web', '--json']);
    expect(parsed.required).toContain('node:events');
  }, 60_000);

  it('#15.7 a warm `history` (and `blame`) whose index files were stamped as checked loads no node:crypto and hashes nothing', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'opsledger-lean-stamps-'));
    try {
      const env = { ...process.env, OPSLEDGER_DATA_DIR: data };
      await run(process.execPath, [BIN, 'history', 'restart-web'], { cwd: repo.dir, env }); // builds the index
      // A file younger than the racy margin is checked at every read (docs/history.md): the first read after it
      // hashes what it reads and stamps it.
      const young = await loadsOf(['history', 'restart-web'], data);
      expect(young.builtins).toContain('NativeModule crypto');
      await new Promise((resolve) => setTimeout(resolve, RACY_MARGIN_MS + 300));
      const first = await loadsOf(['history', 'restart-web'], data); // stamps what it checked
      const { stdout, builtins } = await loadsOf(['history', 'restart-web'], data);
      expect(stdout).toBe(first.stdout);
      expect(stdout).toBe(young.stdout);
      expect(builtins).not.toContain('NativeModule crypto');
      // blame's table prints no event id, so it computes none (its --json does).
      await loadsOf(['blame', 'restart-web'], data); // stamps anything blame reads that history did not
      const blame = await loadsOf(['blame', 'restart-web'], data);
      expect(blame.stdout).toContain('/script/inline');
      expect(blame.builtins).not.toContain('NativeModule crypto');
      const blameJson = await loadsOf(['blame', 'restart-web', '--json'], data);
      expect(blameJson.stdout).toMatch(/"event_id": "[0-9a-f]{32}"/);
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  }, 60_000);

  it('#15.9 an index update after a commit of a valid definition loads neither the YAML parser with positions nor Ajv', async () => {
    // Last in this block: the commit changes what the reads above answer.
    const data = await mkdtemp(path.join(tmpdir(), 'opsledger-lean-update-'));
    try {
      const env = { ...process.env, OPSLEDGER_DATA_DIR: data };
      await run(process.execPath, [BIN, 'history', 'restart-web'], { cwd: repo.dir, env }); // builds the index
      await repo.commit({ message: 'Raise timeout', files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) } });
      const { stdout, files } = await loadsOf(['history', 'restart-web'], data);
      expect(stdout).toContain('timeout');
      const packages = files.filter((f) => f.includes(`${path.sep}node_modules${path.sep}`));
      // The blob took js-yaml's fast path and the shipped schemas' standalone validators (Ajv's runtime helpers).
      expect(packages.some((f) => f.includes(`${path.sep}js-yaml${path.sep}`))).toBe(true);
      expect(packages.filter((f) => f.includes(`${path.sep}node_modules${path.sep}yaml${path.sep}`))).toEqual(
        [],
      );
      for (const compiler of ['ajv/dist/ajv.js', 'ajv/dist/core.js', 'ajv-formats/dist/index.js'])
        expect(packages.filter((f) => f.endsWith(compiler.split('/').join(path.sep)))).toEqual([]);
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('#15.7 git processes of the built CLI', () => {
  let repo: TestRepo;
  let dataDir: string;

  beforeAll(async () => {
    repo = await createTestRepo([
      {
        message: 'add an action',
        files: {
          'definitions/actions/web/restart.yaml':
            'id: restart-web\nname: Restart web\ntype: action\nscript:\n  inline: echo hi\n',
        },
      },
    ]);
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-lean-'));
  }, 60_000);

  afterAll(async () => {
    await repo?.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('#15.7 answers from the index and the .git files with no git on PATH', async () => {
    const env = { ...process.env, OPSLEDGER_DATA_DIR: dataDir };
    const cold = await run(process.execPath, [BIN, 'history', 'restart-web', '--json'], {
      cwd: repo.dir,
      env,
    });
    // PATH holds node alone: any git process would fail the command (NOT_A_REPO, GIT_FAILED).
    const nodeOnly = path.join(dataDir, 'bin');
    await mkdir(nodeOnly);
    await symlink(process.execPath, path.join(nodeOnly, 'node'));
    const warm = await run(process.execPath, [BIN, 'history', 'restart-web', '--json'], {
      cwd: path.join(repo.dir, 'definitions'),
      env: { ...env, PATH: nodeOnly },
    });
    expect(JSON.parse(warm.stdout)).toEqual(JSON.parse(cold.stdout));
    expect(JSON.parse(warm.stdout)).toHaveLength(1);
  }, 60_000);

  it('#15.7 a command that asks git still runs it (child_process loaded on the first git command)', async () => {
    // validate finds the repo with `git rev-parse` (findings or not, it prints its report; NOT_A_REPO otherwise).
    const { stdout } = await run(process.execPath, [BIN, 'validate', '--json'], {
      cwd: repo.dir,
      env: { ...process.env, OPSLEDGER_DATA_DIR: dataDir },
    }).catch((err: { stdout: string }) => ({ stdout: err.stdout }));
    expect(JSON.parse(stdout)).toMatchObject({ source: { kind: 'worktree' }, counts: { files: 1 } });
  }, 60_000);
});
