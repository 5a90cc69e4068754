// `npm run build`: bundle the CLI and the worker entries with esbuild into dist/ (committed, so an install needs no
// build). Runtime dependencies stay external (installed beside it), except commander: every command loads it before
// its first output, and one bundled module starts faster than commander's CommonJS files (#15.7, README).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLED = new Set(['commander']);
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const external = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

rmSync('dist', { recursive: true, force: true });
await build({
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
  // commander is CommonJS: its require() of node builtins needs a require in the ESM output.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
});
