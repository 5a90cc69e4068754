import { ANCHORS_REF } from '../../executions/anchors.js';
import type { VerifyReport } from '../../executions/types.js';
import { journalTamperedEvent } from '../../alerts/alert-event.js';
import { verifyJournal } from '../../executions/verify-journal.js';
import { hasDeadLeases } from '../../executions/close-abandoned-runs.js';
import { readRewritesOf, type RewriteLog } from '../../history/rewrite-log.js';
import type { CommandModule } from '../cli-app.js';
import { closeAbandonedFromCli } from '../close-abandoned.js';
import { cliJournalTarget } from '../journal-target.js';
import { addServerOption, serviceFor, type ServerOption } from '../remote-recording.js';
import { verifyRemote } from '../remote-reads.js';
import { cliAlerts, openCliJournal } from '../cli-journal.js';

/** What verify says of the recorded rewrites of the tracked branch (docs/history.md "Rewritten branches"). */
export function renderRewriteLines(log: RewriteLog): string[] {
  const lines: string[] = [];
  if (log.records.length > 0) {
    lines.push(
      `history: ${log.records.length} rewrite(s) of the tracked branch recorded (not a journal problem; opsledger audit --rewrites):`,
    );
  }
  for (const r of log.records) {
    lines.push(
      `  ${r.detected_at}  ${r.branch}  ${r.old_head.slice(0, 12)} -> ${r.new_head.slice(0, 12)}  ${r.events_lost} event(s) lost`,
    );
  }
  for (const line of log.damaged) {
    lines.push(`  history/rewrites.jsonl:${line}  damaged  not a readable history_rewritten record`);
  }
  return lines;
}

/** The verify report for a person: a verdict, then one line per problem with its place. */
export function renderVerifyReport(report: VerifyReport & { quarantined: string[] }): string {
  const lines: string[] = [];
  const head = report.head ? `head seq ${report.head.seq} ${report.head.hash.slice(0, 16)}…` : 'empty';
  lines.push(
    report.ok
      ? `journal OK: ${report.records} records, ${head}, ${report.anchors_checked} anchor(s) checked`
      : `journal NOT OK: ${report.problems.length} problem(s) in ${report.records} records (${head})`,
  );
  for (const p of report.problems) {
    lines.push(`  ${p.segment}${p.line === null ? '' : `:${p.line}`}  ${p.kind}  ${p.message}`);
  }
  for (const g of report.gaps) {
    lines.push(
      `  gap: records up to seq ${g.through_seq} purged ${g.purged_at} (${g.reason}), checkpoint ${g.checkpoint_hash.slice(0, 16)}…`,
    );
  }
  for (const q of report.quarantined)
    lines.push(`  quarantined torn line (not part of the chain): executions/${q}`);
  return lines.join('\n');
}

/** `opsledger verify`: walk the hash chain and check the anchors; exit 1 naming every problem. */
export const verifyCommand: CommandModule = (program, app) => {
  const command = program
    .command('verify')
    .description(
      'check the execution journal: hash chain, retention checkpoints and git anchors (exit 1 on problems)',
    )
    .option('--anchors-ref <ref>', 'the git ref holding the anchors', ANCHORS_REF);
  addServerOption(command, 'verify the journal of')
    .addHelpText(
      'after',
      `
Examples:
  $ opsledger verify                 # exit 0 when whole, 1 with each problem's segment and line
  $ opsledger verify --database-url postgres://opsledger@db.example.com/opsledger   # rows in seq order, problems by seq
  $ opsledger verify --json          # { ok, records, head, problems[], gaps[], anchors_checked, quarantined[],
                                     #   history_rewrites[], history_rewrites_damaged[] }
  $ OPSLEDGER_API_KEY=olk_… opsledger verify --server https://opsledger.example.com   # the service verifies its journal

Rewrites of the tracked branch (force-pushes) that history recorded are listed; they do not change the exit code.
A damaged line of <data-dir>/history/rewrites.jsonl does (exit 1).`,
    )
    .action(
      app.action(async (ctx, opts: { anchorsRef: string } & ServerOption) => {
        const client = serviceFor(ctx, opts);
        if (client) return verifyRemote(ctx, client, renderVerifyReport);
        if (hasDeadLeases(ctx.dataDir)) {
          // Runs left by dead recorders are closed first, through the normal append, so the chain stays whole.
          try {
            const journal = await openCliJournal(ctx);
            try {
              await closeAbandonedFromCli(ctx, journal, 'verify');
            } finally {
              await journal.close();
            }
          } catch (err) {
            ctx.out.info(`warning: cannot close the runs of dead recorders now: ${(err as Error).message}`);
          }
        }
        const target = cliJournalTarget(ctx);
        const report =
          target.backend === 'postgres'
            ? await (
                await import('../../executions/postgres/verify-postgres.js')
              ).verifyPostgres({ url: target.url, repo: ctx.repo, anchorsRef: opts.anchorsRef })
            : await verifyJournal({ dataDir: ctx.dataDir, repo: ctx.repo, anchorsRef: opts.anchorsRef });
        const rewrites = readRewritesOf(ctx.dataDir);
        // The verdict is printed even when its alert cannot be written (said on stderr; the next verify tells it).
        if (!report.ok)
          await cliAlerts(ctx)
            .emitter.emit([journalTamperedEvent(report, ctx.now())])
            .catch((err: unknown) => ctx.out.info(`warning: ${(err as Error).message}`));
        if (ctx.json) {
          ctx.out.json({
            ...report,
            history_rewrites: rewrites.records.map(({ events: _events, ...summary }) => summary),
            history_rewrites_damaged: rewrites.damaged,
          });
        } else {
          ctx.out.line([renderVerifyReport(report), ...renderRewriteLines(rewrites)].join('\n'));
        }
        return report.ok && rewrites.damaged.length === 0 ? 0 : 1;
      }),
    );
};
