import type { AuditEvent, AuditQuery } from './types.js';

/**
 * Whether an event passes the `audit` filters (pure): type exact; id exact, or a runbook's id also matches its steps;
 * user by email, case-insensitive; since/until inclusive, compared as instants.
 */
export function matchesQuery(event: AuditEvent, query: AuditQuery): boolean {
  if (query.type && event.auditable_type !== query.type) return false;
  if (query.id && event.auditable_id !== query.id && !event.auditable_id.startsWith(`${query.id}/`))
    return false;
  if (query.user && event.user.email.toLowerCase() !== query.user.toLowerCase()) return false;
  const at = Date.parse(event.created_at);
  if (query.since && at < Date.parse(query.since)) return false;
  if (query.until && at > Date.parse(query.until)) return false;
  return true;
}
