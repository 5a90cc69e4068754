import { createHash } from 'node:crypto';
import type { ChangeTally, PartOverview } from './part-shapes.js';

export type { PartOverview } from './part-shapes.js';
import type { RecordDigests } from './branch-digest.js';
import type { CollectedFindings } from './finding-catalog.js';
import type { ActionReport, FindingKind, RunbookReport } from './report-model.js';

/**
 * One action's part of the report model: its page section and its run findings. Built from that action's runs and
 * definitions alone, so it is kept between reports under a key of exactly those inputs (partKey).
 */
export interface ActionPart {
  report: Omit<ActionReport, 'findings'>;
  findings: CollectedFindings;
  overview: PartOverview;
  /**
   * The key of what its runs gave, `findings` and `overview` (build-model-from-view.ts, runsKey): a part built again
   * for a change of its definition alone carries them over from the kept part with the same (ModelParts.keptRuns).
   * Absent in parts written before it was kept.
   */
  runs?: string;
}

/** One runbook's section, built from its runs, definition, events and the findings about it. */
export interface RunbookPart {
  runbook: RunbookReport;
}

/**
 * The findings about changes (unauthorized, unreleased without four eyes, unapproved or stale approvals): built from
 * the audit events, the commits and the role files alone, no run. Kept with a digest of the branch they judged, so a
 * report after new runs merges them instead of judging every change again, and one after a commit judges only the
 * commits after `through` (judge-changes.ts).
 */
export interface HistoryPart {
  /** The part's file name: a digest of the fields below but the source, findings and tally. */
  key: string;
  /** A digest of what every judgment depends on besides the branch up to its commit: how people are named. */
  context: string;
  /** How many first-parent commits (from the first) were judged: those up to the period's end. */
  through: number;
  /** The sha256 of those commits with their events and invalid entries (judge-changes.ts, digestBranch). */
  digest: string;
  /**
   * What `digest` was taken of, by identity: the history index's (ReportInput.historyIdentity), the period and
   * `through`; null when the index has none. A report with the same source has the same digest without taking it.
   */
  source: string | null;
  /** What `digest` was made of, record by record: the next report hashes again only the records that changed. */
  records?: RecordDigests | null;
  findings: CollectedFindings;
  /** The period's changes per author and per role held (the users and roles pages' change columns). */
  activity: ChangeTally;
  /**
   * The part files it is kept in, its own first (model-parts-store.ts): a part continued from a kept one is written
   * as the kept one plus what the commits after it add. Set when read back or written; absent: not kept yet.
   */
  files?: readonly string[];
}

/**
 * A history part continued from a kept one, as what it adds: the findings and tally of the commits after the kept
 * part's (merged onto the kept part's, they are the continued part's: FindingCollector.merge, mergeTallies).
 */
export interface HistoryDelta {
  base: HistoryPart;
  findings: CollectedFindings;
  activity: ChangeTally;
}

/** Digests of definitions' events by name (ModelParts.eventsDigest), each with the source it holds for. */
export interface EventDigests {
  digests: Record<string, [source: string, digest: string]>;
}

/**
 * The parts of the last report's model by key. `get` and `set` are what the model builder uses; `used` is what a
 * report read or built this time (what is written back: parts of a past model are dropped).
 */
export class ModelParts {
  private readonly used = new Map<string, ActionPart | RunbookPart>();
  hits = 0;
  misses = 0;
  /** The change findings this report used (kept or built), under their key; whether they were kept. */
  private history: HistoryPart | null = null;
  historyKept = false;
  /** What the history part adds to the kept one it was continued from (useHistory). */
  private historyDelta: HistoryDelta | null = null;

  constructor(
    private previous: ReadonlyMap<string, ActionPart | RunbookPart> = new Map(),
    private previousHistory: HistoryPart | null = null,
    private previousEvents: EventDigests | null = null,
  ) {}

  /** The digests of definitions' events this report took or had kept, each under the source it holds for. */
  private events: EventDigests | null = null;
  /** Whether a digest was taken this time (the list is then written again with it). */
  private eventsTaken = false;

  /**
   * The digest (partKey) of `events()`, the events a part's key covers under the name `name`: the last report's when
   * it kept one for the same `source` (what fixes those events: the history index's identity and the period's end, or
   * one definition's record and which of its events are listed), else taken now. A null source keeps none.
   */
  eventsDigest(source: string | null, name: string, events: () => unknown): string {
    if (source === null) return partKey(events());
    const kept = this.previousEvents?.digests[name];
    let digest: string;
    if (kept && kept[0] === source) digest = kept[1];
    else {
      digest = partKey(events());
      this.eventsTaken = true;
    }
    (this.events ??= { digests: {} }).digests[name] = [source, digest];
    return digest;
  }

