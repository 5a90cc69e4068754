import { OpsledgerError } from '../../errors/opsledger-error.js';
import { ANCHORS_REF, readAnchors, writeAnchor } from '../../executions/anchors.js';
import type { CommandModule } from '../cli-app.js';
import { openCliJournal } from '../cli-journal.js';

/** `opsledger anchor`: record the journal's chain head in git, so a rewrite or a rollback is caught by verify. */
export const anchorCommand: CommandModule = (program, app) => {
  program
    .command('anchor')
    .description('record the journal chain head (seq + hash + time) as a commit on a git ref')
    .option('--ref <ref>', 'the git ref holding the anchors', ANCHORS_REF)
    .option('--list', 'list the anchors instead of writing one')
    .addHelpText(
      'after',
      `
Examples:
  $ opsledger anchor                                  # after each batch of runs, or from cron
  $ git push origin refs/opsledger/anchors            # keep the anchors where the journal's host cannot rewrite them
  $ opsledger anchor --list --json

The anchor is a commit whose tree holds anchor.json; the work tree, the index and your branch are not touched.`,
    )
    .action(
      app.action(async (ctx, opts: { ref: string; list?: boolean }) => {
        if (opts.list) {
          const anchors = await readAnchors(ctx.repo, opts.ref);
          if (ctx.json) ctx.out.json(anchors);
          else
            for (const a of anchors)
              ctx.out.line(`${a.commit.slice(0, 12)}  ${a.anchored_at}  seq ${a.seq}  ${a.hash}`);
          return 0;
        }
        const journal = await openCliJournal(ctx);
        try {
          const head = journal.head();
          if (!head)
            throw new OpsledgerError('INPUT_INVALID', 'the journal is empty: there is nothing to anchor yet');
          const anchor = await writeAnchor(ctx.repo, head, {
            now: ctx.now(),
            ref: opts.ref,
            records: journal.recordCount(),
          });
          if (ctx.json) ctx.out.json({ ...anchor, ref: opts.ref });
          else {
            ctx.out.line(
              `anchored seq ${anchor.seq} (${anchor.hash.slice(0, 16)}…) as ${anchor.commit.slice(0, 12)} on ${opts.ref}`,
            );
            ctx.out.info(`hint: git push origin ${opts.ref}  # keep a copy of the anchors off this machine`);
          }
          return 0;
        } finally {
          await journal.close();
        }
      }),
    );
};
