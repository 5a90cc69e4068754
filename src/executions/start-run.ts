import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { TARGET, type Action } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { openHistoryIndex } from '../history/open-history-index.js';
import type { HistoryIndex } from '../history/types.js';
import { hmacSecret, loadSecretKey } from '../state/hmac-key.js';
import { checkParameters, parameterEnv, recordParameters } from './check-parameters.js';
import { newExecutionId } from './execution-id.js';
import { recordEnd, cancelReason } from './record-end.js';
import { takeRecorderLeaseAsync, type RecorderLease } from './recorder-lease.js';
import { resolveAction, type ResolvedAction } from './resolve-action.js';
import { runProcess, type ProcessResult } from './run-process.js';
import { scrubText } from './scrub-secrets.js';
import { summarizeResults } from './summarize-results.js';
import type { ExecutionInput, ExecutionRecord, Journal, Trigger } from './types.js';

export interface Initiator {
  /** Email of the person (or the service account) starting the run; stored as a pseudonym. */
  user: string;
  via: 'cli' | 'api' | 'scheduler';
  os_user?: string;
  host?: string;
}

export interface StartRunOptions {
  repo: string;
  dataDir: string;
  branch: string;
  journal: Journal;
  actionId: string;
  /** Raw strings (CLI) or typed values (API); validated and coerced against the action's parameters. */
  params: Readonly<Record<string, unknown>>;
  /** Targets to run on; empty: the action's own targets, or once without a target when it has none. */
  targets: readonly string[];
  initiator: Initiator;
  trigger: Trigger;
  allowDirty: boolean;
  allowUnreleased: boolean;
  signal?: AbortSignal;
  now?: () => Date;
  /** The environment scripts inherit (PATH, HOME, ...); the recorder adds the OPSLEDGER_* variables. */
  env: Readonly<Record<string, string | undefined>>;
  definitionsDir?: string;
  /** A history index to pin with (default: opened on the data dir). */
  history?: HistoryIndex;
  makeId?: (now: Date) => string;
  /** Live output of each target, line by line, secrets scrubbed. */
  onOutput?: (target: string | null, stream: 'stdout' | 'stderr', line: string) => void;
  killGraceMs?: number;
  /** Bytes of stdout and stderr kept per target (default 64 KiB each). */
  outputCapBytes?: number;
  /** Where inline scripts are written to run (default: the OS temp dir). */
  tempDir?: string;
  /** Used when the action sets no timeout (default 3600 s). */
  defaultTimeoutSeconds?: number;
  /** Who records the run, written to its lease (default: this process and host). */
  recorder?: { pid: number; host: string };
  /** Pin the action to this commit of the tracked branch, work tree ignored (runbook steps, docs/runbooks.md). */
  atCommit?: string;
  /** Used instead of the action's `timeout` (a runbook step's own `timeout`). */
  timeoutSeconds?: number;
  /** Fields added to every record of the run (`runbook_run_id`, `step_id`, `attempt`, `planned_at`, `schedule`). */
  extra?: Pick<ExecutionInput, 'runbook_run_id' | 'step_id' | 'attempt' | 'planned_at' | 'schedule'>;
  /**
   * Record the start only if no record has this run's id yet, judged under the journal lock: a scheduled firing's id
   * is derived from the firing, so two services firing it start it once (docs/schedules.md). Throws FIRING_CLAIMED.
   */
  claim?: boolean;
}

export interface StartedRun {
  /** The `running` record, already durable in the journal. */
  record: ExecutionRecord;
  /** The final record, once every target finished (durable too). */
  done: Promise<ExecutionRecord>;
}

const INTERPRETERS: Record<
  Action['script']['shell'],
  { ext: string; argv: (file: string) => [string, string[]] }
> = {
  bash: { ext: '.sh', argv: (f) => ['bash', [f]] },
  sh: { ext: '.sh', argv: (f) => ['sh', [f]] },
  node: { ext: '.js', argv: (f) => [process.execPath, [f]] },
  python: { ext: '.py', argv: (f) => ['python3', [f]] },
  pwsh: { ext: '.ps1', argv: (f) => ['pwsh', ['-NoProfile', '-NonInteractive', '-File', f]] },
};

/** Which targets a run covers: the ones asked for (each must be one of the action's, when it lists any). */
export function chooseTargets(action: Action, asked: readonly string[]): (string | null)[] {
  const own = action.targets ?? [];
  for (const t of asked) {
    if (!TARGET.test(t))
      throw new OpsledgerError('PARAM_INVALID', `target "${t}" is not a valid target name`);
    if (own.length > 0 && !own.includes(t)) {
      throw new OpsledgerError(
        'PARAM_INVALID',
        `target "${t}" is not one of the action's targets (${own.join(', ')})`,
      );
    }
  }
  const list = asked.length > 0 ? [...new Set(asked)] : own;
  return list.length > 0 ? list : [null];
}