  /** What the next report may take the events' digests from (written with the list of parts). */
  usedEvents(): EventDigests | null {
    return this.events;
  }

  /**
   * Per finding kind, the time the report showed findings of that kind from: the parts written for the next report
   * keep none older (trimCollected). Set by the model builder.
   */
  shownSince: ReadonlyMap<FindingKind, number> = new Map();

  /** How many parts of the last report are at hand (0: every part is built). */
  keptCount(): number {
    return this.previous.size;
  }

  /** Told when the kept parts are forgotten (every part is then built: generate-report.ts bounds the heap). */
  onForget: () => void = () => undefined;

  /** Forget the parts the last report kept (they cannot give this report's model): every part is built again. */
  forgetKept(): void {
    this.onForget();
    this.previous = new Map();
    this.byRuns = null;
    this.borrowed.clear();
    this.previousHistory = null;
    this.used.clear();
    this.built.clear();
    this.history = null;
    this.historyKept = false;
    this.historyDelta = null;
    this.hits = this.misses = this.runbookHits = this.runbookMisses = 0;
  }

  /** The findings about changes (authors, approvals) and their tally the last report kept, if any. */
  keptHistory(): HistoryPart | null {
    return this.previousHistory;
  }

  /**
   * The history part of this report: the kept one as it was (`kept`), or one built (or continued) from it; `delta`:
   * what it adds to the kept one when continued (judge-changes.ts).
   */
  useHistory(part: HistoryPart, kept: boolean, delta: HistoryDelta | null = null): void {
    this.history = part;
    this.historyKept = kept;
    this.historyDelta = delta;
  }

  usedHistory(): HistoryPart | null {
    return this.history;
  }

  /** What the history part adds to the kept one it was continued from (null: not continued). */
  usedHistoryDelta(): HistoryDelta | null {
    return this.historyDelta;
  }

  /**
   * The kept action part whose runs gave what `runs` names (ActionPart.runs), if any: its findings and overview hold
   * for a part built again with the same. Its file stays until the next report that writes the parts (`borrowed`):
   * its findings' texts are read from it while this report renders.
   */
  keptRuns(runs: string): ActionPart | undefined {
    if (!this.byRuns) {
      this.byRuns = new Map();
      for (const [key, part] of this.previous)
        if ('report' in part && typeof part.runs === 'string') this.byRuns.set(part.runs, [key, part]);
    }
    const hit = this.byRuns.get(runs);
    if (hit) this.borrowed.add(hit[0]);
    return hit?.[1];
  }

  private byRuns: Map<string, [key: string, part: ActionPart]> | null = null;

  /**
   * The kept parts whose runs' findings a part built this time carries over (keptRuns): one per such part, as a kept
   * part's runs are one action's.
   */
  readonly borrowed = new Set<string>();

  /** Runbook sections kept and built (`hits` and `misses` count the actions'). */
  runbookHits = 0;
  runbookMisses = 0;

  get(key: string): ActionPart | undefined {
    const part = this.take(key);
    if (part && 'report' in part) {
      this.hits += 1;
      return part;
    }
    return undefined;
  }

  getRunbook(key: string): RunbookPart | undefined {
    const part = this.take(key);
    if (part && 'runbook' in part) {
      this.runbookHits += 1;
      return part;
    }
    return undefined;
  }

  private take(key: string): ActionPart | RunbookPart | undefined {
    const part = this.used.get(key) ?? this.previous.get(key);
    if (part) this.used.set(key, part);
    return part;
  }

  set(key: string, part: ActionPart | RunbookPart): void {
    if ('runbook' in part) this.runbookMisses += 1;
    else this.misses += 1;
    this.used.set(key, part);
    this.built.add(key);
  }

  /** Whether the part under `key` was built by this report (not read back). */
  isNew(key: string): boolean {
    return this.built.has(key);
  }

  private readonly built = new Set<string>();

  /** Whether writing back would change the file: a part built, or one of the last report's no longer used. */
  changed(): boolean {
    return (
      this.misses > 0 ||
      this.runbookMisses > 0 ||
      this.used.size !== this.previous.size ||
      this.history?.key !== this.previousHistory?.key ||
      (this.history !== null && !this.historyKept) ||
      this.eventsTaken
    );
  }

  entries(): [string, ActionPart | RunbookPart][] {
    return [...this.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** The key of a part: a sha256 of everything it is built from (the caller lists them). */
export function partKey(inputs: unknown): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}
