import type { ApprovalEvaluation } from './evaluate-approvals.js';
import { changeLines, definitionLabel } from './change-lines.js';
import type { PrCheckReport } from './pr-check-report.js';
import { renderPrCheckGithub } from './render-pr-check-github.js';
import { renderPrCheckMarkdown } from './render-pr-check-markdown.js';

export type PrCheckFormat = 'text' | 'markdown' | 'github';

export interface RenderOptions {
  /** The verdict on the pull request's reviews, when known (the GitHub App has them; the CLI does not). */
  evaluation?: ApprovalEvaluation;
}

/**
 * A pr-check report as text for a terminal, as the Markdown of the pull request comment (and job summary), or as
 * GitHub Actions workflow commands (pure; docs/github.md).
 */
export function renderPrCheck(
  report: PrCheckReport,
  format: PrCheckFormat,
  options: RenderOptions = {},
): string {
  if (format === 'markdown') return renderPrCheckMarkdown(report, options.evaluation);
  if (format === 'github') return renderPrCheckGithub(report);
  return renderPrCheckText(report);
}

function renderPrCheckText(report: PrCheckReport): string {
  const out: string[] = [
    `pr-check ${report.base.ref}...${report.head.ref} (merge base ${report.merge_base.slice(0, 7)}, head ${report.head.sha.slice(0, 7)})`,
    `risk: ${report.risk} · ${report.counts.definitions} definition(s) changed · ${report.counts.errors} error(s), ${report.counts.warnings} warning(s)`,
  ];
  for (const def of report.definitions) {
    out.push('', `${definitionLabel(def)} (${def.action}, ${def.path}) risk ${def.risk}`);
    if (def.risk_reasons.length > 0) out.push(`  why: ${def.risk_reasons.join('; ')}`);
    for (const line of changeLines(def)) out.push(`  ${line}`);
  }
  if (report.findings.length > 0) out.push('', 'findings (rules of the base):');
  for (const f of report.findings)
    out.push(`  ${f.file}:${f.line}:${f.col}: ${f.severity} ${f.code}: ${f.message}`);
  const { runbooks, access, schedules } = report.impact;
  if (runbooks.length + access.length + schedules.length > 0) out.push('', 'impact:');
  for (const r of runbooks) {
    out.push(
      `  runbook ${r.id} calls ${[...new Set(r.steps.map((s) => s.action))].join(', ')} (steps ${r.steps.map((s) => s.id).join(', ')})`,
    );
  }
  for (const a of access) {
    const parts = [...a.gained.map((e) => `+${e}`), ...a.lost.map((e) => `-${e}`)];
    out.push(`  action ${a.action} may be run by: ${parts.join(' ')}`);
  }
  for (const s of schedules)
    out.push(`  ${s.kind} ${s.id} schedule ${JSON.stringify(s.before)} → ${JSON.stringify(s.after)}`);
  out.push('', approvalsLine(report));
  for (const def of report.definitions) {
    const who = def.approvers.length > 0 ? def.approvers.join(', ') : 'nobody may approve it';
    out.push(`  ${definitionLabel(def)}: ${def.approvals_required} from ${who}`);
  }
  return out.join('\n');
}

/** `approvals: 1 required (authors do not count: alice@example.com)` */
export function approvalsLine(report: PrCheckReport): string {
  const authors = report.approvals.authors.map((a) => a.email);
  const suffix = authors.length > 0 ? ` (authors do not count: ${authors.join(', ')})` : '';
  return `approvals: ${report.approvals.required} required${suffix}`;
}
