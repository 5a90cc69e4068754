import { createHash, type Hash } from 'node:crypto';
import type { AuditEvent } from '../history/types.js';
import { tallyChangeActivity } from './build-activity.js';
import { knownNames, type ModelContext } from './build-report-model.js';
import { FindingCollector } from './finding-catalog.js';
import { findApprovalFindings } from './find-approval-findings.js';
import { findChangeFindings } from './find-change-findings.js';
import { partKey, type HistoryDelta, type HistoryPart } from './model-parts.js';
import type { ChangeTally } from './part-shapes.js';
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
  const digests = digestBranch(input, ctx, usable?.through ?? null);
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

/**
 * A sha256 over the first-parent commits up to the period's end, each with its events (as judged, role events whole,
 * and whether each is in the period) and its invalid entries (an invalid role file changes which role files are in
 * force): `prefix` over the first `at` commits (null when not asked for or the events are not in branch order),
 * `whole` over all. Events out of branch order (never from the history index) give digests no part matches: every
 * change is judged again.
 */
function digestBranch(
  input: ReportInput,
  ctx: ModelContext,
  at: number | null,
): { prefix: string | null; whole: string } {
  const { pit } = ctx;
  const through = ctx.untilIndex + 1;
  const invalidAt = new Map<number, unknown[]>();
  for (const entry of input.invalid) {
    const i = pit.indexOf(entry.commit);
    if (i < 0 || i >= through) continue;
    const list = invalidAt.get(i);
    if (list) list.push(entry);
    else invalidAt.set(i, [entry]);
  }
  const hash = new Chunked(createHash('sha256'));
  let prefix: string | null = null;
  let e = 0;
  const events = input.events;
  let ordered = true;
  let last = -1;
  for (let i = 0; i < through; i++) {
    if (i === at) prefix = hash.copyDigest();
    const c = input.commits[i]!;
    hash.add(`C${c.sha} ${c.created_at}\n`);
    for (; e < events.length; e++) {
      const event = events[e]!;
      const p = pit.indexOf(event.commit);
      if (p < 0) continue;
      if (p < last) ordered = false;
      last = p;
      if (p > i) break;
      // A role event whole: the role files in force (read from the index, not the events) follow from them.
      const seen = event.auditable_type === 'Role' ? event : judgedEvent(event);
      hash.add(`${ctx.inPeriod(event.created_at) ? 'E' : 'e'}${JSON.stringify(seen)}\n`);
    }
    const invalid = invalidAt.get(i);
    if (invalid) hash.add(`I${JSON.stringify(invalid)}\n`);
  }
  // An event of the period's commits after one of a later commit would be missed above: the order is checked on.
  for (; e < events.length && ordered; e++) {
    const p = pit.indexOf(events[e]!.commit);
    if (p >= 0 && p < last) ordered = false;
    last = Math.max(last, p);
  }
  const whole = hash.digest();
  if (at === through) prefix = whole;
  if (!ordered) return { prefix: null, whole: `unordered ${whole}` };
  return { prefix, whole };
}

/** A hash fed in chunks of about 64 KiB (one update per event costs more than the hashing). */
class Chunked {
  private pending: string[] = [];
  private size = 0;
  constructor(private readonly hash: Hash) {}

  add(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 65_536) this.flush();
  }

  copyDigest(): string {
    this.flush();
    return this.hash.copy().digest('hex');
  }

  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.hash.update(this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }
}

/** The first of `events` (in branch order) whose commit is at position `at` or later. */
function firstAtOrAfter(events: readonly AuditEvent[], at: number, indexOf: (sha: string) => number): number {
  let i = 0;
  while (i < events.length && indexOf(events[i]!.commit) < at) i++;
  return i;
}

/** Two tallies of changes as one (tallyChangeActivity of both sets of events): counts add up, latest times are kept. */
export function mergeTallies(a: ChangeTally, b: ChangeTally): ChangeTally {
  const users = new Map<string, [number, number]>(a.users.map(([email, n, last]) => [email, [n, last]]));
  for (const [email, n, last] of b.users) {
    const u = users.get(email);
    if (u) users.set(email, [u[0] + n, Math.max(u[1], last)]);
    else users.set(email, [n, last]);
  }
  const roles = new Map(a.roles);
  for (const [role, n] of b.roles) roles.set(role, (roles.get(role) ?? 0) + n);
  const byKey = <T extends [string, ...unknown[]]>(x: T, y: T) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
  return {
    users: [...users].map(([email, [n, last]]): [string, number, number] => [email, n, last]).sort(byKey),
    roles: [...roles].sort(byKey),
  };
}
