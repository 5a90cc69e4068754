import type { CommandModule } from './cli-app.js';
import { blameCommand, runBlame } from './commands/blame.js';
import { commandNameOf } from './commands/command-name.js';
import { historyCommand, runHistory } from './commands/history.js';
import { runShow, showCommand } from './commands/show.js';
import type { CliContext } from './context.js';
import type { HistoryCommandOptions } from './cli-history.js';
import { indexUpdatedInThisProcess } from '../history/refresh-history.js';
import { runCommand, type CliIo } from './run-command.js';
import { mayExitOnClosedPipe } from './closed-pipes.js';
import { fdWriter } from './fd-writer.js';
export { mayExitOnClosedPipe };

/**
 * Whether the bin may write its V8 code cache of this entry after this run: not after a run that updated the index.
 * The cache holds every function the run compiled, and the update machinery's would make it half again as large and
 * slower to load on every warm read after (README, CLI start-up).
 */
export function mayWriteCodeCache(): boolean {
  return !indexUpdatedInThisProcess();
}

interface IndexReader {
  /** The command's registration in commander's program. */
  register: CommandModule;
  /** What it does once its argv is parsed. */
  run: (ctx: CliContext, arg: string, options: HistoryCommandOptions) => Promise<number>;
}

/** The commands that answer from the history index, by name: the ones this entry serves. */
const INDEX_READERS = new Map<string, IndexReader>([
  ['history', { register: historyCommand, run: runHistory }],
  ['show', { register: showCommand, run: runShow }],
  ['blame', { register: blameCommand, run: runBlame }],
]);

/**
 * `opsledger history ID | head` closes the pipe early: the reader's choice, not an error, and the process ends at once
 * with its exit code so far (bin/opsledger.js does the same for main.js's streams).
 */
function onClosedPipe(): void {
  if (mayExitOnClosedPipe()) process.exit(process.exitCode ?? 0);
}

/**
 * The command of a plain `opsledger NAME ARG` (an index reader and one argument that is not an option), which commander
 * would parse into that command's action on ARG with every option at its default: run so, without commander.
 */
function plainReader(args: readonly string[]): IndexReader | undefined {
  if (args.length !== 2 || args[1]!.startsWith('-')) return undefined;
  return INDEX_READERS.get(args[0]!);
}

/**
 * The entry point of `opsledger history|show|blame …` (bin/opsledger.js picks it when argv[2] is one of them): main.ts
 * with the one command its loadCommands registers for such an argv, built into one file without the other commands'
 * chunks, which a warm read of the index starts measurably faster from (README, CLI start-up). It writes to file
 * descriptors 1 and 2 directly, never touching `process.stdout` or `process.stderr` (fd-writer.ts). A plain
 * `history ID` (`show ID`, `blame ID`) runs its command without commander, which is loaded only to parse any other
 * argv, help and usage errors included. test/cli/history-entry.test.ts holds it to main's outputs and exit codes.
 */
export async function main(
  argv: string[],
  io: CliIo = {
    stdout: fdWriter(1, onClosedPipe),
    stderr: fdWriter(2, onClosedPipe),
    env: process.env,
    cwd: process.cwd(),
  },
): Promise<number> {
  const plain = plainReader(argv.slice(2));
  if (plain) return runCommand(io, plain.run, argv[3]!);
  const { runCli } = await import('./run-cli.js');
  return runCli(argv, io, (args) => {
    const command = INDEX_READERS.get(commandNameOf(args) ?? '')?.register;
    if (!command)
      return Promise.reject(new Error(`not a command of the index readers' entry: ${args.join(' ')}`));
    return Promise.resolve([command]);
  });
}