/**
 * Run an action for real and record it: pin the definition, refuse dirty or unreleased ones unless allowed, check the
 * parameters, write the `running` record durably (fail closed: if that fails, nothing runs and this throws
 * JOURNAL_UNAVAILABLE), then run the script once per target with the action's concurrency and timeout, and record the
 * outcome. Resolves as soon as the run started, so an API can answer 202; `done` gives the final record.
 */
export async function startRun(options: StartRunOptions): Promise<StartedRun> {
  const now = options.now ?? (() => new Date());
  const history = options.history ?? (await openHistoryFailingClosed(options));
  const resolved = await resolveAction({
    repo: options.repo,
    branch: options.branch,
    actionId: options.actionId,
    history,
    definitionsDir: options.definitionsDir,
    ...(options.atCommit ? { atCommit: options.atCommit } : {}),
  });
  const { action, pinned } = resolved;
  if (pinned.dirty && !options.allowDirty) {
    throw new OpsledgerError(
      'DEFINITION_DIRTY',
      pinned.commit === null
        ? `action "${action.id}" is not committed to ${options.branch}`
        : `action "${action.id}" (${pinned.path}${action.script.file ? ` or ${action.script.file}` : ''}) differs from ${options.branch} in the work tree`,
    );
  }
  if (action.status !== 'released' && !options.allowUnreleased) {
    throw new OpsledgerError(
      'DEFINITION_UNRELEASED',
      `action "${action.id}" is ${action.status}, not released`,
    );
  }
  const params = checkParameters(action.parameters ?? [], options.params);
  const targets = chooseTargets(action, options.targets);

  const key = await loadSecretKey(options.dataDir, now);
  const startedAt = now();
  const base: ExecutionInput = {
    id: (options.makeId ?? newExecutionId)(startedAt),
    action_id: action.id,
    definition: pinned,
    trigger: options.trigger,
    initiator: { ...options.initiator },
    targets: targets.filter((t): t is string => t !== null),
    parameters: recordParameters(action.parameters ?? [], params.values, (v) => hmacSecret(key, v)),
    started_at: startedAt.toISOString(),
    finished_at: null,
    duration_ms: null,
    status: 'running',
    exit_code: null,
    ...options.extra,
  };
  // Fail closed: nothing runs unless the lease is taken and the start is durable.
  const lease = await takeLease(options, base);
  let record: ExecutionRecord;
  try {
    const claimed = options.claim
      ? await claimStart(options.journal, base)
      : await options.journal.append(base);
    if (!claimed)
      throw new OpsledgerError('FIRING_CLAIMED', `run ${base.id} was started by another recorder`);
    record = claimed;
  } catch (err) {
    await closeUnacknowledgedStart(options.journal, lease, base, err, now());
    throw err;
  }

  const done = (async (): Promise<ExecutionRecord> => {
    let results: NonNullable<ExecutionInput['results']> = [];
    let error: string | undefined;
    try {
      results = await runTargets(options, resolved, targets, params, record.id, base.targets, lease);
    } catch (err) {
      // The message may quote the environment, secrets included (docs/executions.md, Secrets).
      error = `the run could not be carried out: ${scrubText((err as Error).message, params.secrets)}`;
    }
    const finishedAt = now();
    const summary = summarizeResults(results);
    if (summary.status === 'cancelled') error ??= cancelReason(options.signal);
    return recordEnd(options.journal, lease, {
      ...base,
      initiator: record.initiator,
      finished_at: finishedAt.toISOString(),
      duration_ms: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      status: summary.status,
      exit_code: summary.exit_code,
      results,
      ...(error ? { error } : {}),
    });
  })();
  return { record, done };
}

/**
 * A start that reached the journal although its append failed (its alert could not be written: the error carries
 * the `recorded` record) is closed at once as `abandoned`, so it is not left running; nothing ran. Otherwise the
 * lease is just released.
 */
async function closeUnacknowledgedStart(
  journal: Journal,
  lease: RecorderLease,
  base: ExecutionInput,
  err: unknown,
  at: Date,
): Promise<void> {
  const recorded = (err as { recorded?: ExecutionRecord }).recorded;
  if (!recorded || recorded.id !== base.id || recorded.status !== 'running') return lease.release();
  await recordEnd(journal, lease, {
    ...base,
    initiator: recorded.initiator,
    finished_at: at.toISOString(),
    duration_ms: 0,
    status: 'abandoned',
    exit_code: null,
    error: `abandoned: its start was recorded but could not be acknowledged (${(err as Error).message}); nothing ran`,
  }).catch(() => undefined);
}

