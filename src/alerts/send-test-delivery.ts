import type { WebhookConfig } from '../config/load-config.js';
import { newEventId, type AlertEvent } from './alert-event.js';
import { renderDelivery } from './render-delivery.js';

/** `opsledger webhooks test`: one signed `webhook.test` event sent now, outside the outbox; its answer. */
export async function sendTestDelivery(
  webhook: WebhookConfig,
  env: Readonly<Record<string, string | undefined>>,
  now: Date,
): Promise<{ event_id: string; response_code: number | null; latency_ms: number; error?: string }> {
  const event = {
    id: newEventId(),
    type: 'webhook.test',
    timestamp: now.toISOString(),
    data: { webhook: webhook.id, message: 'opsledger webhooks test' },
  } as unknown as AlertEvent;
  const secret = webhook.secret_env === undefined ? undefined : env[webhook.secret_env];
  if (webhook.secret_env !== undefined && !secret) {
    return {
      event_id: event.id,
      response_code: null,
      latency_ms: 0,
      error: `${webhook.secret_env} is not set`,
    };
  }
  const request = renderDelivery(webhook, event, secret, now);
  const started = performance.now();
  try {
    const response = await fetch(webhook.url, {
      method: 'POST',
      body: request.body,
      headers: request.headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    return {
      event_id: event.id,
      response_code: response.status,
      latency_ms: Math.round(performance.now() - started),
    };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return {
      event_id: event.id,
      response_code: null,
      latency_ms: Math.round(performance.now() - started),
      error: cause ?? (err as Error).message,
    };
  }
}
