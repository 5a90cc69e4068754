import type { AuditEvent } from '../history/types.js';
import { partKey } from './model-parts.js';

/**
 * What fixes the events a part's key covers for one definition (ModelParts.eventsDigest's source): the history
 * index's identity of the record they were read from (ReportInput.eventRecords) and which of its events are listed
 * (each by type, object, version, action and commit, in order; the period selects them). An event's content is a
 * function of its record, so two reports with the same source list the same events: the digest of the last one is
 * kept, after a commit that changed other definitions too. Without a record identity, `fallback` (the whole index's
 * identity and the period's end, or null: none).
 */
export function eventsSource(
  record: string | undefined,
  listed: readonly AuditEvent[],
  fallback: string | null,
): string | null {
  if (record === undefined) return fallback;
  const ids = listed.map((e) => `${e.auditable_type} ${e.auditable_id} ${e.version} ${e.action} ${e.commit}`);
  return partKey(['definition-events', record, ids]);
}
