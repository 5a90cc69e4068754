import { OpsledgerError } from '../../errors/opsledger-error.js';
import { DELIVERY_ID } from '../../github/webhook-queue.js';
import { ref } from '../openapi/components.js';
import type { RouteSpec } from '../route-spec.js';

/** GitHub's webhook payloads are far larger than API request bodies (a pull request with its repository). */
const WEBHOOK_MAX_BYTES = 2 * 1024 * 1024;

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The GitHub App's webhook (docs/github.md "GitHub App"): signature-checked instead of an API key. */
export const GITHUB_ROUTES: RouteSpec[] = [
  {
    method: 'post',
    path: '/github/webhook',
    operationId: 'receiveGithubWebhook',
    permission: 'public',
    tag: 'github',
    summary: 'A GitHub App webhook delivery: verified, then queued durably for the worker',
    description:
      'No API key: the body must be signed with the webhook secret (`X-Hub-Signature-256`), else 401 and nothing ' +
      'is done. A delivery id seen before (`X-GitHub-Delivery`) is a replay: 200, nothing queued. `pull_request` and ' +
      '`pull_request_review` deliveries are queued (fsync) and answered 202 at once; the check, comment, labels and ' +
      'approval notes follow from the queue. Other events are answered 200 and ignored. See docs/github.md.',
    headers: {
      'X-Hub-Signature-256': {
        schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
        description: 'HMAC-SHA256 of the exact body with the webhook secret.',
        required: true,
      },
      'X-GitHub-Event': { schema: { type: 'string' }, description: 'The event name.', required: true },
      'X-GitHub-Delivery': {
        schema: { type: 'string', pattern: DELIVERY_ID.source },
        description: 'The delivery id (a GUID); a redelivery or replay repeats it.',
        required: true,
      },
    },
    body: {
      schema: { type: 'object' },
      description: 'The webhook payload as GitHub sends it.',
      maxBytes: WEBHOOK_MAX_BYTES,
    },
    responses: {
      200: {
        description: 'A replayed delivery, or an event the App does not handle: nothing done.',
        schema: {
          type: 'object',
          required: ['status', 'delivery'],
          properties: { status: { enum: ['duplicate', 'ignored'] }, delivery: { type: 'string' } },
        },
      },
      202: {
        description: 'Queued durably; the worker does the work.',
        schema: {
          type: 'object',
          required: ['status', 'delivery'],
          properties: { status: { const: 'queued' }, delivery: { type: 'string' } },
        },
      },
      401: {
        description: 'The signature is missing or does not match: nothing done.',
        schema: ref('Error'),
      },
      404: {
        description: 'The GitHub App is not configured on this server.',
        schema: ref('Error'),
      },
    },
    async handle(ctx) {
      const app = ctx.deps.github;
      if (!app)
        throw new OpsledgerError('GITHUB_NOT_CONFIGURED', 'the GitHub App is not configured on this server');
      const signature = header(ctx.headers['x-hub-signature-256']);
      if (!ctx.rawBody || !(await app.verify(ctx.rawBody, signature))) {
        throw new OpsledgerError(
          'SIGNATURE_INVALID',
          signature ? 'X-Hub-Signature-256 does not match the body' : 'X-Hub-Signature-256 is missing',
        );
      }
      const event = header(ctx.headers['x-github-event']);
      const delivery = header(ctx.headers['x-github-delivery']);
      if (!event || !delivery) {
        throw new OpsledgerError('INPUT_INVALID', 'X-GitHub-Event and X-GitHub-Delivery are required', {
          hint: 'GitHub sends both with every delivery; a hand-made request must too.',
        });
      }
      const status = await app.receive({
        delivery,
        event,
        received_at: ctx.deps.now().toISOString(),
        payload: ctx.body,
      });
      return { status: status === 'queued' ? 202 : 200, body: { status, delivery } };
    },
  },
];
