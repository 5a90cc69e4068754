import { DEFINITION_ID_PATTERN } from '../../definitions/types.js';
import { RUN_OUTCOMES } from '../../executions/types.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../idempotent.js';
import { PARAMETER_VALUES, TARGET_LIST } from '../openapi/components.js';
import type { JsonSchema, ParamSpec } from '../route-spec.js';

const DATE_TIME: JsonSchema = { type: 'string', format: 'date-time' };
const SHA: JsonSchema = { type: ['string', 'null'], pattern: '^[0-9a-f]{40,64}$' };
const TAIL: JsonSchema = { type: 'string', maxLength: 65_536 };

export const EXECUTION_ID: ParamSpec = {
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
  description: 'Execution id (the one the start was recorded with).',
  required: true,
};

export const RECORDING_KEY: Record<string, ParamSpec> = {
  'Idempotency-Key': {
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN },
    required: true,
    description:
      'The key the CLI gave this end (it keeps it in its spool with the end): a redelivery with the same key and ' +
      'body gets the recorded end back (`Idempotent-Replayed: true`), never a second record.',
  },
};

/** `POST /recordings`: the run the CLI is about to carry out (docs/executions.md, Remote recording). */
export const START_BODY: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'action_id', 'trigger', 'definition', 'targets', 'parameters', 'started_at'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
    action_id: { type: 'string', pattern: DEFINITION_ID_PATTERN },
    trigger: {
      enum: ['manual', 'external'],
      description: '`manual` for `opsledger run`, `external` for `exec`.',
    },
    definition: {
      type: 'object',
      additionalProperties: false,
      required: ['commit', 'blob', 'path', 'version', 'status', 'dirty'],
      description: 'What the CLI pinned locally; the record is pinned to the service’s own view.',
      properties: {
        commit: SHA,
        blob: SHA,
        path: { type: ['string', 'null'], maxLength: 1000 },
        version: { type: ['integer', 'null'], minimum: 1 },
        status: { type: ['string', 'null'], maxLength: 40 },
        dirty: { type: 'boolean' },
      },
    },
    targets: TARGET_LIST,
    parameters: {
      ...PARAMETER_VALUES,
      additionalProperties: {
        oneOf: [
          { type: ['string', 'number', 'boolean'] },
          {
            type: 'object',
            required: ['redacted'],
            properties: { redacted: { const: true }, hmac: { type: 'string', maxLength: 128 } },
            additionalProperties: false,
          },
        ],
      },
      description: 'Secret parameters as `{ "redacted": true }`: a secret value never leaves the CLI.',
    },
    started_at: DATE_TIME,
    command: { type: 'array', maxItems: 1000, items: { type: 'string', maxLength: 4000 } },
    os_user: { type: 'string', maxLength: 254 },
    host: { type: 'string', maxLength: 254 },
    allow_dirty: { type: 'boolean', default: false },
    allow_unreleased: { type: 'boolean', default: false },
  },
};

/** `POST /recordings/{id}/end`: how the run ended; output tails as the CLI scrubbed them. */
export const END_BODY: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'finished_at', 'duration_ms', 'exit_code'],
  properties: {
    status: { enum: [...RUN_OUTCOMES] },
    finished_at: DATE_TIME,
    duration_ms: { type: 'integer', minimum: 0, maximum: 31_536_000_000 },
    exit_code: { type: ['integer', 'null'], minimum: -1_000_000, maximum: 1_000_000 },
    results: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'target',
          'status',
          'exit_code',
          'duration_ms',
          'stdout_tail',
          'stderr_tail',
          'truncated_bytes',
        ],
        properties: {
          target: { type: ['string', 'null'], maxLength: 253 },
          status: { enum: [...RUN_OUTCOMES] },
          exit_code: { type: ['integer', 'null'] },
          signal: { type: 'string', maxLength: 20 },
          duration_ms: { type: 'integer', minimum: 0 },
          stdout_tail: TAIL,
          stderr_tail: TAIL,
          truncated_bytes: { type: 'integer', minimum: 0 },
        },
      },
    },
    error: { type: 'string', maxLength: 4000 },
  },
};
