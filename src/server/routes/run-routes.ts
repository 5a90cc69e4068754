import { decideAccess } from '../../access/decide-access.js';
import type { Action } from '../../definitions/types.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { parameterNameProblems } from '../../executions/check-parameters.js';
import { rejectControlCharacters } from '../../executions/reject-control-characters.js';
import { scrubError, listSecretValues } from '../../executions/scrub-error.js';
import { scrubText } from '../../executions/scrub-secrets.js';
import type { ExecutionInput, ExecutionStatus, Trigger } from '../../executions/types.js';
import type { DefinitionVersion } from '../../history/types.js';
import { IDEMPOTENCY_KEY_PATTERN, idempotencyKeyOf, idempotent } from '../idempotent.js';
import { ref } from '../openapi/components.js';
import { API_BASE, ID_PARAM, type ParamSpec, type RouteContext, type RouteSpec } from '../route-spec.js';
import { present } from './execution-routes.js';

const IDEMPOTENCY_KEY: Record<string, ParamSpec> = {
  'Idempotency-Key': {
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN },
    description:
      'Makes retries safe: the same key with the same body returns the first answer (with `Idempotent-Replayed: true`); ' +
      'with another body it is a 409. Keys are remembered per API key.',
  },
};

/** The action at the tip, checked against the caller's execute scope (403 outside it). Null for an unknown action. */
function executableAction(ctx: RouteContext, actionId: string): DefinitionVersion | null {
  const version = ctx.deps.history.definitionAt('action', actionId);
  const tags = version ? ((version.value as Action).tags ?? []) : [];
  if (!decideAccess(ctx.principal, { kind: 'execute', action: { id: actionId, tags } })) {
    throw new OpsledgerError('PERMISSION_DENIED', `your roles do not let you run "${actionId}"`, {
      hint: 'actions:execute applies within the scope of your role (definitions/roles/); ask an admin.',
    });
  }
  return version;
}

interface ExternalBody {
  action_id: string;
  status: ExecutionStatus;
  started_at: string;
  finished_at?: string;
  duration_ms?: number;
  exit_code?: number;
  trigger?: Trigger;
  targets?: string[];
  parameters?: Record<string, string | number | boolean>;
  error?: string;
}

