import type { ValidationReport } from './validate-source.js';
import type { Finding } from './types.js';

/** The `--json` document of `opsledger validate`. */
export interface ValidationJson {
  ok: boolean;
  strict: boolean;
  source: ValidationReport['source'];
  /** Present when the rules came from elsewhere (`--rules-from`). */
  rules?: NonNullable<ValidationReport['rules']>;
  findings: Finding[];
  counts: ValidationReport['counts'];
  definitions: { actions: string[]; runbooks: string[]; roles: string[] };
}

/** Errors fail validation; warnings too when strict. */
export function isValidationOk(report: ValidationReport, strict: boolean): boolean {
  return report.counts.errors === 0 && (!strict || report.counts.warnings === 0);
}

/** The report as the `--json` document. */
export function toValidationJson(report: ValidationReport, strict: boolean): ValidationJson {
  const ids = (kind: string): string[] =>
    [
      ...new Set(
        report.definitions.filter((d) => d.definition.kind === kind).map((d) => d.definition.value.id),
      ),
    ].sort();
  return {
    ok: isValidationOk(report, strict),
    strict,
    source: report.source,
    ...(report.rules ? { rules: report.rules } : {}),
    findings: report.findings,
    counts: report.counts,
    definitions: { actions: ids('action'), runbooks: ids('runbook'), roles: ids('role') },
  };
}

/** Text output: `file:line:col: severity[code] message` with an indented hint, then one summary line. */
export function renderValidationText(report: ValidationReport, strict: boolean): string {
  const lines = report.findings.flatMap((f) => [
    `${f.file}:${f.line}:${f.col}: ${f.severity}[${f.code}] ${f.message}`,
    `  hint: ${f.hint}`,
  ]);
  lines.push(renderSummary(report, strict));
  return lines.join('\n');
}

/** The one summary line, e.g. `2 errors, 1 warning in 14 files (work tree: 7 actions, 2 runbooks, 5 roles)`. */
export function renderSummary(report: ValidationReport, strict: boolean): string {
  const { errors, warnings, files } = report.counts;
  const json = toValidationJson(report, strict);
  const kinds = `${plural(json.definitions.actions.length, 'action')}, ${plural(json.definitions.runbooks.length, 'runbook')}, ${plural(json.definitions.roles.length, 'role')}`;
  const verdict = isValidationOk(report, strict) ? 'ok' : 'FAILED';
  return `${verdict}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')} (${report.source.label}: ${kinds}${report.rules ? `; rules of ${report.rules.label}` : ''})`;
}

/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`, so findings show on the pull
 * request's diff. Values are escaped as the runner expects.
 */
export function renderValidationGithub(report: ValidationReport, strict: boolean): string {
  const lines = report.findings.map((f) => {
    const level = f.severity === 'error' || strict ? 'error' : 'warning';
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.col}`,
      `title=${escapeProperty(`opsledger ${f.code}`)}`,
    ].join(',');
    return `::${level} ${props}::${escapeData(`${f.message}. ${f.hint}`)}`;
  });
  lines.push(renderSummary(report, strict));
  return lines.join('\n');
}

/** A workflow command's message, escaped as the runner expects. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value (also escapes `:` and `,`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
