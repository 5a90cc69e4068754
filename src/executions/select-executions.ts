import type { ExecutionQuery, ExecutionRecord } from './types.js';

/** The latest record of each execution id, in the order the ids first appeared. */
export function latestStates(records: readonly ExecutionRecord[]): ExecutionRecord[] {
  const latest = new Map<string, ExecutionRecord>();
  for (const r of records) latest.set(r.id, r);
  return [...latest.values()];
}

/** Newest first: started_at descending, then id descending. */
export function compareNewestFirst(a: ExecutionRecord, b: ExecutionRecord): number {
  const sa = Date.parse(a.started_at);
  const sb = Date.parse(b.started_at);
  if (sa !== sb) return sb - sa;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The journal's query semantics as a plain function over records (the fake journal uses it; tests hold the indexed
 * journal to it): latest state per id, every filter on that state, `since`/`until` inclusive on started_at, newest
 * first, at most `limit` (default 100). `userMatches` decides the user filter (stored pseudonym or resolved email).
 */
export function selectExecutions(
  records: readonly ExecutionRecord[],
  query: ExecutionQuery,
  userMatches: (stored: string, wanted: string) => boolean = (stored, wanted) => stored === wanted,
): ExecutionRecord[] {
  const since = query.since === undefined ? -Infinity : Date.parse(query.since);
  const until = query.until === undefined ? Infinity : Date.parse(query.until);
  const before = query.before ? { ms: Date.parse(query.before.started_at), id: query.before.id } : null;
  return latestStates(records)
    .filter((r) => {
      const started = Date.parse(r.started_at);
      if (started < since || started > until) return false;
      if (before && (started > before.ms || (started === before.ms && r.id >= before.id))) return false;
      if (query.action !== undefined && r.action_id !== query.action) return false;
      if (query.status !== undefined && r.status !== query.status) return false;
      if (query.trigger !== undefined && r.trigger !== query.trigger) return false;
      if (query.target !== undefined && !r.targets.includes(query.target)) return false;
      if (query.user !== undefined && !userMatches(r.initiator.user, query.user)) return false;
      return true;
    })
    .sort(compareNewestFirst)
    .slice(0, query.limit ?? 100);
}
