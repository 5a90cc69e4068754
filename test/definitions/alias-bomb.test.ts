import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/definitions/load-definitions.js';
import { openWorkTreeSource } from '../../src/definitions/sources/open-work-tree-source.js';
import { runCli } from '../helpers/cli.js';
import { createFixtureRepo } from './fixture-repo.js';

describe('a billion-laughs file', () => {
  it('fails fast with a located alias-bomb finding, in-process and through the CLI', async () => {
    const repo = await createFixtureRepo(['base', 'rules/alias-bomb']);
    try {
      const started = performance.now();
      const loaded = await loadDefinitions(openWorkTreeSource(repo.dir));
      const elapsed = performance.now() - started;
      // A correctness guard, not a benchmark: expanding the aliases would take minutes and gigabytes.
      expect(elapsed).toBeLessThan(1000);
      expect(loaded.findings).toContainEqual(
        expect.objectContaining({ code: 'alias-bomb', file: 'definitions/actions/lol.yaml', line: 4 }),
      );
      expect(loaded.definitions.map((d) => d.definition.value.id)).toEqual([
        'deploy-web',
        'flush-cache',
        'deployers',
        'release',
      ]);
      const cliStarted = performance.now();
      const result = runCli(['validate', '--repo', repo.dir]);
      // Generous: a whole node process start under a loaded, shared machine.
      expect(performance.now() - cliStarted).toBeLessThan(10_000);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('definitions/actions/lol.yaml:4:');
      expect(result.stdout).toContain('error[alias-bomb]');
    } finally {
      await repo.cleanup();
    }
  });
});
