import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const found = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
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
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
      if (pkg.name === 'opsledger') return { root: dir, manifest: pkg };
    } catch {
      // no package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) throw new Error(`opsledger's package.json not found above ${start}`);
  }
}
