import { applyRetention, type RetentionResult } from '../../executions/apply-retention.js';
import { loadRollups } from '../../executions/load-rollups.js';
import { formatDuration } from '../../executions/present-execution.js';
import { openState } from '../../state/open-state.js';
import { RETENTION_COLLECTION, emptyRetention } from '../../state/retention-state.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import type { CliContext } from '../context.js';
import { journalUrl } from '../journal-target.js';
import type { CommandModule } from '../cli-app.js';
import { renderTable } from '../output.js';
import { parseIsoOption } from '../parse-options.js';

function renderResult(r: RetentionResult): string {
  const verb = r.dry_run ? 'would purge' : 'purged';
  const lines = [
    `${verb} ${r.purged_executions} execution(s), ${r.purged_records} record(s), as of ${r.now}`,
  ];
  for (const [action, n] of Object.entries(r.by_action).sort()) lines.push(`  ${action}: ${n}`);
  if (r.segments_removed.length) lines.push(`segments removed: ${r.segments_removed.join(', ')}`);
  if (r.segments_rewritten.length) lines.push(`segments rewritten: ${r.segments_rewritten.join(', ')}`);
  for (const g of r.gaps) {
    lines.push(
      `gap seq ${g.from_seq}–${g.through_seq} (${g.records} records), checkpoint ${g.last_hash.slice(0, 16)}…`,
    );
  }
  return lines.join('\n');
}

/** `opsledger retention apply|show`: purge expired executions by the policy in opsledger.yaml, keep rollups. */
export const retentionCommand: CommandModule = (program, app) => {
  const retention = program
    .command('retention')
    .description(
      'apply the retention policy of opsledger.yaml to the execution journal, and show what it kept',
    );

  retention
    .command('apply')
    .description('purge executions older than the policy allows; verify keeps passing (documented gaps)')
    .option('--dry-run', 'only say what would be purged')
    .option('--now <iso>', 'judge ages as of this time instead of now')
    .addHelpText(
      'after',
      `
Policy (opsledger.yaml):
  retention:
    default_days: 365        # every run
    failed_days: 730         # failed, timed-out, denied and never-finished runs
    actions:
      http-health-check: 90  # per action, wins over the others

Examples:
  $ opsledger retention apply --dry-run
  $ opsledger retention apply && opsledger verify`,
    )
    .action(
      app.action(async (ctx, opts: { dryRun?: boolean; now?: string }) => {
        refuseDatabase(ctx, 'retention apply');
        const policy = ctx.config.retention;
        if (policy.default_days === undefined && policy.failed_days === undefined && !policy.actions) {
          ctx.out.info('no retention policy in opsledger.yaml: every execution is kept');
        }
        const now = new Date(parseIsoOption('--now', opts.now) ?? ctx.now().toISOString());
        const result = await applyRetention({
          dataDir: ctx.dataDir,
          policy,
          now,
          dryRun: opts.dryRun === true,
        });
        if (ctx.json) ctx.out.json(result);
        else ctx.out.line(renderResult(result));
        return 0;
      }),
    );

  retention
    .command('show')
    .description('the monthly rollups of purged executions and the gaps in the chain')
    .action(
      app.action(async (ctx) => {
        const rollups = await loadRollups(ctx.dataDir);
        const { gaps } = await openState(ctx.dataDir).read(RETENTION_COLLECTION, emptyRetention);
        if (ctx.json) {
          ctx.out.json({ rollups, gaps });
          return 0;
        }
        if (rollups.length === 0) ctx.out.info('nothing purged yet');
        else {
          const rows = rollups.map((r) => [
            r.action_id,
            r.month,
            Object.entries(r.counts)
              .map(([s, n]) => `${s} ${n}`)
              .join(', '),
            formatDuration(r.p50_ms),
            formatDuration(r.p95_ms),
            String(r.users.length),
            String(r.targets.length),
          ]);
          ctx.out.line(renderTable([['ACTION', 'MONTH', 'RUNS', 'P50', 'P95', 'USERS', 'TARGETS'], ...rows]));
        }
        return 0;
      }),
    );
};

/** Retention purges rewrite segment files; on PostgreSQL they are not implemented yet (docs/postgres.md). */
function refuseDatabase(ctx: CliContext, what: string): void {
  if (journalUrl(ctx) !== null) {
    throw new OpsledgerError('USAGE', `\`opsledger ${what}\` works on the file journal only for now`, {
      hint: 'Copy the journal to a data dir with `opsledger journal copy`, or run it before moving to PostgreSQL.',
    });
  }
}
