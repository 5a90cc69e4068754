import type { Runbook, RunbookStep, Scalar } from '../definitions/types.js';
import { RUN_OUTCOMES, type RunbookStepState } from '../executions/types.js';
import { parseDuration } from './parse-duration.js';
import { renderTemplate } from './parse-template.js';

/** What a runbook run does next (docs/runbooks.md, "How a run proceeds"). */
export type StepDecision =
  | { kind: 'run'; index: number; attempt: number; delayMs: number; params: Record<string, Scalar> }
  | { kind: 'skip'; index: number; reason: string }
  | { kind: 'wait'; index: number }
  | { kind: 'done'; status: 'succeeded' | 'failed' | 'cancelled'; reason?: string };

/** A step that ran and ended: in one of the ends a run has. */
const EXECUTED: ReadonlySet<RunbookStepState['status']> = new Set(RUN_OUTCOMES);
/** A step that is over: it ran and ended, or it was skipped or rejected. */
const ENDED: ReadonlySet<RunbookStepState['status']> = new Set([...RUN_OUTCOMES, 'skipped', 'rejected']);
/** At most this many runs of an `until: succeeded` step without `times`. */
export const DEFAULT_REPEAT_LIMIT = 100;

/**
 * The next thing a run does, from the runbook pinned at its commit, its parameters and its steps as they stand.
 * Pure. Steps go in order; an ended step may be run again (`repeat`); a pending one runs, is skipped by its `when`
 * (`on_success`: every earlier executed step succeeded; `on_failure`: one of them did not; `always`), or waits for a
 * confirmation (`automatic: false`). A rejected step ends the run `cancelled`; otherwise the run is `failed` when
 * any executed step did not succeed, else `succeeded`.
 */
export function planNextStep(
  runbook: Runbook,
  states: readonly RunbookStepState[],
  params: Readonly<Record<string, Scalar>>,
): StepDecision {
  for (let index = 0; index < runbook.steps.length; index++) {
    const step = runbook.steps[index]!;
    const state = states[index]!;
    if (state.status === 'rejected') {
      return { kind: 'done', status: 'cancelled', reason: `step "${step.id}" was rejected` };
    }
    if (ENDED.has(state.status)) {
      if (shouldRepeat(step, state)) {
        return {
          kind: 'run',
          index,
          attempt: state.executions.length + 1,
          delayMs: parseDuration(step.repeat!.every) ?? 0,
          params: renderStepParams(step, states, params),
        };
      }
      continue;
    }
    if (state.status === 'waiting') return { kind: 'wait', index };
    if (state.status === 'pending') {
      const skip = describeSkip(step, states.slice(0, index));
      if (skip) return { kind: 'skip', index, reason: skip };
      if (step.automatic === false) return { kind: 'wait', index };
    }
    // pending (automatic), confirmed, or running (a run resumed between attempts)
    return {
      kind: 'run',
      index,
      attempt: state.executions.length + 1,
      delayMs: step.delay ? (parseDuration(step.delay) ?? 0) : 0,
      params: renderStepParams(step, states, params),
    };
  }
  const failed = states.some((s) => EXECUTED.has(s.status) && s.status !== 'succeeded');
  return { kind: 'done', status: failed ? 'failed' : 'succeeded' };
}

/** Why a pending step does not run by its `when`, or null when it runs. */
export function describeSkip(step: RunbookStep, earlier: readonly RunbookStepState[]): string | null {
  const executed = earlier.filter((s) => EXECUTED.has(s.status));
  const failed = executed.filter((s) => s.status !== 'succeeded');
  const when = step.when ?? 'on_success';
  if (when === 'on_success' && failed.length > 0) {
    return `when: on_success, but step "${failed[0]!.id}" ${failed[0]!.status}`;
  }
  if (when === 'on_failure' && failed.length === 0) {
    return executed.length === 0
      ? 'when: on_failure, and no earlier step ran'
      : 'when: on_failure, and every earlier step succeeded';
  }
  return null;
}

/** Whether an ended step runs again: `repeat` with runs left, and (with `until: succeeded`) not succeeded yet. */
export function shouldRepeat(step: RunbookStep, state: RunbookStepState): boolean {
  if (!step.repeat || !EXECUTED.has(state.status)) return false;
  if (state.status === 'cancelled') return false;
  const limit = step.repeat.times ?? DEFAULT_REPEAT_LIMIT;
  if (state.executions.length >= limit) return false;
  return step.repeat.until === 'succeeded' ? state.status !== 'succeeded' : true;
}

/** A step's status after one more run ended: `until: succeeded` keeps the last, `times` the worst so far. */
export function foldAttempt(
  step: RunbookStep,
  previous: RunbookStepState['status'],
  attempt: number,
  result: RunbookStepState['status'],
): RunbookStepState['status'] {
  if (attempt === 1 || step.repeat?.until === 'succeeded') return result;
  return previous !== 'succeeded' && EXECUTED.has(previous) ? previous : result;
}

/** The step's `with`, its `${{ … }}` references read from the run's parameters and earlier steps. */
export function renderStepParams(
  step: RunbookStep,
  states: readonly RunbookStepState[],
  params: Readonly<Record<string, Scalar>>,
): Record<string, Scalar> {
  const steps = new Map(states.map((s) => [s.id, { status: s.status, exit_code: s.exit_code }]));
  const out: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(step.with ?? {}))
    out[key] = renderTemplate(value, { params, steps });
  return out;
}
