import type { ExecutionQuery } from '../types.js';

/**
 * The port's query as SQL over `journal_latest` (one row per execution, its latest state), each filter an indexed
 * column: newest first by started_at then id, `since`/`until` inclusive, `before` a keyset cursor. `user` is the
 * stored form (a pseudonym), or null for a user the vault does not know (matches nothing).
 *
 * With a `target`, the rows come from `journal_targets` (one per execution and target, migration 7) instead: the
 * target (and the action, when given) and the time bounds are one ordered range of its index, so a target no
 * execution has reads nothing (the planner would otherwise walk `started_ms` newest first looking for a match).
 */
export function whereOf(
  query: ExecutionQuery,
  storedUser: string | null | undefined,
): { from: string; where: string; params: unknown[]; order: string; latestNeeded: boolean } {
  const params: unknown[] = [];
  const conds: string[] = [];
  const add = (cond: (p: string) => string, value: unknown): void => {
    params.push(value);
    conds.push(cond(`$${params.length}`));
  };
  const byTarget = query.target !== undefined;
  // The columns the range, the order and the cursor use: the target table's when a target is asked for.
  const k = byTarget ? 't' : 'l';
  // Nothing stored holds a NUL (the journal refuses control characters in these fields), and PostgreSQL text cannot.
  const values = [query.action, query.status, query.trigger, query.target, query.user];
  if (values.some((v) => typeof v === 'string' && v.includes('\u0000'))) conds.push('false');
  else {
    if (query.target !== undefined) add((p) => `t.target = ${p}`, query.target);
    if (query.action !== undefined) add((p) => `${k}.action_id = ${p}`, query.action);
    if (query.status !== undefined) add((p) => `l.status = ${p}`, query.status);
    if (query.trigger !== undefined) add((p) => `l.trigger = ${p}`, query.trigger);
    if (query.user !== undefined) {
      if (storedUser === null) conds.push('false');
      else add((p) => `l.user_stored = ${p}`, storedUser);
    }
  }
  if (query.since !== undefined) add((p) => `${k}.started_ms >= ${p}`, Date.parse(query.since));
  if (query.until !== undefined) add((p) => `${k}.started_ms <= ${p}`, Date.parse(query.until));
  if (query.before) {
    params.push(Date.parse(query.before.started_at), query.before.id);
    conds.push(`(${k}.started_ms, ${k}.id) < ($${params.length - 1}, $${params.length})`);
  }
  return {
    // Whether a condition reads journal_latest (a count by target and action, say, need not join it).
    latestNeeded: !byTarget || conds.some((c) => c.includes('l.')),
    from: byTarget ? 'journal_targets t JOIN journal_latest l ON l.id = t.id' : 'journal_latest l',
    where: conds.length ? `WHERE ${conds.join(' AND ')}` : '',
    params,
    order: `${k}.started_ms DESC, ${k}.id DESC`,
  };
}

/** The latest records of the matching executions, newest first, at most `limit`. */
export function selectSql(query: ExecutionQuery, storedUser: string | null | undefined) {
  const { from, where, params, order } = whereOf(query, storedUser);
  params.push(Math.min(query.limit ?? 100, Number.MAX_SAFE_INTEGER));
  return {
    text: `SELECT r.body FROM ${from} JOIN journal_records r ON r.pos = l.pos ${where}
           ORDER BY ${order} LIMIT $${params.length}`,
    values: params,
  };
}

/** How many executions match (the limit ignored). */
export function countSql(query: ExecutionQuery, storedUser: string | null | undefined) {
  const { from, where, params, latestNeeded } = whereOf(query, storedUser);
  const source = latestNeeded ? from : 'journal_targets t';
  return { text: `SELECT count(*)::bigint AS n FROM ${source} ${where}`, values: params };
}
