import type { AuditEvent, InvalidEntry } from '../../history/types.js';
import { decodeCursor } from '../cursor.js';
import type { ParamSpec } from '../route-spec.js';

/** An entry of a commit-ordered audit list: an event, or an invalid-file entry. */
export type AuditEntry = AuditEvent | InvalidEntry;

/**
 * Where a page of a commit-ordered list starts after a cursor `[id, created_at]`: right after that entry, or, when the
 * entry is gone (the branch was force-pushed and the index rebuilt), after the last entry not newer than it.
 */
export function startAfterEntry(items: readonly AuditEntry[], cursor: string | undefined): number {
  if (!cursor) return 0;
  const [id, at] = decodeCursor<[string, string]>(cursor, ['string', 'string']);
  const i = items.findIndex((e) => e.id === id);
  if (i >= 0) return i + 1;
  const t = Date.parse(at);
  const next = items.findIndex((e) => Date.parse(e.created_at) > t);
  return next < 0 ? items.length : next;
}

/** The `since`/`until` filters the audit lists share. */
export const TIME_QUERY: Record<string, ParamSpec> = {
  since: {
    schema: { type: 'string', format: 'date-time' },
    description: 'Only changes at or after (ISO 8601).',
  },
  until: {
    schema: { type: 'string', format: 'date-time' },
    description: 'Only changes at or before (ISO 8601).',
  },
};
