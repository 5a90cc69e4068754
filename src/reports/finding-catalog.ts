import { createHash } from 'node:crypto';
import { asciiJson } from './ascii-json.js';
import type { ComplianceFinding, FindingGroup, FindingKind, Severity } from './report-model.js';

/** Every compliance finding a report can raise, in the order the findings page lists them within a severity. */
export const FINDING_CATALOG: Record<FindingKind, { severity: Severity; title: string; why: string }> = {
  'journal-tampered': {
    severity: 'high',
    title: 'Journal integrity problems',
    why: '`opsledger verify` found records modified, deleted, inserted, reordered or cut off outside the retention policy.',
  },
  'history-rewritten': {
    severity: 'high',
    title: 'Rewrites of the tracked branch',
    why: 'The branch was force-pushed or reset: commits the history had indexed left it, and their audit events with them. opsledger kept those events (`opsledger audit --rewrites`).',
  },
  'unauthorized-change': {
    severity: 'high',
    title: 'Changes by authors without definitions:modify',
    why: 'By the role files just before the change, its author held no `definitions:modify` (or `admin`) covering it.',
  },
  'missing-four-eyes': {
    severity: 'high',
    title: 'Released without a second person',
    why: 'The status became `released` but no person other than the author (the merger or another author) held `definitions:approve` for it.',
  },
  'unapproved-change': {
    severity: 'high',
    title: 'Changes without a recorded approval',
    why: 'Once the repo records approvals (`refs/notes/opsledger/approvals`, docs/github.md), every change to the tracked branch needs an approval by someone other than its authors who held `definitions:approve` for it just before; this one has none.',
  },
  'stale-approval': {
    severity: 'medium',
    title: 'Merged with stale approvals',
    why: 'The only approvals that would count were given on an older head of the pull request: what was merged was not what was approved.',
  },
  'unauthorized-run': {
    severity: 'high',
    title: 'Runs by users without actions:execute',
    why: 'By the role files in force when the run started, its user held no `actions:execute` (or `admin`) for the action.',
  },
  'unknown-definition-run': {
    severity: 'medium',
    title: 'Runs of unknown definitions',
    why: 'The run was not pinned to a commit of the tracked branch, so nobody can say which version ran.',
  },
  'dirty-definition-run': {
    severity: 'medium',
    title: 'Runs of uncommitted (dirty) definitions',
    why: 'The definition or its script differed from the committed version when it ran.',
  },
  'unreleased-definition-run': {
    severity: 'medium',
    title: 'Runs of unreleased definitions',
    why: 'The pinned version had a status other than `released` (draft, approved or deprecated).',
  },
  'failing-streak': {
    severity: 'medium',
    title: 'Failing streaks',
    why: 'Consecutive failed or timed-out runs of one action, at least `reports.failing_streak` in a row.',
  },
  'abandoned-run': {
    severity: 'medium',
    title: 'Runs whose recorder died',
    why: 'The recorder was killed (or its machine stopped) before it recorded the end, so nobody recorded how the run ended; the next opsledger command closed it as `abandoned`. Check its targets by hand.',
  },
  'locally-recorded-run': {
    severity: 'high',
    title: 'Runs recorded outside the service',
    why: 'opsledger.yaml requires runs to be recorded through the service (`executions.require_server`), but the CLI wrote this run into the journal itself, so the service never checked its roles before it ran.',
  },
  'missed-firing': {
    severity: 'medium',
    title: 'Scheduled firings that did not run',
    why: 'A schedule was due while no scheduler ran (`opsledger serve` stopped or down), so the job did not run then; the scheduler recorded the firings as `missed` when it came back. Check that nothing depended on them.',
  },
  'secret-default': {
    severity: 'medium',
    title: 'Secret parameters with a value in git',
    why: 'A secret parameter has a default (or a runbook step passes it a literal), so the secret sits in the repository. The value is never shown here.',
  },
  'stale-action': {
    severity: 'low',
    title: 'Released actions not run recently',
    why: 'Released, but not run for `reports.stale_days` days: retire it (deprecate) or check it still works.',
  },
  'retention-gap': {
    severity: 'low',
    title: 'Retention gaps in the journal',
    why: 'Records were purged by the retention policy; only their monthly rollups remain.',
  },
  'invalid-definition': {
    severity: 'low',
    title: 'Definition files that did not validate',
    why: 'A commit on the tracked branch contained a definition file that did not parse or validate; it made no audit event.',
  },
};

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
const KINDS = Object.keys(FINDING_CATALOG) as FindingKind[];

