import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertChromium } from './helpers/chromium.js';

/**
 * The browser tests need Debian's Chromium: without it the suite stops at once with the command that installs it.
 * CLI tests spawn bin/opsledger.js, which runs the bundle in dist/: build it once before the suite so it is never
 * stale (`npm run build`, the same command that makes the committed bundle; test/package/ checks the two agree).
 */
export default function setup(): void {
  assertChromium();
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}
