import { TARGET, type Parameter } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { HistoryIndex } from '../history/types.js';
import { hmacSecret, loadSecretKey } from '../state/hmac-key.js';
import { checkParameters, parameterEnv, recordParameters } from './check-parameters.js';
import { newExecutionId } from './execution-id.js';
import { runProcess } from './run-process.js';
import { cancelReason, recordEnd } from './record-end.js';
import { scrubText } from './scrub-secrets.js';
import { openHistoryFailingClosed, takeLease, type Initiator, type StartedRun } from './start-run.js';
import type { ExecutionInput, ExecutionRecord, Journal, PinnedDefinition } from './types.js';

export interface StartExternalOptions {
  repo: string;
  dataDir: string;
  branch: string;
  journal: Journal;
  /** The action the command stands for; it need not be defined (then the run is pinned to nothing). */
  actionId: string;
  params: Readonly<Record<string, string>>;
  targets: readonly string[];
  initiator: Initiator;
  /** argv: run as is, no shell. */
  command: readonly string[];
  timeoutSeconds: number | null;
  signal?: AbortSignal;
  now?: () => Date;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  definitionsDir?: string;
  history?: HistoryIndex;
  makeId?: (now: Date) => string;
  /** The command's output as it comes (raw, or line by line with secrets scrubbed when there are secrets). */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  killGraceMs?: number;
  outputCapBytes?: number;
  /** Who records the run, written to its lease (default: this process and host). */
  recorder?: { pid: number; host: string };
}

/**
 * `opsledger exec`: record a command run outside opsledger (a cron job, a script) with trigger `external`. The action
 * is pinned when the tracked branch defines it (its secret parameters are redacted, the given ones type-checked),
 * else recorded with a null definition so reports flag it. Fail closed like `run`: no durable start, no command.
 */
export async function startExternal(options: StartExternalOptions): Promise<StartedRun> {
  const now = options.now ?? (() => new Date());
  if (options.command.length === 0) throw new OpsledgerError('USAGE', 'no command given after --');
  for (const t of options.targets) {
    if (!TARGET.test(t))
      throw new OpsledgerError('PARAM_INVALID', `target "${t}" is not a valid target name`);
  }
  const history = options.history ?? (await openHistoryFailingClosed(options));
  const version = history.definitionAt('action', options.actionId);
  const definitions: Parameter[] =
    (version?.value as { parameters?: Parameter[] } | undefined)?.parameters ?? [];
  const pinned: PinnedDefinition = version
    ? {
        commit: version.commit,
        blob: version.blob,
        path: version.path,
        version: version.version,
        status: String((version.value as { status?: string }).status ?? null),
        dirty: false,
      }
    : { commit: null, blob: null, path: null, version: null, status: null, dirty: false };
  const checked = checkParameters(definitions, options.params, { partial: true, anyName: version === null });

  const key = await loadSecretKey(options.dataDir, now);
  const startedAt = now();
  const base: ExecutionInput = {
    id: (options.makeId ?? newExecutionId)(startedAt),
    action_id: options.actionId,
    definition: pinned,
    trigger: 'external',
    initiator: { ...options.initiator },
    targets: [...new Set(options.targets)],
    parameters: recordParameters(definitions, checked.values, (v) => hmacSecret(key, v)),
    started_at: startedAt.toISOString(),
    finished_at: null,
    duration_ms: null,
    status: 'running',
    exit_code: null,
    command: options.command.map((a) => scrubText(a, checked.secrets)),
  };
  const lease = await takeLease(options, base);
  let record: ExecutionRecord;
  try {
    record = await options.journal.append(base);
  } catch (err) {
    lease.release();
    throw err;
  }

  const done = (async (): Promise<ExecutionRecord> => {
    const [command, ...args] = options.command;
    const result = await runProcess({
      command: command!,
      args,
      cwd: options.cwd,
      env: {
        ...options.env,
        ...parameterEnv(checked.values),
        OPSLEDGER_EXECUTION_ID: record.id,
        OPSLEDGER_ACTION_ID: options.actionId,
        OPSLEDGER_TARGET: base.targets[0] ?? '',
        OPSLEDGER_TARGETS: base.targets.join(','),
      },
      timeoutMs: options.timeoutSeconds === null ? null : options.timeoutSeconds * 1000,
      killGraceMs: options.killGraceMs,
      outputCapBytes: options.outputCapBytes ?? 64 * 1024,
      secrets: checked.secrets,
      signal: options.signal,
      inheritStdin: true,
      onChunk: (stream, chunk) => (stream === 'stdout' ? options.onStdout : options.onStderr)?.(chunk),
      onLine:
        checked.secrets.length > 0
          ? (stream, line) =>
              (stream === 'stdout' ? options.onStdout : options.onStderr)?.(Buffer.from(`${line}\n`))
          : undefined,
    });
    const finishedAt = now();
    const reason = result.status === 'cancelled' ? cancelReason(options.signal) : undefined;
    return recordEnd(options.journal, lease, {
      ...base,
      initiator: record.initiator,
      finished_at: finishedAt.toISOString(),
      duration_ms: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      status: result.status,
      exit_code: result.exit_code,
      results: [
        {
          target: base.targets[0] ?? null,
          status: result.status,
          exit_code: result.exit_code,
          ...(result.signal ? { signal: result.signal } : {}),
          duration_ms: result.duration_ms,
          stdout_tail: result.stdout_tail,
          stderr_tail: result.stderr_tail,
          truncated_bytes: result.truncated_bytes,
        },
      ],
      ...(reason ? { error: reason } : {}),
    });
  })();
  return { record, done };
}
