import type { AuditEvent, AuditQuery } from './types.js';

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
