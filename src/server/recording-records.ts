import type { Action } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { parameterNameProblems } from '../executions/check-parameters.js';
import { rejectControlCharacters } from '../executions/reject-control-characters.js';
import type {
  ExecutionInput,
  ExecutionRecord,
  LateEnd,
  PinnedDefinition,
  RecordedParameter,
} from '../executions/types.js';
import type { DefinitionVersion } from '../history/types.js';

/** What `POST /recordings` takes: a run the CLI is about to carry out (docs/executions.md, Remote recording). */
export interface RecordingStart {
  id: string;
  action_id: string;
  trigger: 'manual' | 'external';
  /** The client's pin: what it will run. Compared with the service's own view, never trusted for access. */
  definition: PinnedDefinition;
  targets: string[];
  parameters: Record<string, RecordedParameter>;
  started_at: string;
  command?: string[];
  os_user?: string;
  host?: string;
  allow_dirty?: boolean;
  allow_unreleased?: boolean;
}

/** What `POST /recordings/{id}/end` takes: how the run ended (the rest comes from the recorded start). */
export interface RecordingEnd {
  status: 'succeeded' | 'failed' | 'timed_out' | 'cancelled';
  finished_at: string;
  duration_ms: number;
  exit_code: number | null;
  results?: ExecutionInput['results'];
  error?: string;
}

/**
 * The start record of a remote recording, pinned to the service's view of the action (its branch tip), initiated by
 * the API key's user whatever the client says. A `run` of an action that differs from the service's branch is
 * refused unless the client allowed a dirty run (then it is recorded dirty); an unreleased one likewise.
 */
export function recordingStartInput(
  body: RecordingStart,
  user: string,
  version: DefinitionVersion | null,
): ExecutionInput {
  const action = version?.value as Action | undefined;
  const client = body.definition;
  const differs = version !== null && client.blob !== version.blob;
  if (body.trigger === 'manual') {
    if (version === null && body.allow_dirty !== true) {
      throw new OpsledgerError(
        'DEFINITION_NOT_FOUND',
        `no action "${body.action_id}" on the service's branch`,
        {
          hint: 'Push the action and let it be released, or pass --allow-dirty to run it anyway (the run is flagged).',
        },
      );
    }
    if (differs && body.allow_dirty !== true) {
      throw new OpsledgerError(
        'DEFINITION_DIRTY',
        `your copy of action "${body.action_id}" (${client.blob?.slice(0, 12) ?? 'uncommitted'}) differs from the service's (${version.blob?.slice(0, 12)} at ${version.commit.slice(0, 12)})`,
        {
          hint: 'Pull (or push) the tracked branch first, or pass --allow-dirty to run it anyway (the run is flagged).',
        },
      );
    }
    if (action && action.status !== 'released' && body.allow_unreleased !== true) {
      throw new OpsledgerError(
        'DEFINITION_UNRELEASED',
        `action "${action.id}" is ${action.status}, not released`,
      );
    }
  }
  const names = parameterNameProblems(action?.parameters ?? [], Object.keys(body.parameters), {
    anyName: version === null,
  });
  if (names.length > 0) throw new OpsledgerError('PARAM_INVALID', names.join('; '));
  rejectControlCharacters(body.parameters);
  const definition: PinnedDefinition = version
    ? {
        commit: version.commit,
        blob: version.blob,
        path: version.path,
        version: version.version,
        status: action?.status ?? null,
        dirty: client.dirty || differs,
      }
    : // Only the client knows it (exec of an undefined action, or a dirty run of an uncommitted one).
      { ...client, commit: null, version: null, dirty: body.trigger === 'manual' || client.dirty };
  return {
    id: body.id,
    action_id: body.action_id,
    definition,
    trigger: body.trigger,
    initiator: {
      user,
      via: 'cli',
      ...(body.os_user !== undefined ? { os_user: body.os_user } : {}),
      ...(body.host !== undefined ? { host: body.host } : {}),
    },
    targets: body.targets,
    parameters: redactSecrets(action, body.parameters),
    started_at: new Date(Date.parse(body.started_at)).toISOString(),
    finished_at: null,
    duration_ms: null,
    status: 'running',
    exit_code: null,
    ...(body.command ? { command: body.command } : {}),
    recorded_via: 'server',
  };
}

