import { decideAccess } from '../../access/decide-access.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { requestCancel } from '../../runbooks/decide-step.js';
import { ref } from '../openapi/components.js';
import type { RouteSpec } from '../route-spec.js';
import { RUN_ID, RUNBOOK_RUN } from './runbook-run-schemas.js';
import { presentRun, runbookJournal, visibleRun } from './visible-runbook-run.js';

/**
 * `POST /runbook_runs/{id}/cancel`: what `opsledger runbook cancel` does (docs/api.md). The cancel request is appended
 * to the run; its recorder (this service or the CLI process that runs it) ends the running step's process group and
 * records the run `cancelled`. Only the run's initiator or an admin may.
 */
export const CANCEL_RUNBOOK_RUN: RouteSpec = {
  method: 'post',
  path: '/runbook_runs/{id}/cancel',
  operationId: 'cancelRunbookRun',
  permission: 'actions:execute',
  tag: 'executions',
  summary: 'Cancel a running or waiting runbook run',
  description:
    'Records a cancel request (who and when) on the run; its recorder ends the running step’s process group and ' +
    'records the run `cancelled`, the steps not run `skipped`. Only the run’s initiator or an `admin` may cancel ' +
    '(403 otherwise); a run the caller cannot see is a 404; 409 when the run has already ended.',
  params: { id: RUN_ID },
  responses: {
    202: {
      description: 'Cancel requested; the run as recorded with `cancel_requested`.',
      schema: RUNBOOK_RUN,
    },
    409: { description: 'The run has already ended.', schema: ref('Error') },
  },
  async handle(ctx) {
    await ctx.deps.journal.refresh();
    const run = await visibleRun(ctx, ctx.params.id as string);
    const initiator = ctx.deps.journal.resolveUser(run.initiator.user);
    if (!decideAccess(ctx.principal, { kind: 'cancel-run', initiator })) {
      throw new OpsledgerError(
        'PERMISSION_DENIED',
        `only the initiator of runbook run ${run.id} or an admin may cancel it`,
        { hint: 'Ask the person who started the run, or an admin, to cancel it.' },
      );
    }
    const record = await requestCancel({
      journal: runbookJournal(ctx),
      runId: run.id,
      user: ctx.principal?.email ?? '',
      now: ctx.deps.now,
    });
    return { status: 202, body: presentRun(ctx, record) };
  },
};
