// The esbuild options of `npm run build` (scripts/build.mjs), apart so that test/cli/lean-start-path.test.ts checks
// the module graph of exactly this build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Dependencies bundled into dist/ instead of loaded from node_modules (see README, CLI start-up). */
const BUNDLED = new Set(['commander']);

/**
 * commander needs child_process only to run executable subcommands, which opsledger has none of: loading it (with net
 * and dgram) waits for its first use.
 */
const LAZY_CHILD_PROCESS = `let loaded;
const load = () => (loaded ??= process.getBuiltinModule('child_process'));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => ({ ...Reflect.getOwnPropertyDescriptor(load(), key), configurable: true }),
});`;

/** commander's `require('node:child_process')` goes to the lazy module above. */
const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}commander${path.sep}`)
        ? { path: 'child_process', namespace: 'lazy-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: LAZY_CHILD_PROCESS,
      loader: 'js',
    }));
  },
};

/**
 * `import path from 'node:path'` in the history entry: esbuild's CommonJS output gives each of the ~19 modules importing
 * it a copy of the module (`__toESM`: an object with a getter per property), made when the bundle is evaluated. This
 * module hands them Node's own, once.
 */
const PATH_AS_ESM = `const path = require('node:path');
export default path;
export const { ${Object.keys(path).join(', ')} } = path;`;

/** Source files' `import … from 'node:path'` in the history entry go to the module above (not commander's require). */
const nodePathWithoutCopies = {
  name: 'node-path-without-copies',
  setup(build) {
    build.onResolve({ filter: /^(node:)?path$/ }, (args) =>
      args.kind === 'import-statement' && args.namespace === 'file'
        ? { path: 'path', namespace: 'esm-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'esm-builtin' }, () => ({ contents: PATH_AS_ESM, loader: 'js' }));
  },
};

/** Every dependency but the bundled ones: loaded from node_modules, never bundled. */
function externals() {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

/** The esbuild options of dist/: the CLI and the worker entries, split into chunks loaded on demand. */
export function buildOptions() {
  return {
    absWorkingDir: ROOT,
    entryPoints: [
      'src/cli/main.ts',
      'src/reports/verify-worker.ts',
      'src/executions/open-journal.ts',
      'src/executions/open-journal-at.ts',
      'src/state/open-state.ts',
      'src/state/flock.ts',
    ],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: externals(),
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    plugins: [lazyChildProcessInCommander],
    // commander is CommonJS: its require() calls need a require in the ESM output. Built-ins come from
    // process.getBuiltinModule; only a package (none today) would make node:module's createRequire load.
    banner: {
      js: "function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }",
    },
  };
}

/** Where the history entry's bundle is written (bin/opsledger.js loads it for `opsledger history …`). */
export const HISTORY_ENTRY = 'dist/cli/history.cjs';

/**
 * Where the history entry's commander is written: one CommonJS file beside the entry, required only for an argv that
 * needs parsing. A plain `history ID` runs without commander (src/cli/history-main.ts), and its ~55 KB are then not
 * read at every start either (README, CLI start-up).
 */
export const HISTORY_COMMANDER = 'dist/cli/commander.cjs';

/** The history entry's `import … from 'commander'` go to ./commander.cjs (HISTORY_COMMANDER), not into the entry. */
const commanderBesideTheEntry = {
  name: 'commander-beside-the-entry',
  setup(build) {
    build.onResolve({ filter: /^commander$/ }, () => ({ path: './commander.cjs', external: true }));
  },
};

/**
 * Where the history entry's shipped schema validators are written (Ajv's standalone code, ~100 KB): one CommonJS file
 * beside the entry, required only by an index update that judges definitions with the shipped schemas; a warm read
 * does not read it at every start (README, CLI start-up).
 */
export const HISTORY_VALIDATORS = 'dist/cli/shipped-validators.cjs';

/** The history entry's import of the generated validators goes to ./shipped-validators.cjs, not into the entry. */
const validatorsBesideTheEntry = {
  name: 'validators-beside-the-entry',
  setup(build) {
    build.onResolve({ filter: /shipped-validators\.generated\.js$/ }, () => ({
      path: './shipped-validators.cjs',
      external: true,
    }));
  },
};

/** The esbuild options of dist/cli/shipped-validators.cjs: the generated validators as one CommonJS file. */
export function historyValidatorsOptions() {
  return {
    absWorkingDir: ROOT,
    entryPoints: ['src/definitions/shipped-validators.generated.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: HISTORY_VALIDATORS,
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  };
}

/** The esbuild options of dist/cli/commander.cjs: commander's CommonJS package as one file, child_process lazy. */
export function historyCommanderOptions() {
  return {
    absWorkingDir: ROOT,
    entryPoints: [createRequire(path.join(ROOT, 'package.json')).resolve('commander')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: HISTORY_COMMANDER,
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    plugins: [lazyChildProcessInCommander],
  };
}

/** Where the report entry's bundle is written (bin/opsledger.js loads it for `opsledger report …`). */
export const REPORT_ENTRY = 'dist/cli/report.cjs';

/**
 * The esbuild options of `opsledger report`'s own entry: built as the history entry is (one CommonJS file run from a V8
 * code cache, commander and the shipped validators beside it), from src/cli/report-main.ts.
 */
export function reportEntryOptions() {
  return { ...historyEntryOptions(), entryPoints: ['src/cli/report-main.ts'], outfile: REPORT_ENTRY };
}

/**
 * The esbuild options of `opsledger history`'s own entry: one CommonJS file, no chunks. One file spares the ES loader
 * resolving and linking the ~27 chunks main.js's history path is made of, and CommonJS is what V8 can keep a code cache
 * of in Node 20 (bin/opsledger.js; README, CLI start-up). Modules imported on demand are wrapped in the same file and
 * require their packages when first run, so the lazy loads stay lazy.
 */
export function historyEntryOptions() {
  return {
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/history-main.ts'],
    bundle: true,
    splitting: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: externals(),
    outfile: HISTORY_ENTRY,
    // Whitespace and syntax only (names stay): a third less source to read and a smaller code cache to load, ~1.5 ms of
    // a warm start (README, CLI start-up).
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    plugins: [commanderBesideTheEntry, validatorsBesideTheEntry, nodePathWithoutCopies],
    // CommonJS has no import.meta: its url is this file's, as an ES module's would be, made on first use (turning the
    // path into a URL cost a warm read ~0.5 ms, for the two modules that ask for it only to load a package); its
    // dirname is this file's folder.
    define: { 'import.meta.url': '__opsledgerImportMeta.url', 'import.meta.dirname': '__dirname' },
    banner: {
      js: "'use strict';\nvar __opsledgerImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };",
    },
  };
}
