import { matchesQuery } from '../history/match-query.js';
import { renderAuditTable } from './render-history.js';
import type { AuditQuery, HistoryRewrite } from '../history/types.js';

/**
 * The rewrites an audit query concerns, each with only its lost events that pass the query (pure). Without a filter
 * every rewrite is kept (one that lost no event too); with one, only rewrites that lost a matching event.
 */
export function selectRewrites(records: readonly HistoryRewrite[], query: AuditQuery): HistoryRewrite[] {
  const filtered = Object.values(query).some((v) => v !== undefined);
  if (!filtered) return [...records];
  return records
    .map((r) => {
      const events = r.events.filter((e) => matchesQuery(e, query));
      return { ...r, events, events_lost: events.length };
    })
    .filter((r) => r.events.length > 0);
}

/** The one-line notice `opsledger audit` prints per rewrite (docs/history.md "Rewritten branches"). */
export function renderRewriteNotice(r: HistoryRewrite): string {
  const lost = `${r.events_lost} event${r.events_lost === 1 ? '' : 's'}`;
  return (
    `notice: the history of ${r.branch} was rewritten (detected ${r.detected_at}): ` +
    `head ${r.old_head.slice(0, 12)} was replaced by ${r.new_head.slice(0, 12)} and ${lost} left the branch; ` +
    'see `opsledger audit --rewrites`'
  );
}

/** `opsledger audit --rewrites` as text: per rewrite, a heading line and the table of the events it took. */
export function renderRewrites(records: readonly HistoryRewrite[]): string {
  if (records.length === 0) return 'no rewrites of the tracked branch recorded';
  return records
    .map((r) => {
      const head =
        `rewrite of ${r.branch} detected ${r.detected_at}: ${r.old_head} -> ${r.new_head}, ` +
        `${r.events_lost} event(s) lost${r.complete ? '' : ' (the old index was partly unreadable: maybe more)'}`;
      return r.events.length > 0 ? `${head}\n${renderAuditTable(r.events)}` : head;
    })
    .join('\n\n');
}
