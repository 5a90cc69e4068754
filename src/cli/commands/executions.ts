import { Option } from 'commander';
import { alertOnAppend } from '../../alerts/alert-on-append.js';
import { openAlerts, type Alerts } from '../../alerts/open-alerts.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { openJournal, type FileJournal } from '../../executions/open-journal.js';
import { formatDuration, presentExecution } from '../../executions/present-execution.js';
import { STATUS_CODES, TRIGGER_CODES } from '../../executions/journal-index.js';
import type { ExecutionQuery, ExecutionRecord } from '../../executions/types.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';
import { renderTable } from '../output.js';
import { pageOutput } from '../page-output.js';
import { renderExecution } from '../render-execution.js';

/** The journal of the context's data dir; its reports (a quarantined torn line) go to stderr. */
export async function openCliJournal(ctx: CliContext): Promise<FileJournal> {
  const journal = await openJournal({
    dataDir: ctx.dataDir,
    now: ctx.now,
    onWarning: (m) => ctx.out.info(`warning: ${m}`),
  });
  // Runs started and ended here reach the webhooks through the outbox (docs/alerts.md).
  return ctx.config.webhooks.length === 0 ? journal : alertOnAppend(journal, cliAlerts(ctx).journalAlerts());
}

/** The alerts of the context's data dir; warnings go to stderr. */
export function cliAlerts(ctx: CliContext): Alerts {
  return openAlerts({
    dataDir: ctx.dataDir,
    config: ctx.config,
    now: ctx.now,
    onWarning: (m) => ctx.out.info(`warning: ${m}`),
  });
}

/** An ISO 8601 date or date-time option, normalised; INPUT_INVALID otherwise. */
export function parseIsoOption(
  flag: string,
  value: string | undefined,
  endOfDay = false,
): string | undefined {
  if (value === undefined) return undefined;
  // A bare date as an upper bound means the whole of that day.
  if (endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value)) value = `${value}T23:59:59.999Z`;
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new OpsledgerError(
      'INPUT_INVALID',
      `${flag} ${value}: expected an ISO 8601 date, e.g. 2026-01-31 or 2026-01-31T12:00:00Z`,
    );
  }
  return new Date(ms).toISOString();
}

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
type ExecutionsOptions = Omit<ExecutionQuery, 'limit' | 'before'> & { limit: string; pseudonymize?: boolean };

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
  program
    .command('executions')
    .description('list recorded runs from the execution journal, newest first (latest state of each)')
    .argument('[id]', 'one execution: what ran, who, when, with which parameters, per target, output tails')
    .option('--action <id>', 'only runs of this action')
    .option('--user <email>', 'only runs started by this user (an email, or a stored pseudonym)')
    .addOption(
      new Option('--status <status>', 'only runs whose latest state is this').choices([...STATUS_CODES]),
    )
    .option('--target <name>', 'only runs on this target')
    .addOption(new Option('--trigger <trigger>', 'only runs started this way').choices([...TRIGGER_CODES]))
    .option('--since <iso>', 'only runs started at or after this time')
    .option('--until <iso>', 'only runs started at or before this time (a bare date: the end of that day)')
    .option('--limit <n>', 'at most this many runs', '100')
    .option('--pseudonymize', 'show users as the stored pseudonyms (for sharing a report)')
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, id: string | undefined, opts: ExecutionsOptions) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1) {
          throw new OpsledgerError(
            'INPUT_INVALID',
            `--limit ${opts.limit}: expected a positive whole number`,
          );
        }
        const journal = await openCliJournal(ctx);
        try {
          const show = (r: ExecutionRecord) =>
            presentExecution(r, (s) => journal.resolveUser(s), opts.pseudonymize);
          const resolve = opts.pseudonymize ? (s: string) => s : (s: string) => journal.resolveUser(s);
          if (id !== undefined) {
            const records = journal.records(id);
            if (records.length === 0)
              throw new OpsledgerError('NOT_FOUND', `no execution "${id}" in the journal`);
            if (ctx.json) ctx.out.json(records.map(show));
            else await pageOutput(ctx, renderExecution(records.map(show)));
            return 0;
          }
          const query: ExecutionQuery = { limit };
          if (opts.action) query.action = opts.action;
          if (opts.user) query.user = opts.user;
          if (opts.status) query.status = opts.status;
          if (opts.target) query.target = opts.target;
          if (opts.trigger) query.trigger = opts.trigger;
          const since = parseIsoOption('--since', opts.since);
          const until = parseIsoOption('--until', opts.until, true);
          if (since) query.since = since;
          if (until) query.until = until;
          const found = journal.query(query);
          if (ctx.json) ctx.out.json(found.map(show));
          else if (found.length === 0) ctx.out.info('no executions match');
          else await pageOutput(ctx, renderExecutions(found, resolve));
          return 0;
        } finally {
          await journal.close();
        }
      }),
    );
};
