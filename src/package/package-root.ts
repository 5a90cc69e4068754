import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const found = findPackageRoot(import.meta.dirname);
const manifest = found.manifest;

/**
 * The folder of the installed opsledger package (the one holding its package.json), found by walking up from this
 * module. The CLI runs as an esbuild bundle whose chunks sit in dist/chunks/, tests run the sources from src/: a path
 * relative to one module's own URL would differ between the two, the package root does not.
 */
export const PACKAGE_ROOT = found.root;

/** The `version` of opsledger's package.json. */
export const PACKAGE_VERSION = manifest.version;

/** Where opsledger's git repository is (package.json `repository`), as a URL git and pre-commit can clone. */
export const PACKAGE_REPOSITORY = (manifest.repository?.url ?? '').replace(/^git\+/, '');

interface Manifest {
  name?: string;
  version: string;
  repository?: { url?: string };
}

/** The package root and its package.json, read once (every command starts here: README, CLI start-up). */
function findPackageRoot(start: string): { root: string; manifest: Manifest } {
  for (let dir = start; ; dir = path.dirname(dir)) {
    // Asked first: a read of a missing file throws, and the bundle's folders (dist/cli, dist/chunks) have none.
    const file = path.join(dir, 'package.json');
    try {
      const pkg = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : null;
      if (pkg?.name === 'opsledger') return { root: dir, manifest: pkg };
    } catch {
      // not a readable package.json: keep walking up
    }
    if (path.dirname(dir) === dir) throw new Error(`opsledger's package.json not found above ${start}`);
  }
}
