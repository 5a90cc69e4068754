import type { Runbook } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { checkParameters, recordParameters } from '../executions/check-parameters.js';
import { newExecutionId } from '../executions/execution-id.js';
import { recordEnd } from '../executions/record-end.js';
import { openHistoryFailingClosed, takeLease } from '../executions/start-run.js';
import type { ExecutionInput, ExecutionRecord } from '../executions/types.js';
import { hmacSecret, loadSecretKey } from '../state/hmac-key.js';
import { deniedActions } from './denied-actions.js';
import type { StartedRunbookRun, StartRunbookRunOptions } from './runbook-run-types.js';
import { RunbookRunner } from './runbook-runner.js';

export type { RunbookJournal, StartedRunbookRun, StartRunbookRunOptions } from './runbook-run-types.js';

/**
 * Start a runbook run (docs/runbooks.md): pin the tracked branch's tip, read the runbook, its actions and the roles
 * at that commit, check the parameters and the caller's `actions:execute` on every action (denied: a `denied`
 * record and nothing runs), record the `runbook_run` start durably under a recorder lease, then run the steps in
 * order through the recorder, each step's runs recorded with `trigger: runbook`. Resolves once the start is durable.
 */
export async function startRunbookRun(options: StartRunbookRunOptions): Promise<StartedRunbookRun> {
  const now = options.now ?? (() => new Date());
  const history = options.history ?? (await openHistoryFailingClosed(options));
  const commit = history.tip();
  const version = commit
    ? history.definitionsAt('runbook', commit).find((v) => v.id === options.runbookId)
    : undefined;
  if (!commit || !version) {
    throw new OpsledgerError(
      'DEFINITION_NOT_FOUND',
      `no runbook "${options.runbookId}" on ${options.branch}`,
    );
  }
  const runbook = version.value as Runbook;
  if (runbook.status !== 'released' && options.allowUnreleased !== true) {
    throw new OpsledgerError(
      'DEFINITION_UNRELEASED',
      `runbook "${runbook.id}" is ${runbook.status}, not released`,
    );
  }
  const checked = checkParameters(runbook.parameters ?? [], options.params);
  const key = await loadSecretKey(options.dataDir, now);
  const startedAt = now();
  const base: ExecutionInput = {
    id: (options.makeId ?? newExecutionId)(startedAt),
    kind: 'runbook_run',
    action_id: runbook.id,
    definition: {
      commit: version.commit,
      blob: version.blob,
      path: version.path,
      version: version.version,
      status: runbook.status,
      dirty: false,
    },
    pinned_commit: commit,
    trigger: options.trigger,
    initiator: { ...options.initiator },
    targets: [...options.targets],
    parameters: recordParameters(runbook.parameters ?? [], checked.values, (v) => hmacSecret(key, v)),
    started_at: startedAt.toISOString(),
    finished_at: null,
    duration_ms: null,
    status: 'running',
    exit_code: null,
    steps: runbook.steps.map((s) => ({
      id: s.id,
      action: s.action,
      status: 'pending',
      executions: [],
      exit_code: null,
    })),
    ...options.extra,
  };

  const denied = deniedActions(runbook, history, commit, options);
  if (denied.length > 0) {
    const record = await options.journal.append({
      ...base,
      status: 'denied',
      finished_at: base.started_at,
      duration_ms: 0,
      error: `denied: ${options.initiator.user} may not run ${denied.map((a) => `"${a}"`).join(', ')} (actions:execute, roles at ${commit.slice(0, 12)})`,
    });
    throw new OpsledgerError('PERMISSION_DENIED', `${record.error} — recorded as ${record.id}; nothing ran`);
  }

  const lease = await takeLease(options, base);
  let record: ExecutionRecord | null;
  try {
    record = options.claim
      ? await options.journal.appendIf(base, (latest) => latest === null)
      : await options.journal.append(base);
    if (!record) throw new OpsledgerError('FIRING_CLAIMED', `run ${base.id} was started by another recorder`);
  } catch (err) {
    lease.release();
    throw err;
  }
  const runner = new RunbookRunner(options, runbook, commit, checked, record, now);
  const done = runner.run().then((end) => recordEnd(options.journal, lease, end));
  return { record, done };
}
