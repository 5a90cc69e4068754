import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/definitions/load-definitions.js';
import { openWorkTreeSource } from '../../src/definitions/sources/open-work-tree-source.js';
import { runCli } from '../helpers/cli.js';
import { createFixtureRepo } from './fixture-repo.js';

/** yaml's refusal (its maxAliasCount guard): raised while counting aliases, before anything is expanded. */
const REFUSED = /refused to expand aliases: Excessive alias count/;

describe('a billion-laughs file', () => {
  // Correctness guards, not a benchmark (no wall-time bound, which machine load can break): the file expands to 9⁹
  // strings, so a loader that expanded the aliases would not finish within the test's timeout, would exceed the
  // memory bounds below, and would not report yaml's refusal.
  it('is refused without expanding, with a located alias-bomb finding, in-process and through the CLI', async () => {
    const repo = await createFixtureRepo(['base', 'rules/alias-bomb']);
    try {
      const heapBefore = process.memoryUsage().heapUsed;
      const loaded = await loadDefinitions(openWorkTreeSource(repo.dir));
      // Loading a few small files allocates a few MiB; expanding the aliases would take gigabytes.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
      expect(loaded.findings).toContainEqual(
        expect.objectContaining({
          code: 'alias-bomb',
          file: 'definitions/actions/lol.yaml',
          line: 4,
          message: expect.stringMatching(REFUSED),
        }),
      );
      expect(loaded.definitions.map((d) => d.definition.value.id)).toEqual([
        'deploy-web',
        'flush-cache',
        'deployers',
        'release',
      ]);
      // The CLI with a small heap: a process that expanded the aliases would die out of memory (or be killed by
      // runCli's timeout) instead of exiting 1 with the finding.
      const result = runCli(['validate', '--repo', repo.dir], {
        env: { NODE_OPTIONS: '--max-old-space-size=128' },
      });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toContain('definitions/actions/lol.yaml:4:');
      expect(result.stdout).toContain('error[alias-bomb]');
    } finally {
      await repo.cleanup();
    }
  });
});
