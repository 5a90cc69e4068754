import { decideStep, requestCancel } from '../../runbooks/decide-step.js';
import { startRunbookRun } from '../../runbooks/start-runbook-run.js';
import type { CommandModule } from '../cli-app.js';
import { closeAbandonedFromCli } from '../close-abandoned.js';
import { printRun } from '../render-runbook-run.js';
import { openCliJournal, withCliJournal } from '../cli-journal.js';
import { openCliHistory } from '../cli-history.js';
import { refuseLocalRecording } from '../remote-recording.js';
import { abortOnSignals, cliInitiator, collect, parseParams, warnIfDataDirTracked } from './run.js';

const EXAMPLES = `
Examples:
  $ opsledger runbook run web-incident-response --param service=nginx
  $ opsledger runbook confirm 01JD8Z3M4K9Q2W6E8R1T5Y7U3I restart      # run the manual step it waits for
  $ opsledger runbook confirm 01JD8Z3M4K9Q2W6E8R1T5Y7U3I restart --reject
  $ opsledger runbook cancel 01JD8Z3M4K9Q2W6E8R1T5Y7U3I

Every step runs the action as the tracked branch was when the run started (docs/runbooks.md).`;

interface RunOptions {
  param: string[];
  paramEnv: string[];
  target: string[];
  allowUnreleased?: boolean;
}

/** `opsledger runbook run|confirm|cancel`: run a runbook step by step, recorded (docs/runbooks.md). */
export const runbookCommand: CommandModule = (program, app) => {
  const runbook = program
    .command('runbook')
    .description('run runbooks, confirm their manual steps, cancel them');
  runbook
    .command('run')
    .description('run a runbook from the tracked branch, every step recorded (exit 0 when it succeeded)')
    .argument('<runbook>', 'the runbook id')
    .option('--param <name=value>', 'a runbook parameter (repeatable)', collect, [])
    .option('--param-env <name=VAR>', 'a runbook parameter read from environment variable VAR', collect, [])
    .option('--target <name>', 'targets for steps that name none (repeatable)', collect, [])
    .option('--allow-unreleased', 'run although the runbook or an action it calls is not released')
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, runbookId: string, opts: RunOptions) => {
        const params = parseParams(opts.param, opts.paramEnv, ctx.env);
        await warnIfDataDirTracked(ctx);
        refuseLocalRecording(
          ctx,
          'runbook run',
          'Start the runbook on the service: POST /api/v1/runbooks/{id}/runs.',
        );
        const journal = await openCliJournal(ctx);
        const stop = abortOnSignals(ctx);
        try {
          await closeAbandonedFromCli(ctx, journal, 'runbook run');
          const started = await startRunbookRun({
            repo: ctx.repo,
            dataDir: ctx.dataDir,
            branch: ctx.config.branch,
            definitionsDir: ctx.config.paths.definitions,
            journal,
            runbookId,
            params,
            targets: opts.target,
            initiator: await cliInitiator(ctx),
            trigger: 'manual',
            access: 'when-roles',
            allowUnreleased: opts.allowUnreleased === true,
            signal: stop.signal,
            now: ctx.now,
            env: ctx.env,
            onProgress: (m) => ctx.out.info(m),
            onOutput: (step, target, line) => ctx.out.info(`[${step}${target ? `@${target}` : ''}] ${line}`),
          });
          ctx.out.info(
            `${started.record.id}: running runbook ${runbookId} at ${started.record.pinned_commit?.slice(0, 12)}`,
          );
          const final = await started.done;
          printRun(ctx, final, (u) => journal.resolveUser(u));
          return final.status === 'succeeded' ? 0 : 1;
        } finally {
          stop.dispose();
          await journal.close();
        }
      }),
    );
  runbook
    .command('confirm')
    .description('confirm (or --reject) the manual step a runbook run is waiting for')
    .argument('<run>', 'the runbook run id')
    .argument('<step>', 'the step id')
    .option('--reject', 'reject the step instead: the run ends cancelled')
    .option('--reason <text>', 'why (recorded)')
    .action(
      app.action(async (ctx, runId: string, stepId: string, opts: { reject?: boolean; reason?: string }) => {
        return withCliJournal(ctx, async (journal) => {
          const history = await openCliHistory(ctx);
          const record = await decideStep({
            journal,
            history,
            runId,
            stepId,
            user: (await cliInitiator(ctx)).user,
            decision: opts.reject ? 'reject' : 'confirm',
            access: 'when-roles',
            now: ctx.now,
            ...(opts.reason ? { reason: opts.reason } : {}),
          });
          printRun(ctx, record, (u) => journal.resolveUser(u));
          return 0;
        });
      }),
    );
  runbook
    .command('cancel')
    .description("cancel a running or waiting runbook run (its recorder stops the running step's processes)")
    .argument('<run>', 'the runbook run id')
    .action(
      app.action(async (ctx, runId: string) => {
        return withCliJournal(ctx, async (journal) => {
          const record = await requestCancel({
            journal,
            runId,
            user: (await cliInitiator(ctx)).user,
            now: ctx.now,
          });
          ctx.out.info(
            `${runId}: cancel requested; its recorder stops the running step and records the run cancelled`,
          );
          printRun(ctx, record, (u) => journal.resolveUser(u));
          return 0;
        });
      }),
    );
};
