import { OpsledgerError } from '../errors/opsledger-error.js';
import type { RecorderLease } from './recorder-lease.js';
import type { ExecutionInput, ExecutionRecord, Journal } from './types.js';

/**
 * Append a run's end record and drop its lease. When the journal refuses it (disk full), the end is kept in the
 * lease's reserved bytes for the next command to append, and this throws RUN_END_UNRECORDED saying how the run ended,
 * that its end is not in the journal yet, and how it will be recovered (docs/executions.md, "When the recorder dies").
 */
export async function recordEnd(
  journal: Journal,
  lease: RecorderLease,
  end: ExecutionInput,
): Promise<ExecutionRecord> {
  let appended: ExecutionRecord;
  try {
    appended = await journal.append(end);
  } catch (err) {
    let keptIn: string | null = null;
    try {
      lease.keepEnd(end);
      keptIn = lease.file;
    } catch {
      keptIn = null;
    }
    lease.release();
    const exit = end.exit_code === null ? '' : ` (exit ${end.exit_code})`;
    throw new OpsledgerError(
      'RUN_END_UNRECORDED',
      `run ${end.id} of ${end.action_id} finished with status ${end.status}${exit}, but its end could not be recorded in the journal: ${(err as Error).message}`,
      {
        cause: err,
        hint: keptIn
          ? `The end record is kept in ${keptIn}; the next \`opsledger run\`, \`exec\`, \`verify\` or \`serve\` appends it to the journal. Free space in the data dir, then run \`opsledger verify\`.`
          : 'The run stays `running` in the journal until the next `opsledger run`, `exec`, `verify` or `serve` closes it as `abandoned`. Free space in the data dir, then run `opsledger verify`.',
      },
    );
  }
  lease.release();
  return appended;
}

/** The text recorded when a run was cancelled: why opsledger stopped it. */
export function cancelReason(signal: AbortSignal | undefined): string | undefined {
  if (!signal?.aborted) return undefined;
  const reason: unknown = signal.reason;
  return `cancelled: ${typeof reason === 'string' ? reason : 'opsledger was asked to stop the run'}`;
}
