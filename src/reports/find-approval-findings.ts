import { uniqueUsers } from '../history/parse-commit-message.js';
import type { AuditEvent } from '../history/types.js';
import { judgeRecordedApprovals } from '../review/judge-recorded-approvals.js';
import type { PointInTime } from './create-point-in-time.js';
import type { People } from './create-people.js';
import {
  commitEvidence,
  describe,
  groupByCommit,
  iso,
  labels,
  roleEvidence,
  rolesForChange,
  subjectStates,
  subjectsOf,
} from './find-change-findings.js';
import type { FindingCollector } from './finding-catalog.js';
import { createPermissionJudge } from './holds-permission.js';

/**
 * Judge each change by the approval evidence recorded for its commit (`refs/notes/opsledger/approvals`,
 * docs/github.md): it needs a current approval by someone other than its authors who held `definitions:approve` for
 * every definition it changed, by the role files just before it. A change whose only such approvals were given on an
 * older head of its pull request is `stale-approval`; one with none is `unapproved-change`. Changes before the first
 * commit with a recorded note are not judged: the repo did not record approvals yet (`missing-four-eyes` still
 * judges releases there). `all` are the events up to the report's end, `events` those in its period.
 */
export function findApprovalFindings(
  all: readonly AuditEvent[],
  events: readonly AuditEvent[],
  pit: PointInTime,
  people: People,
  collector: FindingCollector,
): void {
  const adopted = all.find((e) => e.approvals !== null);
  if (!adopted) return;
  const from = pit.indexOf(adopted.commit);
  const judge = createPermissionJudge();
  for (const group of groupByCommit(events)) {
    const first = group[0]!;
    const index = pit.indexOf(first.commit);
    if (index < from || index < 0) continue;
    const roles = rolesForChange(pit, index);
    const subjects = group.flatMap((e) => subjectStates(e, pit, index));
    const authors = uniqueUsers(group.flatMap((e) => (e.authors.length > 0 ? e.authors : [e.user])));
    const verdict = judgeRecordedApprovals(
      first.approvals,
      authors.map((a) => a.email),
      (email) => subjects.every((s) => judge.holds(roles.roles, email, 'definitions:approve', s)),
    );
    if (verdict.status === 'approved') continue;
    const stale = verdict.status === 'stale';
    const named = subjectsOf(group);
    const reviews = (first.approvals ?? []).map(
      (a) =>
        `${a.email ? people.person(a.email) : a.reviewer_login} ${a.state} ${a.commit_id.slice(0, 7)} (${
          verdict.ignored.find((i) => i.approval === a)?.reason ?? (a.stale ? 'stale' : 'counts')
        })`,
    );
    collector.add(
      {
        kind: stale ? 'stale-approval' : 'unapproved-change',
        severity: stale ? 'medium' : 'high',
        subject: named[0]!,
        at: iso(first.created_at),
      },
      () => ({
        summary: stale
          ? `${describe(group)} merged with approvals given on an older head of the pull request`
          : `${describe(group)} changed without an approval by someone else holding definitions:approve`,
        evidence: [
          ...commitEvidence(first, people),
          ['Changes', labels(group)],
          ['Authors', authors.map((a) => people.person(a.email)).join(', ')],
          ['Recorded reviews', reviews.join('; ') || 'none (no approval note for this commit)'],
          ...(stale
            ? [['Approved heads', verdict.stale.map((a) => a.commit_id).join(', ')] as [string, string]]
            : []),
          [
            'Approvers’ roles then',
            verdict.stale
              .map((a) => `${a.email}: ${judge.rolesOf(roles.roles, a.email!).join(', ') || 'none'}`)
              .join('; ') || '–',
          ],
          ...roleEvidence(roles),
        ],
      }),
      named.slice(1),
    );
  }
}
