import type { ApprovalEvaluation } from './evaluate-approvals.js';
import { changeLines, definitionLabel } from './change-lines.js';
import type { PrCheckReport } from './pr-check-report.js';

/** The hidden marker that finds the sticky pull request comment again (it is edited, never posted twice). */
export const PR_CHECK_MARKER = '<!-- opsledger:pr-check -->';

const RISK_BADGE = { high: '🔴 high', medium: '🟠 medium', low: '🟢 low' } as const;

/** A code span that survives backticks inside the text. */
function code(text: string): string {
  const fence = '`'.repeat((text.match(/`+/g) ?? ['']).reduce((n, run) => Math.max(n, run.length), 0) + 1);
  return fence.length > 1 || text.startsWith(' ') || text.endsWith(' ')
    ? `${fence} ${text} ${fence}`
    : `\`${text}\``;
}

/** Table cells: no pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The pull request comment body and job summary (pure): semantic diff, findings, impact, risk, approvals. */
export function renderPrCheckMarkdown(report: PrCheckReport, evaluation?: ApprovalEvaluation): string {
  const { errors, warnings, definitions } = report.counts;
  const out: string[] = [
    PR_CHECK_MARKER,
    `## opsledger: risk ${RISK_BADGE[report.risk]}`,
    '',
    `${definitions} definition${definitions === 1 ? '' : 's'} changed · ${errors} error${errors === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'} · base ${code(report.base.ref)} (${report.base.sha.slice(0, 7)}) · head ${report.head.sha.slice(0, 7)}`,
  ];
  if (report.definitions.length > 0) {
    out.push('', '| definition | change | risk | why |', '| --- | --- | --- | --- |');
    for (const def of report.definitions) {
      out.push(
        `| ${code(definitionLabel(def))} | ${def.action} | ${RISK_BADGE[def.risk]} | ${cell(def.risk_reasons.join('; ') || '—')} |`,
      );
    }
  }
  for (const def of report.definitions) {
    out.push('', `### ${definitionLabel(def)} (${def.action})`, '', `${code(def.path)}`, '');
    // A comment has room for longer values than a terminal line.
    for (const line of changeLines(def, 200)) out.push(`- ${code(line)}`);
    for (const f of def.findings)
      out.push(`- ${f.severity === 'error' ? '❌' : '⚠️'} line ${f.line}: ${cell(f.message)} (${f.code})`);
  }
  const elsewhere = report.findings.filter((f) => !report.definitions.some((d) => d.path === f.file));
  if (elsewhere.length > 0) {
    out.push('', '### Findings in other files', '');
    for (const f of elsewhere) {
      out.push(
        `- ${f.severity === 'error' ? '❌' : '⚠️'} ${code(`${f.file}:${f.line}:${f.col}`)} ${cell(f.message)} (${f.code})`,
      );
    }
  }
  out.push(...impactSection(report));
  out.push(...approvalsSection(report, evaluation));
  return `${out.join('\n')}\n`;
}

function impactSection(report: PrCheckReport): string[] {
  const { runbooks, access, schedules } = report.impact;
  if (runbooks.length + access.length + schedules.length === 0) return [];
  const out = ['', '### Impact', ''];
  for (const r of runbooks) {
    const steps = r.steps.map((s) => `${code(s.id)} → ${code(s.action)}`).join(', ');
    out.push(`- runbook ${code(r.id)} calls a changed action: ${steps}`);
  }
  for (const a of access) {
    const parts = [
      ...(a.gained.length > 0 ? [`may now be run by ${a.gained.join(', ')}`] : []),
      ...(a.lost.length > 0 ? [`no longer by ${a.lost.join(', ')}`] : []),
    ];
    out.push(`- action ${code(a.action)} ${parts.join('; ')}`);
  }
  for (const s of schedules) {
    out.push(
      `- ${s.kind} ${code(s.id)} schedule ${code(`${JSON.stringify(s.before)} → ${JSON.stringify(s.after)}`)}`,
    );
  }
  return out;
}

function approvalsSection(report: PrCheckReport, evaluation?: ApprovalEvaluation): string[] {
  const out = ['', '### Approvals', ''];
  if (report.definitions.length === 0) return [...out, 'No definition changed: no approval needed.'];
  if (evaluation) {
    const by = evaluation.approvedBy.map((r) => r.email ?? r.login).join(', ');
    out.push(
      evaluation.satisfied
        ? `✅ approved${by ? ` by ${by}` : ''}`
        : `⏳ approvals missing (${report.approvals.required} required${by ? `; approved by ${by}` : ''})`,
    );
    for (const s of evaluation.stale)
      out.push(`- stale: ${s.email ?? s.login} approved ${s.commit_id.slice(0, 7)}, an older head`);
    out.push('');
  }
  out.push('| definition | needs | who may approve |', '| --- | --- | --- |');
  for (const def of report.definitions) {
    const who =
      def.approvers.length > 0
        ? def.approvers.join(', ')
        : 'nobody (no role holds `definitions:approve` for it)';
    out.push(`| ${code(definitionLabel(def))} | ${def.approvals_required} | ${cell(who)} |`);
  }
  const authors = report.approvals.authors.map((a) => a.email);
  if (authors.length > 0) out.push('', `Authors never approve their own change: ${authors.join(', ')}.`);
  return out;
}
