import { decideAccess, executionVisibility } from '../../access/decide-access.js';
import type { Action } from '../../definitions/types.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import type {
  ExecutionInput,
  ExecutionQuery,
  ExecutionRecord,
  ExecutionStatus,
  Trigger,
} from '../../executions/types.js';
import { presentExecution, type PresentedExecution } from '../../executions/present-execution.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { idempotent } from '../idempotent.js';
import { listOf, ref } from '../openapi/components.js';
import {
  API_BASE,
  ID_PARAM,
  LIST_QUERY,
  type ParamSpec,
  type RouteContext,
  type RouteSpec,
} from '../route-spec.js';

const EXECUTION_ID: ParamSpec = {
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
  description: 'Execution id.',
  required: true,
};

const IDEMPOTENCY_KEY: Record<string, ParamSpec> = {
  'Idempotency-Key': {
    schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,200}$' },
    description:
      'Makes retries safe: the same key with the same body returns the first answer (with `Idempotent-Replayed: true`); ' +
      'with another body it is a 409. Keys are remembered per API key.',
  },
};

/**
 * A record as the API shows it: exactly as `opsledger executions --json` does (the initiator's stored pseudonym mapped
 * back to the email while the vault has it, the pseudonym beside it).
 */
function present(ctx: RouteContext, record: ExecutionRecord): PresentedExecution {
  return presentExecution(record, (stored) => ctx.deps.journal.resolveUser(stored));
}

/** The visible record with that id, or NOT_FOUND (also when it exists but the caller may not see it). */
function visibleExecution(ctx: RouteContext, id: string): ExecutionRecord {
  const record = ctx.deps.journal.get(id);
  const initiator = record ? ctx.deps.journal.resolveUser(record.initiator.user) : '';
  if (!record || !decideAccess(ctx.principal, { kind: 'read-execution', initiator })) {
    throw new OpsledgerError('NOT_FOUND', `no execution "${id}"`, {
      hint: 'List the runs you can see with GET /api/v1/executions.',
    });
  }
  return record;
}

function readIdempotencyKey(ctx: RouteContext): string | undefined {
  const v = ctx.headers['idempotency-key'];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^[A-Za-z0-9_.:-]{1,200}$/.test(v)) {
    throw new OpsledgerError(
      'INPUT_INVALID',
      'header "Idempotency-Key" must be 1-200 of A-Z a-z 0-9 _ . : -',
    );
  }
  return v;
}

/** The action at the tip, checked against the caller's execute scope (403 outside it). Null for an unknown action. */
function executableAction(
  ctx: RouteContext,
  actionId: string,
): ReturnType<RouteContext['deps']['history']['definitionAt']> {
  const version = ctx.deps.history.definitionAt('action', actionId);
  const tags = version ? ((version.value as Action).tags ?? []) : [];
  if (!decideAccess(ctx.principal, { kind: 'execute', action: { id: actionId, tags } })) {
    throw new OpsledgerError('PERMISSION_DENIED', `your roles do not let you run "${actionId}"`, {
      hint: 'actions:execute applies within the scope of your role (definitions/roles/); ask an admin.',
    });
  }
  return version;
}

