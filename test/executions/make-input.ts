import type { ExecutionInput } from '../../src/executions/types.js';

let counter = 0;

/** A valid execution input with readable defaults; `overrides` replace whole fields. */
export function makeInput(overrides: Partial<ExecutionInput> = {}): ExecutionInput {
  counter++;
  return {
    id: `ex-${String(counter).padStart(6, '0')}`,
    action_id: 'restart-web',
    definition: {
      commit: 'c'.repeat(40),
      blob: 'b'.repeat(40),
      path: 'definitions/actions/restart-web.yaml',
      version: 1,
      status: 'released',
      dirty: false,
    },
    trigger: 'manual',
    initiator: { user: 'alice@example.com', via: 'cli' },
    targets: ['web-01'],
    parameters: { service: 'nginx' },
    started_at: new Date(Date.UTC(2026, 0, 5, 9, 0, counter)).toISOString(),
    finished_at: null,
    duration_ms: null,
    status: 'running',
    exit_code: null,
    ...overrides,
  };
}
