// The esbuild options of `npm run build` (scripts/build.mjs), apart so that test/cli/lean-start-path.test.ts checks
// the module graph of exactly this build.
import { readFileSync } from 'node:fs';
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

/** The esbuild options of dist/: the CLI and the worker entries, split into chunks loaded on demand. */
export function buildOptions() {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const external = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
  ]
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
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
    external,
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
