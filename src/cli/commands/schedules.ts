import { listSchedules } from '../../schedules/list-schedules.js';
import type { CommandModule } from '../cli-app.js';
import { renderTable } from '../output.js';
import { parseWholeNumber } from '../parse-options.js';
import { openCliHistory, readHistory } from '../cli-history.js';

const EXAMPLES = `
Examples:
  $ opsledger schedules                 # every scheduled action and runbook on the tracked branch, next 3 fire times
  $ opsledger schedules --count 10 --json`;

/** `opsledger schedules`: the schedules live on the tracked branch and their next fire times (docs/schedules.md). */
export const schedulesCommand: CommandModule = (program, app) => {
  program
    .command('schedules')
    .description('list the scheduled actions and runbooks of the tracked branch with their next fire times')
    .option('--count <n>', 'how many next fire times to show (1-100)', '3')
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, opts: { count: string }) => {
        const count = parseWholeNumber('--count', opts.count, {
          min: 1,
          max: 100,
          code: 'USAGE',
          expected: 'a whole number from 1 to 100',
        });
        const index = await openCliHistory(ctx);
        await index.refresh();
        const tip = index.tip();
        const entries = await readHistory(index, () =>
          tip === null
            ? []
            : listSchedules(
                [...index.definitionsAt('action', tip), ...index.definitionsAt('runbook', tip)],
                ctx.now(),
                count,
              ),
        );
        if (ctx.json) {
          ctx.out.json(entries);
          return 0;
        }
        if (entries.length === 0) {
          ctx.out.line('no action or runbook on the tracked branch has a schedule');
          return 0;
        }
        const rows = entries.map((e) => [
          e.kind,
          e.id,
          e.schedule.cron,
          e.schedule.timezone,
          `${e.catch_up}/${e.overlap}`,
          e.problem ? `invalid: ${e.problem}` : e.next.join('  '),
        ]);
        ctx.out.line(
          renderTable([['KIND', 'ID', 'CRON', 'ZONE', 'CATCH_UP/OVERLAP', 'NEXT (UTC)'], ...rows]),
        );
        return entries.some((e) => e.problem) ? 1 : 0;
      }),
    );
};
