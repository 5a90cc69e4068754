import { formatChangeValue } from '../review/change-lines.js';
import type { ApprovalEvaluation } from '../review/evaluate-approvals.js';
import type { PrCheckReport } from '../review/pr-check-report.js';
import type { CheckAnnotation, CheckRunResult } from './publish-check-run.js';

const LEVEL = { error: 'failure', warning: 'warning' } as const;

/** What a changed pointer shows on its line: `/timeout 300 → 600`. */
function changeText(changes: Record<string, unknown>, pointer: string): string {
  const change = changes[pointer];
  if (!Array.isArray(change) || change.length !== 2) return `${pointer} changed`;
  return `${pointer} ${formatChangeValue(change[0])} → ${formatChangeValue(change[1])}`;
}

/**
 * The check run a pr-check report and its approvals give (pure; docs/github.md "The check run"): `failure` when a
 * finding is an error, else `action_required` while approvals are missing, else `success`; a failure or warning
 * annotation on each finding's line and a notice on the line of each changed key.
 */
export function checkRunOutcome(
  report: PrCheckReport,
  evaluation: ApprovalEvaluation,
  summary: string,
): CheckRunResult {
  const conclusion = !report.ok ? 'failure' : evaluation.satisfied ? 'success' : 'action_required';
  const { errors, warnings } = report.counts;
  const title =
    conclusion === 'failure'
      ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} · risk ${report.risk}`
      : conclusion === 'action_required'
        ? `risk ${report.risk} · approvals missing (${evaluation.approvedBy.length}/${evaluation.required})`
        : `risk ${report.risk} · approved`;
  const annotations: CheckAnnotation[] = report.findings.map((f) => ({
    path: f.file,
    start_line: f.line,
    end_line: f.line,
    ...(f.col > 0 ? { start_column: f.col, end_column: f.col } : {}),
    annotation_level: LEVEL[f.severity],
    title: f.code,
    message: f.hint ? `${f.message}\n${f.hint}` : f.message,
  }));
  for (const def of report.definitions) {
    const changes = { ...def.audited_changes };
    for (const step of def.steps) {
      const stepId = step.auditable_id.slice(step.auditable_id.indexOf('/') + 1);
      for (const [p, c] of Object.entries(step.audited_changes)) changes[`/steps/${stepId}${p}`] = c;
    }
    for (const loc of def.locations) {
      annotations.push({
        path: def.path,
        start_line: loc.line,
        end_line: loc.line,
        annotation_level: 'notice',
        title: `${def.kind} ${def.id}: risk ${def.risk}`,
        message: changeText(changes, loc.pointer),
      });
    }
  }
  return { conclusion, title, summary, annotations };
}
