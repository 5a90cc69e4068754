import { DEFINITION_ID_PATTERN } from '../../definitions/types.js';
import { DELIVERY_STATUSES } from '../../alerts/delivery-store.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { listOf } from '../openapi/components.js';
import { LIST_QUERY, type RouteSpec } from '../route-spec.js';

const DELIVERY = {
  type: 'object',
  required: [
    'delivery_id',
    'webhook',
    'event_id',
    'type',
    'status',
    'attempts',
    'response_code',
    'latency_ms',
    'at',
  ],
  properties: {
    delivery_id: { type: 'string', pattern: '^dlv_[0-9a-f]{16}$' },
    webhook: { type: 'string' },
    event_id: { type: 'string', description: 'The `webhook-id` receivers saw.' },
    type: { type: 'string' },
    offset: { type: 'integer' },
    status: { enum: [...DELIVERY_STATUSES] },
    attempts: { type: 'integer' },
    response_code: { type: ['integer', 'null'] },
    latency_ms: { type: 'number' },
    error: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    next_attempt_at: { type: 'string', format: 'date-time' },
  },
};

/** Outgoing webhooks (docs/alerts.md). */
export const WEBHOOK_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/webhooks/deliveries',
    operationId: 'listWebhookDeliveries',
    permission: 'admin',
    tag: 'admin',
    summary: 'Outgoing webhook deliveries, newest first: status, attempts, last response code, latency',
    description: 'Secrets and receiver answers are never included. See docs/alerts.md.',
    query: {
      ...LIST_QUERY,
      webhook: {
        schema: { type: 'string', pattern: DEFINITION_ID_PATTERN },
        description: 'Only this webhook.',
      },
      status: {
        schema: { enum: [...DELIVERY_STATUSES] },
        description: 'Only this status.',
      },
    },
    responses: { 200: { description: 'One page of deliveries.', schema: listOf(DELIVERY) } },
    async handle(ctx) {
      const q = ctx.query as { limit: number; cursor?: string; webhook?: string; status?: string };
      const start = q.cursor ? decodeCursor<[number]>(q.cursor, ['number'])[0] : 0;
      const all = ((await ctx.deps.webhookDeliveries?.()) ?? [])
        .filter((d) => q.webhook === undefined || d.webhook === q.webhook)
        .filter((d) => q.status === undefined || d.status === q.status);
      const page = all.slice(start, start + q.limit);
      const more = start + q.limit < all.length;
      return {
        body: { data: page, next_cursor: more ? encodeCursor([start + q.limit]) : null },
        count: page.length,
      };
    },
  },
];
