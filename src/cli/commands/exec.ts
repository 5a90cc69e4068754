import { constants } from 'node:os';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { startExternal } from '../../executions/start-external.js';
import type { ExecutionRecord } from '../../executions/types.js';
import type { CommandModule } from '../cli-app.js';
import {
  addServerOption,
  openRecordingJournal,
  reportSpooled,
  type ServerOption,
} from '../remote-recording.js';
import { addParamOptions, parseParams, type ParamOptions } from '../run-params.js';
import { abortOnSignals, cliInitiator } from '../run-session.js';

interface ExecOptions extends ParamOptions, ServerOption {
  action: string;
  timeout?: string;
}

const EXAMPLES = `
Examples:
  $ opsledger exec --action nightly-backup -- tar czf /tmp/definitions.tgz definitions   # a cron job's command
  $ opsledger exec --action purge-old-files --target db-01 --param dir=/tmp --param older_than_days=30 -- find /tmp -maxdepth 1 -mtime +30
  # crontab: bring an existing job under audit in one line
  0 3 * * *  cd /srv/ops && opsledger exec --action nightly-backup -- ./backup.sh
  # recorded by the central service (authorized first; the key in OPSLEDGER_API_KEY)
  $ OPSLEDGER_API_KEY=olk_… opsledger exec --server https://opsledger.example.com --action nightly-backup -- ./backup.sh

The command's output passes through, and its exit code is opsledger's exit code (128+N when killed by signal N).`;

/** The exit code of `exec`: the command's own, 128+N when a signal ended it, 1 when it never ran. */
function exitCodeOf(final: ExecutionRecord): number {
  if (final.exit_code !== null) return final.exit_code;
  const signal = final.results?.[0]?.signal as keyof typeof constants.signals | undefined;
  return signal && constants.signals[signal] ? 128 + constants.signals[signal] : 1;
}

/** `opsledger exec --action ID -- COMMAND...`: record a command run outside opsledger (trigger `external`). */
export const execCommand: CommandModule = (program, app) => {
  const command = program
    .command('exec')
    .description('run a command and record it as an external run of an action; passes its exit code through')
    .requiredOption('--action <id>', 'the action id the command is recorded under (need not be defined)');
  addParamOptions(command, 'the target it runs on (repeatable)').option(
    '--timeout <seconds>',
    'stop the command (and its children) after this long',
  );
  addServerOption(command, 'record the run through')
    .argument('<command...>', 'the command and its arguments, after --')
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, argv: string[], opts: ExecOptions) => {
        const timeout = opts.timeout === undefined ? null : Number(opts.timeout);
        if (timeout !== null && (!Number.isInteger(timeout) || timeout < 1)) {
          throw new OpsledgerError('INPUT_INVALID', `--timeout ${opts.timeout}: expected whole seconds`);
        }
        const params = parseParams(opts.param, opts.paramEnv, ctx.env);
        const { journal, remote, close } = await openRecordingJournal(ctx, opts, 'exec');
        const stop = abortOnSignals(ctx);
        try {
          const started = await startExternal({
            repo: ctx.repo,
            dataDir: ctx.dataDir,
            branch: ctx.config.branch,
            definitionsDir: ctx.config.paths.definitions,
            journal,
            actionId: opts.action,
            params,
            targets: opts.target,
            initiator: await cliInitiator(ctx),
            command: argv,
            timeoutSeconds: timeout,
            signal: stop.signal,
            now: ctx.now,
            env: ctx.env,
            cwd: ctx.cwd,
            onStdout: (chunk) => process.stdout.write(chunk),
            onStderr: (chunk) => process.stderr.write(chunk),
          });
          const final = await started.done;
          ctx.out.info(
            `${final.id}: ${final.action_id} ${final.status}${final.exit_code === null ? '' : ` (exit ${final.exit_code})`}`,
          );
          reportSpooled(ctx, remote, final);
          return exitCodeOf(final);
        } finally {
          stop.dispose();
          await close();
        }
      }),
    );
};
