import type { ExecutionQuery } from './types.js';

/** The filters of `opsledger executions` and `GET /executions`, under the same names in both. */
export const EXECUTION_FILTERS = [
  'action',
  'user',
  'status',
  'target',
  'trigger',
  'since',
  'until',
] as const satisfies readonly (keyof ExecutionQuery)[];
export type ExecutionFilters = Pick<ExecutionQuery, (typeof EXECUTION_FILTERS)[number]>;

/** The journal query of a parsed CLI options object or API query string: its set, non-empty filters. */
export function executionFilters(source: ExecutionFilters): ExecutionFilters {
  const filters: Record<string, unknown> = {};
  for (const key of EXECUTION_FILTERS) if (source[key]) filters[key] = source[key];
  return filters as ExecutionFilters;
}
