import { Webhook } from 'standardwebhooks';
import type { WebhookConfig } from '../config/load-config.js';
import type { AlertEvent } from './alert-event.js';

export interface DeliveryRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * The HTTP request of one attempt. `standard`: the Standard Webhooks payload `{ type, timestamp, data }` signed with
 * the secret (`whsec_<base64>` as the spec has it, any other text used as raw key bytes); `slack`: a readable
 * `{ text }` for an incoming-webhook URL, unsigned (Slack has no signature on incoming webhooks).
 */
export function renderDelivery(
  webhook: WebhookConfig,
  event: AlertEvent,
  secret: string | undefined,
  now: Date,
): DeliveryRequest {
  if (webhook.format === 'slack') {
    return {
      body: JSON.stringify({ text: describeEvent(event) }),
      headers: { 'content-type': 'application/json' },
    };
  }
  const body = JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': event.id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
  };
  if (secret !== undefined) {
    const signer = secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
    headers['webhook-signature'] = signer.sign(event.id, now, body);
  }
  return { body, headers };
}

/** One line a person reads in Slack. */
export function describeEvent(event: AlertEvent): string {
  const d = event.data as Record<string, Record<string, unknown>>;
  switch (event.type) {
    case 'definition.changed': {
      const e = d.event!;
      const pointers = ((d as unknown as { diff: { pointer: string }[] }).diff ?? []).map((x) => x.pointer);
      const user = (e.user as { email: string }).email;
      return `opsledger: ${String(e.auditable_type)} ${String(e.auditable_id)} ${String(e.action)}d (v${String(e.version)}) by ${user} in ${String(e.commit).slice(0, 12)}${pointers.length ? `: ${pointers.join(', ')}` : ''}`;
    }
    case 'definition.invalid':
      return `opsledger: invalid definition ${String(d.invalid!.path)} in ${String(d.invalid!.commit).slice(0, 12)}`;
    case 'history.rewritten':
      return `opsledger: branch ${String(d.rewrite!.branch)} was rewritten; ${String(d.rewrite!.events_lost)} audit event(s) left its history`;
    case 'execution.started':
    case 'execution.finished': {
      const x = d.execution!;
      return `opsledger: run ${String(x.id)} of ${String(x.action_id)} ${event.type === 'execution.started' ? 'started' : `finished: ${String(x.status)}`}`;
    }
    case 'runbook_run.waiting':
      return `opsledger: runbook run ${String(d.runbook_run!.id)} waits for step ${String(d.runbook_run!.step_id)}`;
    case 'journal.tampered':
      return `opsledger: the execution journal failed verification (${(event.data.problems as unknown[]).length} problem(s))`;
    case 'finding.opened':
      return `opsledger: finding ${String(d.finding!.code)} on ${String(d.finding!.subject)}: ${String(d.finding!.message)}`;
    default:
      return `opsledger: ${String(event.type)}`;
  }
}
