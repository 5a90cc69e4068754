import path from 'node:path';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { assertDataDirOutside } from '../../reports/assert-data-dir-outside.js';
import { generateReport } from '../../reports/generate-report.js';
import { REPORT_FORMATS, type ReportFormat } from '../../reports/write-report.js';
import type { CommandModule } from '../cli-app.js';
import { journalUrl } from '../journal-target.js';
import { printReportResult } from '../print-report-result.js';
import { cliAlerts } from '../cli-journal.js';
import { allowShallowOption } from '../cli-history.js';

interface ReportFlags {
  out?: string;
  format: string;
  since?: string;
  until?: string;
  now?: string;
  pseudonymize?: boolean;
  check?: boolean;
  verify: boolean;
  title?: string;
  allowShallow?: boolean;
}

const EXAMPLES = `
Examples:
  $ opsledger report                                  # reports/ in Markdown and HTML, period up to now
  $ opsledger report --since 2026-01-01 --until 2026-04-01 --out q1-reports
  $ opsledger report --format html --pseudonymize     # every person as a stable pseudonym
  $ opsledger report --now latest                     # as of the newest change or run: reproducible
  $ opsledger --data-dir demo-data report --now latest --title opsledger --check   # the demo's reports/: 0 up to date, 1 differs

Same commits, journal and --now give byte-identical files, so committed reports diff cleanly.
Exit codes: 0 written (or up to date with --check), 1 --check found differences, 2 bad flags.`;

/** Whether this process has generated a report (checked or written): the report entry's bin then keeps its code cache. */
let generated = false;

/** Whether a report was generated in this process (src/cli/report-main.ts). */
export function reportGeneratedInThisProcess(): boolean {
  return generated;
}

/** `opsledger report`: Markdown and HTML reports joining commits, executions and role files. */
export const reportCommand: CommandModule = (program, app) => {
  program
    .command('report')
    .description('write Markdown and HTML reports: usage, outcomes, activity, coverage, compliance findings')
    .option('--out <dir>', 'output folder (default: paths.reports of opsledger.yaml, i.e. reports/)')
    .option('--format <list>', 'comma-separated formats: md, html', 'md,html')
    .option('--since <iso>', 'start of the period (default: the beginning)')
    .option('--until <iso>', 'end of the period (default: --now)')
    .option('--now <iso|latest>', 'the report time (default: the clock; `latest`: the newest change or run)')
    .option('--pseudonymize', 'show every person as a stable pseudonym')
    .option(
      '--title <name>',
      'the repo name the report shows (default: github owner/repo, else the folder name)',
    )
    .option('--check', 'write nothing; exit 1 when the files in --out differ from a fresh render')
    .option('--no-verify', 'skip walking the journal hash chain (the index then says "not run")')
    .addOption(allowShallowOption(program))
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, flags: ReportFlags) => {
        const formats = parseFormats(flags.format);
        const now =
          flags.now === 'latest' ? 'latest' : (parseInstant('--now', flags.now) ?? ctx.now().toISOString());
        const since = parseInstant('--since', flags.since);
        const until = parseInstant('--until', flags.until);
        if (since !== null && until !== null && since > until) {
          throw new OpsledgerError('USAGE', `--since ${flags.since} is after --until ${flags.until}`);
        }
        const reportsDir = path.resolve(ctx.repo, ctx.config.paths.reports);
        const outDir = path.resolve(ctx.cwd, flags.out ?? reportsDir);
        assertDataDirOutside(ctx.dataDir, reportsDir, 'the reports folder', ctx.repo);
        assertDataDirOutside(ctx.dataDir, outDir, 'the --out folder', ctx.repo);
        const result = await generateReport({
          repo: ctx.repo,
          dataDir: ctx.dataDir,
          databaseUrl: journalUrl(ctx),
          config: ctx.config,
          outDir,
          formats,
          since,
          until,
          now,
          pseudonymize: flags.pseudonymize === true,
          check: flags.check === true,
          verify: flags.verify,
          onWarning: (m) => ctx.out.info(`warning: ${m}`),
          ...(flags.title === undefined ? {} : { title: flags.title }),
          progress: !ctx.json,
          allowShallow: flags.allowShallow === true,
        });
        generated = true;
        // New findings reach the webhooks that want them (docs/alerts.md).
        if (ctx.config.webhooks.length > 0 && !flags.check) {
          // Not written (disk full): said, and told by the next report (the seen list did not move).
          await cliAlerts(ctx)
            .emitFindingAlerts(result.model.findings)
            .catch((err: unknown) => ctx.out.info(`warning: ${(err as Error).message}`));
        }
        const stale = printReportResult(ctx, result, outDir, formats);
        return result.check && stale > 0 ? EXIT.findings : EXIT.ok;
      }),
    );
};

function parseFormats(list: string): ReportFormat[] {
  const formats = [...new Set(list.split(',').map((f) => f.trim().toLowerCase()))].filter(Boolean);
  const bad = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (bad.length > 0 || formats.length === 0) {
    throw new OpsledgerError('USAGE', `--format must list md and/or html, got "${list}"`);
  }
  return REPORT_FORMATS.filter((f) => formats.includes(f));
}

/** An ISO 8601 date or instant, normalized to UTC; null when the flag is absent. */
function parseInstant(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new OpsledgerError('USAGE', `${flag} must be an ISO 8601 date or time, got "${value}"`, {
      hint: 'Use e.g. 2026-01-31 or 2026-01-31T12:00:00Z.',
    });
  }
  return new Date(ms).toISOString();
}
