import { ref } from '../openapi/components.js';
import { ID_PARAM, type ParamSpec } from '../route-spec.js';

export const RUN_ID: ParamSpec = {
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
  description: 'Runbook run id.',
  required: true,
};

export const STEP_ID: ParamSpec = { schema: ID_PARAM.schema, description: 'Step id.', required: true };

export const RUNBOOK_RUN = {
  type: 'object',
  description:
    'The latest `runbook_run` record (docs/runbooks.md): the fields of an execution record plus `steps`.',
  required: ['id', 'kind', 'action_id', 'status', 'steps'],
  properties: {
    id: { type: 'string' },
    kind: { const: 'runbook_run' },
    action_id: { type: 'string', description: 'The runbook id.' },
    status: {
      enum: [
        'running',
        'waiting',
        'succeeded',
        'failed',
        'cancelled',
        'abandoned',
        'denied',
        'missed',
        'skipped',
      ],
      description: '`missed` and `skipped`: a scheduled firing that did not run (docs/schedules.md).',
    },
    pinned_commit: { type: 'string' },
    steps: { type: 'array', items: ref('RunbookStepState') },
    step_executions: { type: 'array', items: ref('ExecutionRecord') },
  },
};
