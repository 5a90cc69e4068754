import { OpsledgerError } from '../errors/opsledger-error.js';
import type { Journal } from '../executions/types.js';

/**
 * A test hook, documented in docs/executions.md: with `OPSLEDGER_FAULT=enospc-on-end` the journal refuses a run's end
 * record as a full disk would, so the fault-injection tests can reach that path without filling a disk. Recovery by
 * the next command (through `appendIf`) is not affected.
 */
export function applyFaultHook<J extends Journal>(journal: J, env: NodeJS.ProcessEnv): J {
  if (env.OPSLEDGER_FAULT !== 'enospc-on-end') return journal;
  const append = journal.append.bind(journal);
  journal.append = (input) =>
    input.status === 'running'
      ? append(input)
      : Promise.reject(
          new OpsledgerError(
            'JOURNAL_UNAVAILABLE',
            'cannot write the execution journal: ENOSPC: no space left on device, write (OPSLEDGER_FAULT)',
          ),
        );
  return journal;
}