const LIST_EXECUTIONS: RouteSpec = {
  method: 'get',
  path: '/executions',
  operationId: 'listExecutions',
  permission: 'executions:read',
  tag: 'executions',
  summary: 'Runs, newest first',
  description:
    'The filters of `opsledger executions`. With only `executions:read:own`, only runs you initiated are listed. ' +
    'Pages are stable while runs are being recorded (the cursor is the last run’s start time and id). ' +
    'Send `Accept: application/x-ndjson` to stream every match, e.g. to keep logs longer elsewhere.',
  query: {
    action: { schema: ID_PARAM.schema, description: 'Only runs of this action.' },
    user: { schema: { type: 'string', maxLength: 254 }, description: 'Only runs initiated by this email.' },
    status: {
      schema: { enum: ['running', 'succeeded', 'failed', 'timed_out', 'cancelled', 'denied'] },
      description: 'Only runs in this state.',
    },
    target: { schema: { type: 'string', maxLength: 253 }, description: 'Only runs against this target.' },
    trigger: {
      schema: { enum: ['manual', 'api', 'schedule', 'runbook', 'external'] },
      description: 'Only runs started this way.',
    },
    since: { schema: { type: 'string', format: 'date-time' }, description: 'Only runs started at or after.' },
    until: {
      schema: { type: 'string', format: 'date-time' },
      description: 'Only runs started at or before.',
    },
    ...LIST_QUERY,
  },
  ndjson: true,
  accessLog: true,
  responses: {
    200: {
      description: 'A page of runs.',
      schema: listOf(ref('ExecutionRecord')),
      ndjsonItem: ref('ExecutionRecord'),
    },
  },
  async handle(ctx) {
    const q = ctx.query as {
      action?: string;
      user?: string;
      status?: ExecutionStatus;
      target?: string;
      trigger?: Trigger;
      since?: string;
      until?: string;
      limit: number;
      cursor?: string;
    };
    const filters: ExecutionQuery = {};
    if (q.action) filters.action = q.action;
    if (q.user) filters.user = q.user;
    if (q.status) filters.status = q.status;
    if (q.target) filters.target = q.target;
    if (q.trigger) filters.trigger = q.trigger;
    if (q.since) filters.since = q.since;
    if (q.until) filters.until = q.until;
    // Runs recorded by other processes (the CLI, another server) since the last request.
    await ctx.deps.journal.refresh();
    const own = executionVisibility(ctx.principal) === 'own';
    const me = ctx.principal?.email ?? '';
    const nothing = own && q.user !== undefined && q.user.toLowerCase() !== me;
    if (own) filters.user = me;
    let before = q.cursor ? decodeCursor<[string, string]>(q.cursor, ['string', 'string']) : undefined;
    const page = (limit: number): ExecutionRecord[] =>
      nothing
        ? []
        : ctx.deps.journal.query({
            ...filters,
            limit,
            ...(before ? { before: { started_at: before[0], id: before[1] } } : {}),
          });
    if (ctx.ndjson) {
      return {
        ndjson: (async function* () {
          for (;;) {
            const batch = page(500);
            for (const r of batch) yield present(ctx, r);
            const last = batch[batch.length - 1];
            if (batch.length < 500 || !last) return;
            before = [last.started_at, last.id];
          }
        })(),
      };
    }
    const rows = page(q.limit + 1);
    const data = rows.slice(0, q.limit);
    const last = data[data.length - 1];
    return {
      body: {
        data: data.map((r) => present(ctx, r)),
        next_cursor: rows.length > q.limit && last ? encodeCursor([last.started_at, last.id]) : null,
      },
      count: data.length,
    };
  },
};

const GET_EXECUTION: RouteSpec = {
  method: 'get',
  path: '/executions/{id}',
  operationId: 'getExecution',
  permission: 'executions:read',
  tag: 'executions',
  summary: 'One run (its latest state)',
  description: 'A run you may not see is a 404, exactly like one that does not exist.',
  params: { id: EXECUTION_ID },
  accessLog: true,
  responses: { 200: { description: 'The run.', schema: ref('ExecutionRecord') } },
  async handle(ctx) {
    await ctx.deps.journal.refresh();
    return { body: present(ctx, visibleExecution(ctx, ctx.params.id as string)), count: 1 };
  },
};

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
  version: ReturnType<typeof executableAction>,
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
    ...(body.error !== undefined ? { error: body.error } : {}),
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
    const key = readIdempotencyKey(ctx);
    const outcome = await idempotent(
      ctx.deps.idempotency,
      { scope: ctx.key?.id ?? '', key, route: 'POST /executions', body, now: ctx.deps.now() },
      async () => {
        const version = executableAction(ctx, body.action_id);
        const record = await ctx.deps.journal.append(externalInput(ctx, body, version));
        return { status: 201, executionId: record.id };
      },
    );
    const record = ctx.deps.journal.get(outcome.executionId);
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
    const key = readIdempotencyKey(ctx);
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
        if (!executableAction(ctx, actionId)) {
          throw new OpsledgerError(
            'DEFINITION_NOT_FOUND',
            `no action "${actionId}" at the tip of the branch`,
          );
        }
        const { record, done } = await ctx.deps.startRun({
          actionId,
          params: body.parameters ?? {},
          targets: body.targets ?? [],
          user: ctx.principal?.email ?? '',
          trigger: 'api',
        });
        const tracked = done.catch((err: unknown) => {
          ctx.deps.logger.error({ err, execution: record.id }, 'run failed to finish');
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

export const EXECUTION_ROUTES: RouteSpec[] = [LIST_EXECUTIONS, GET_EXECUTION, RECORD_EXECUTION, RUN_ACTION];
