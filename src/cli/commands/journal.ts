import { copyJournal } from '../../executions/copy-journal.js';
import { openJournalAt, parseJournalTarget } from '../../executions/open-journal-at.js';
import { copyJournalState } from '../../executions/copy-journal-state.js';
import type { CommandModule } from '../cli-app.js';

/** `opsledger journal copy --from SRC --to DST`: move a journal between data dirs and databases (docs/postgres.md). */
export const journalCommand: CommandModule = (program, app) => {
  const journal = program.command('journal').description('move the execution journal between backends');
  journal
    .command('copy')
    .description(
      'copy a journal (records, retention checkpoints, pseudonym vault) between a data dir and PostgreSQL; resumable',
    )
    .requiredOption('--from <src>', 'a data dir, or postgres://… (migrated with `opsledger db migrate`)')
    .requiredOption(
      '--to <dst>',
      'a data dir, or postgres://…; empty, or filled by an interrupted copy of the same source',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ opsledger journal copy --from .opsledger --to postgres://opsledger@db.example.com/opsledger
  $ opsledger journal copy --from postgres://opsledger@db.example.com/opsledger --to /backup/opsledger --json

Interrupted (killed, connection lost)? Run the same command again: it goes on from the target's head.
It ends by checking that the target's chain head is the source's (exit 0), and says how many records moved.`,
    )
    .action(
      app.action(async (ctx, opts: { from: string; to: string }) => {
        const warn = (m: string): void => ctx.out.info(`warning: ${m}`);
        const fromTarget = parseJournalTarget(opts.from);
        const toTarget = parseJournalTarget(opts.to);
        const source = await openJournalAt(fromTarget, { now: ctx.now, onWarning: warn });
        try {
          // Checkpoints and vault first: the target's chain resumes from the source's checkpoint.
          const state = await copyJournalState(fromTarget, toTarget);
          const target = await openJournalAt(toTarget, { now: ctx.now, onWarning: warn });
          try {
            const result = await copyJournal(source, target);
            const head = result.head;
            if (ctx.json) ctx.out.json({ ...result, ...state });
            else {
              ctx.out.line(
                `copied ${result.copied} record(s)${result.skipped ? ` (${result.skipped} already there)` : ''}; heads match: ${head ? `seq ${head.seq} ${head.hash.slice(0, 16)}…` : 'empty'}`,
              );
            }
            return 0;
          } finally {
            await target.close();
          }
        } finally {
          await source.close();
        }
      }),
    );
};
