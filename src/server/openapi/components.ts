import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHIPPED_SCHEMA_DIR } from '../../definitions/schemas.js';
import type { JsonSchema } from '../route-spec.js';
import {
  AUDITABLE_TYPES,
  DEFINITION_ID_PATTERN,
  DEFINITION_KINDS,
  PARAMETER_NAME_PATTERN,
  TARGET_PATTERN,
} from '../../definitions/types.js';
import {
  EXECUTION_STATUSES,
  INITIATOR_VIAS,
  RUN_OUTCOMES,
  RUN_STATUSES,
  STEP_STATUSES,
  TRIGGERS,
} from '../../executions/types.js';
import { AUDIT_ACTIONS, FORGES } from '../../history/types.js';
import { REVIEW_STATES } from '../../review/approval-note.js';

/**
 * `auditable_type` in the incident tool's runbook audit shape (`GET /runbook_audits`, docs/api.md): our
 * `Runbook::Step` is its `Runbooks::Step`.
 */
export const RUNBOOK_AUDIT_TYPES = ['Runbook', 'Runbooks::Step'] as const;

/** The `targets` a request names: target names, each once. */
export const TARGET_LIST: JsonSchema = {
  type: 'array',
  maxItems: 1000,
  uniqueItems: true,
  items: { type: 'string', pattern: TARGET_PATTERN },
};

/** The `parameters` a request gives: values by parameter name. */
export const PARAMETER_VALUES: JsonSchema = {
  type: 'object',
  maxProperties: 200,
  propertyNames: { pattern: PARAMETER_NAME_PATTERN },
  additionalProperties: { type: ['string', 'number', 'boolean'] },
};

/** The kinds a schedule can be on. */
const SCHEDULED_KINDS = DEFINITION_KINDS.filter((k) => k !== 'role');

/** A `$ref` to a component schema. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** `{ data: [...], next_cursor }`, the shape of every list (docs/api.md). */
export function listOf(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['data', 'next_cursor'],
    properties: {
      data: { type: 'array', items: item },
      next_cursor: {
        type: ['string', 'null'],
        description: 'Pass as `cursor` for the next page; null on the last.',
      },
    },
  };
}

/**
 * The shipped definition schema (draft-07) as component schemas: the schema itself under `name`, each of its
 * `definitions` as a component of its own (`Action` + `parameter` → `ActionParameter`) with every
 * `#/definitions/x` reference rewritten to that component. OpenAPI tools resolve references against the document,
 * not against a schema's `$id`, so `$id` and `$schema` go (a 3.1 document has one dialect).
 */
function definitionSchemas(name: string, file: string): Record<string, JsonSchema> {
  const componentOf = (def: string) => `${name}${def.charAt(0).toUpperCase()}${def.slice(1)}`;
  const text = readFileSync(path.join(SHIPPED_SCHEMA_DIR, file), 'utf8').replace(
    /"#\/definitions\/([A-Za-z0-9_-]+)"/g,
    (_, def: string) => JSON.stringify(`#/components/schemas/${componentOf(def)}`),
  );
  const schema = JSON.parse(text) as JsonSchema;
  const defs = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  delete schema.$schema;
  delete schema.$id;
  delete schema.definitions;
  const out: Record<string, JsonSchema> = { [name]: schema };
  for (const [def, value] of Object.entries(defs)) out[componentOf(def)] = value;
  return out;
}

/** A definition response whose `definition` is one kind's schema. */
function versionOf(kind: string): JsonSchema {
  return {
    allOf: [ref('DefinitionVersion')],
    properties: { definition: ref(kind) },
    description: `A version of a ${kind.toLowerCase()}: its parsed content under \`definition\`, where it lives and when it was committed.`,
  };
}

const AUDIT_USER: JsonSchema = {
  type: 'object',
  required: ['name', 'email'],
  properties: { name: { type: 'string' }, email: { type: 'string' } },
};

const DATE_TIME: JsonSchema = { type: 'string', format: 'date-time' };
/** A person's act on a runbook run (a decision, a cancel request): the person and when. */
const WHO_AND_WHEN: JsonSchema = {
  type: 'object',
  required: ['user', 'at'],
  properties: { user: { type: 'string' }, at: DATE_TIME },
};

