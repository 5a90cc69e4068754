import { createCliApp } from './cli-app.js';
import type { CliContext, GlobalOptions } from './context.js';
import { createOutput, type Output, type OutputStream } from './output.js';
import { setLockWaitReporter } from '../state/lock-wait-reporter.js';

/** What a CLI run reads and writes: the process's own streams, environment and directory unless a test passes others. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The output of a CLI run on `io`'s streams; a lock another process holds is named on its stderr after a second's wait. */
export function openCliOutput(io: CliIo): Output {
  const out = createOutput(io.stdout, io.stderr);
  // docs/executions.md, "Locks".
  setLockWaitReporter((message) => out.info(`opsledger: ${message}`));
  return out;
}

/**
 * The global options commander's program holds after parsing an argv that gives none (run-cli.ts): `--no-pager`
 * defaults `pager` to true, the others are unset. test/cli/run-command.test.ts holds the two together.
 */
export function defaultGlobalOptions(): GlobalOptions {
  return { pager: true };
}

/**
 * Run one command's handler on its one argument, as commander's action would after parsing `opsledger NAME ARG` (no
 * option given: the global options at their defaults, the command's own empty), and return the exit code. Only for
 * an argv whose parse can give nothing else (history-main.ts says which): the history entry answers a plain
 * `opsledger history ID` this way without evaluating commander (README, CLI start-up).
 */
export async function runCommand<O extends object>(
  io: CliIo,
  handler: (ctx: CliContext, arg: string, options: O) => Promise<number>,
  arg: string,
): Promise<number> {
  const out = openCliOutput(io);
  const app = createCliApp({ opts: defaultGlobalOptions }, { out, env: io.env, cwd: io.cwd });
  await app.action(handler)(arg, {} as O);
  return app.exitCode;
}