/** The journal input for a run reported from elsewhere, pinned to the action at the tip (null fields when unknown). */
export function externalInput(
  ctx: RouteContext,
  body: ExternalBody,
  version: DefinitionVersion | null,
): ExecutionInput {
  const started = Date.parse(body.started_at);
  const running = body.status === 'running';
  let finished: number | null = null;
  if (!running) {
    if (body.finished_at !== undefined) finished = Date.parse(body.finished_at);
    else if (body.duration_ms !== undefined) finished = started + body.duration_ms;
    else
      throw new OpsledgerError(
        'INPUT_INVALID',
        `a ${body.status} execution needs finished_at or duration_ms`,
      );
  }
  if (finished !== null && finished < started) {
    throw new OpsledgerError('INPUT_INVALID', 'finished_at is before started_at');
  }
  if (running && (body.finished_at !== undefined || body.exit_code !== undefined)) {
    throw new OpsledgerError('INPUT_INVALID', 'a running execution has no finished_at or exit_code');
  }
  const action = version?.value as Action | undefined;
  const nameProblems = parameterNameProblems(action?.parameters ?? [], Object.keys(body.parameters ?? {}), {
    anyName: version === null,
  });
  if (nameProblems.length > 0) throw new OpsledgerError('PARAM_INVALID', nameProblems.join('; '));
  rejectControlCharacters(body.parameters ?? {});
  // The error text is the caller's, but it must not carry a secret parameter's value (docs/executions.md, Secrets).
  const secrets = listSecretValues(action?.parameters ?? [], body.parameters ?? {});
  return {
    id: ctx.deps.newExecutionId(new Date(started)),
    action_id: body.action_id,
    definition: version
      ? {
          commit: version.commit,
          blob: version.blob,
          path: version.path,
          version: version.version,
          status: action?.status ?? null,
          dirty: false,
        }
      : { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    trigger: body.trigger ?? 'external',
    initiator: { user: ctx.principal?.email ?? '', via: 'api' },
    targets: body.targets ?? [],
    parameters: ctx.deps.redactParameters(action?.parameters ?? [], body.parameters ?? {}),
    started_at: new Date(started).toISOString(),
    finished_at: finished === null ? null : new Date(finished).toISOString(),
    duration_ms: finished === null ? null : (body.duration_ms ?? finished - started),
    status: body.status,
    exit_code: body.exit_code ?? null,
    ...(body.error !== undefined ? { error: scrubText(body.error, secrets) } : {}),
  };
}

const RECORD_EXECUTION: RouteSpec = {
  method: 'post',
  path: '/executions',
  operationId: 'recordExecution',
  permission: 'actions:execute',
  tag: 'executions',
  summary: 'Record a run done elsewhere',
  description:
    'Appends the run to the journal as initiated by you (trigger `external` unless given), pinned to the action at the ' +
    'tip of the branch (null definition fields when the action is unknown there). Needs `actions:execute` within your ' +
    "role's scope for that action. Secret parameters are redacted before anything is written. Answers 201 once the " +
    'record is durable; 503 when the journal cannot take it.',
  headers: IDEMPOTENCY_KEY,
  body: { schema: ref('ExternalExecution'), description: 'The run.' },
  accessLog: false,
  responses: {
    201: {
      description: 'Recorded (or replayed for a repeated Idempotency-Key).',
      schema: ref('ExecutionRecord'),
      headers: {
        Location: { description: 'The URL of the run.', schema: { type: 'string' } },
        'Idempotent-Replayed': {
          description: '`true` when this answers a retry.',
          schema: { type: 'string' },
        },
      },
    },
    409: { description: 'Idempotency-Key reused with another body.', schema: ref('Error') },
    503: { description: 'The journal cannot take the record.', schema: ref('Error') },
  },
  async handle(ctx) {
    const body = ctx.body as ExternalBody;
    const key = idempotencyKeyOf(ctx.headers, false);
    const outcome = await idempotent(
      ctx.deps.idempotency,
      { scope: ctx.key?.id ?? '', key, route: 'POST /executions', body, now: ctx.deps.now() },
      async () => {
        const version = executableAction(ctx, body.action_id);
        const record = await ctx.deps.journal.append(externalInput(ctx, body, version));
        return { status: 201, executionId: record.id };
      },
    );
    const record = await ctx.deps.journal.get(outcome.executionId);
    if (!record) throw new OpsledgerError('INTERNAL', `recorded execution ${outcome.executionId} is missing`);
    return {
      status: outcome.status,
      body: present(ctx, record),
      headers: {
        Location: `${API_BASE}/executions/${encodeURIComponent(record.id)}`,
        ...(outcome.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
      },
    };
  },
};

const RUN_ACTION: RouteSpec = {
  method: 'post',
  path: '/actions/{id}/executions',
  operationId: 'runAction',
  permission: 'actions:execute',
  tag: 'executions',
  summary: 'Run an action as yourself (self-service)',
  description:
    'Runs the action as it is at the tip of the branch, through the same recorder as `opsledger run` (trigger `api`, ' +
    'initiator you). Answers 202 once the `running` record is durable; follow `links.self` for the outcome. ' +
    'Fail-closed: when the journal cannot take the record nothing runs and the answer is 503.',
  params: { id: ID_PARAM },
  headers: IDEMPOTENCY_KEY,
  body: { schema: ref('RunRequest'), description: 'Parameters (by name) and targets.', optional: true },
  responses: {
    202: { description: 'Started.', schema: ref('RunAccepted') },
    409: { description: 'The action is not released, or an Idempotency-Key conflict.', schema: ref('Error') },
    503: { description: 'The journal cannot take a record; nothing was run.', schema: ref('Error') },
  },
  async handle(ctx) {
    const actionId = ctx.params.id as string;
    const body = (ctx.body ?? {}) as { parameters?: Record<string, unknown>; targets?: string[] };
    const key = idempotencyKeyOf(ctx.headers, false);
    const outcome = await idempotent(
      ctx.deps.idempotency,
      {
        scope: ctx.key?.id ?? '',
        key,
        route: `POST /actions/${actionId}/executions`,
        body,
        now: ctx.deps.now(),
      },
      async () => {
        const version = executableAction(ctx, actionId);
        if (!version) {
          throw new OpsledgerError(
            'DEFINITION_NOT_FOUND',
            `no action "${actionId}" at the tip of the branch`,
          );
        }
        // Whatever goes wrong is answered and logged without the secret values given (docs/executions.md, Secrets).
        const secrets = listSecretValues((version.value as Action).parameters ?? [], body.parameters ?? {});
        const { record, done } = await ctx.deps
          .startRun({
            actionId,
            params: body.parameters ?? {},
            targets: body.targets ?? [],
            user: ctx.principal?.email ?? '',
            trigger: 'api',
          })
          .catch((err: unknown) => {
            throw scrubError(err, secrets);
          });
        const tracked = done.catch((err: unknown) => {
          ctx.deps.logger.error(
            { err: scrubError(err, secrets), execution: record.id },
            'run failed to finish',
          );
        });
        ctx.deps.inflightRuns.add(tracked);
        void tracked.finally(() => ctx.deps.inflightRuns.delete(tracked));
        return { status: 202, executionId: record.id };
      },
    );
    return {
      status: outcome.status,
      body: {
        id: outcome.executionId,
        status: 'running',
        links: { self: `${API_BASE}/executions/${encodeURIComponent(outcome.executionId)}` },
      },
      headers: {
        Location: `${API_BASE}/executions/${encodeURIComponent(outcome.executionId)}`,
        ...(outcome.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
      },
    };
  },
};

export const RUN_ROUTES: RouteSpec[] = [RECORD_EXECUTION, RUN_ACTION];
