import { decideAccess, executionVisibility } from '../../access/decide-access.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { presentExecution } from '../../executions/present-execution.js';
import type { ExecutionRecord } from '../../executions/types.js';
import { decideStep } from '../../runbooks/decide-step.js';
import type { RunbookJournal } from '../../runbooks/start-runbook-run.js';
import { listSchedules } from '../../schedules/list-schedules.js';
import { ref } from '../openapi/components.js';
import { API_BASE, ID_PARAM, type ParamSpec, type RouteContext, type RouteSpec } from '../route-spec.js';

export const RUN_ID: ParamSpec = {
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
  description: 'Runbook run id.',
  required: true,
};
const STEP_ID: ParamSpec = { schema: ID_PARAM.schema, description: 'Step id.', required: true };

export const RUNBOOK_RUN = {
  type: 'object',
  description:
    'The latest `runbook_run` record (docs/runbooks.md): the fields of an execution record plus `steps`.',
  required: ['id', 'kind', 'action_id', 'status', 'steps'],
  properties: {
    id: { type: 'string' },
    kind: { const: 'runbook_run' },
    action_id: { type: 'string', description: 'The runbook id.' },
    status: {
      enum: [
        'running',
        'waiting',
        'succeeded',
        'failed',
        'cancelled',
        'abandoned',
        'denied',
        'missed',
        'skipped',
      ],
      description: '`missed` and `skipped`: a scheduled firing that did not run (docs/schedules.md).',
    },
    pinned_commit: { type: 'string' },
    steps: { type: 'array', items: { type: 'object' } },
    step_executions: { type: 'array', items: ref('ExecutionRecord') },
  },
};

/** The runbook run with that id if the caller may see it (own runs, or all with executions:read:all); else 404. */
export async function visibleRun(ctx: RouteContext, id: string): Promise<ExecutionRecord> {
  const record = await ctx.deps.journal.get(id);
  const initiator = record ? ctx.deps.journal.resolveUser(record.initiator.user) : '';
  if (
    !record ||
    record.kind !== 'runbook_run' ||
    !decideAccess(ctx.principal, { kind: 'read-execution', initiator })
  ) {
    throw new OpsledgerError('NOT_FOUND', `no runbook run "${id}"`, {
      hint: 'List the runbook runs you can see with GET /api/v1/runbook_runs.',
    });
  }
  return record;
}

/** A runbook run for an answer: users resolved (initiator, who decided each step, who asked to cancel). */
export function presentRun(ctx: RouteContext, record: ExecutionRecord): Record<string, unknown> {
  const resolve = (u: string): string => ctx.deps.journal.resolveUser(u);
  return {
    ...presentExecution(record, resolve),
    steps: (record.steps ?? []).map((s) =>
      s.decided_by ? { ...s, decided_by: { ...s.decided_by, user: resolve(s.decided_by.user) } } : s,
    ),
    ...(record.cancel_requested
      ? { cancel_requested: { ...record.cancel_requested, user: resolve(record.cancel_requested.user) } }
      : {}),
  };
}

export function runbookJournal(ctx: RouteContext): RunbookJournal {
  const journal = ctx.deps.journal as Partial<RunbookJournal>;
  if (typeof journal.appendIf !== 'function') {
    throw new OpsledgerError('JOURNAL_UNAVAILABLE', 'this journal cannot record runbook decisions');
  }
  return journal as RunbookJournal;
}

