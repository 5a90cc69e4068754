import { decideStep } from '../../runbooks/decide-step.js';
import { ref } from '../openapi/components.js';
import type { RouteContext, RouteSpec } from '../route-spec.js';
import { RUN_ID, RUNBOOK_RUN, STEP_ID } from './runbook-run-schemas.js';
import { presentRun, runbookJournal, visibleRun } from './visible-runbook-run.js';

/** `POST /runbook_runs/{id}/steps/{step}/confirm`: what `opsledger runbook confirm` does (docs/api.md). */
export const CONFIRM_STEP: RouteSpec = {
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
