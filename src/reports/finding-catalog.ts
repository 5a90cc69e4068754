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

/**
 * Collects findings with bounded memory: per kind it keeps only the newest FINDINGS_SHOWN (a million flagged runs
 * must not become a million objects) and counts the rest, and per subject it counts and keeps the newest few.
 */
export class FindingCollector {
  private kept = new Map<FindingKind, ComplianceFinding[]>();
  private totals = new Map<FindingKind, number>();
  private perSubject = new Map<string, { total: number; items: ComplianceFinding[] }>();

  constructor(private readonly perSubjectShown = 20) {}

  /** Add a finding; `alsoAbout` lists further definitions it concerns (a commit that changed several). */
  add(finding: ComplianceFinding, alsoAbout: readonly ComplianceFinding['subject'][] = []): void {
    this.totals.set(finding.kind, (this.totals.get(finding.kind) ?? 0) + 1);
    let list = this.kept.get(finding.kind);
    if (!list) this.kept.set(finding.kind, (list = []));
    list.push(finding);
    if (list.length >= FINDINGS_SHOWN * 4) this.kept.set(finding.kind, newestFirst(list).slice(0, FINDINGS_SHOWN));
    for (const subject of [finding.subject, ...alsoAbout]) {
      if (subject.id === null) continue;
      const key = subjectKey(subject.type, subject.id);
      let s = this.perSubject.get(key);
      if (!s) this.perSubject.set(key, (s = { total: 0, items: [] }));
      s.total += 1;
      s.items.push(finding);
      if (s.items.length >= this.perSubjectShown * 4) s.items = newestFirst(s.items).slice(0, this.perSubjectShown);
    }
  }

  /** Non-empty groups, by severity then catalog order, items newest first. */
  groups(): FindingGroup[] {
    const kinds = Object.keys(FINDING_CATALOG) as FindingKind[];
    return kinds
      .filter((kind) => (this.totals.get(kind) ?? 0) > 0)
      .sort((a, b) => SEVERITY_ORDER[FINDING_CATALOG[a].severity] - SEVERITY_ORDER[FINDING_CATALOG[b].severity])
      .map((kind) => ({
        kind,
        ...FINDING_CATALOG[kind],
        total: this.totals.get(kind) ?? 0,
        items: newestFirst(this.kept.get(kind) ?? []).slice(0, FINDINGS_SHOWN),
      }));
  }

  /** The findings about one action or runbook (newest first, a few) and how many there are. */
  about(type: 'action' | 'runbook', id: string): { total: number; items: ComplianceFinding[] } {
    const s = this.perSubject.get(subjectKey(type, id));
    return s ? { total: s.total, items: newestFirst(s.items).slice(0, this.perSubjectShown) } : { total: 0, items: [] };
  }
}

function subjectKey(type: string, id: string): string {
  return `${type}:${id}`;
}

/** Newest first; ties broken by summary then evidence so the order never depends on input order. */
export function newestFirst(list: readonly ComplianceFinding[]): ComplianceFinding[] {
  const key = (f: ComplianceFinding) => `${f.summary}\u0000${JSON.stringify(f.evidence)}`;
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
