import { decideAccess, executionVisibility } from '../../access/decide-access.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { presentExecution } from '../../executions/present-execution.js';
import type { ExecutionRecord } from '../../executions/types.js';
import { ref } from '../openapi/components.js';
import { API_BASE, ID_PARAM, type RouteSpec } from '../route-spec.js';
import { CONFIRM_STEP } from './runbook-confirm-route.js';
import { RUN_ID, RUNBOOK_RUN } from './runbook-run-schemas.js';
import { LIST_SCHEDULES } from './schedule-routes.js';
import { presentRun, visibleRun } from './visible-runbook-run.js';

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

export const RUNBOOK_ROUTES: RouteSpec[] = [
  START_RUNBOOK_RUN,
  LIST_RUNBOOK_RUNS,
  GET_RUNBOOK_RUN,
  CONFIRM_STEP,
  LIST_SCHEDULES,
];
