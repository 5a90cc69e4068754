import type { HistoryRewrite } from '../history/types.js';
import type { People } from './create-people.js';
import type { FindingCollector } from './finding-catalog.js';
import { iso } from './find-change-findings.js';
import type { ComplianceFinding } from './report-model.js';

/** How many lost events a finding names before "… and N more". */
const NAMED = 10;

/**
 * Findings about the change history itself: each recorded rewrite of the tracked branch detected in the period
 * (docs/history.md "Rewritten branches"). High when audit events left the branch, low when only commits did.
 */
export function findHistoryFindings(
  rewrites: readonly HistoryRewrite[],
  period: { since: number; until: number },
  people: People,
  collector: FindingCollector,
): void {
  for (const r of rewrites) {
    const at = Date.parse(r.detected_at);
    if (!(at >= period.since && at <= period.until)) continue;
    const subjects = subjectsOf(r);
    collector.add(
      {
        kind: 'history-rewritten',
        severity: r.events_lost > 0 ? 'high' : 'low',
        subject: { type: 'history', id: null },
        at: iso(r.detected_at),
      },
      () => ({
        summary: `${r.branch} was rewritten: ${r.events_lost} audit event(s) left the branch`,
        evidence: [
          ['Branch', r.branch],
          ['Old head', r.old_head],
          ['New head', r.new_head],
          ['Detected', iso(r.detected_at)],
          ['Events lost', `${r.events_lost}${r.complete ? '' : ' (at least)'}`],
          ...r.events
            .slice(0, NAMED)
            .map((e, i): [string, string] => [
              `Lost ${i + 1}`,
              `${e.auditable_type} ${e.auditable_id} v${e.version} ${e.action} in ${e.commit.slice(0, 10)} by ${people.person(e.user.email)}`,
            ]),
          ...(r.events.length > NAMED
            ? [['More', `… and ${r.events.length - NAMED} more`] as [string, string]]
            : []),
        ],
      }),
      subjects,
    );
  }
}

/** The definitions whose events a rewrite took, once each. */
function subjectsOf(r: HistoryRewrite): ComplianceFinding['subject'][] {
  const seen = new Map<string, ComplianceFinding['subject']>();
  for (const e of r.events) {
    const type = e.auditable_type === 'Action' ? 'action' : e.auditable_type === 'Role' ? 'role' : 'runbook';
    const id = e.auditable_id.split('/')[0]!;
    seen.set(`${type}:${id}`, { type, id });
  }
  return [...seen.values()];
}