function compareKinds(a: FindingKind, b: FindingKind): number {
  const bySeverity =
    SEVERITY_ORDER[FINDING_CATALOG[a].severity] - SEVERITY_ORDER[FINDING_CATALOG[b].severity];
  return bySeverity !== 0 ? bySeverity : KINDS.indexOf(a) - KINDS.indexOf(b);
}

/** The order finding groups are listed in: severity, then the catalog's order. */
export function compareGroups(a: FindingGroup, b: FindingGroup): number {
  return compareKinds(a.kind, b.kind);
}

/** How many findings of one kind a report lists; the total is always given. */
export const FINDINGS_SHOWN = 100;

/**
 * What a finding is about and when: enough to count it and decide whether it is kept. `at` may be given as epoch
 * milliseconds (runs) or an ISO instant; the kept finding carries it as an ISO instant.
 */
export type FindingHead = Omit<Pick<ComplianceFinding, 'kind' | 'severity' | 'subject' | 'at'>, 'at'> & {
  at: string | number;
};
/** What a kept finding says: built only when it is kept. */
export type FindingDetails = Pick<ComplianceFinding, 'summary' | 'evidence'>;

/** A kept finding and its time. */
export interface Kept {
  ms: number;
  finding: ComplianceFinding;
  /** The JSON text `finding` is still to be parsed from, if any (a part read back: part-codec.ts). */
  unreadText?(): string | undefined;
  /** The digest of its JSON text as a part file keeps it, if it was read back from one (part-codec.ts). */
  textDigest?(): string;
}

/**
 * The digest of a kept finding's JSON text, `#` and the first 32 hex digits of its sha256 (128 bits: no two texts with
 * the same digest can be found, so it stands for the text in page digests and part keys): kept with the finding in its
 * part file (part-codec.ts) and read back with it, so no text is read for it, and it is the same whether its part was
 * built, read back or written again (after a commit the history part is).
 */
export function findingDigest(k: Kept): string {
  const kept = k.textDigest?.();
  if (kept !== undefined) return kept;
  let d = digests.get(k);
  if (d === undefined) digests.set(k, (d = textDigest(findingText(k))));
  return d;
}

/** A kept finding's JSON text as a part file keeps it (ASCII: part-codec.ts). */
export function findingText(k: Kept): string {
  return k.unreadText?.() ?? asciiJson(k.finding);
}

/** `#` and the first 32 hex digits of the sha256 of a finding's text (findingDigest). */
export function textDigest(text: string): string {
  return `#${createHash('sha256').update(text, 'latin1').digest('hex').slice(0, 32)}`;
}

const digests = new WeakMap<Kept, string>();

interface CollectedBucket {
  total: number;
  items: Kept[];
}

/** A collector's totals and showable findings as data (FindingCollector.collected). */
export interface CollectedFindings {
  kinds: [FindingKind, CollectedBucket][];
  subjects: [string, string, CollectedBucket][];
  /**
   * Per kind, the time (ms) below which this part's findings were left out when it was kept (trimCollected): they
   * were older than every finding the whole report showed of that kind then.
   */
  cuts?: [FindingKind, number][];
}

interface Bucket {
  total: number;
  items: Kept[];
  /** Findings older than this (ms) can no longer be among the newest shown (-Infinity: not full yet). */
  threshold: number;
  cap: number;
}

/**
 * Collects findings with bounded memory and work: per kind it keeps only the newest FINDINGS_SHOWN and counts the
 * rest, per subject the newest few. A finding older than everything a full bucket keeps is only counted, and its
 * summary and evidence are never built, so a million flagged runs cost a million counts, not a million objects.
 * The kept set is the newest by (time, then text), whatever the order findings arrive in.
 */
export class FindingCollector {
  private kinds = new Map<FindingKind, Bucket>();
  /** Per kind, the highest cut of a merged part (CollectedFindings.cuts). */
  private cuts = new Map<FindingKind, number>();
  private subjects = new Map<string, Map<string, Bucket>>();

