import type { OpsledgerConfig } from '../config/load-config.js';
import type { DefinitionKind } from '../definitions/types.js';
import type { ChainHead, ExecutionRecord, Journal, Rollup, VerifyReport } from '../executions/types.js';
import type { HistoryIndex } from '../history/types.js';
import type { DefinitionAtCommit, ReportInput } from './report-model.js';

/** The outside systems a report reads, through their ports. */
export interface ReportSources {
  history: HistoryIndex;
  /** Null when the data dir has no journal yet (a report of changes only). */
  journal: Journal | null;
  /**
   * The journal's records for a model built in one go (tests, small journals). `opsledger report` leaves it out: it
   * streams `journal.scan()` into the run fold itself and fills `parametersOf` from `prefetchParameters`.
   */
  records?: readonly ExecutionRecord[];
  verify: VerifyReport | null;
  rollups: readonly Rollup[];
}

export interface ReportOptions {
  repoName: string;
  branch: string;
  /** Web address of the repo on its code host (commit links), or null. */
  webUrl: string | null;
  config: Pick<OpsledgerConfig, 'reports' | 'retention'> & Partial<Pick<OpsledgerConfig, 'executions'>>;
  now: string;
  since: string | null;
  until: string;
  pseudonymize: ((email: string) => string) | null;
}

/**
 * Wire the ports into a ReportInput: events, invalid entries and commits from the history index, point-in-time
 * definitions through it (memoized per commit), and the journal's records when the caller has them.
 */
export function assembleReportInput(sources: ReportSources, options: ReportOptions): ReportInput {
  const { history, journal } = sources;
  const cache = new Map<string, readonly DefinitionAtCommit[]>();
  // One value object per definition blob: the snapshots of hundreds of commits (the role files in force at each) share
  // the files a commit left unchanged, which lets a judge of permissions index each role file once (holds-permission.ts).
  const values = new Map<string, DefinitionAtCommit['value']>();
  const definitionsAt = (kind: DefinitionKind, commit: string): readonly DefinitionAtCommit[] => {
    const key = `${kind}:${commit}`;
    let hit = cache.get(key);
    if (!hit) {
      const valueKey = (id: string, blob: string) => `${kind}\0${id}\0${blob}`;
      hit = history
        .definitionsAt(kind, commit, (id, blob) => values.get(valueKey(id, blob)))
        .map((v) => {
          let value = values.get(valueKey(v.id, v.blob));
          if (value === undefined) values.set(valueKey(v.id, v.blob), (value = v.value));
          return { id: v.id, version: v.version, commit: v.commit, path: v.path, value };
        });
      cache.set(key, hit);
    }
    return hit;
  };
  const recordOf = recordsFrom(sources.records ?? []);
  // The same identity before and after the reads: no refresh replaced the index while they were made.
  const before = history.identity?.() ?? null;
  const events = history.events();
  const invalid = history.invalid();
  const commits = history.commits();
  const records = before !== null ? (history.recordIdentities?.() ?? null) : null;
  const identity = before !== null && history.identity?.() === before ? before : null;
  return {
    repo: { name: options.repoName, branch: options.branch, tip: history.tip(), web_url: options.webUrl },
    events,
    invalid,
    rewrites: history.rewrites(),
    commits,
    historyIdentity: identity,
    eventRecords: identity !== null ? records : null,
    definitionsAt,
    executions: sources.records ?? [],
    resolveUser: journal ? (stored) => journal.resolveUser(stored) : (stored) => stored,
    rollups: sources.rollups,
    verify: sources.verify,
    head: (journal?.head() ?? sources.verify?.head ?? null) as ChainHead | null,
    config: options.config,
    now: options.now,
    period: { since: options.since, until: options.until },
    pseudonymize: options.pseudonymize,
    parametersOf: (id) => recordOf(id)?.parameters ?? null,
    recordOf,
  };
}

/** The latest record of each execution. */
function recordsFrom(records: readonly ExecutionRecord[]): (id: string) => ExecutionRecord | null {
  const latest = new Map<string, ExecutionRecord>();
  for (const r of records) if ((latest.get(r.id)?.seq ?? -1) < r.seq) latest.set(r.id, r);
  return (id) => latest.get(id) ?? null;
}
