import { loadCommands } from './commands/index.js';
import { runCli, type CliIo } from './run-cli.js';
export { mayExitOnClosedPipe } from './closed-pipes.js';

/** The CLI entry point: parse argv, run one command, return the exit code (docs/cli.md). Never calls exit. */
export function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() },
): Promise<number> {
  return runCli(argv, io, loadCommands);
}
