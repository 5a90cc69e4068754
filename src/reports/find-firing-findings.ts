import type { RunRow } from './collect-runs.js';
import { versionLabel } from './collect-runs.js';
import type { People } from './create-people.js';
import type { FindingCollector } from './finding-catalog.js';
import { isoInstant as iso } from './finding-catalog.js';

/**
 * Findings about what ran outside single actions: scheduled firings recorded `missed` (one finding per outage and
 * schedule, with the count), and runbook runs whose recorder died (`abandoned`, about the runbook). Their step
 * executions are action runs and are judged with them (find-run-findings.ts).
 */
export function findFiringFindings(
  rows: readonly RunRow[],
  ctx: { people: People; collector: FindingCollector },
): void {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const subject = {
      type: row.kind === 'runbook_run' ? ('runbook' as const) : ('action' as const),
      id: row.action,
    };
    if (row.status === 'missed') {
      const count = row.missed ?? 1;
      ctx.collector.add({ kind: 'missed-firing', severity: 'medium', subject, at: row.started }, () => ({
        summary: `${subject.type} ${row.action}: ${count === 1 ? '1 scheduled firing' : `${count} scheduled firings`} did not run (no scheduler was running)`,
        evidence: [
          ['Record', row.id],
          [subject.type === 'runbook' ? 'Runbook' : 'Action', row.action],
          ['Missed firings', String(count)],
          ['Last planned', row.planned === null ? '–' : iso(row.planned)],
          ['Recorded at', iso(row.started)],
        ],
      }));
    } else if (row.kind === 'runbook_run' && row.status === 'abandoned') {
      ctx.collector.add({ kind: 'abandoned-run', severity: 'medium', subject, at: row.started }, () => ({
        summary: `runbook ${row.action} run ${row.id} by ${ctx.people.person(row.user)} has no recorded end: its recorder died`,
        evidence: [
          ['Runbook run', row.id],
          ['Runbook', row.action],
          ['Started', iso(row.started)],
          ['User', ctx.people.person(row.user)],
          ['Trigger', row.trigger],
          ['Version ran', versionLabel(row)],
          ['Status', row.status],
        ],
      }));
    }
  }
}
