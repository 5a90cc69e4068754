import { Option } from 'commander';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { formatDuration, presentExecution } from '../../executions/present-execution.js';
import { EXECUTION_STATUSES, TRIGGERS } from '../../executions/types.js';
import { executionFilters } from '../../executions/execution-filters.js';
import type { ExecutionQuery, ExecutionRecord } from '../../executions/types.js';
import type { CommandModule } from '../cli-app.js';
import { withCliJournal } from '../cli-journal.js';
import { parseIsoOption, parseWholeNumber } from '../parse-options.js';
import { renderTable } from '../output.js';
import { pageOutput } from '../page-output.js';
import { addServerOption, serviceFor, type ServerOption } from '../remote-recording.js';
import { showRemoteExecutions } from '../remote-reads.js';
import { renderExecution } from '../render-execution.js';

// run.ts and exec.ts still import these from here.
export { cliAlerts, openCliJournal } from '../cli-journal.js';

/** One line per execution, newest first. */
export function renderExecutions(
  records: readonly ExecutionRecord[],
  resolveUser: (s: string) => string,
): string {
  const rows = records.map((r) => [
    r.started_at.slice(0, 19).replace('T', ' '),
    r.id,
    r.action_id,
    r.status + (r.definition.dirty ? ' (dirty)' : ''),
    resolveUser(r.initiator.user),
    r.targets.join(',') || '-',
    formatDuration(r.duration_ms),
  ]);
  return renderTable([['STARTED (UTC)', 'ID', 'ACTION', 'STATUS', 'USER', 'TARGETS', 'DURATION'], ...rows]);
}

/** The filters of ExecutionQuery as commander hands them over (the limit still text). */
type ExecutionsOptions = Omit<ExecutionQuery, 'limit' | 'before'> &
  ServerOption & { limit: string; pseudonymize?: boolean };

const EXAMPLES = `
Examples:
  $ opsledger executions                                  # the latest 100 runs
  $ opsledger executions --action restart-service --status failed --since 2026-01-01
  $ opsledger executions --user alice@example.com --limit 20 --json
  $ opsledger --data-dir demo-data executions 01M80SZSY9G05QFNEPFQ84P7K9          # one run of the demo: who, what, per target, output
  $ opsledger --data-dir demo-data executions 01M80SZSY9G05QFNEPFQ84P7K9 --json   # its records (start, end): one JSON array

Long output goes through $PAGER (default "less -FRX") on a terminal; --no-pager prints it as is.`;

/** `opsledger executions [ID]`: query the execution journal (docs/executions.md), newest first. */
export const executionsCommand: CommandModule = (program, app) => {
  const command = program
    .command('executions')
    .description('list recorded runs from the execution journal, newest first (latest state of each)')
    .argument('[id]', 'one execution: what ran, who, when, with which parameters, per target, output tails')
    .option('--action <id>', 'only runs of this action')
    .option('--user <email>', 'only runs started by this user (an email, or a stored pseudonym)')
    .addOption(
      new Option('--status <status>', 'only runs whose latest state is this').choices([
        ...EXECUTION_STATUSES,
      ]),
    )
    .option('--target <name>', 'only runs on this target')
    .addOption(new Option('--trigger <trigger>', 'only runs started this way').choices([...TRIGGERS]))
    .option('--since <iso>', 'only runs started at or after this time')
    .option('--until <iso>', 'only runs started at or before this time (a bare date: the end of that day)')
    .option('--limit <n>', 'at most this many runs', '100')
    .option('--pseudonymize', 'show users as the stored pseudonyms (for sharing a report)');
  addServerOption(command, 'read the runs from')
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, id: string | undefined, opts: ExecutionsOptions) => {
        const limit = parseWholeNumber('--limit', opts.limit, {
          min: 1,
          code: 'INPUT_INVALID',
          expected: 'a positive whole number',
        });
        const since = parseIsoOption('--since', opts.since);
        const until = parseIsoOption('--until', opts.until, true);
        const query: ExecutionQuery & { limit: number } = {
          ...executionFilters({ ...opts, since, until }),
          limit,
        };
        const client = serviceFor(ctx, opts);
        if (client) {
          return showRemoteExecutions(ctx, client, id, query, opts.pseudonymize === true, renderExecutions);
        }
        return withCliJournal(ctx, async (journal) => {
          const show = (r: ExecutionRecord) =>
            presentExecution(r, (s) => journal.resolveUser(s), opts.pseudonymize);
          const resolve = opts.pseudonymize ? (s: string) => s : (s: string) => journal.resolveUser(s);
          if (id !== undefined) {
            const records = await journal.records(id);
            if (records.length === 0)
              throw new OpsledgerError('NOT_FOUND', `no execution "${id}" in the journal`);
            if (ctx.json) ctx.out.json(records.map(show));
            else await pageOutput(ctx, renderExecution(records.map(show)));
            return 0;
          }
          const found = await journal.query(query);
          if (ctx.json) ctx.out.json(found.map(show));
          else if (found.length === 0) ctx.out.info('no executions match');
          else await pageOutput(ctx, renderExecutions(found, resolve));
          return 0;
        });
      }),
    );
};
