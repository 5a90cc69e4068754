import { OpsledgerError } from '../../errors/opsledger-error.js';
import { DELIVERY_ID } from '../../github/webhook-queue.js';
import { ref } from '../openapi/components.js';
import { defineRoute, ID_PARAM, type AnyQuery, type RouteSpec } from '../route-spec.js';

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
      'is done. A delivery id seen before (`X-GitHub-Delivery`) is a replay: 200, nothing queued. `pull_request`, ' +
      '`pull_request_review` and `push` deliveries are queued (fsync) and answered 202 at once; the check, comment, ' +
      'labels and approval notes follow from the queue, and a push to the tracked branch is fetched into the ' +
      "service's clone and history refreshed. Other events are answered 200 and ignored. See docs/github.md.",
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

const REVERT_RESULT = {
  type: 'object',
  required: ['url', 'number', 'branch', 'commit', 'paths'],
  properties: {
    url: { type: 'string', description: "The pull request's web address." },
    number: { type: 'integer' },
    branch: { type: 'string', description: 'The branch pushed to github.remote (`opsledger/revert-…`).' },
    commit: { type: 'string', pattern: '^[0-9a-f]{40}$' },
    paths: { type: 'array', items: { type: 'string' } },
  },
};

/** `POST /actions/{id}/revert` and `/runbooks/{id}/revert`: a version restored through a pull request. */
function revertRoute(kind: 'action' | 'runbook'): RouteSpec {
  return defineRoute<{ id: string }, AnyQuery, { to: number | string }>({
    method: 'post',
    path: `/${kind}s/{id}/revert`,
    operationId: kind === 'action' ? 'revertActionAsPullRequest' : 'revertRunbookAsPullRequest',
    permission: 'definitions:modify',
    tag: 'github',
    summary: `Restore a version of ${kind === 'action' ? 'an action' : 'a runbook'} through a pull request`,
    description:
      'Commits the revert as `opsledger revert ID --to VERSION` does, on a new branch from the tracked branch of ' +
      '`github.remote`, pushes it and opens a pull request whose body shows the semantic diff of what it restores. ' +
      'The commit is authored by the caller; the pull request then goes through the same check and approvals as ' +
      'any change. See docs/github.md.',
    params: { id: ID_PARAM },
    body: {
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['to'],
        properties: {
          to: {
            oneOf: [
              { type: 'integer', minimum: 1 },
              { type: 'string', pattern: '^v?[1-9][0-9]*$' },
            ],
            description: 'The version to restore (3 or "v3").',
          },
        },
      },
      description: 'The version to restore.',
    },
    responses: {
      201: {
        description: 'The pull request was opened.',
        schema: REVERT_RESULT,
        headers: { Location: { description: "The pull request's web address.", schema: { type: 'string' } } },
      },
      404: {
        description: 'No such definition or version, or GitHub is not configured.',
        schema: ref('Error'),
      },
    },
    async handle(ctx) {
      const open = ctx.deps.openRevertPullRequest;
      if (!open) throw new OpsledgerError('GITHUB_NOT_CONFIGURED', 'GitHub is not configured on this server');
      const version = typeof ctx.body.to === 'number' ? ctx.body.to : Number(ctx.body.to.replace(/^v/, ''));
      const pr = await open({ kind, id: ctx.params.id, version, user: ctx.principal!.email });
      return { status: 201, body: pr, headers: { Location: pr.url } };
    },
  });
}

export const REVERT_ROUTES: RouteSpec[] = [revertRoute('action'), revertRoute('runbook')];
