import { OpsledgerError } from '../../errors/opsledger-error.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';
import {
  idSpecOf,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions,
  type HistoryCommandOptions,
} from '../cli-history.js';
import { renderHistoryTable } from '../render-history.js';

const EXAMPLES = `
Examples:
  $ opsledger history http-health-check      # every change, one line per changed field
  $ opsledger history web-incident-response  # a runbook, with its steps' changes
  $ opsledger history web-incident-response/restart-web   # one step of a runbook
  $ opsledger history http-health-check --json # the audit events (docs/history.md), oldest first
  $ opsledger history runbook:web-incident-response   # name the kind of an id more than one kind uses (or --kind)
  $ opsledger history http-health-check --allow-shallow  # a shallow clone: a partial history`;

/**
 * What `opsledger history ID` does once its argv is parsed: the history entry calls it straight for a plain
 * `history ID` (history-main.ts), commander's action for every other argv.
 */
export async function runHistory(
  ctx: CliContext,
  text: string,
  options: HistoryCommandOptions,
): Promise<number> {
  const { id, kind } = idSpecOf(text, options);
  const index = await openCliHistory(ctx, options);
  // A bare id names one kind, or it is AMBIGUOUS: history is never merged across kinds.
  const events = await readHistory(index, () =>
    index.history(id, id.includes('/') ? kind : resolveKind(index, id, kind)),
  );
  if (events.length === 0) {
    const base = id.includes('/') ? id.split('/')[0]! : id;
    const err = notFound(index, base, kind);
    if (id.includes('/') && index.kindsOf(base).includes('runbook')) {
      throw new OpsledgerError('DEFINITION_NOT_FOUND', `runbook ${base} has no step "${id.split('/')[1]}"`, {
        hint: `See its steps with \`opsledger history ${base}\`.`,
      });
    }
    throw err;
  }
  if (ctx.json) ctx.out.json(events);
  else ctx.out.line(renderHistoryTable(events));
  return 0;
}

/** `opsledger history ID`: the field-level change history of one action, runbook (with steps), step or role. */
export const historyCommand: CommandModule = (program, app) => {
  withHistoryOptions(
    program
      .command('history')
      .description('field-level change history of one definition, from git (who, when, which PR, what)')
      .argument('<id>', 'an action, runbook or role id (or KIND:ID), or RUNBOOK/STEP'),
    program,
  )
    .addHelpText('after', EXAMPLES)
    .action(app.action(runHistory));
};
