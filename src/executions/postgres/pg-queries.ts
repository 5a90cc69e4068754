import type { ExecutionQuery } from '../types.js';

/**
 * The port's query as SQL over `journal_latest` (one row per execution, its latest state), each filter an indexed
 * column: newest first by started_at then id, `since`/`until` inclusive, `before` a keyset cursor. `user` is the
 * stored form (a pseudonym), or null for a user the vault does not know (matches nothing).
 */
export function whereOf(
  query: ExecutionQuery,
  storedUser: string | null | undefined,
): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const conds: string[] = [];
  const add = (cond: (p: string) => string, value: unknown): void => {
    params.push(value);
    conds.push(cond(`$${params.length}`));
  };
  if (query.action !== undefined) add((p) => `l.action_id = ${p}`, query.action);
  if (query.status !== undefined) add((p) => `l.status = ${p}`, query.status);
  if (query.trigger !== undefined) add((p) => `l.trigger = ${p}`, query.trigger);
  if (query.target !== undefined) add((p) => `l.targets @> ARRAY[${p}::text]`, query.target);
  if (query.user !== undefined) {
    if (storedUser === null) conds.push('false');
    else add((p) => `l.user_stored = ${p}`, storedUser);
  }
  if (query.since !== undefined) add((p) => `l.started_ms >= ${p}`, Date.parse(query.since));
  if (query.until !== undefined) add((p) => `l.started_ms <= ${p}`, Date.parse(query.until));
  if (query.before) {
    params.push(Date.parse(query.before.started_at), query.before.id);
    conds.push(`(l.started_ms, l.id) < ($${params.length - 1}, $${params.length})`);
  }
  return { where: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
}

/** The latest records of the matching executions, newest first, at most `limit`. */
export function selectSql(query: ExecutionQuery, storedUser: string | null | undefined) {
  const { where, params } = whereOf(query, storedUser);
  params.push(Math.min(query.limit ?? 100, Number.MAX_SAFE_INTEGER));
  return {
    text: `SELECT r.body FROM journal_latest l JOIN journal_records r ON r.pos = l.pos ${where}
           ORDER BY l.started_ms DESC, l.id DESC LIMIT $${params.length}`,
    values: params,
  };
}

/** How many executions match (the limit ignored). */
export function countSql(query: ExecutionQuery, storedUser: string | null | undefined) {
  const { where, params } = whereOf(query, storedUser);
  return { text: `SELECT count(*)::bigint AS n FROM journal_latest l ${where}`, values: params };
}
