import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the installed opsledger package (the one holding its package.json), found by walking up from this
 * module. The CLI runs as an esbuild bundle whose chunks sit in dist/chunks/, tests run the sources from src/: a path
 * relative to one module's own URL would differ between the two, the package root does not.
 */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  repository?: { url?: string };
};

/** The `version` of opsledger's package.json. */
export const PACKAGE_VERSION = manifest.version;

/** Where opsledger's git repository is (package.json `repository`), as a URL git and pre-commit can clone. */
export const PACKAGE_REPOSITORY = (manifest.repository?.url ?? '').replace(/^git\+/, '');

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'opsledger') return dir;
    } catch {
      // no package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) throw new Error(`opsledger's package.json not found above ${start}`);
  }
}
