import type { ComplianceFinding, FindingGroup, FindingKind, Severity } from './report-model.js';

/** Every compliance finding a report can raise, in the order the findings page lists them within a severity. */
export const FINDING_CATALOG: Record<FindingKind, { severity: Severity; title: string; why: string }> = {
  'journal-tampered': {
    severity: 'high',
    title: 'Journal integrity problems',
    why: '`opsledger verify` found records modified, deleted, inserted, reordered or cut off outside the retention policy.',
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

/** How many findings of one kind a report lists; the total is always given. */
export const FINDINGS_SHOWN = 100;

/** What a finding is about and when: enough to count it and decide whether it is kept. */
export type FindingHead = Pick<ComplianceFinding, 'kind' | 'severity' | 'subject' | 'at'>;
/** What a kept finding says: built only when it is kept. */
export type FindingDetails = Pick<ComplianceFinding, 'summary' | 'evidence'>;

interface Bucket {
  total: number;
  items: ComplianceFinding[];
  /** Findings older than this can no longer be among the newest shown (null: not full yet). */
  threshold: string | null;
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
  private subjects = new Map<string, Bucket>();

  constructor(private readonly perSubjectShown = 20) {}

  /** Add a finding; `alsoAbout` lists further definitions it concerns (a commit that changed several). */
  add(
    head: FindingHead,
    details: () => FindingDetails,
    alsoAbout: readonly FindingHead['subject'][] = [],
  ): void {
    const buckets = [bucketOf(this.kinds, head.kind, FINDINGS_SHOWN)];
    for (const subject of [head.subject, ...alsoAbout]) {
      if (subject.id !== null) {
        buckets.push(bucketOf(this.subjects, subjectKey(subject.type, subject.id), this.perSubjectShown));
      }
    }
    let finding: ComplianceFinding | null = null;
    for (const b of buckets) {
      b.total += 1;
      if (b.threshold !== null && head.at < b.threshold) continue;
      finding ??= { ...head, ...details() };
      b.items.push(finding);
      if (b.items.length >= b.cap * 4) {
        b.items = newestFirst(b.items).slice(0, b.cap);
        b.threshold = b.items.at(-1)?.at ?? null;
      }
    }
  }

  /** Non-empty groups, by severity then catalog order, items newest first. */
  groups(): FindingGroup[] {
    const kinds = Object.keys(FINDING_CATALOG) as FindingKind[];
    return kinds
      .filter((kind) => (this.kinds.get(kind)?.total ?? 0) > 0)
      .sort(
        (a, b) => SEVERITY_ORDER[FINDING_CATALOG[a].severity] - SEVERITY_ORDER[FINDING_CATALOG[b].severity],
      )
      .map((kind) => ({
        kind,
        ...FINDING_CATALOG[kind],
        total: this.kinds.get(kind)?.total ?? 0,
        items: newestFirst(this.kinds.get(kind)?.items ?? []).slice(0, FINDINGS_SHOWN),
      }));
  }

  /** The findings about one action or runbook (newest first, a few) and how many there are. */
  about(type: 'action' | 'runbook', id: string): { total: number; items: ComplianceFinding[] } {
    const s = this.subjects.get(subjectKey(type, id));
    return s ? { total: s.total, items: newestFirst(s.items).slice(0, s.cap) } : { total: 0, items: [] };
  }
}

function bucketOf<K>(map: Map<K, Bucket>, key: K, cap: number): Bucket {
  let b = map.get(key);
  if (!b) map.set(key, (b = { total: 0, items: [], threshold: null, cap }));
  return b;
}

function subjectKey(type: string, id: string): string {
  return `${type}:${id}`;
}

/** Newest first; ties broken by summary then evidence so the order never depends on input order. */
export function newestFirst(list: readonly ComplianceFinding[]): ComplianceFinding[] {
  const keys = new Map<ComplianceFinding, string>();
  const key = (f: ComplianceFinding): string => {
    let k = keys.get(f);
    if (k === undefined) keys.set(f, (k = `${f.summary}\u0000${JSON.stringify(f.evidence)}`));
    return k;
  };
  return [...list].sort((a, b) => {
    if (a.at !== b.at) return a.at < b.at ? 1 : -1;
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** Sort severities high → low. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER[a] - SEVERITY_ORDER[b];
}
