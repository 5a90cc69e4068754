import { OpsledgerError } from '../errors/opsledger-error.js';
import { EXECUTION_ID } from './execution-id.js';
import { EXECUTION_STATUSES, INITIATOR_VIAS, TRIGGERS, type ExecutionInput } from './types.js';
import { DEFINITION_ID } from '../definitions/types.js';

const ACTION_ID = DEFINITION_ID;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Any control character (Unicode Cc: C0, DEL, C1), tab and newlines included: none belongs in a name. */
const CONTROL = /\p{Cc}/u;

const isIso = (v: unknown): v is string =>
  typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v));

/**
 * The problems of an input the journal is asked to append (empty when it is fine). The journal is the last line of
 * defence for the chain: whatever the CLI, the recorder or the API hands it must have the contract's shape.
 */
export function executionInputProblems(input: ExecutionInput): string[] {
  const p: string[] = [];
  const i = input as unknown as Record<string, unknown>;
  if (typeof i.id !== 'string' || !EXECUTION_ID.test(i.id)) p.push('id must be 1-64 letters, digits, _ or -');
  if (typeof i.action_id !== 'string' || !ACTION_ID.test(i.action_id))
    p.push('action_id must be an action id');
  if (!TRIGGERS.includes(input.trigger)) p.push(`trigger must be one of ${TRIGGERS.join(', ')}`);
  if (!EXECUTION_STATUSES.includes(input.status))
    p.push(`status must be one of ${EXECUTION_STATUSES.join(', ')}`);
  if (!isIso(input.started_at)) p.push('started_at must be an ISO 8601 date-time');
  if (input.finished_at !== null && !isIso(input.finished_at)) p.push('finished_at must be null or ISO 8601');
  if (input.duration_ms !== null && !(typeof input.duration_ms === 'number' && input.duration_ms >= 0)) {
    p.push('duration_ms must be null or a number >= 0');
  }
  if (input.exit_code !== null && !Number.isInteger(input.exit_code))
    p.push('exit_code must be null or an integer');
  const initiator = input.initiator as unknown as Record<string, unknown> | undefined;
  if (!initiator || typeof initiator.user !== 'string' || initiator.user.trim() === '') {
    p.push('initiator.user must be a non-empty string');
  } else if (CONTROL.test(initiator.user)) {
    p.push('initiator.user must not contain control characters');
  }
  if (initiator && typeof initiator.os_user === 'string' && CONTROL.test(initiator.os_user)) {
    p.push('initiator.os_user must not contain control characters');
  }
  if (initiator && !(INITIATOR_VIAS as readonly unknown[]).includes(initiator.via)) {
    p.push(`initiator.via must be one of ${INITIATOR_VIAS.join(', ')}`);
  }
  if (!Array.isArray(input.targets) || !input.targets.every((t) => typeof t === 'string' && t.length > 0)) {
    p.push('targets must be an array of non-empty strings');
  } else if (input.targets.some((t) => CONTROL.test(t))) {
    p.push('targets must not contain control characters');
  }
  const params = input.parameters as unknown;
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    p.push('parameters must be an object');
  } else {
    for (const [name, v] of Object.entries(params as Record<string, unknown>)) {
      const scalar =
        typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
      const redacted =
        v !== null &&
        typeof v === 'object' &&
        (v as { redacted?: unknown }).redacted === true &&
        !Array.isArray(v);
      if (!scalar && !redacted)
        p.push(`parameters.${name} must be a string, number, boolean or { "redacted": true }`);
    }
  }
  const d = input.definition as unknown as Record<string, unknown> | undefined;
  if (!d || typeof d !== 'object' || typeof d.dirty !== 'boolean')
    p.push('definition must be an object with dirty');
  return p;
}

/** Throw INPUT_INVALID listing every problem of an input. */
export function assertExecutionInput(input: ExecutionInput): void {
  const problems = executionInputProblems(input);
  if (problems.length > 0) {
    throw new OpsledgerError('INPUT_INVALID', `execution record rejected: ${problems.join('; ')}`, {
      hint: 'Records need the fields of docs/executions.md with their types; targets and user names hold no control characters (NUL, tab, newline, ESC, …).',
    });
  }
}
