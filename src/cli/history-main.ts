import { historyCommand } from './commands/history.js';
import { runCli, type CliIo } from './run-cli.js';
export { mayExitOnClosedPipe } from './closed-pipes.js';

/**
 * The entry point of `opsledger history …` (bin/opsledger.js picks it when argv[2] is `history`): main.ts with the one
 * command its loadCommands registers for such an argv, built into one file without the other commands' chunks, which a
 * warm history starts measurably faster from (README, CLI start-up). test/cli/history-entry.test.ts holds it to
 * main's outputs and exit codes.
 */
export function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() },
): Promise<number> {
  return runCli(argv, io, () => Promise.resolve([historyCommand]));
}
