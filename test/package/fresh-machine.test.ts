import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_FIX, assertChromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/cli.js';

describe('#20.7 tests on a fresh machine', () => {
  it("#20.7 .ci/run calls exactly the README's single test command", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const command = /^Tests: `([^`]+)`/m.exec(readme)?.[1];
    expect(command).toBe('npm test');
    const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    const testLines = ci.split('\n').filter((l) => /^\s*(npx vitest|vitest|npm (run )?test)\b/.test(l));
    // The command as written; `|| status=$?` only keeps its exit code for the summary.
    expect(testLines).toEqual([`${command} || status=$?`]);
    // Its summary line reads the JSON report that vitest.config.ts adds when CI is set.
    expect(ci).toContain('export CI=true');
    expect(readFileSync(path.join(ROOT, 'vitest.config.ts'), 'utf8')).toContain(
      "['json', { outputFile: 'test-artifacts/vitest.json' }]",
    );
  });

  it('#20.7 a missing Chromium stops the suite at once with the one command that fixes it', () => {
    expect(() => assertChromium('/nonexistent/chromium')).toThrow(
      "/nonexistent/chromium is missing: the browser tests need Debian's Chromium. Fix: apt-get install -y chromium",
    );
    expect(CHROMIUM_FIX).toBe('apt-get install -y chromium');
    expect(() => assertChromium()).not.toThrow();
    // The global setup is the one place that checks it: every browser test runs after it.
    const setup = readFileSync(path.join(ROOT, 'test/global-setup.ts'), 'utf8');
    expect(setup).toMatch(/^\s+assertChromium\(\);$/m);
  });
});
