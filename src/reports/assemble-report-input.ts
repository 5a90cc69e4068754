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
  verify: VerifyReport | null;
  rollups: readonly Rollup[];
}

export interface ReportOptions {
  repoName: string;
  branch: string;
  /** Web address of the repo on its code host (commit links), or null. */
  webUrl: string | null;
  config: Pick<OpsledgerConfig, 'reports' | 'retention'>;
  now: string;
  since: string | null;
  until: string;
  pseudonymize: ((email: string) => string) | null;
}

/**
 * Wire the ports into a ReportInput: events, invalid entries and commits from the history index, point-in-time
 * definitions through it (memoized per commit), and the journal streamed through `scan()` when it offers one.
 */
export function assembleReportInput(sources: ReportSources, options: ReportOptions): ReportInput {
  const { history, journal } = sources;
  const cache = new Map<string, readonly DefinitionAtCommit[]>();
  const definitionsAt = (kind: DefinitionKind, commit: string): readonly DefinitionAtCommit[] => {
    const key = `${kind}:${commit}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = history
        .definitionsAt(kind, commit)
        .map((v) => ({ id: v.id, version: v.version, commit: v.commit, path: v.path, value: v.value }));
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    repo: { name: options.repoName, branch: options.branch, tip: history.tip(), web_url: options.webUrl },
    events: history.events(),
    invalid: history.invalid(),
    rewrites: history.rewrites(),
    commits: history.commits(),
    definitionsAt,
    executions: journal ? journalRecords(journal) : [],
    resolveUser: journal ? (stored) => journal.resolveUser(stored) : (stored) => stored,
    rollups: sources.rollups,
    verify: sources.verify,
    head: (journal?.head() ?? sources.verify?.head ?? null) as ChainHead | null,
    config: options.config,
    now: options.now,
    period: { since: options.since, until: options.until },
    pseudonymize: options.pseudonymize,
    parametersOf: journal ? (id) => journal.get(id)?.parameters ?? null : () => null,
    recordOf: journal ? (id) => journal.get(id) : () => null,
  };
}

/** Every execution's records: streamed when the journal can, else its latest states from one query. */
function journalRecords(journal: Journal): Iterable<ExecutionRecord> {
  if (journal.scan) return { [Symbol.iterator]: () => journal.scan!()[Symbol.iterator]() };
  return journal.query({ limit: Number.MAX_SAFE_INTEGER });
}
