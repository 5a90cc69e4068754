import { closeAbandonedRuns, type ClosedRun } from '../executions/close-abandoned-runs.js';
import type { Journal } from '../executions/types.js';
import type { CliContext } from './context.js';

/** Close the runs of dead recorders before a command goes on; each one is reported on stderr, never silently. */
export function closeAbandonedFromCli(
  ctx: CliContext,
  journal: Journal,
  closedBy: string,
): Promise<ClosedRun[]> {
  return closeAbandonedRuns({
    dataDir: ctx.dataDir,
    journal,
    now: ctx.now,
    closedBy,
    onWarning: (m) => ctx.out.info(`warning: ${m}`),
  });
}
