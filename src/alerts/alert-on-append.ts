import type { ExecutionInput, ExecutionRecord, Journal } from '../executions/types.js';
import { executionEvent } from './alert-event.js';
import type { AlertEmitter } from './alert-emitter.js';

type ConditionalAppend = (
  input: ExecutionInput,
  when: (latest: ExecutionRecord | null) => boolean,
) => Promise<ExecutionRecord | null>;

/**
 * Hook the journal's appends: every start and end record of a run goes to the alerts outbox before the append
 * returns, so before the run is acknowledged (API 202, CLI exit). The journal object is kept (its other methods
 * stay); only `append` (and `appendIf`, which closes abandoned runs) is wrapped, whichever backend implements it.
 */
export function alertOnAppend<J extends Journal>(journal: J, emitter: AlertEmitter, now: () => Date): J {
  const append = journal.append.bind(journal);
  journal.append = async (input): Promise<ExecutionRecord> => {
    const record = await append(input);
    await emitter.emit([executionEvent(record, now())]);
    return record;
  };
  const conditional = journal as J & { appendIf?: ConditionalAppend };
  if (typeof conditional.appendIf === 'function') {
    const appendIf = conditional.appendIf.bind(journal);
    conditional.appendIf = async (input, when) => {
      const record = await appendIf(input, when);
      if (record) await emitter.emit([executionEvent(record, now())]);
      return record;
    };
  }
  return journal;
}
