import { commandNameOf } from './commands/command-name.js';
import { reportCommand, reportGeneratedInThisProcess } from './commands/report.js';
import { runCli, type CliIo } from './run-cli.js';
export { mayExitOnClosedPipe } from './closed-pipes.js';

/**
 * Whether the bin may write its V8 code cache of this entry after this run: only after one that generated a report.
 * The cache holds the functions the run compiled; one made by `report --help` or a usage error would hold commander's
 * alone, and every later report would compile its own functions at every start (README, CLI start-up).
 */
export function mayWriteCodeCache(): boolean {
  return reportGeneratedInThisProcess();
}

/**
 * The entry point of `opsledger report …` (bin/opsledger.js picks it when the argv's command is `report`): main.ts
 * with the one command its loadCommands registers for such an argv, built into one CommonJS file that V8 compiles from
 * the code cache its first report left, instead of the ES module chunks main.js loads and compiles at every start
 * (~0.1 s of a report after one commit; README, CLI start-up). test/cli/report-entry.test.ts holds it to main's
 * outputs, files and exit codes.
 */
export function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() },
): Promise<number> {
  return runCli(argv, io, (args) =>
    commandNameOf(args) === 'report'
      ? Promise.resolve([reportCommand])
      : Promise.reject(new Error(`not the report entry's command: ${args.join(' ')}`)),
  );
}
