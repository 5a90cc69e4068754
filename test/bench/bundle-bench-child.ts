import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { ROOT } from '../helpers/cli.js';

/**
 * A benchmark's child entry bundled the way `npm run build` bundles the CLI (esbuild, ESM, packages left to
 * node_modules), so a child measures the code as shipped: under the tsx loader every nested function is wrapped in a
 * `__name` call (esbuild's keepNames, which tsx turns on) and modules are transformed on load, which cost a full
 * report over a second here. Written under node_modules/.cache (as `<name>.mjs`), where its imports resolve; returns
 * its path.
 */
export function bundleBenchChild(entry: string, name = path.basename(entry).replace(/\.ts$/, '')): string {
  const dir = path.join(ROOT, 'node_modules/.cache/opsledger-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `${name}.mjs`);
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