  constructor(private readonly perSubjectShown = 20) {}

  /** Add a finding; `alsoAbout` lists further definitions it concerns (a commit that changed several). */
  add(
    head: FindingHead,
    details: () => FindingDetails,
    alsoAbout: readonly FindingHead['subject'][] = [],
  ): void {
    const ms = typeof head.at === 'number' ? head.at : Date.parse(head.at);
    let kept: Kept | null = null;
    const offer = (b: Bucket) => {
      b.total += 1;
      if (ms < b.threshold) return;
      kept ??= { ms, finding: { ...head, at: isoInstant(ms), ...details() } };
      b.items.push(kept);
      if (dueForTrim(b)) trim(b);
    };
    offer(bucketOf(this.kinds, head.kind, FINDINGS_SHOWN));
    this.offerSubject(head.subject, offer);
    for (const subject of alsoAbout) this.offerSubject(subject, offer);
  }

  /**
   * Count a finding about one subject that `add` would only count (older than what the full buckets of its kind and
   * subject keep), without making its head or details: true when it has been counted so, false when it may be kept
   * (the caller then adds it). Rows judged newest first fill the buckets early, so a million flagged runs are then a
   * million counts and no object each.
   */
  countIfOld(kind: FindingKind, type: FindingHead['subject']['type'], id: string, ms: number): boolean {
    const k = this.kinds.get(kind);
    // As offer decides: a finding is only counted when `ms < threshold` (a NaN time is not).
    if (!k || !(ms < k.threshold)) return false;
    const s = this.subjects.get(type)?.get(id);
    if (!s || !(ms < s.threshold)) return false;
    k.total += 1;
    s.total += 1;
    return true;
  }

  private offerSubject(subject: FindingHead['subject'], offer: (b: Bucket) => void): void {
    if (subject.id === null) return;
    let byId = this.subjects.get(subject.type);
    if (!byId) this.subjects.set(subject.type, (byId = new Map()));
    offer(bucketOf(byId, subject.id, this.perSubjectShown));
  }

  /**
   * What this collector holds, to be merged into another (a part of the model cached between reports): per kind and
   * per subject the total and only the findings that can still be shown. Plain data (JSON-safe).
   */
  collected(): CollectedFindings {
    // The kept items themselves ({ ms, finding }): one merged from a part read back keeps its finding's text unread
    // (part-codec.ts).
    const kept = (b: Bucket) => ({ total: b.total, items: newestKept(b.items).slice(0, b.cap) });
    const subjects: CollectedFindings['subjects'] = [];
    for (const [type, byId] of this.subjects) for (const [id, b] of byId) subjects.push([type, id, kept(b)]);
    const kinds: CollectedFindings['kinds'] = [...this.kinds].map(([kind, b]) => [kind, kept(b)]);
    // A merged part's cuts stay with what this collector holds: findings before them were never added here either.
    return this.cuts.size > 0 ? { kinds, subjects, cuts: [...this.cuts] } : { kinds, subjects };
  }

  /**
   * Add what another collector held (`collected()`). The kept set is the newest of each bucket whatever the order
   * findings arrive in, so merging parts gives what adding every finding to one collector gives.
   */
  merge(other: CollectedFindings): void {
    const offer = (b: Bucket, part: CollectedBucket) => {
      b.total += part.total;
      for (const k of part.items) {
        if (k.ms < b.threshold) continue;
        // The kept item itself: a part read back parses its finding's text only if it is compared or shown
        // (part-codec.ts).
        b.items.push(k);
        if (dueForTrim(b)) trim(b);
      }
    };
    for (const [kind, part] of other.kinds) offer(bucketOf(this.kinds, kind, FINDINGS_SHOWN), part);
    for (const [kind, cut] of other.cuts ?? [])
      this.cuts.set(kind, Math.max(cut, this.cuts.get(kind) ?? cut));
    for (const [type, id, part] of other.subjects) {
      let byId = this.subjects.get(type);
      if (!byId) this.subjects.set(type, (byId = new Map()));
      offer(bucketOf(byId, id, this.perSubjectShown), part);
    }
  }

