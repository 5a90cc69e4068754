import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/helpers/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    // CI (.ci/run runs plain `npm test`, the README's command) also keeps a JSON report for its summary line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-artifacts/vitest.json' }]]
      : ['default'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests spawn real git and node processes; two cores are shared between workers.
    // The files that take minutes start first, so the two workers end together (test/helpers/slow-first-sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
