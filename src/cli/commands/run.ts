import { startRun } from '../../executions/start-run.js';
import type { CommandModule } from '../cli-app.js';
import { openRecordingJournal, presentFinal, reportSpooled, addServerOption } from '../remote-recording.js';
import type { ServerOption } from '../remote-recording.js';
import { renderRunResult, renderRunStarted } from '../render-run.js';
import { addParamOptions, parseParams, type ParamOptions } from '../run-params.js';
import { abortOnSignals, cliInitiator, warnIfDataDirTracked } from '../run-session.js';

// Shared with `exec` and `runbook run`; they live in ../run-params.ts and ../run-session.ts.
export { collect, parseParams } from '../run-params.js';
export { abortOnSignals, cliInitiator, warnIfDataDirTracked } from '../run-session.js';
export { renderRunResult } from '../render-run.js';

interface RunOptions extends ParamOptions, ServerOption {
  allowDirty?: boolean;
  allowUnreleased?: boolean;
}

const EXAMPLES = `
Examples:
  $ opsledger run restart-service --param service=demo-web --param lifetime_seconds=1 --target web-01
  $ opsledger run rotate-api-credential --param service_name=billing --param-env new_secret=NEW_SECRET --target db-01 --allow-unreleased   # a secret from $NEW_SECRET
  $ opsledger run disk-usage-report --allow-dirty --json              # try a local edit (the run is flagged)
  $ OPSLEDGER_API_KEY=olk_… opsledger run disk-usage-report --server https://opsledger.example.com   # recorded by the service

Parameters reach the script as environment variables OPSLEDGER_PARAM_<NAME>; the target as OPSLEDGER_TARGET,
the run's id as OPSLEDGER_EXECUTION_ID. Values are never put into the script text or a shell command line.
With --server (or server.url) the service authorizes the run and records it; a refused run does not start (exit 1).`;

/** `opsledger run ACTION`: run an action for real and record it (docs/executions.md). */
export const runCommand: CommandModule = (program, app) => {
  const command = program
    .command('run')
    .description(
      'run an action from the tracked branch and record it (exit 0 when it succeeded, 1 otherwise)',
    )
    .argument('<action>', 'the action id');
  addParamOptions(command, "run on this target (repeatable; default: the action's targets)")
    .option('--allow-dirty', 'run even though the definition or its script differs from the tracked branch')
    .option('--allow-unreleased', 'run even though the action is not released');
  addServerOption(command, 'record the run through')
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, actionId: string, opts: RunOptions) => {
        const params = parseParams(opts.param, opts.paramEnv, ctx.env);
        await warnIfDataDirTracked(ctx);
        const { journal, remote, close } = await openRecordingJournal(ctx, opts, 'run');
        const stop = abortOnSignals(ctx);
        try {
          const started = await startRun({
            repo: ctx.repo,
            dataDir: ctx.dataDir,
            branch: ctx.config.branch,
            definitionsDir: ctx.config.paths.definitions,
            journal,
            actionId,
            params,
            targets: opts.target,
            initiator: await cliInitiator(ctx),
            trigger: 'manual',
            allowDirty: opts.allowDirty === true,
            allowUnreleased: opts.allowUnreleased === true,
            signal: stop.signal,
            now: ctx.now,
            env: ctx.env,
            onOutput: (target, _stream, line) => ctx.out.info(target ? `[${target}] ${line}` : line),
          });
          ctx.out.info(renderRunStarted(started.record));
          const final = await started.done;
          if (ctx.json) ctx.out.json(presentFinal(final, journal, remote));
          else ctx.out.line(renderRunResult(final));
          reportSpooled(ctx, remote, final);
          return final.status === 'succeeded' ? 0 : 1;
        } finally {
          stop.dispose();
          await close();
        }
      }),
    );
};