  /**
   * Per kind, the time of the oldest finding shown (the FINDINGS_SHOWN-th newest) when more than that many were
   * found: a part kept for a later report needs none of its findings of that kind before it (trimCollected).
   */
  shownSince(): Map<FindingKind, number> {
    const since = new Map<FindingKind, number>();
    for (const [kind, b] of this.kinds) {
      if (b.total <= FINDINGS_SHOWN) continue;
      // Only its time: the order by time alone puts the same time there (no text compared).
      const last = [...b.items].sort(byTime)[FINDINGS_SHOWN - 1];
      if (last) since.set(kind, last.ms);
    }
    return since;
  }

  /**
   * Whether the findings shown are exactly those of every finding added: true unless a merged part left findings
   * out (its cut) and fewer than FINDINGS_SHOWN of that kind are at or after the cut (an older one left out could
   * then be among those shown). The caller then builds every part again.
   */
  exact(): boolean {
    for (const [kind, cut] of this.cuts) {
      const b = this.kinds.get(kind);
      if (!b) continue;
      let after = 0;
      for (const k of b.items) if (k.ms >= cut) after += 1;
      if (after < Math.min(FINDINGS_SHOWN, b.total)) return false;
    }
    return true;
  }

  /** Non-empty groups, by severity then catalog order, items newest first. */
  groups(): FindingGroup[] {
    return KINDS.filter((kind) => (this.kinds.get(kind)?.total ?? 0) > 0)
      .sort(compareKinds)
      .map((kind) => ({
        kind,
        ...FINDING_CATALOG[kind],
        total: this.kinds.get(kind)?.total ?? 0,
        items: newestKept(this.kinds.get(kind)?.items ?? [])
          .slice(0, FINDINGS_SHOWN)
          .map((k) => k.finding),
      }));
  }

  /**
   * `about`, its items made when first read: an action's section holds its findings, but only its page (rendered
   * when its inputs changed) reads them, and a kept part's findings are texts until read (part-codec.ts).
   */
  aboutLater(type: 'action' | 'runbook', id: string): { total: number; items: ComplianceFinding[] } {
    const total = this.subjects.get(type)?.get(id)?.total ?? 0;
    let items: ComplianceFinding[] | null = null;
    return Object.defineProperty({ total } as { total: number; items: ComplianceFinding[] }, 'items', {
      enumerable: true,
      configurable: true,
      get: () => (items ??= this.about(type, id).items),
    });
  }

  /**
   * What `about` holds, as text (its total and each finding's digest, newest first: findingDigest) without making the
   * findings of a kept part nor reading their texts: what a page's digest and a runbook part's key take for them.
   */
  aboutText(type: 'action' | 'runbook', id: string): string {
    const shown = this.shownAbout(type, id);
    const texts = shown.items.map(findingDigest);
    return `${shown.total} ${texts.join('\n')}`;
  }

  /** The findings about one action or runbook (newest first, a few) and how many there are. */
  about(type: 'action' | 'runbook', id: string): { total: number; items: ComplianceFinding[] } {
    const shown = this.shownAbout(type, id);
    return { total: shown.total, items: shown.items.map((k) => k.finding) };
  }

  private shownAbout(type: 'action' | 'runbook', id: string): { total: number; items: Kept[] } {
    const s = this.subjects.get(type)?.get(id);
    return s ? { total: s.total, items: newestKept(s.items).slice(0, s.cap) } : { total: 0, items: [] };
  }
}

/**
 * A part's findings as kept between reports: of each kind only those at or after the time the whole report showed
 * findings of that kind from (`since`, FindingCollector.shownSince); the totals and per-subject findings whole.
 */
export function trimCollected(
  part: CollectedFindings,
  since: ReadonlyMap<FindingKind, number>,
): CollectedFindings {
  const cuts = new Map(part.cuts ?? []);
  const kinds = part.kinds.map(([kind, b]): [FindingKind, CollectedBucket] => {
    const cut = since.get(kind);
    if (cut === undefined || b.items.every((k) => k.ms >= cut)) return [kind, b];
    cuts.set(kind, Math.max(cut, cuts.get(kind) ?? cut));
    return [kind, { total: b.total, items: b.items.filter((k) => k.ms >= cut) }];
  });
  return cuts.size > 0
    ? { kinds, subjects: part.subjects, cuts: [...cuts] }
    : { kinds, subjects: part.subjects };
}