/**
 * Secret parameters of the service's definition are `{ redacted: true }` whatever the client sent (a value in
 * clear from an older client is never stored); the client's HMAC is dropped, as it is keyed on the client's machine.
 */
function redactSecrets(
  action: Action | undefined,
  parameters: Record<string, RecordedParameter>,
): Record<string, RecordedParameter> {
  const out: Record<string, RecordedParameter> = {};
  for (const [name, value] of Object.entries(parameters)) {
    const secret = action?.parameters?.find((p) => p.name === name)?.secret === true;
    out[name] = secret || typeof value === 'object' ? { redacted: true } : value;
  }
  return out;
}

/** The `denied` record of a start the caller's roles do not allow: nothing runs (docs/executions.md). */
export function deniedInput(start: ExecutionInput, tip: string | null): ExecutionInput {
  return {
    ...start,
    status: 'denied',
    finished_at: start.started_at,
    duration_ms: 0,
    error: `denied: ${start.initiator.user} may not run "${start.action_id}" (actions:execute, roles at ${tip?.slice(0, 12) ?? 'an empty branch'})`,
  };
}

/** The end record: the recorded start's fields (never the client's), how it ended, its per-target results. */
export function recordingEndInput(start: ExecutionRecord, body: RecordingEnd): ExecutionInput {
  const finished = Date.parse(body.finished_at);
  if (finished < Date.parse(start.started_at)) {
    throw new OpsledgerError('INPUT_INVALID', 'finished_at is before the run started');
  }
  const { seq: _seq, prev_hash: _prev, hash: _hash, ...fields } = start;
  return {
    ...fields,
    finished_at: new Date(finished).toISOString(),
    duration_ms: body.duration_ms,
    status: body.status,
    exit_code: body.exit_code,
    ...(body.results ? { results: body.results } : {}),
    ...(body.error !== undefined ? { error: body.error } : {}),
  };
}

/** Whether a recorded start is the one this request asks for (a retried start is answered, not refused). */
export function sameStart(
  recorded: ExecutionRecord,
  wanted: ExecutionInput,
  resolveUser: (s: string) => string,
): boolean {
  return (
    recorded.action_id === wanted.action_id &&
    recorded.started_at === wanted.started_at &&
    resolveUser(recorded.initiator.user).toLowerCase() === wanted.initiator.user.toLowerCase()
  );
}

/** Whether a recorded end is the one this request delivers (a redelivery from the spool is answered, not refused). */
export function sameEnd(
  recorded: Pick<ExecutionRecord, 'status' | 'exit_code' | 'finished_at'>,
  body: RecordingEnd,
): boolean {
  return (
    recorded.status === body.status &&
    recorded.exit_code === body.exit_code &&
    recorded.finished_at === new Date(Date.parse(body.finished_at)).toISOString()
  );
}

/**
 * The record that keeps the end a cut-off CLI delivered after its run was closed `abandoned` (its lease lapsed): the
 * `abandoned` record's fields unchanged — the run keeps its one closing record and its status — plus `late_end`,
 * how the CLI saw it end (docs/executions.md, Remote recording).
 */
export function lateEndInput(
  abandoned: ExecutionRecord,
  body: RecordingEnd,
  deliveredAt: Date,
): ExecutionInput {
  const finished = Date.parse(body.finished_at);
  if (finished < Date.parse(abandoned.started_at)) {
    throw new OpsledgerError('INPUT_INVALID', 'finished_at is before the run started');
  }
  const { seq: _seq, prev_hash: _prev, hash: _hash, ...fields } = abandoned;
  const late: LateEnd = {
    status: body.status,
    finished_at: new Date(finished).toISOString(),
    duration_ms: body.duration_ms,
    exit_code: body.exit_code,
    ...(body.results ? { results: body.results } : {}),
    ...(body.error !== undefined ? { error: body.error } : {}),
    delivered_at: deliveredAt.toISOString(),
  };
  return { ...fields, late_end: late };
}
