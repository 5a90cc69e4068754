import { formatDuration, presentExecution } from '../executions/present-execution.js';
import type { ExecutionRecord } from '../executions/types.js';
import type { CliContext } from './context.js';
import { renderTable } from './output.js';

/** A runbook run for a person: a summary line and one row per step. */
export function renderRunbookRun(record: ExecutionRecord, resolveUser: (u: string) => string): string {
  const head = `${record.id}  runbook ${record.action_id}  ${record.status}  in ${formatDuration(record.duration_ms)}`;
  const rows = (record.steps ?? []).map((s) => [
    s.id,
    s.action,
    s.status,
    s.exit_code === null ? '-' : String(s.exit_code),
    s.decided_by ? resolveUser(s.decided_by.user) : '',
    s.reason ?? '',
  ]);
  const table = renderTable([['STEP', 'ACTION', 'STATUS', 'EXIT', 'DECIDED BY', 'NOTE'], ...rows]);
  return `${head}\n${table}${record.error ? `\n${record.error}` : ''}`;
}

/** A runbook run as JSON with --json, else as text. */
export function printRun(ctx: CliContext, record: ExecutionRecord, resolveUser: (u: string) => string): void {
  if (ctx.json) ctx.out.json(presentRunbookRun(record, resolveUser));
  else ctx.out.line(renderRunbookRun(record, resolveUser));
}

/** A runbook run record with its users (initiator, deciders, canceller) resolved for display. */
export function presentRunbookRun(
  record: ExecutionRecord,
  resolveUser: (u: string) => string,
): ExecutionRecord {
  const shown = presentExecution(record, resolveUser) as ExecutionRecord;
  return {
    ...shown,
    ...(record.steps
      ? {
          steps: record.steps.map((s) =>
            s.decided_by
              ? { ...s, decided_by: { ...s.decided_by, user: resolveUser(s.decided_by.user) } }
              : s,
          ),
        }
      : {}),
    ...(record.cancel_requested
      ? { cancel_requested: { ...record.cancel_requested, user: resolveUser(record.cancel_requested.user) } }
      : {}),
  };
}
