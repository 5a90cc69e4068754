import type { WebhookConfig } from '../config/load-config.js';
import type { DeliveryStateStore } from './delivery-state.js';
import { matchWebhook } from './match-webhook.js';
import type { Outbox } from './outbox.js';

/** What `webhooks list` shows of one webhook: never the secret, and the URL without what could be a credential. */
export interface WebhookSummary {
  id: string;
  url: string;
  format: 'standard' | 'slack';
  events: string[];
  secret_env: string | null;
  secret_set: boolean;
  state: 'active' | 'disabled';
  disabled_at: string | null;
  disabled_reason: string | null;
  pending: number;
  next_attempt_at: string | null;
  attempts: number;
}

/**
 * A URL safe to print: no user info, no query; a Slack incoming-webhook URL's path is its secret, so it is cut to the
 * origin (docs/alerts.md).
 */
export function redactUrl(url: string, format: string | undefined): string {
  try {
    const u = new URL(url);
    if (format === 'slack') return `${u.origin}/…`;
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Each configured webhook with its delivery state and the number of events waiting for it, read from the store and
 * the outbox the service delivers from (files in the data dir, or the journal's PostgreSQL database).
 */
export async function describeWebhooks(
  store: Pick<DeliveryStateStore, 'read'>,
  webhooks: readonly WebhookConfig[],
  outbox: Outbox,
  env: Readonly<Record<string, string | undefined>>,
): Promise<WebhookSummary[]> {
  const summaries: WebhookSummary[] = [];
  for (const w of webhooks) {
    const state = await store.read(w.id);
    let pending = state.retries.length;
    for (let offset = state.cursor; ;) {
      const batch = await outbox.lines(offset, 1000);
      if (batch.length === 0) break;
      pending += batch.filter((e) => e.event !== null && matchWebhook(w, e.event)).length;
      offset = batch[batch.length - 1]!.end;
    }
    summaries.push({
      id: w.id,
      url: redactUrl(w.url, w.format),
      format: w.format,
      events: w.events,
      secret_env: w.secret_env ?? null,
      secret_set: w.secret_env !== undefined && Boolean(env[w.secret_env]),
      state: state.disabled ? 'disabled' : 'active',
      disabled_at: state.disabled?.at ?? null,
      disabled_reason: state.disabled?.reason ?? null,
      pending,
      next_attempt_at: state.pending?.next_attempt_at ?? null,
      attempts: state.pending?.attempts ?? 0,
    });
  }
  return summaries;
}
