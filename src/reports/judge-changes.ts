import type { AuditEvent } from '../history/types.js';
import { mergeTallies, tallyChangeActivity } from './build-activity.js';
import { digestBranch } from './branch-digest.js';
import { knownNames, type ModelContext } from './build-report-model.js';
import { FindingCollector } from './finding-catalog.js';
import { findApprovalFindings } from './find-approval-findings.js';
import { findChangeFindings } from './find-change-findings.js';
import { partKey, type HistoryDelta, type HistoryPart } from './model-parts.js';
import type { ReportInput } from './report-model.js';

/**
 * The findings about changes and the period's changes per author and role (the history part, model-parts.ts),
 * judged commit by commit along the first-parent branch: a change is judged by what the branch held up to its commit
 * (its events, the role files and tags as of just before and at it, whether an earlier commit had an approval note)
 * and by how people are named — never by a later commit. So the part a report kept for the branch's first `through`
 * commits still holds for them when those commits, their events and invalid entries, and which of their events are
 * in the period are the same (a digest of exactly that, `digest`): only the commits after them are judged, and their
 * findings merged with the kept ones, as one collector over every change would hold them (finding-catalog.ts) —
 * docs/reports.md, *Incremental reports* → *Model parts*.
 */
export function judgeChanges(
  input: ReportInput,
  ctx: ModelContext,
  kept: HistoryPart | null,
): { part: HistoryPart; kept: boolean; judgedFrom: number; delta: HistoryDelta | null } {
  const { pit } = ctx;
  const through = ctx.untilIndex + 1;
  const context = partKey([
    'history',
    ctx.people.person('someone@opsledger.invalid'),
    // Names only matter when pseudonymizing (they are scrubbed from commit messages).
    input.pseudonymize
      ? [...knownNames(input.events)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      : null,
  ]);
  // Where the repo started recording approvals (the first commit with an approval note) is, for the kept commits,
  // the first note among them: the digest covers it.
  const usable = kept !== null && kept.context === context && kept.through <= through ? kept : null;
  // What the branch digest is taken of, by the history index's identity and the period: the same source, the same
  // digest, so a part kept for it holds without hashing every event again (after new runs only).
  const source = input.historyIdentity
    ? partKey(['history-source', input.historyIdentity, ctx.since, ctx.until, through])
    : null;
  if (usable && source !== null && usable.source === source && usable.through === through)
    return { part: usable, kept: true, judgedFrom: through, delta: null };
  const digests = digestBranch(input, ctx, usable?.through ?? null, usable?.records ?? null, judgedEvent);
  const base = usable && digests.prefix === usable.digest ? usable : null;
  if (base && base.through === through) {
    // Kept as it is, or with the source it now holds for (written again: the next report then skips the digest).
    if (base.source === source) return { part: base, kept: true, judgedFrom: through, delta: null };
    return { part: { ...base, source }, kept: false, judgedFrom: through, delta: null };
  }

  // The period's changes at or after the first commit the kept part does not cover, as the judgments read them.
  const start = base ? firstAtOrAfter(ctx.events, base.through, pit.indexOf) : 0;
  const judged = ctx.events.slice(start).map(judgedEvent);
  // The new commits' findings apart, then merged onto the kept ones: the parts store may keep them as a delta.
  const fresh = new FindingCollector();
  findChangeFindings(judged, pit, ctx.people, fresh);
  findApprovalFindings(ctx.eventsToUntil, judged, pit, ctx.people, fresh);
  const added = fresh.collected();
  const own = new FindingCollector();
  if (base) own.merge(base.findings);
  own.merge(added);
  const tally = tallyChangeActivity(judged, pit);
  const activity = base ? mergeTallies(base.activity, tally) : tally;
  const digest = digests.whole;
  return {
    part: {
      key: partKey(['history', context, through, digest]),
      context,
      through,
      digest,
      source,
      records: digests.records,
      findings: own.collected(),
      activity,
    },
    kept: false,
    // The first commit judged (0: every one).
    judgedFrom: base?.through ?? 0,
    delta: base ? { base, findings: added, activity: tally } : null,
  };
}

/**
 * An event as the judgments of changes read it (and the point in time's tag timelines): without the definition's
 * content besides its status and tags, its file, blob, validity and credits. Judging this view, not the event, makes
 * "a finding depends only on what the branch digest covers" hold by construction.
 */
export function judgedEvent(e: AuditEvent): AuditEvent {
  const changes: Record<string, unknown> = {};
  for (const k of JUDGED_CHANGES) if (Object.hasOwn(e.audited_changes, k)) changes[k] = e.audited_changes[k];
  return {
    auditable_type: e.auditable_type,
    auditable_id: e.auditable_id,
    action: e.action,
    version: e.version,
    audited_changes: changes,
    user: e.user,
    authors: e.authors,
    committer: e.committer,
    commit: e.commit,
    created_at: e.created_at,
    message: e.message,
    pull_request: e.pull_request,
    approvals: e.approvals,
  } as AuditEvent;
}

const JUDGED_CHANGES = ['status', '/status', 'tags', '/tags'] as const;

/** The first of `events` (in branch order) whose commit is at position `at` or later. */
function firstAtOrAfter(events: readonly AuditEvent[], at: number, indexOf: (sha: string) => number): number {
  let i = 0;
  while (i < events.length && indexOf(events[i]!.commit) < at) i++;
  return i;
}