/**
 * Whether a bucket's items are trimmed to its newest `cap` now: the first time it holds `cap` (findings that come
 * newest first, as a part's runs do, are then only counted from the next one on: their details are never built),
 * later at four times that (a sort per `3 × cap` findings that still arrive newer than the threshold).
 */
function dueForTrim(b: Bucket): boolean {
  return b.items.length >= (b.threshold === -Infinity ? b.cap : b.cap * 4);
}

/** A full bucket cut to its `cap` newest; its threshold, the time of the oldest of them. */
function trim(b: Bucket): void {
  b.items = newestOf(b.items, b.cap);
  b.threshold = b.items.at(-1)?.ms ?? -Infinity;
}

const byTime = (a: Kept, b: Kept): number => b.ms - a.ms;

/**
 * The `cap` newest of `list` by (time, then text): the set `newestKept(list).slice(0, cap)` holds, ordered by time
 * with ties in no set order (a bucket's items are ordered by newestKept wherever order is shown or kept). The text of
 * a finding (made from its summary and evidence: a part read back decodes them only when asked, part-codec.ts) is
 * compared only among the findings of the instant the cap cuts through; trimming every full bucket by the whole
 * order made a report after one new run decode and compare ~100 ms of kept findings at 1M records.
 */
function newestOf(list: readonly Kept[], cap: number): Kept[] {
  if (list.some((k) => Number.isNaN(k.ms))) return newestKept(list).slice(0, cap);
  const sorted = [...list].sort(byTime);
  if (sorted.length <= cap || sorted[cap]!.ms !== sorted[cap - 1]!.ms) return sorted.slice(0, cap);
  const edge = sorted[cap - 1]!.ms;
  let from = cap - 1;
  while (from > 0 && sorted[from - 1]!.ms === edge) from--;
  let to = cap;
  while (to < sorted.length && sorted[to]!.ms === edge) to++;
  return [...sorted.slice(0, from), ...newestKept(sorted.slice(from, to)).slice(0, cap - from)];
}

function bucketOf<K>(map: Map<K, Bucket>, key: K, cap: number): Bucket {
  let b = map.get(key);
  if (!b) map.set(key, (b = { total: 0, items: [], threshold: -Infinity, cap }));
  return b;
}

/** An instant as ISO 8601 UTC, without `.000` for whole seconds (what findings show). */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Each kept finding's text for the order (made from its summary and evidence: a part read back decodes them then). */
const orderKeys = new WeakMap<Kept, string>();
/** The order of a bucket's items, while they are the same: they are only ever appended to, or replaced by a new list. */
const orders = new WeakMap<readonly Kept[], { length: number; sorted: readonly Kept[] }>();

/**
 * `list` newest first, ties by text. A bucket's findings are listed again and again once the model is built (each
 * page's digest and text, each part's key: ~1,200 times in a report at 1M records), so the order of a list is kept
 * while it has the same length, and each finding's text is made once.
 */
function newestKept(list: readonly Kept[]): readonly Kept[] {
  const hit = orders.get(list);
  if (hit && hit.length === list.length) return hit.sorted;
  const key = (k: Kept): string => {
    let s = orderKeys.get(k);
    if (s === undefined) {
      // Kind and subject last: two findings with the same text (of different kinds) still have one order.
      const { summary, evidence, kind, subject } = k.finding;
      s = `${summary}\u0000${JSON.stringify(evidence)}\u0000${kind}\u0000${subject.type}\u0000${subject.id ?? ''}`;
      orderKeys.set(k, s);
    }
    return s;
  };
  const sorted = [...list].sort((a, b) => {
    if (a.ms !== b.ms) return b.ms - a.ms;
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  orders.set(list, { length: list.length, sorted });
  return sorted;
}

/** Newest first; ties broken by summary then evidence so the order never depends on input order. */
export function newestFirst(list: readonly ComplianceFinding[]): ComplianceFinding[] {
  return newestKept(list.map((finding) => ({ ms: Date.parse(finding.at), finding }))).map((k) => k.finding);
}

/** Sort severities high → low. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER[a] - SEVERITY_ORDER[b];
}