/** components.schemas of the OpenAPI document. */
export function componentSchemas(): Record<string, JsonSchema> {
  return {
    Error: {
      type: 'object',
      additionalProperties: false,
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'message', 'hint'],
          properties: {
            code: { type: 'string', description: 'Stable code from the error catalog.' },
            message: { type: 'string' },
            hint: { type: 'string', description: 'The next thing to do.' },
          },
        },
      },
    },
    ...definitionSchemas('Action', 'action.schema.json'),
    ...definitionSchemas('Runbook', 'runbook.schema.json'),
    ...definitionSchemas('Role', 'role.schema.json'),
    ActionVersion: versionOf('Action'),
    RunbookVersion: versionOf('Runbook'),
    DefinitionVersion: {
      type: 'object',
      required: ['id', 'version', 'commit', 'blob', 'path', 'created_at', 'definition'],
      properties: {
        id: { type: 'string' },
        version: { type: 'integer', minimum: 1 },
        commit: { type: 'string', pattern: '^[0-9a-f]{40,64}$' },
        blob: { type: 'string' },
        path: { type: 'string' },
        created_at: { ...DATE_TIME, description: 'When this version was committed to the tracked branch.' },
        definition: { type: 'object', description: 'The parsed definition (Action or Runbook schema).' },
      },
    },
    AuditUser: AUDIT_USER,
    AuditEvent: {
      type: 'object',
      description: 'docs/history.md.',
      required: [
        'id',
        'auditable_type',
        'auditable_id',
        'action',
        'version',
        'audited_changes',
        'user',
        'commit',
        'created_at',
        'path',
        'message',
        'pull_request',
        'revert_of',
      ],
      properties: {
        id: { type: 'string' },
        auditable_type: { enum: [...AUDITABLE_TYPES] },
        auditable_id: { type: 'string' },
        action: { enum: [...AUDIT_ACTIONS] },
        version: { type: 'integer', minimum: 1 },
        audited_changes: { type: 'object' },
        user: ref('AuditUser'),
        commit: { type: 'string' },
        created_at: DATE_TIME,
        path: { type: 'string' },
        message: { type: 'string' },
        pull_request: { type: ['integer', 'null'] },
        revert_of: { type: ['string', 'null'] },
        blob: { type: ['string', 'null'] },
        authors: { type: 'array', items: ref('AuditUser') },
        committer: ref('AuditUser'),
        // Issue 14 (docs/history.md "Audit events").
        valid: { type: 'boolean' },
        problems: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              pointer: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
        changed_by: {
          type: ['object', 'null'],
          additionalProperties: {
            type: 'object',
            properties: { name: { type: 'string' }, email: { type: 'string' }, commit: { type: 'string' } },
          },
        },
        merged_by: { oneOf: [ref('AuditUser'), { type: 'null' }] },
        restores: {
          type: ['object', 'null'],
          properties: { version: { type: 'integer' }, commit: { type: 'string' } },
        },
        partial: { type: 'boolean' },
        forge: { enum: [...FORGES, null] },
        // Issue 18 (docs/history.md "Approvals"): from refs/notes/opsledger/approvals, null when none.
        approvals: {
          type: ['array', 'null'],
          items: {
            type: 'object',
            properties: {
              reviewer_login: { type: 'string' },
              email: { type: ['string', 'null'] },
              state: { enum: [...REVIEW_STATES] },
              commit_id: { type: 'string' },
              submitted_at: { type: 'string' },
              pull_request: { type: 'integer' },
              stale: { type: 'boolean' },
              by_author: { type: 'boolean' },
            },
          },
        },
      },
    },
    InvalidEntry: {
      type: 'object',
      description: 'A definition file that did not parse or validate in a commit: no event, history goes on.',
      required: [
        'id',
        'action',
        'auditable_type',
        'auditable_id',
        'path',
        'commit',
        'created_at',
        'user',
        'findings',
      ],
      properties: {
        id: { type: 'string' },
        action: { const: 'invalid' },
        auditable_type: { enum: [...AUDITABLE_TYPES] },
        auditable_id: { type: ['string', 'null'] },
        path: { type: 'string' },
        commit: { type: 'string' },
        created_at: DATE_TIME,
        user: ref('AuditUser'),
        message: { type: 'string' },
        findings: {
          type: 'array',
          description: 'Why the file did not parse or validate, with its place (docs/definitions.md).',
          items: {
            type: 'object',
            required: ['code', 'file', 'line', 'col', 'message', 'hint', 'severity'],
            properties: {
              code: { type: 'string' },
              file: { type: 'string' },
              line: { type: 'integer', minimum: 0 },
              col: { type: 'integer', minimum: 0 },
              message: { type: 'string' },
              hint: { type: 'string' },
              pointer: {
                type: 'string',
                description: 'JSON Pointer of the offending node, when there is one.',
              },
              severity: { enum: ['error', 'warning'] },
            },
          },
        },
      },
    },
    HistoryRewrite: {
      type: 'object',
      description:
        'A rewrite of the tracked branch (force-push or reset) the history index saw: the indexed head left the ' +
        "branch's first-parent history, and these events with it (docs/history.md, Rewritten branches).",
      required: [
        'format',
        'record',
        'id',
        'branch',
        'old_head',
        'new_head',
        'detected_at',
        'events_lost',
        'events',
        'complete',
      ],
      properties: {
        format: { const: 1 },
        record: { const: 'history_rewritten' },
        id: { type: 'string' },
        branch: { type: 'string' },
        old_head: { type: 'string', description: 'The head the index had read.' },
        new_head: { type: 'string', description: 'The head of the rewritten branch.' },
        detected_at: DATE_TIME,
        events_lost: { type: 'integer', minimum: 0 },
        events: {
          type: 'array',
          items: ref('AuditEvent'),
          description: 'The events that left the branch, whole, oldest first.',
        },
        complete: { type: 'boolean', description: 'false: part of the old index was unreadable.' },
      },
    },
    RunbookAudit: {
      type: 'object',
      description:
        "One entry of GET /runbook_audits, in the incident tool's shape (FireHydrant runbook audit log), mapped from our audit events.",
      required: [
        'id',
        'auditable_id',
        'auditable_type',
        'user_id',
        'user_type',
        'action',
        'audited_changes',
        'version',
        'created_at',
      ],
      properties: {
        id: { type: 'string' },
        auditable_id: { type: 'string', description: 'The runbook id, or `<runbook>/<step>` for a step.' },
        auditable_type: { enum: [...RUNBOOK_AUDIT_TYPES] },
        user_id: { type: 'string', description: 'The email of the person who made the change.' },
        user_type: { const: 'User' },
        action: { enum: [...AUDIT_ACTIONS] },
        audited_changes: { type: 'object' },
        version: { type: 'integer', minimum: 1 },
        created_at: DATE_TIME,
        runbook_id: { type: 'string' },
        user_name: { type: 'string' },
        commit: { type: 'string' },
        pull_request: { type: ['integer', 'null'] },
        revert_of: { type: ['string', 'null'] },
      },
    },
    Pagination: {
      type: 'object',
      description: 'Page-number pagination as the incident tool returns it.',
      required: ['count', 'page', 'items', 'pages', 'last', 'prev', 'next'],
      properties: {
        count: { type: 'integer', description: 'Matching entries in all pages.' },
        page: { type: 'integer' },
        items: { type: 'integer', description: 'Entries on this page.' },
        pages: { type: 'integer' },
        last: { type: 'integer' },
        prev: { type: ['integer', 'null'] },
        next: { type: ['integer', 'null'] },
      },
    },
    RecordedParameter: {
      oneOf: [
        { type: ['string', 'number', 'boolean'] },
        {
          type: 'object',
          required: ['redacted'],
          properties: { redacted: { const: true }, hmac: { type: 'string' } },
          description: 'A secret parameter: never in clear.',
        },
      ],
    },
    ScheduleEntry: {
      type: 'object',
      description:
        'A scheduled action or runbook at the tip of the tracked branch, with its next fire times and its last ' +
        'firing (docs/schedules.md).',
      required: [
        'kind',
        'id',
        'owner',
        'schedule',
        'catch_up',
        'overlap',
        'commit',
        'version',
        'problem',
        'next',
        'last',
      ],
      properties: {
        kind: { enum: SCHEDULED_KINDS },
        id: { type: 'string', pattern: DEFINITION_ID_PATTERN },
        owner: { type: 'string' },
        schedule: {
          type: 'object',
          description: 'The cron expression and its IANA time zone (UTC when the definition gives none).',
          required: ['cron', 'timezone'],
          properties: { cron: { type: 'string' }, timezone: { type: 'string' } },
        },
        // As the definition schema has them (its default filled in).
        catch_up: ref('Action/properties/catch_up'),
        overlap: ref('Action/properties/overlap'),
        commit: { type: 'string', description: 'The commit that carried this version of the schedule.' },
        version: { type: 'integer', minimum: 1 },
        problem: {
          type: ['string', 'null'],
          description:
            'Why it cannot fire (an invalid cron or time zone that reached the branch), else null.',
        },
        next: { type: 'array', items: DATE_TIME, description: 'The next `count` fire times.' },
        last: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              description: 'Its latest scheduled run.',
              required: ['id', 'planned_at', 'started_at', 'status'],
              properties: {
                id: { type: 'string' },
                planned_at: DATE_TIME,
                started_at: DATE_TIME,
                status: { enum: [...EXECUTION_STATUSES] },
              },
            },
          ],
        },
      },
    },
    TargetResult: {
      type: 'object',
      description:
        'One target of a run: its status, exit code, duration and output tails (docs/executions.md).',
      required: ['target', 'status', 'exit_code', 'duration_ms', 'stdout_tail', 'stderr_tail'],
      properties: {
        target: { type: ['string', 'null'] },
        status: { enum: [...EXECUTION_STATUSES] },
        exit_code: { type: ['integer', 'null'] },
        signal: { type: 'string', description: 'The signal that ended the process (a timeout or cancel).' },
        duration_ms: { type: 'integer', minimum: 0 },
        stdout_tail: { type: 'string' },
        stderr_tail: { type: 'string' },
        truncated_bytes: { type: 'integer', minimum: 0, description: 'How much output was cut.' },
      },
    },
    RunbookStepState: {
      type: 'object',
      description: 'One step of a runbook run, as its `runbook_run` records show it (docs/runbooks.md).',
      required: ['id', 'action', 'status', 'executions', 'exit_code'],
      properties: {
        id: { type: 'string' },
        action: { type: 'string' },
        status: { enum: [...STEP_STATUSES] },
        reason: { type: 'string', description: 'Why it was skipped or rejected.' },
        executions: {
          type: 'array',
          items: { type: 'string' },
          description: 'The execution records of its runs (one per repetition).',
        },
        exit_code: { type: ['integer', 'null'] },
        started_at: DATE_TIME,
        finished_at: DATE_TIME,
        decided_by: { ...WHO_AND_WHEN, description: 'Who confirmed (or rejected) a manual step, and when.' },
      },
    },
    ExecutionRecord: {
      type: 'object',
      description: 'docs/executions.md: the latest record of an execution.',
      required: [
        'id',
        'seq',
        'action_id',
        'definition',
        'trigger',
        'initiator',
        'targets',
        'parameters',
        'started_at',
        'finished_at',
        'duration_ms',
        'status',
        'exit_code',
        'prev_hash',
        'hash',
      ],
      properties: {
        id: { type: 'string' },
        seq: { type: 'integer', minimum: 0 },
        action_id: { type: 'string' },
        definition: {
          type: 'object',
          required: ['commit', 'blob', 'path', 'version', 'status', 'dirty'],
          properties: {
            commit: { type: ['string', 'null'] },
            blob: { type: ['string', 'null'] },
            path: { type: ['string', 'null'] },
            version: { type: ['integer', 'null'] },
            status: { type: ['string', 'null'] },
            dirty: { type: 'boolean' },
          },
        },
        trigger: { enum: [...TRIGGERS] },
        initiator: {
          type: 'object',
          required: ['user', 'via'],
          properties: {
            user: { type: 'string' },
            via: { enum: [...INITIATOR_VIAS] },
            os_user: { type: 'string' },
            host: { type: 'string' },
            pseudonym: {
              type: 'string',
              description:
                'The stored pseudonym of `user`, shown beside the resolved email (docs/security.md).',
            },
          },
        },
        targets: { type: 'array', items: { type: 'string' } },
        parameters: { type: 'object', additionalProperties: ref('RecordedParameter') },
        started_at: DATE_TIME,
        finished_at: { oneOf: [DATE_TIME, { type: 'null' }] },
        duration_ms: { type: ['integer', 'null'], minimum: 0 },
        status: { enum: [...EXECUTION_STATUSES] },
        exit_code: { type: ['integer', 'null'] },
        prev_hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        results: {
          type: 'array',
          description: 'Per target: its status, exit code, duration and output tails (docs/executions.md).',
          items: ref('TargetResult'),
        },
        error: { type: 'string', description: 'Why the run was denied or could not start.' },
        command: {
          type: 'array',
          items: { type: 'string' },
          description: '`opsledger exec`: the command that ran (argv, secret parameter values scrubbed).',
        },
        runbook: {
          type: 'object',
          description:
            'A step of a runbook run: the runbook, the step and the runbook run (docs/runbooks.md).',
          required: ['id', 'step', 'run_id'],
          properties: { id: { type: 'string' }, step: { type: 'string' }, run_id: { type: 'string' } },
        },
        kind: {
          const: 'runbook_run',
          description: 'The record of a whole runbook run (docs/runbooks.md); absent on an action’s run.',
        },
        runbook_run_id: { type: 'string', description: 'A step’s execution: the runbook run it belongs to.' },
        step_id: { type: 'string', description: 'A step’s execution: the step’s id.' },
        attempt: { type: 'integer', minimum: 1, description: 'A repetition of a step (`repeat`), from 1.' },
        pinned_commit: {
          type: 'string',
          description: 'A runbook run: the tracked branch commit every step’s definition is read at.',
        },
        steps: {
          type: 'array',
          description: 'A runbook run: its steps as they stand (docs/runbooks.md).',
          items: ref('RunbookStepState'),
        },
        cancel_requested: {
          ...WHO_AND_WHEN,
          description: 'A request to cancel a runbook run: by whom and when.',
        },
        planned_at: {
          ...DATE_TIME,
          description: 'A scheduled firing: the time the schedule planned (docs/schedules.md).',
        },
        missed: {
          type: 'object',
          description:
            'A `missed` record: how many firings of the outage did not run, the first and last planned.',
          required: ['count', 'first', 'last'],
          properties: { count: { type: 'integer', minimum: 1 }, first: DATE_TIME, last: DATE_TIME },
        },
        schedule: {
          type: 'object',
          description: 'A scheduled run: the definition kind and the commit that carried its schedule.',
          required: ['kind', 'cron', 'timezone', 'commit'],
          properties: {
            kind: { enum: SCHEDULED_KINDS },
            cron: { type: 'string' },
            timezone: { type: 'string' },
            commit: { type: 'string' },
          },
        },
        recorded_via: {
          enum: ['local', 'server'],
          description:
            'Who wrote the record: the CLI into its own journal, or the service (docs/executions.md).',
        },
        late_end: {
          type: 'object',
          description:
            'A remote run closed `abandoned` (its lease lapsed) whose CLI delivered its end afterwards: that end, ' +
            'kept without changing the status (docs/executions.md, Remote recording).',
          required: ['status', 'finished_at', 'duration_ms', 'exit_code', 'delivered_at'],
          properties: {
            status: { enum: [...RUN_OUTCOMES] },
            finished_at: DATE_TIME,
            duration_ms: { type: 'integer', minimum: 0 },
            exit_code: { type: ['integer', 'null'] },
            results: { type: 'array', items: ref('TargetResult') },
            error: { type: 'string' },
            delivered_at: DATE_TIME,
          },
        },
      },
    },
    ExternalExecution: {
      type: 'object',
      description: 'A run done elsewhere, recorded with trigger `external` unless another is given.',
      additionalProperties: false,
      required: ['action_id', 'status', 'started_at'],
      properties: {
        action_id: { type: 'string', pattern: DEFINITION_ID_PATTERN },
        status: { enum: [...RUN_STATUSES] },
        started_at: DATE_TIME,
        finished_at: DATE_TIME,
        duration_ms: { type: 'integer', minimum: 0, maximum: 31_536_000_000 },
        exit_code: { type: 'integer', minimum: -1_000_000, maximum: 1_000_000 },
        trigger: {
          // Any but `api`: that one is the service's own runs (POST /actions/{id}/executions).
          enum: TRIGGERS.filter((t) => t !== 'api'),
          default: 'external',
        },
        targets: TARGET_LIST,
        parameters: PARAMETER_VALUES,
        error: { type: 'string', maxLength: 4000 },
      },
    },
    RunRequest: {
      type: 'object',
      additionalProperties: false,
      properties: {
        parameters: PARAMETER_VALUES,
        targets: TARGET_LIST,
      },
    },
    RunAccepted: {
      type: 'object',
      required: ['id', 'status', 'links'],
      properties: {
        id: { type: 'string' },
        status: { const: 'running' },
        links: {
          type: 'object',
          required: ['self'],
          properties: { self: { type: 'string' } },
        },
      },
    },
    ApiKey: {
      type: 'object',
      description: 'An API key as listed: never the key, never its hash.',
      required: [
        'id',
        'name',
        'user',
        'created_at',
        'created_by',
        'expires_at',
        'revoked_at',
        'last_used_at',
      ],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        user: { type: 'string' },
        created_at: DATE_TIME,
        created_by: { type: 'string' },
        expires_at: { oneOf: [DATE_TIME, { type: 'null' }] },
        revoked_at: { oneOf: [DATE_TIME, { type: 'null' }] },
        last_used_at: { oneOf: [DATE_TIME, { type: 'null' }] },
        rate_limit: { oneOf: [{ type: 'integer' }, { const: 'off' }, { type: 'null' }] },
      },
      not: { anyOf: [{ required: ['hash'] }, { required: ['key'] }] },
    },
    NewApiKey: {
      type: 'object',
      additionalProperties: false,
      required: ['user', 'name'],
      properties: {
        user: { type: 'string', format: 'email', maxLength: 254 },
        name: { type: 'string', minLength: 1, maxLength: 100 },
        expires: {
          type: 'string',
          maxLength: 40,
          description: 'e.g. 90d, 12h, 8w, 1y, an ISO date, or never (default 90d).',
        },
        rate_limit: {
          oneOf: [{ type: 'integer', minimum: 1, maximum: 1_000_000 }, { const: 'off' }],
          description: 'Requests per minute for this key, or off.',
        },
      },
    },
    AccessLogEntry: {
      type: 'object',
      required: ['seq', 'time', 'request_id', 'key_id', 'user', 'method', 'route', 'path', 'query', 'status'],
      properties: {
        seq: { type: 'integer' },
        time: DATE_TIME,
        request_id: { type: 'string' },
        key_id: { type: ['string', 'null'] },
        user: { type: ['string', 'null'] },
        method: { type: 'string' },
        route: { type: 'string' },
        path: { type: 'string' },
        query: { type: 'object' },
        status: { type: 'integer' },
        result_count: { type: ['integer', 'null'] },
      },
    },
    Health: {
      type: 'object',
      required: ['status', 'version'],
      properties: {
        status: { const: 'ok' },
        version: { type: 'string' },
        history_tip: { type: ['string', 'null'] },
        journal_head: {
          oneOf: [
            { type: 'null' },
            { type: 'object', properties: { seq: { type: 'integer' }, hash: { type: 'string' } } },
          ],
        },
        database: {
          type: 'object',
          description: 'Only when the journal is in PostgreSQL (docs/postgres.md, "Several instances").',
          required: ['backend', 'reachable', 'schema_version', 'expected_schema_version'],
          properties: {
            backend: { const: 'postgres' },
            reachable: { type: 'boolean' },
            schema_version: { type: ['integer', 'null'] },
            expected_schema_version: { type: 'integer' },
            error: { type: 'string' },
          },
        },
      },
    },
  };
}
