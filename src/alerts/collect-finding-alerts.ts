import type { ComplianceFinding, FindingGroup } from '../reports/report-model.js';
import { findingOpenedEvent, stableEventId, type AlertEvent } from './alert-event.js';

/** The id a finding keeps from one report to the next: its kind, subject, time and summary. */
export function findingKey(f: ComplianceFinding): string {
  return stableEventId(f.kind, f.subject.type, f.subject.id ?? '', f.at, f.summary);
}

/**
 * `finding.opened` for each finding of a report not seen in an earlier one (docs/alerts.md). Without an earlier look
 * (`seen` null: the first report with webhooks) nothing is told and the findings become the starting point.
 */
export function collectFindingAlerts(
  groups: readonly FindingGroup[],
  seen: readonly string[] | null,
  now: Date,
): { events: AlertEvent[]; seen: string[] } {
  const known = new Set(seen ?? []);
  const events: AlertEvent[] = [];
  for (const group of groups) {
    for (const f of group.items) {
      const key = findingKey(f);
      if (seen !== null && !known.has(key)) {
        events.push(
          findingOpenedEvent(
            {
              code: f.kind,
              subject: f.subject.id === null ? f.subject.type : `${f.subject.type}:${f.subject.id}`,
              message: f.summary,
              severity: f.severity,
              at: f.at,
              evidence: f.evidence,
            },
            now,
          ),
        );
      }
      known.add(key);
    }
  }
  return { events, seen: [...known] };
}
