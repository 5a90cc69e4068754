import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestRepo } from '../helpers/git-repo.js';
import { FIXTURE_FILES } from './fixture-repo.js';

/** The first `run` in a fresh clone (no data dir yet) whose .gitignore is `gitignore`. */
async function firstRun(gitignore: string | null): Promise<{ stderr: string; code: number }> {
  const repo = await createTestRepo([
    {
      message: 'Add the fixture actions',
      files: { ...FIXTURE_FILES, '.gitignore': gitignore },
    },
  ]);
  try {
    expect(existsSync(path.join(repo.dir, '.opsledger'))).toBe(false);
    const result = runCli(['run', 'draft-thing', '--allow-unreleased', '--json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(repo.dir, '.opsledger/executions'))).toBe(true);
    return result;
  } finally {
    await repo.cleanup();
  }
}

describe('the "data dir is not git-ignored" warning', () => {
  it('#13.14 is not shown on the first run of a repo that ignores the data dir with a directory pattern', async () => {
    expect((await firstRun('.opsledger/\n')).stderr).not.toContain('not git-ignored');
    expect((await firstRun('/.opsledger\n')).stderr).not.toContain('not git-ignored');
  });

  it('#13.14 is shown on the first run of a repo that does not ignore it', async () => {
    expect((await firstRun(null)).stderr).toContain('warning: the data dir .opsledger/ is not git-ignored');
    expect((await firstRun('node_modules/\n')).stderr).toContain('is not git-ignored');
  });
});
