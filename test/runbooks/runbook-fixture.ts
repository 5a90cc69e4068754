import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { BIN } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';

/** An action whose bash script is `script`, with a required `dir` parameter and optional `note`. */
export const action = (id: string, script: string, extra = ''): string =>
  `id: ${id}\nname: ${id}\nowner: alice@example.com\nstatus: released\nscript:\n  shell: bash\n  inline: |\n${script
    .split('\n')
    .map((l) => `    ${l}`)
    .join(
      '\n',
    )}\nparameters:\n  - { name: dir, type: string, required: true }\n  - { name: note, type: string, default: '' }\ntimeout: 60\n${extra}`;

export interface StepSpec {
  id: string;
  action: string;
  when?: string;
  automatic?: boolean;
  note?: string;
  extra?: string;
}

/** A runbook with a `dir` parameter passed to every step. */
export const runbook = (id: string, steps: StepSpec[], extra = ''): string =>
  `id: ${id}\nname: ${id}\nowner: alice@example.com\nstatus: released\nparameters:\n  - { name: dir, type: string, required: true }\n${extra}steps:\n${steps
    .map(
      (s) =>
        `  - id: ${s.id}\n    name: ${s.id}\n    action: ${s.action}\n${s.when ? `    when: ${s.when}\n` : ''}${
          s.automatic === false ? '    automatic: false\n' : ''
        }${s.extra ?? ''}    with:\n      dir: \${{ params.dir }}\n${s.note ? `      note: '${s.note}'\n` : ''}`,
    )
    .join('')}`;

export interface Rec {
  id: string;
  kind?: string;
  status: string;
  action_id: string;
  trigger: string;
  exit_code: number | null;
  runbook_run_id?: string;
  step_id?: string;
  attempt?: number;
  error?: string;
  pinned_commit?: string;
  initiator: { user: string };
  steps?: {
    id: string;
    status: string;
    reason?: string;
    executions: string[];
    decided_by?: { user: string };
  }[];
  results?: { stdout_tail: string }[];
  definition: { commit: string | null };
}

/** The CLI as `email` (git user.email through the environment). */
export function cliAs(repo: TestRepo, env: NodeJS.ProcessEnv, email = 'alice@example.com') {
  const userEnv = {
    ...process.env,
    ...env,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'user.email',
    GIT_CONFIG_VALUE_0: email,
  };
  return {
    run(args: string[]) {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: repo.dir,
        env: userEnv,
        encoding: 'utf8',
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    spawn(args: string[]): ChildProcess {
      return spawn(process.execPath, [BIN, ...args], {
        cwd: repo.dir,
        env: userEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    },
  };
}

/** Every record of one execution id, oldest first. */
export function recordsOf(repo: TestRepo, env: NodeJS.ProcessEnv, id: string): Rec[] {
  const r = cliAs(repo, env).run(['executions', id, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Rec[];
}

/** The latest state of every run, newest first. */
export function latestRuns(repo: TestRepo, env: NodeJS.ProcessEnv, extra: string[] = []): Rec[] {
  const r = cliAs(repo, env).run(['executions', '--json', '--limit', '500', ...extra]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Rec[];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `check` returns a value (or throw after `ms`). */
export async function waitFor<T>(
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(100);
  }
}
