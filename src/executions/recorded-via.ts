import type { ExecutionInput, ExecutionRecord, Journal } from './types.js';

export type RecordedVia = NonNullable<ExecutionInput['recorded_via']>;

type ConditionalAppend = (
  input: ExecutionInput,
  when: (latest: ExecutionRecord | null) => boolean,
) => Promise<ExecutionRecord | null>;

/**
 * How a record came into the journal (docs/executions.md, Remote recording). Records older than the field say
 * nothing: before remote recording, the CLI wrote its own runs (`initiator.via: cli`) and the service the others.
 */
export function recordedVia(record: Pick<ExecutionInput, 'recorded_via' | 'initiator'>): RecordedVia {
  return record.recorded_via ?? (record.initiator.via === 'cli' ? 'local' : 'server');
}

/**
 * Stamp every record this process appends with who wrote it (`local` for the CLI's own journal, `server` for the
 * service's), unless the input says already: an abandoned run closed by another process keeps its start's stamp.
 * The journal object is kept, like `alertOnAppend`: only `append` (and `appendIf`) are wrapped.
 */
export function stampRecordedVia<J extends Journal>(journal: J, via: RecordedVia): J {
  const append = journal.append.bind(journal);
  journal.append = (input) => append({ ...input, recorded_via: input.recorded_via ?? via });
  const conditional = journal as J & { appendIf?: ConditionalAppend };
  if (typeof conditional.appendIf === 'function') {
    const appendIf = conditional.appendIf.bind(journal);
    conditional.appendIf = (input, when) =>
      appendIf({ ...input, recorded_via: input.recorded_via ?? via }, when);
  }
  return journal;
}
