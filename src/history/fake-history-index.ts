import { KIND_OF_TYPE } from '../definitions/types.js';
import { matchesQuery } from './match-query.js';
import type { AuditEvent, DefinitionVersion, HistoryIndex, HistoryRewrite, InvalidEntry } from './types.js';

export interface FakeHistoryData {
  events?: AuditEvent[];
  invalid?: InvalidEntry[];
  /** Definition versions, oldest first per id (what definitionAt/definitionsAt answer from). */
  versions?: DefinitionVersion[];
  /** First-parent commits, oldest first; default: the commits of the events, in order. */
  commits?: { sha: string; created_at: string }[];
  /** Recorded rewrites of the branch (`history_rewritten` records). */
  rewrites?: HistoryRewrite[];
}

/** An in-memory HistoryIndex for tests of pure consumers (reports, server routes): no git, no files. */
export function createFakeHistoryIndex(data: FakeHistoryData = {}): HistoryIndex {
  const events = [...(data.events ?? [])];
  const versions = [...(data.versions ?? [])];
  const commits =
    data.commits ??
    events
      .filter((e, i) => events.findIndex((x) => x.commit === e.commit) === i)
      .map((e) => ({ sha: e.commit, created_at: e.created_at }));
  const seqOf = (sha: string): number => commits.findIndex((c) => c.sha === sha);
  return {
    refresh: () =>
      Promise.resolve({ tip: commits.at(-1)?.sha ?? null, newCommits: 0, rebuilt: false, ms: 0 }),
    tip: () => commits.at(-1)?.sha ?? null,
    events: (query = {}) => events.filter((e) => matchesQuery(e, query)),
    history: (id, kind) =>
      events.filter(
        (e) =>
          (kind === undefined || KIND_OF_TYPE[e.auditable_type] === kind) &&
          (e.auditable_id === id ||
            (e.auditable_type === 'Runbook::Step' &&
              !id.includes('/') &&
              e.auditable_id.startsWith(`${id}/`))),
      ),
    invalid: () => [...(data.invalid ?? [])],
    definitionAt(kind, id, version) {
      const own = versions.filter((v) => v.kind === kind && v.id === id);
      return (version === undefined ? own.at(-1) : own.find((v) => v.version === version)) ?? null;
    },
    definitionsAt(kind, commit) {
      const at = seqOf(commit);
      if (at === -1) return [];
      const latest = new Map<string, DefinitionVersion>();
      for (const v of versions) {
        if (v.kind === kind && seqOf(v.commit) <= at) latest.set(v.id, v);
      }
      return [...latest.values()];
    },
    commits: () => [...commits],
    rewrites: () => [...(data.rewrites ?? [])],
  };
}
