import { spawn } from 'node:child_process';
import { BIN, type CliResult } from '../helpers/cli.js';
import { BOB, createTestRepo, gitAs, type TestRepo } from '../helpers/git-repo.js';
import { actionYaml, ACTION_PATH, runbookYaml, RUNBOOK_PATH } from '../history/fixtures.js';

export const CAROL_APPROVER = 'carol@example.com';

/** Role files of the pull request stories: bob writes, carol approves, alice is admin, dave runs monitoring. */
export const ROLES: Record<string, string> = {
  'definitions/roles/authors.yaml':
    'id: authors\nmembers:\n  - bob@example.com\npermissions:\n  - definitions:modify\n',
  'definitions/roles/approvers.yaml':
    'id: approvers\nmembers:\n  - carol@example.com\npermissions:\n  - definitions:approve\n  - definitions:modify\n',
  'definitions/roles/admins.yaml': 'id: admins\nmembers:\n  - alice@example.com\npermissions:\n  - admin\n',
  'definitions/roles/operators.yaml':
    'id: operators\nmembers:\n  - dave@example.com\npermissions:\n  - actions:execute\nscope:\n  actions:\n    - restart-*\n',
};

/** The action as the base has it, and the line of its `targets` (the bad target of the story goes there). */
export const BASE_ACTION = actionYaml({ status: 'released', timeout: 300, targets: ['web-01'] });
export const TARGETS_LINE = BASE_ACTION.split('\n').findIndex((l) => l.startsWith('targets:')) + 1;

/**
 * A repo whose `main` has a released action, a runbook calling it and the role files; branch `feature` (by Bob)
 * raises the timeout 300 → 600 and adds a target that breaks the schema (`web 02!`).
 */
export async function createPrRepo(): Promise<{ repo: TestRepo; base: string; head: string }> {
  const repo = await createTestRepo([
    {
      message: 'Add restart-web, failover and roles',
      files: {
        [ACTION_PATH]: BASE_ACTION,
        [RUNBOOK_PATH]: runbookYaml([{ id: 'restart' }, { id: 'notify', when: 'always' }]),
        ...ROLES,
      },
    },
  ]);
  const base = repo.git('rev-parse', 'main').trim();
  repo.git('checkout', '-q', '-b', 'feature');
  const head = await repo.commit({
    message: 'Slower restarts, one more target',
    author: BOB,
    files: {
      [ACTION_PATH]: actionYaml({ status: 'released', timeout: 600, targets: ['web-01', '"web 02!"'] }),
    },
  });
  gitAs(repo, BOB, ['checkout', '-q', 'main']);
  return { repo, base, head };
}

/** Run the built CLI without blocking the test worker. */
export function runCliAsync(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
