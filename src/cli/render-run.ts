import { formatDuration } from '../executions/present-execution.js';
import type { ExecutionRecord } from '../executions/types.js';
import { renderTable } from './output.js';

/** The outcome of a run for a person: a summary line and one row per target. */
export function renderRunResult(record: ExecutionRecord): string {
  const head = `${record.id}  ${record.action_id}  ${record.status}${record.exit_code === null ? '' : ` (exit ${record.exit_code})`}  in ${formatDuration(record.duration_ms)}`;
  const results = record.results ?? [];
  if (results.length === 0) return head + (record.error ? `\n${record.error}` : '');
  const rows = results.map((r) => [
    r.target ?? '-',
    r.status,
    r.exit_code === null ? (r.signal ?? '-') : String(r.exit_code),
    formatDuration(r.duration_ms),
    r.truncated_bytes > 0 ? `${r.truncated_bytes} bytes of output cut` : '',
  ]);
  return `${head}\n${renderTable([['TARGET', 'STATUS', 'EXIT', 'DURATION', ''], ...rows])}`;
}

/** The line `run` prints once the start is recorded: id, action, targets and what is unusual about the version. */
export function renderRunStarted(record: ExecutionRecord): string {
  const flags = [
    record.definition.dirty ? 'DIRTY' : '',
    record.definition.status !== 'released' ? String(record.definition.status).toUpperCase() : '',
  ].filter(Boolean);
  const targets = record.targets.length ? ` on ${record.targets.join(', ')}` : '';
  return `${record.id}: running ${record.action_id}${targets}${flags.length ? ` [${flags.join(', ')}]` : ''}`;
}