const START_RUNBOOK_RUN: RouteSpec = {
  method: 'post',
  path: '/runbooks/{id}/runs',
  operationId: 'runRunbook',
  permission: 'actions:execute',
  tag: 'executions',
  summary: 'Run a runbook as yourself',
  description:
    'Runs the runbook as it is at the tip of the branch, every step pinned to that commit (docs/runbooks.md). Needs ' +
    '`actions:execute` on every action it calls, judged by the roles at that commit: otherwise a `denied` record ' +
    'is written, nothing runs and the answer is 403. Answers 202 once the `running` record is durable.',
  params: { id: ID_PARAM },
  body: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        parameters: {
          type: 'object',
          additionalProperties: { type: ['string', 'number', 'integer', 'boolean'] },
        },
        targets: { type: 'array', items: { type: 'string' }, maxItems: 100 },
      },
    },
    description: 'Runbook parameters (by name) and targets for steps that name none.',
    optional: true,
  },
  responses: {
    202: { description: 'Started.', schema: { ...ref('RunAccepted') } },
    409: { description: 'The runbook or an action is not released.', schema: ref('Error') },
    503: { description: 'The journal cannot take a record; nothing was run.', schema: ref('Error') },
  },
  async handle(ctx) {
    const start = ctx.deps.startRunbookRun;
    if (!start) throw new OpsledgerError('JOURNAL_UNAVAILABLE', 'this server does not run runbooks');
    const body = (ctx.body ?? {}) as { parameters?: Record<string, unknown>; targets?: string[] };
    const { record, done } = await start({
      runbookId: ctx.params.id as string,
      params: body.parameters ?? {},
      targets: body.targets ?? [],
      user: ctx.principal?.email ?? '',
      trigger: 'api',
    });
    const tracked = done.catch((err: unknown) =>
      ctx.deps.logger.error({ err, runbook_run: record.id }, 'runbook run failed to finish'),
    );
    ctx.deps.inflightRuns.add(tracked);
    void tracked.finally(() => ctx.deps.inflightRuns.delete(tracked));
    const self = `${API_BASE}/runbook_runs/${encodeURIComponent(record.id)}`;
    return {
      status: 202,
      body: { id: record.id, status: 'running', links: { self } },
      headers: { Location: self },
    };
  },
};

const LIST_RUNBOOK_RUNS: RouteSpec = {
  method: 'get',
  path: '/runbook_runs',
  operationId: 'listRunbookRuns',
  permission: 'executions:read',
  tag: 'executions',
  summary: 'Runbook runs, newest first',
  description:
    'With only `executions:read:own`, only the runs you started. `next_cursor` is always null (one page).',
  query: {
    runbook: { schema: ID_PARAM.schema, description: 'Only runs of this runbook.' },
    limit: {
      schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      description: 'At most this many.',
    },
  },
  accessLog: true,
  responses: {
    200: {
      description: 'The runs.',
      schema: {
        type: 'object',
        required: ['data', 'next_cursor'],
        properties: { data: { type: 'array', items: RUNBOOK_RUN }, next_cursor: { type: 'null' } },
      },
    },
  },
  async handle(ctx) {
    await ctx.deps.journal.refresh();
    const visibility = executionVisibility(ctx.principal);
    const limit = (ctx.query.limit as number | undefined) ?? 100;
    const runbook = ctx.query.runbook as string | undefined;
    const runs = (
      await ctx.deps.journal.query({
        ...(runbook ? { action: runbook } : {}),
        limit: Number.MAX_SAFE_INTEGER,
      })
    )
      .filter((r) => r.kind === 'runbook_run')
      .filter(
        (r) =>
          visibility === 'all' ||
          (visibility === 'own' &&
            decideAccess(ctx.principal, {
              kind: 'read-execution',
              initiator: ctx.deps.journal.resolveUser(r.initiator.user),
            })),
      )
      .slice(0, limit);
    return { body: { data: runs.map((r) => presentRun(ctx, r)), next_cursor: null }, count: runs.length };
  },
};

const GET_RUNBOOK_RUN: RouteSpec = {
  method: 'get',
  path: '/runbook_runs/{id}',
  operationId: 'getRunbookRun',
  permission: 'executions:read',
  tag: 'executions',
  summary: 'One runbook run, with the execution records of its steps',
  params: { id: RUN_ID },
  accessLog: true,
  responses: { 200: { description: 'The run.', schema: RUNBOOK_RUN } },
  async handle(ctx) {
    await ctx.deps.journal.refresh();
    const run = await visibleRun(ctx, ctx.params.id as string);
    const steps = await Promise.all(
      (run.steps ?? []).flatMap((s) => s.executions).map((id) => ctx.deps.journal.get(id)),
    );
    const executions = steps
      .filter((r): r is ExecutionRecord => r !== null)
      .map((r) => presentExecution(r, (u) => ctx.deps.journal.resolveUser(u)));
    return { body: { ...presentRun(ctx, run), step_executions: executions }, count: 1 };
  },
};