/** Append a start only when its id is new (judged under the journal's lock). */
function claimStart(journal: Journal, base: ExecutionInput): Promise<ExecutionRecord | null> {
  return journal.appendIf(base, (latest) => latest === null);
}

/** The run's lease: held by this process until the end is recorded, so a dead recorder is told from a live one. */
export function takeLease(
  options: { dataDir: string; recorder?: { pid: number; host: string } },
  base: ExecutionInput,
): Promise<RecorderLease> {
  return takeRecorderLeaseAsync({
    dataDir: options.dataDir,
    id: base.id,
    pid: options.recorder?.pid ?? process.pid,
    host: options.recorder?.host ?? hostname(),
    startedAt: base.started_at,
  });
}

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR']);

/**
 * The history index lives in the data dir too: when the data dir cannot be written, say so as the journal would
 * (nothing can be recorded, so nothing runs) instead of surfacing a raw file system error.
 */
export async function openHistoryFailingClosed(options: {
  repo: string;
  dataDir: string;
  branch: string;
  definitionsDir?: string;
}): Promise<HistoryIndex> {
  try {
    return await openHistoryIndex({
      repo: options.repo,
      dataDir: options.dataDir,
      branch: options.branch,
      definitionsDir: options.definitionsDir ?? 'definitions',
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code && UNWRITABLE.has(code)) {
      throw new OpsledgerError(
        'JOURNAL_UNAVAILABLE',
        `the data dir ${options.dataDir} cannot be written: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    throw err;
  }
}

async function runTargets(
  options: StartRunOptions,
  resolved: ResolvedAction,
  targets: readonly (string | null)[],
  params: { values: Record<string, string | number | boolean>; secrets: string[] },
  executionId: string,
  allTargets: readonly string[],
  lease: RecorderLease,
): Promise<NonNullable<ExecutionInput['results']>> {
  const { action, script } = resolved;
  // Named in the lease before it exists, so a recorder killed at any moment leaves nothing the next command misses.
  const dir = path.join(
    options.tempDir ?? tmpdir(),
    `opsledger-run-${executionId}-${randomBytes(4).toString('hex')}`,
  );
  await lease.addTempDir(dir);
  await mkdir(dir, { mode: 0o700 });
  try {
    const interpreter = INTERPRETERS[script.shell];
    const file = path.join(dir, script.fileName || `script${interpreter.ext}`);
    // The script text goes into a file as is: parameter values reach it only through the environment.
    await writeFile(file, script.text, { mode: 0o700 });
    await chmod(dir, 0o700);
    const [command, args] = interpreter.argv(file);
    const results: NonNullable<ExecutionInput['results']> = new Array(targets.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < targets.length; i = next++) {
        const target = targets[i] ?? null;
        if (options.signal?.aborted) {
          results[i] = notStarted(target);
          continue;
        }
        const result: ProcessResult = await runProcess({
          command,
          args,
          cwd: options.repo,
          env: {
            ...options.env,
            ...parameterEnv(params.values),
            OPSLEDGER_EXECUTION_ID: executionId,
            OPSLEDGER_ACTION_ID: action.id,
            OPSLEDGER_TARGET: target ?? '',
            OPSLEDGER_TARGETS: allTargets.join(','),
          },
          timeoutMs:
            (options.timeoutSeconds ?? action.timeout ?? options.defaultTimeoutSeconds ?? 3600) * 1000,
          killGraceMs: options.killGraceMs,
          outputCapBytes: options.outputCapBytes ?? 64 * 1024,
          secrets: params.secrets,
          signal: options.signal,
          onLine: options.onOutput ? (stream, line) => options.onOutput!(target, stream, line) : undefined,
        });
        results[i] = {
          target,
          status: result.status,
          exit_code: result.exit_code,
          ...(result.signal ? { signal: result.signal } : {}),
          duration_ms: result.duration_ms,
          stdout_tail: result.stdout_tail,
          stderr_tail: result.stderr_tail,
          truncated_bytes: result.truncated_bytes,
        };
      }
    };
    const limit = Math.max(1, Math.min(action.concurrency ?? 4, targets.length));
    await Promise.all(Array.from({ length: limit }, () => worker()));
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function notStarted(target: string | null): NonNullable<ExecutionInput['results']>[number] {
  return {
    target,
    status: 'cancelled',
    exit_code: null,
    duration_ms: 0,
    stdout_tail: '',
    stderr_tail: '',
    truncated_bytes: 0,
  };
}
