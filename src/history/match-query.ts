import type { AuditEvent, AuditQuery, InvalidEntry } from './types.js';

/** The filters of `opsledger audit` and `GET /audit`, under the same names in both. */
export const AUDIT_FILTERS = [
  'type',
  'id',
  'user',
  'since',
  'until',
] as const satisfies readonly (keyof AuditQuery)[];

/** The audit query of a parsed CLI options object or API query string: its set, non-empty filters. */
export function auditQuery(source: AuditQuery): AuditQuery {
  const query: Record<string, unknown> = {};
  for (const key of AUDIT_FILTERS) if (source[key]) query[key] = source[key];
  return query as AuditQuery;
}

/**
 * Whether the person (a lower-case email) changed something in the event: its user; in a merge, anyone credited with
 * a pointer (`changed_by`); in any other commit, its co-authors too (`authors`).
 */
function changedByPerson(event: AuditEvent, email: string): boolean {
  if (event.user.email.toLowerCase() === email) return true;
  // Invalid entries are matched as events too (CLI, server): they carry only `user`.
  const others = event.changed_by ? Object.values(event.changed_by) : (event.authors ?? []);
  return others.some((p) => p.email.toLowerCase() === email);
}

/**
 * Whether an event passes the `audit` filters (pure): type exact; id exact, or a runbook's id also matches its steps;
 * user by email, case-insensitive, of anyone who changed a pointer (docs/history.md "Attribution"); since/until
 * inclusive, compared as instants.
 */
export function matchesQuery(event: AuditEvent, query: AuditQuery): boolean {
  if (query.type && event.auditable_type !== query.type) return false;
  if (query.id && event.auditable_id !== query.id && !event.auditable_id.startsWith(`${query.id}/`))
    return false;
  if (query.user && !changedByPerson(event, query.user.toLowerCase())) return false;
  const at = Date.parse(event.created_at);
  if (query.since && at < Date.parse(query.since)) return false;
  if (query.until && at > Date.parse(query.until)) return false;
  return true;
}

/** Whether an invalid entry passes the same filters as events (its id may be unknown, its only author is `user`). */
export function matchesInvalid(entry: InvalidEntry, query: AuditQuery): boolean {
  const asEvent = {
    ...entry,
    auditable_id: entry.auditable_id ?? '',
    authors: [entry.user],
    changed_by: null,
  } as unknown as AuditEvent;
  return matchesQuery(asEvent, query);
}