const CONFIRM_STEP: RouteSpec = {
  method: 'post',
  path: '/runbook_runs/{id}/steps/{step}/confirm',
  operationId: 'confirmRunbookStep',
  permission: 'actions:execute',
  tag: 'executions',
  summary: 'Confirm (or reject) the manual step a runbook run waits for',
  description:
    'Only someone allowed to run the step’s action (`actions:execute` within their role’s scope, roles at the ' +
    'run’s pinned commit) may decide; who did is recorded. `{"decision": "reject"}` ends the run `cancelled`. ' +
    '409 when the run is not waiting for that step (already decided, ended).',
  params: { id: RUN_ID, step: STEP_ID },
  body: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        decision: { enum: ['confirm', 'reject'], default: 'confirm' },
        reason: { type: 'string', maxLength: 500 },
      },
    },
    description: 'The decision (default confirm) and why.',
    optional: true,
  },
  responses: {
    200: { description: 'Recorded; the run goes on.', schema: RUNBOOK_RUN },
    409: { description: 'The run is not waiting for this step.', schema: ref('Error') },
  },
  async handle(ctx) {
    const body = (ctx.body ?? {}) as { decision?: 'confirm' | 'reject'; reason?: string };
    await visibleRunForDecision(ctx);
    const record = await decideStep({
      journal: runbookJournal(ctx),
      history: ctx.deps.history,
      runId: ctx.params.id as string,
      stepId: ctx.params.step as string,
      user: ctx.principal?.email ?? '',
      decision: body.decision ?? 'confirm',
      access: 'always',
      now: ctx.deps.now,
      ...(body.reason ? { reason: body.reason } : {}),
    });
    return { body: presentRun(ctx, record) };
  },
};

/** A run the caller cannot see is a 404 here too, whatever their execute rights. */
async function visibleRunForDecision(ctx: RouteContext): Promise<void> {
  const record = await ctx.deps.journal.get(ctx.params.id as string);
  if (!record || record.kind !== 'runbook_run') await visibleRun(ctx, ctx.params.id as string);
}

const LIST_SCHEDULES: RouteSpec = {
  method: 'get',
  path: '/schedules',
  operationId: 'listSchedules',
  permission: 'definitions:read',
  tag: 'definitions',
  summary: 'Scheduled actions and runbooks, with their next and last firings',
  description: 'The schedules on the tip of the tracked branch (docs/schedules.md).',
  query: {
    count: {
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 3 },
      description: 'Next fire times.',
    },
  },
  responses: {
    200: {
      description: 'The schedules.',
      schema: {
        type: 'object',
        required: ['data'],
        properties: { data: { type: 'array', items: { type: 'object' } } },
      },
    },
  },
  async handle(ctx) {
    const tip = ctx.deps.history.tip();
    const entries = tip
      ? listSchedules(
          [
            ...ctx.deps.history.definitionsAt('action', tip),
            ...ctx.deps.history.definitionsAt('runbook', tip),
          ],
          ctx.deps.now(),
          (ctx.query.count as number | undefined) ?? 3,
        )
      : [];
    await ctx.deps.journal.refresh();
    const data = [];
    for (const e of entries) {
      const recent = await ctx.deps.journal.query({ action: e.id, trigger: 'schedule', limit: 1 });
      const last = recent.find((r) => r.planned_at !== undefined);
      data.push({
        ...e,
        last: last
          ? { id: last.id, planned_at: last.planned_at, started_at: last.started_at, status: last.status }
          : null,
      });
    }
    return { body: { data }, count: data.length };
  },
};

export const RUNBOOK_ROUTES: RouteSpec[] = [
  START_RUNBOOK_RUN,
  LIST_RUNBOOK_RUNS,
  GET_RUNBOOK_RUN,
  CONFIRM_STEP,
  LIST_SCHEDULES,
];
