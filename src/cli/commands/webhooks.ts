import { describeWebhooks } from '../../alerts/describe-webhooks.js';
import type { DeliveryRecord } from '../../alerts/delivery-store.js';
import { retryDelivery } from '../../alerts/retry-delivery.js';
import { sendTestDelivery } from '../../alerts/send-test-delivery.js';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import type { CommandModule } from '../cli-app.js';
import { readCliDeliveries, withDeliveryState } from '../cli-deliveries.js';
import type { CliContext } from '../context.js';
import { parseWholeNumber } from '../parse-options.js';
import { printList, printResult, shortTime } from '../print-result.js';

const when = (iso: string | null | undefined): string => shortTime(iso);

function findWebhook(ctx: CliContext, id: string): NonNullable<CliContext['config']['webhooks'][number]> {
  const webhook = ctx.config.webhooks.find((w) => w.id === id);
  if (!webhook) {
    throw new OpsledgerError('NOT_FOUND', `no webhook "${id}" in opsledger.yaml`, {
      hint: `Configured: ${ctx.config.webhooks.map((w) => w.id).join(', ') || 'none'} (docs/alerts.md).`,
    });
  }
  return webhook;
}

/** `opsledger webhooks list|deliveries|retry|test` (docs/alerts.md). Secrets are never printed. */
export const webhooksCommand: CommandModule = (program, app) => {
  const webhooks = program
    .command('webhooks')
    .description('outgoing webhooks: their state, deliveries, retries and a test event (docs/alerts.md)')
    .addHelpText(
      'after',
      `
Examples:
  $ opsledger webhooks list                   # each webhook of opsledger.yaml: active or disabled, pending events
  $ opsledger webhooks deliveries --json      # every delivery's latest state (status, attempts, last response)

Webhooks are configured in opsledger.yaml (\`webhooks:\`); \`opsledger serve\` delivers them.`,
    );

  webhooks
    .command('list')
    .description('each configured webhook: URL (credentials cut), events, active or disabled, pending events')
    .action(
      app.action(async (ctx) => {
        const rows = await withDeliveryState(ctx, (store, outbox) =>
          describeWebhooks(store, ctx.config.webhooks, outbox, ctx.env),
        );
        return printList(ctx, rows, {
          empty: 'No webhooks configured: add `webhooks:` to opsledger.yaml (docs/alerts.md).',
          header: ['ID', 'URL', 'FORMAT', 'EVENTS', 'SECRET', 'STATE', 'PENDING', 'NEXT ATTEMPT'],
          row: (w) => [
            w.id,
            w.url,
            w.format,
            w.events.join(','),
            w.secret_env === null ? '-' : `${w.secret_env} (${w.secret_set ? 'set' : 'NOT SET'})`,
            w.state === 'disabled' ? `disabled ${when(w.disabled_at)}: ${w.disabled_reason ?? ''}` : 'active',
            String(w.pending),
            w.next_attempt_at ? `${when(w.next_attempt_at)} (attempt ${w.attempts + 1})` : '-',
          ],
        });
      }),
    );

  webhooks
    .command('deliveries')
    .description('deliveries, newest first: status, attempts, last response code, latency')
    .option('--webhook <id>', 'only this webhook')
    .option('--status <status>', 'delivered, retrying, dead or disabled')
    .option('--limit <n>', 'at most this many', '50')
    .action(
      app.action(async (ctx, options: { webhook?: string; status?: string; limit: string }) => {
        const limit = parseWholeNumber('--limit', options.limit, {
          min: 1,
          code: 'INPUT_INVALID',
          expected: 'a positive integer',
        });
        const rows = (await readCliDeliveries(ctx))
          .filter((d) => options.webhook === undefined || d.webhook === options.webhook)
          .filter((d) => options.status === undefined || d.status === options.status)
          .slice(0, limit);
        return printList(ctx, rows, {
          empty: 'No deliveries yet.',
          header: DELIVERY_HEADER,
          row: deliveryRow,
        });
      }),
    );

  webhooks
    .command('retry')
    .description('send a dead delivery again; on a webhook disabled by 410, enable it again')
    .argument('<delivery-id>', 'a dlv_… id from `opsledger webhooks deliveries`')
    .action(
      app.action(async (ctx, id: string) => {
        return printResult(ctx, await withDeliveryState(ctx, (store) => retryDelivery(store, id)), (r) =>
          [
            r.queued ? `queued ${id} (${r.event_id}) for webhook ${r.webhook} again` : null,
            r.enabled ? `webhook ${r.webhook} enabled again` : null,
            !r.queued && !r.enabled ? `${id} is not dead and its webhook is active: nothing to do` : null,
            '(serve delivers it on its next pass)',
          ]
            .filter((l) => l !== null)
            .join('\n'),
        );
      }),
    );

  webhooks
    .command('test')
    .description('send one signed webhook.test event to a webhook now; exit 1 unless it answers 2xx')
    .argument('<webhook-id>', 'the id of a webhook in opsledger.yaml')
    .action(
      app.action(async (ctx, id: string) => {
        const result = await sendTestDelivery(findWebhook(ctx, id), ctx.env, ctx.now());
        const ok = result.response_code !== null && result.response_code >= 200 && result.response_code < 300;
        if (ctx.json) ctx.out.json({ webhook: id, ok, ...result });
        else
          ctx.out.line(
            `webhook ${id}: ${result.response_code === null ? `no answer (${result.error ?? 'error'})` : `HTTP ${result.response_code}`} in ${result.latency_ms} ms (webhook-id ${result.event_id})`,
          );
        return ok ? EXIT.ok : 1;
      }),
    );
};

const DELIVERY_HEADER = [
  ...['DELIVERY', 'WEBHOOK', 'EVENT', 'TYPE', 'STATUS', 'ATTEMPTS', 'CODE', 'LATENCY', 'AT', 'NEXT / ERROR'],
];

function deliveryRow(d: DeliveryRecord): string[] {
  return [
    d.delivery_id,
    d.webhook,
    d.event_id,
    d.type,
    d.status,
    String(d.attempts),
    d.response_code === null ? '-' : String(d.response_code),
    `${d.latency_ms} ms`,
    when(d.at),
    d.next_attempt_at ? `next ${when(d.next_attempt_at)}${d.error ? `; ${d.error}` : ''}` : (d.error ?? ''),
  ];
}
