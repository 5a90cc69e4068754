import { decideAccess } from '../access/decide-access.js';
import { resolvePrincipal } from '../access/resolve-principal.js';
import type { Action, Role } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { ExecutionInput, ExecutionRecord } from '../executions/types.js';
import type { HistoryIndex } from '../history/types.js';
import type { RunbookJournal } from './runbook-run-types.js';

export interface DecideStepOptions {
  journal: RunbookJournal;
  history: Pick<HistoryIndex, 'definitionsAt'>;
  runId: string;
  stepId: string;
  /** Email of the person deciding. */
  user: string;
  decision: 'confirm' | 'reject';
  /** `always` (the API) or `when-roles` (the CLI: only when the repo has role files at the pinned commit). */
  access: 'always' | 'when-roles';
  now: () => Date;
  reason?: string;
}

/** The latest record of a runbook run, or RUN_NOT_FOUND. */
export async function readRunbookRun(journal: RunbookJournal, runId: string): Promise<ExecutionRecord> {
  await journal.refresh();
  const latest = await journal.get(runId);
  if (!latest || latest.kind !== 'runbook_run') {
    throw new OpsledgerError('RUN_NOT_FOUND', `no runbook run "${runId}" in the journal`);
  }
  return latest;
}

/**
 * Confirm or reject the manual step a run waits for (docs/runbooks.md): only someone allowed to run that step's action
 * (`actions:execute`, roles at the run's pinned commit) may; the decision and who made it are appended to the run,
 * only while it still waits for that step (a second decision is STEP_NOT_WAITING). The run's recorder picks it up.
 */
export async function decideStep(options: DecideStepOptions): Promise<ExecutionRecord> {
  const latest = await readRunbookRun(options.journal, options.runId);
  const waiting = (r: ExecutionRecord | null): boolean =>
    r?.status === 'waiting' && r.steps?.find((s) => s.id === options.stepId)?.status === 'waiting';
  if (!waiting(latest)) {
    throw new OpsledgerError(
      'STEP_NOT_WAITING',
      `runbook run ${options.runId} is ${latest.status} and not waiting for step "${options.stepId}"`,
    );
  }
  const step = latest.steps!.find((s) => s.id === options.stepId)!;
  const commit = latest.pinned_commit ?? latest.definition.commit ?? '';
  const roles = options.history.definitionsAt('role', commit).map((v) => v.value as Role);
  if (options.access === 'always' || roles.length > 0) {
    const action = options.history.definitionsAt('action', commit).find((v) => v.id === step.action);
    const tags = (action?.value as Action | undefined)?.tags ?? [];
    const principal = resolvePrincipal(options.user, roles);
    if (!decideAccess(principal, { kind: 'execute', action: { id: step.action, tags } })) {
      throw new OpsledgerError(
        'PERMISSION_DENIED',
        `${options.user} may not ${options.decision} step "${step.id}": it runs "${step.action}", which their roles do not let them run`,
      );
    }
  }
  const { seq: _s, prev_hash: _p, hash: _h, ...fields } = latest;
  const decided = {
    ...step,
    status: options.decision === 'confirm' ? ('confirmed' as const) : ('rejected' as const),
    decided_by: { user: options.user, at: options.now().toISOString() },
    ...(options.reason ? { reason: options.reason } : {}),
  };
  const input: ExecutionInput = {
    ...fields,
    status: 'running',
    steps: latest.steps!.map((s) => (s.id === step.id ? decided : s)),
  };
  const appended = await options.journal.appendIf(input, waiting);
  if (!appended) {
    throw new OpsledgerError(
      'STEP_NOT_WAITING',
      `step "${options.stepId}" was decided by someone else first`,
    );
  }
  return appended;
}

/** Ask the recorder of a running or waiting runbook run to cancel it (it ends the running step's process group). */
export async function requestCancel(options: {
  journal: RunbookJournal;
  runId: string;
  user: string;
  now: () => Date;
}): Promise<ExecutionRecord> {
  const latest = await readRunbookRun(options.journal, options.runId);
  const open = (r: ExecutionRecord | null): boolean => r?.status === 'running' || r?.status === 'waiting';
  if (!open(latest))
    throw new OpsledgerError('RUN_FINISHED', `runbook run ${options.runId} is ${latest.status}`);
  const { seq: _s, prev_hash: _p, hash: _h, ...fields } = latest;
  const appended = await options.journal.appendIf(
    { ...fields, cancel_requested: { user: options.user, at: options.now().toISOString() } },
    open,
  );
  if (!appended) throw new OpsledgerError('RUN_FINISHED', `runbook run ${options.runId} ended meanwhile`);
  return appended;
}
