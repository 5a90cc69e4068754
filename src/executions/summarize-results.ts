import type { ExecutionInput, ExecutionStatus } from './types.js';

type TargetResult = NonNullable<ExecutionInput['results']>[number];

/**
 * The status and exit code of a whole run from its per-target results: cancelled if any target was cancelled, else
 * timed out if any timed out, else failed if any failed, else succeeded; the exit code is the first non-zero one.
 */
export function summarizeResults(results: readonly TargetResult[]): {
  status: ExecutionStatus;
  exit_code: number | null;
} {
  const has = (s: ExecutionStatus): boolean => results.some((r) => r.status === s);
  const status: ExecutionStatus = has('cancelled')
    ? 'cancelled'
    : has('timed_out')
      ? 'timed_out'
      : results.length === 0 || has('failed')
        ? 'failed'
        : 'succeeded';
  const codes = results.map((r) => r.exit_code);
  const exit_code =
    codes.find((c) => c !== null && c !== 0) ?? (codes.every((c) => c === 0) && codes.length > 0 ? 0 : null);
  return { status, exit_code };
}
