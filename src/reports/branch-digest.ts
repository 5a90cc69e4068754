import { createHash, type Hash } from 'node:crypto';
import { fileKeyOf } from '../definitions/types.js';
import type { AuditEvent } from '../history/types.js';
import type { ModelContext } from './build-report-model.js';
import type { ReportInput } from './report-model.js';

/**
 * What the digest of the branch's first `through` commits was made of, kept with the history part so that the next
 * report hashes again only the events of the records that changed (docs/reports.md, *Model parts*): per record of the
 * history index (`kind:id`), its identity (ReportInput.eventRecords: its checksum and the approval notes' commit; an
 * event's content is a function of them) and the digest of its events before `through`.
 */
export interface RecordDigests {
  /** The period's start the events' "in the period" flags were taken under (ms, as text: -Infinity for none). */
  since: string;
  /** The sha256 of the first `through` commits (each one's sha and date). */
  commits: string;
  /**
   * By record: its identity, the digest of its events before `through`, the branch position of its last event
   * (hashed or not), the latest `created_at` (ms) of those hashed. Only records whose every hashed event was at or
   * before the period's end (so its flag did not depend on the end) are kept.
   */
  entries: Record<string, [identity: string, digest: string, last: number, latest: number]>;
}

export interface BranchDigests {
  /** The digest over the first `at` commits (null when not asked for or the events are not in branch order). */
  prefix: string | null;
  /** The digest over the first `through` commits (the period's). */
  whole: string;
  /** What `whole` was made of, for the next report (null: the history index names no record identities). */
  records: RecordDigests | null;
  /** How many records' events were hashed (the others' digests were kept). */
  hashed: number;
}

/**
 * A sha256 over the first-parent commits up to the period's end: each commit and its date, each invalid entry with
 * its commit's place (an invalid role file changes which role files are in force), and each record's events on those
 * commits as the judgments read them (judgedEvent; role events whole, as the role files in force follow from them)
 * with their place on the branch and whether each is in the period. `prefix` is the same over the first `at` commits.
 * A record whose identity is the one `kept` names (taken with the kept part's `at` commits, under the same period
 * start, its hashed events all in the period's end) is not hashed again: its digest is the kept one. Events out of
 * branch order (never from the history index) give digests no part matches: every change is judged again.
 */
export function digestBranch(
  input: ReportInput,
  ctx: ModelContext,
  at: number | null,
  kept: RecordDigests | null,
  judged: (e: AuditEvent) => AuditEvent,
): BranchDigests {
  const { pit } = ctx;
  const through = ctx.untilIndex + 1;
  const since = String(ctx.since);
  // Each record's events on the branch, with their places, in the index's order (branch order, checked).
  const records = new Map<string, { events: AuditEvent[]; places: number[]; last: number }>();
  let ordered = true;
  let latestPlace = -1;
  for (const e of input.events) {
    const place = pit.indexOf(e.commit);
    if (place < 0) continue;
    if (place < latestPlace) ordered = false;
    latestPlace = Math.max(latestPlace, place);
    const key = recordOf(e);
    let r = records.get(key);
    if (!r) records.set(key, (r = { events: [], places: [], last: -1 }));
    r.events.push(e);
    r.places.push(place);
    r.last = Math.max(r.last, place);
  }
  const commits = new Chunked(createHash('sha256'));
  let commitsAt: string | null = null;
  for (let i = 0; i < through; i++) {
    if (i === at) commitsAt = commits.copyDigest();
    const c = input.commits[i]!;
    commits.add(`C${c.sha} ${c.created_at}\n`);
  }
  const commitsThrough = commits.digest();
  if (at === through) commitsAt = commitsThrough;
  const invalid = input.invalid
    .map((entry) => [pit.indexOf(entry.commit), entry] as const)
    .filter(([place]) => place >= 0 && place < through)
    .sort((a, b) => a[0] - b[0]);
  const invalidBefore = (bound: number) => invalid.filter(([place]) => place < bound);

  // One record's events before `bound`: their digest and the latest created_at among them.
  let hashed = 0;
  const hashRecord = (r: { events: AuditEvent[]; places: number[] }, bound: number) => {
    hashed += 1;
    const hash = new Chunked(createHash('sha256'));
    let latest = -Infinity;
    for (let k = 0; k < r.events.length; k++) {
      const place = r.places[k]!;
      if (place >= bound) continue;
      const e = r.events[k]!;
      latest = Math.max(latest, Date.parse(e.created_at));
      const seen = e.auditable_type === 'Role' ? e : judged(e);
      hash.add(`${ctx.inPeriod(e.created_at) ? 'E' : 'e'}${place} ${JSON.stringify(seen)}\n`);
    }
    return { digest: hash.digest(), latest };
  };

  const identities = ordered ? (input.eventRecords ?? null) : null;
  // The kept digests hold only over the same first `at` commits and period start.
  const keptEntries =
    isRecordDigests(kept) && at !== null && kept.since === since && kept.commits === commitsAt
      ? kept.entries
      : null;
  const atPrefix: [string, string][] = [];
  const atWhole: [string, string][] = [];
  const entries: RecordDigests['entries'] = {};
  for (const key of [...records.keys()].sort()) {
    const r = records.get(key)!;
    const identity = identities?.get(key);
    const old =
      keptEntries && identity !== undefined && Object.hasOwn(keptEntries, key) ? keptEntries[key] : undefined;
    const held =
      Array.isArray(old) && old[0] === identity && typeof old[1] === 'string' && old[3] <= ctx.until
        ? old
        : undefined;
    let prefix: { digest: string; latest: number } | null = null;
    if (at !== null && r.places.some((p) => p < at))
      prefix = held ? { digest: held[1], latest: held[3] } : hashRecord(r, at);
    if (prefix) atPrefix.push([key, prefix.digest]);
    if (!r.places.some((p) => p < through)) continue;
    // The same events before `through` as before `at` when its last one is before `at`.
    const whole =
      prefix !== null && at !== null && (at === through || r.last < at) ? prefix : hashRecord(r, through);
    atWhole.push([key, whole.digest]);
    if (identity !== undefined && whole.latest <= ctx.until)
      entries[key] = [identity, whole.digest, r.last, whole.latest];
  }
  const digestOf = (commitsDigest: string, bound: number, byRecord: [string, string][]) =>
    createHash('sha256')
      .update(JSON.stringify(['branch', commitsDigest, invalidBefore(bound), byRecord]))
      .digest('hex');
  const whole = digestOf(commitsThrough, through, atWhole);
  if (!ordered) return { prefix: null, whole: `unordered ${whole}`, records: null, hashed };
  return {
    prefix: at === null || commitsAt === null ? null : digestOf(commitsAt, at, atPrefix),
    whole,
    records: identities ? { since, commits: commitsThrough, entries } : null,
    hashed,
  };
}

/** A kept part's record digests as written (a part file from another version may hold none, or another shape). */
function isRecordDigests(kept: unknown): kept is RecordDigests {
  const r = kept as RecordDigests | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.since === 'string' &&
    typeof r.commits === 'string' &&
    typeof r.entries === 'object' &&
    r.entries !== null
  );
}

/** The history index's record an event is read from, as ReportInput.eventRecords names it (`kind:id`). */
function recordOf(e: AuditEvent): string {
  return fileKeyOf(e.auditable_type, e.auditable_id).join(':');
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
