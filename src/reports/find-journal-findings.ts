import type { Rollup, VerifyReport } from '../executions/types.js';
import type { FindingCollector } from './finding-catalog.js';
import { iso } from './find-change-findings.js';

/**
 * Findings from `verify`: each problem in the hash chain (tampering) and each documented purge by the retention
 * policy, with the months its rollups still summarize. A purge without any rollup is worse: the statistics of the
 * purged runs are gone, so it is raised to medium.
 */
export function findJournalFindings(
  verify: VerifyReport | null,
  rollups: readonly Rollup[],
  collector: FindingCollector,
  now: string,
): void {
  if (!verify) return;
  for (const p of verify.problems) {
    collector.add(
      {
        kind: 'journal-tampered',
        severity: 'high',
        subject: { type: 'journal', id: null },
        at: iso(now),
      },
      () => ({
        summary: `${p.kind} record in ${p.segment}${p.line === null ? '' : ` line ${p.line}`}: ${p.message}`,
        evidence: [
          ['Problem', p.kind],
          ['Segment', p.segment],
          ['Line', p.line === null ? '–' : String(p.line)],
          ['Sequence', p.seq === null ? '–' : String(p.seq)],
          ['Detail', p.message],
        ],
      }),
    );
  }
  const months = [...new Set(rollups.map((r) => r.month))].sort();
  for (const gap of verify.gaps) {
    const purgedMonth = gap.purged_at.slice(0, 7);
    const covered = months.filter((m) => m <= purgedMonth);
    collector.add(
      {
        kind: 'retention-gap',
        severity: covered.length === 0 ? 'medium' : 'low',
        subject: { type: 'journal', id: null },
        at: iso(gap.purged_at),
      },
      () => ({
        summary: `records up to seq ${gap.through_seq} purged (${gap.reason})`,
        evidence: [
          ['Purged through seq', String(gap.through_seq)],
          ['Purged at', iso(gap.purged_at)],
          ['Reason', gap.reason],
          ['Checkpoint hash', gap.checkpoint_hash],
          [
            'Rollups kept',
            covered.length === 0
              ? 'none: purged runs are missing from the statistics'
              : `${covered.length} ${covered.length === 1 ? 'month' : 'months'}, ${covered[0]} to ${covered.at(-1)}`,
          ],
        ],
      }),
    );
  }
}
