import { escapeData, escapeProperty } from '../definitions/render-validation.js';
import { changeLines, definitionLabel } from './change-lines.js';
import type { PrCheckReport } from './pr-check-report.js';

/**
 * GitHub Actions workflow commands (pure): `::error file=…,line=…,col=…::message` for each finding, and a notice on
 * the first changed line of each definition with its risk and changed fields. The job summary is the Markdown form.
 */
export function renderPrCheckGithub(report: PrCheckReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.col}`,
      `title=${escapeProperty(`opsledger ${f.code}`)}`,
    ].join(',');
    lines.push(
      `::${f.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(`${f.message}. ${f.hint}`)}`,
    );
  }
  for (const def of report.definitions) {
    if (def.action === 'delete') continue;
    const at = def.locations[0] ?? { line: 1, col: 1 };
    const props = [
      `file=${escapeProperty(def.path)}`,
      `line=${at.line}`,
      `col=${at.col}`,
      `title=${escapeProperty(`opsledger: ${definitionLabel(def)} risk ${def.risk}`)}`,
    ].join(',');
    lines.push(`::notice ${props}::${escapeData(changeLines(def).join('\n'))}`);
  }
  const { errors, warnings, definitions } = report.counts;
  lines.push(
    `${report.ok ? 'ok' : 'FAILED'}: risk ${report.risk}, ${definitions} definition(s) changed, ${errors} error(s), ${warnings} warning(s), ${report.approvals.required} approval(s) required`,
  );
  return lines.join('\n');
}
