import { Command, CommanderError } from 'commander';
import { EXIT, OpsledgerError } from '../errors/opsledger-error.js';
import { PACKAGE_VERSION } from '../package/package-root.js';
import { createCliApp, reportError } from './cli-app.js';
import type { CommandModule } from './cli-app.js';
import { openCliOutput, type CliIo } from './run-command.js';
export type { CliIo };

/**
 * Parse argv, run one command, return the exit code (docs/cli.md); never calls exit. `load` picks the command modules
 * to register for argv's arguments: every entry point (main.ts, history-main.ts) passes its own, so that an entry's
 * bundle holds only the commands it can register.
 */
export async function runCli(
  argv: string[],
  io: CliIo,
  load: (args: readonly string[]) => Promise<CommandModule[]>,
): Promise<number> {
  const out = openCliOutput(io);
  const program = createProgram(io);
  const app = createCliApp(program, { out, env: io.env, cwd: io.cwd });
  for (const register of await load(argv.slice(2))) register(program, app);
  program.commands.forEach((c: Command) =>
    c.exitOverride().configureOutput({ outputError: () => undefined }),
  );
  try {
    await program.parseAsync(argv);
    return app.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') {
        return EXIT.ok;
      }
      if (err.code === 'commander.help') return EXIT.ok;
      const message = err.message.replace(/^error:\s*/i, '');
      return reportError(
        new OpsledgerError('USAGE', message),
        program.opts<{ json?: boolean }>().json === true,
        out,
      );
    }
    return reportError(err, false, out);
  }
}

/** The program with opsledger's global options and its output on `io`, no command registered yet. */
export function createProgram(io: CliIo): Command {
  return new Command('opsledger')
    .description(
      'Git-backed audit of script automation: change history, execution journal, reports, REST API.',
    )
    .version(PACKAGE_VERSION)
    .option(
      '--repo <dir>',
      'the git repo holding definitions/ (default: git top level of the current directory)',
    )
    .option(
      '--data-dir <dir>',
      'where the journal and state live (default: <repo>/.opsledger, or $OPSLEDGER_DATA_DIR)',
    )
    .option(
      '--database-url <url>',
      "a PostgreSQL journal (postgres://…) instead of the data dir's files (default: journal.url_env when journal.backend is postgres)",
    )
    .option('--json', 'print one JSON document on stdout (reading commands)')
    .option('--no-pager', 'never page long output through $PAGER (executions, audit)')
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (s: string) => void io.stdout.write(s),
      writeErr: (s: string) => void io.stderr.write(s),
      // commander's own usage errors are reported in the contract's format below.
      outputError: () => undefined,
    })
    .exitOverride();
}
