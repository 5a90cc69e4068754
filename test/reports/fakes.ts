import type { ExecutionInput } from '../../src/executions/types.js';

/** A finished run with sensible defaults; `at` is the start, `ms` the duration. */
export function finishedRun(
  over: Partial<ExecutionInput> & { action_id: string; at: string; user: string; ms?: number },
): ExecutionInput {
  const { at, user, ms = 1200, ...rest } = over;
  const started = Date.parse(at);
  return {
    id: `${new Date(started)
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14)}-${over.action_id}`,
    definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    trigger: 'manual',
    initiator: { user, via: 'cli' },
    targets: [],
    parameters: {},
    started_at: new Date(started).toISOString(),
    finished_at: new Date(started + ms).toISOString(),
    duration_ms: ms,
    status: 'succeeded',
    exit_code: 0,
    ...rest,
  };
}
