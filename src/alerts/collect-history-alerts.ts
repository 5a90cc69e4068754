import type { HistoryIndex } from '../history/types.js';
import {
  definitionChangedEvent,
  definitionInvalidEvent,
  historyRewrittenEvent,
  type AlertEvent,
} from './alert-event.js';

/** How far history alerts went: the tip they covered and the rewrites already told. */
export interface HistoryCursor {
  tip: string | null;
  tip_at: string | null;
  rewrites: string[];
}

/**
 * The alerts of what history gained since `cursor` (docs/alerts.md, "Definition changes"): one `definition.changed`
 * per new audit event, `definition.invalid` per new invalid file, `history.rewritten` per new rewrite (also one met
 * with the tip unchanged: a force-push refused). Without a
 * cursor (the first start) nothing is told: the cursor is set at the current tip. After a rewrite the old tip is gone
 * from the branch, so commits dated after it count as new.
 */
export function collectHistoryAlerts(
  history: Pick<HistoryIndex, 'tip' | 'commits' | 'events' | 'invalid' | 'rewrites'>,
  cursor: HistoryCursor | null,
  now: Date,
): { events: AlertEvent[]; cursor: HistoryCursor } {
  const commits = history.commits();
  const last = commits[commits.length - 1];
  const next: HistoryCursor = {
    tip: history.tip(),
    tip_at: last?.created_at ?? null,
    rewrites: history.rewrites().map((r) => r.id),
  };
  if (cursor === null) return { events: [], cursor: next };
  const told = new Set(cursor.rewrites);
  const rewritten = history
    .rewrites()
    .filter((r) => !told.has(r.id))
    .map((r) => historyRewrittenEvent(r, now));
  // A rewrite the service refused to follow (a force-push upstream) comes with the tip unchanged.
  if (cursor.tip === next.tip) return { events: rewritten, cursor: next };
  const at = cursor.tip === null ? -1 : commits.findIndex((c) => c.sha === cursor.tip);
  const fresh =
    at !== -1 || cursor.tip === null
      ? commits.slice(at + 1)
      : commits.filter((c) => cursor.tip_at === null || c.created_at > cursor.tip_at);
  const shas = new Set(fresh.map((c) => c.sha));
  const events: AlertEvent[] = [
    ...rewritten,
    ...history
      .events()
      .filter((e) => shas.has(e.commit))
      .map((e) => definitionChangedEvent(e, now)),
    ...history
      .invalid()
      .filter((e) => shas.has(e.commit))
      .map((e) => definitionInvalidEvent(e, now)),
  ];
  return { events, cursor: next };
}
