import path from 'node:path';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { openS3Store } from '../../export/open-s3-store.js';
import { runExport } from '../../export/run-export.js';
import { verifyExport } from '../../export/verify-export.js';
import type { OpsledgerConfig } from '../../config/load-config.js';
import { createExportScheduler, type ExportScheduler } from '../../export/schedule-export.js';
import type { HistoryIndex } from '../../history/types.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';
import { openCliHistory } from '../cli-history.js';
import { journalUrl } from '../journal-target.js';
import type { JournalRange } from '../../export/read-journal-range.js';

/** On a PostgreSQL journal, its records as JSON Lines ranges (the driver loads on demand); else undefined (files). */
function pgJournalRange(ctx: CliContext): ((afterSeq: number) => Promise<JournalRange | null>) | undefined {
  const url = journalUrl(ctx);
  if (!url) return undefined;
  return async (afterSeq) => {
    const { readPgJournalRange } = await import('../../export/read-pg-range.js');
    return readPgJournalRange(url, afterSeq);
  };
}

/** The scheduled export of serve when the config has `export:` (docs/export.md), else null. */
export function openServeExport(
  ctx: CliContext,
  config: OpsledgerConfig,
  history: HistoryIndex,
  logger: { info(msg: string): void; warn(msg: string): void },
): ExportScheduler | null {
  const target = config.export;
  if (!target) return null;
  const store = openS3Store(target.to, ctx.env);
  const journalRange = pgJournalRange(ctx);
  return createExportScheduler({
    ...(target.schedule ? { schedule: target.schedule } : {}),
    logger,
    exportOnce: async () => {
      const summary = await runExport({
        store,
        dataDir: ctx.dataDir,
        ...(journalRange ? { journalRange } : {}),
        auditEvents: () => history.events(),
        reportsDir: path.resolve(ctx.repo, config.paths.reports),
        now: ctx.now,
      });
      return `scheduled export to ${summary.location}: ${summary.uploaded.length} new object(s)`;
    },
  });
}

/** `opsledger export --to s3://…` and `opsledger export verify --from s3://…` (docs/export.md). */
export const exportCommand: CommandModule = (program, app) => {
  const command = program
    .command('export')
    .description(
      'copy the journal, the audit log and the reports to S3 (or any S3-compatible store), incrementally',
    )
    .option('--to <url>', 's3://BUCKET/PREFIX to export to')
    .addHelpText(
      'after',
      `
Endpoint, region and credentials come from the standard AWS environment (AWS_REGION, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...); AWS_ENDPOINT_URL points at another S3-compatible store.

Examples:
  $ opsledger export --to s3://audit-archive/opsledger
  $ opsledger export verify --from s3://audit-archive/opsledger`,
    )
    .action(
      app.action(async (ctx, options: { to?: string }) => {
        if (!options.to) {
          throw new OpsledgerError(
            'USAGE',
            'export needs --to s3://BUCKET/PREFIX (or: export verify --from URL)',
          );
        }
        const store = openS3Store(options.to, ctx.env);
        const history = await openCliHistory(ctx);
        const journalRange = pgJournalRange(ctx);
        const summary = await runExport({
          store,
          dataDir: ctx.dataDir,
          ...(journalRange ? { journalRange } : {}),
          auditEvents: () => history.events(),
          reportsDir: path.resolve(ctx.repo, ctx.config.paths.reports),
          now: ctx.now,
        });
        if (ctx.json) ctx.out.json(summary);
        else
          ctx.out.line(
            [
              `exported to ${summary.location}: ${summary.uploaded.length} new object(s), ${summary.unchanged} unchanged${summary.head ? `; journal head seq ${summary.head.seq} ${summary.head.hash.slice(0, 12)}` : ''}`,
              ...summary.uploaded.map((k) => `  + ${k}`),
            ].join('\n'),
          );
        return EXIT.ok;
      }),
    );

  command
    .command('verify')
    .description(
      'read an export back: each object against its sha256, the journal chain recomputed (exit 1 on problems)',
    )
    .requiredOption('--from <url>', 's3://BUCKET/PREFIX of an export')
    .action(
      app.action(async (ctx, options: { from: string }) => {
        const report = await verifyExport(openS3Store(options.from, ctx.env));
        if (ctx.json) ctx.out.json(report);
        else
          ctx.out.line(
            [
              report.ok
                ? `export OK: ${report.objects} object(s), ${report.records} journal record(s), head seq ${report.head?.seq ?? '-'}`
                : `export NOT OK: ${report.problems.length} problem(s) in ${report.location}`,
              ...report.problems.map((p) => `  ${p.key}${p.line === null ? '' : `:${p.line}`}: ${p.message}`),
            ].join('\n'),
          );
        return report.ok ? EXIT.ok : EXIT.findings;
      }),
    );
};
