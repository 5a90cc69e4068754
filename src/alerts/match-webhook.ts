import { matchGlob } from '../access/match-glob.js';
import type { WebhookConfig } from '../config/load-config.js';
import { subjectOf, type AlertEvent } from './alert-event.js';

/**
 * Whether a webhook wants an event: its type is subscribed and every filter key the event has a value for matches
 * (docs/alerts.md, "Filters"). A key the event has nothing for (a status on a definition change) does not exclude it.
 */
export function matchWebhook(webhook: WebhookConfig, event: AlertEvent): boolean {
  if (!webhook.events.includes(event.type)) return false;
  const filter = webhook.filter;
  if (!filter) return true;
  const s = subjectOf(event);
  if (filter.type !== undefined && s.kind !== undefined && s.kind !== filter.type) return false;
  if (filter.id !== undefined && s.id !== undefined && !matchGlob(filter.id, s.id)) return false;
  if (filter.trigger !== undefined && s.trigger !== undefined && s.trigger !== filter.trigger) return false;
  if (filter.status !== undefined && s.status !== undefined) {
    const wanted = Array.isArray(filter.status) ? filter.status : [filter.status];
    if (!wanted.includes(s.status)) return false;
  }
  // A create or delete changes every pointer: only updates carry the pointers they touched.
  if (filter.pointer !== undefined && s.pointers !== undefined && s.pointers.length > 0) {
    const prefix = filter.pointer;
    if (!s.pointers.some((p) => p === prefix || p.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)))
      return false;
  }
  return true;
}
