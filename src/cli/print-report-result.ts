import path from 'node:path';
import type { generateReport } from '../reports/generate-report.js';
import type { ReportFormat } from '../reports/write-report.js';
import type { CliContext } from './context.js';

type ReportResult = Awaited<ReturnType<typeof generateReport>>;

/**
 * What `opsledger report` did: the JSON summary with --json, else a line or two for a person (with --check, the
 * files that differ). Returns how many files differ from a fresh render (0 without --check).
 */
export function printReportResult(
  ctx: CliContext,
  result: ReportResult,
  outDir: string,
  formats: ReportFormat[],
): number {
  const severities = { high: 0, medium: 0, low: 0 };
  for (const g of result.model.findings) severities[g.severity] += g.total;
  const stale = result.check ? [...result.check.differing, ...result.check.extra] : [];
  if (ctx.json) {
    ctx.out.json({
      out: outDir,
      formats,
      pages: result.pages,
      as_of: result.model.generated_at,
      period: result.model.period,
      findings: severities,
      ...(result.write
        ? {
            written: result.write.written,
            unchanged: result.write.unchanged.length,
            removed: result.write.removed,
          }
        : {}),
      ...(result.check
        ? {
            check: {
              ok: stale.length === 0,
              differing: result.check.differing,
              extra: result.check.extra,
            },
          }
        : {}),
    });
  } else if (result.check) {
    if (stale.length === 0)
      ctx.out.line(`${rel(ctx.cwd, outDir)} is up to date (${result.files.length} files)`);
    else {
      ctx.out.line(`${rel(ctx.cwd, outDir)} differs from a fresh render in ${stale.length} file(s):`);
      for (const f of result.check.differing) ctx.out.line(`  changed or missing: ${f}`);
      for (const f of result.check.extra) ctx.out.line(`  no longer generated: ${f}`);
      ctx.out.info('hint: regenerate with the same flags without --check, then commit the reports.');
    }
  } else if (result.write) {
    ctx.out.line(
      `wrote ${result.write.written.length} file(s) to ${rel(ctx.cwd, outDir)} (${result.write.unchanged.length} unchanged, ${result.write.removed.length} removed), ${result.pages} pages as of ${result.model.generated_at}`,
    );
    ctx.out.line(`findings: ${severities.high} high, ${severities.medium} medium, ${severities.low} low`);
  }
  return stale.length;
}

function rel(cwd: string, dir: string): string {
  return path.relative(cwd, dir) || '.';
}
