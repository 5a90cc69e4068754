import { decideAccess } from '../../access/decide-access.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { presentExecution } from '../../executions/present-execution.js';
import type { ExecutionRecord } from '../../executions/types.js';
import type { RunbookJournal } from '../../runbooks/runbook-run-types.js';
import type { RouteContext } from '../route-spec.js';

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

/** The journal as one that can record runbook decisions (conditional appends); else 503. */
export function runbookJournal(ctx: RouteContext): RunbookJournal {
  const journal = ctx.deps.journal as Partial<RunbookJournal>;
  if (typeof journal.appendIf !== 'function') {
    throw new OpsledgerError('JOURNAL_UNAVAILABLE', 'this journal cannot record runbook decisions');
  }
  return journal as RunbookJournal;
}
