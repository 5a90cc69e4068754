import { describe, expect, it } from 'vitest';
import type { Runbook, RunbookStep } from '../../src/definitions/types.js';
import type { RunbookStepState } from '../../src/executions/types.js';
import { foldAttempt, planNextStep } from '../../src/runbooks/plan-next-step.js';
import { parseDuration } from '../../src/runbooks/parse-duration.js';
import { parseTemplate, renderTemplate } from '../../src/runbooks/parse-template.js';

const book = (steps: Partial<RunbookStep>[]): Runbook => ({
  id: 'rb',
  name: 'rb',
  owner: 'a@example.com',
  status: 'released',
  steps: steps.map((s, i) => ({ id: `s${i + 1}`, name: `s${i + 1}`, action: 'x', ...s })),
});
const state = (
  id: string,
  status: RunbookStepState['status'],
  runs = 0,
  exit: number | null = null,
): RunbookStepState => ({
  id,
  action: 'x',
  status,
  executions: Array.from({ length: runs }, (_, i) => `${id}-${i}`),
  exit_code: exit,
});

describe('#17.1 the runbook planner (pure)', () => {
  it('#17.1 runs pending steps in order with their delay, skips by when, waits for manual steps, ends failed when a step failed', () => {
    const rb = book([{}, { delay: 'PT1M30S' }, { when: 'on_failure' }, { automatic: false, when: 'always' }]);
    expect(
      planNextStep(
        rb,
        [state('s1', 'pending'), state('s2', 'pending'), state('s3', 'pending'), state('s4', 'pending')],
        {},
      ),
    ).toMatchObject({ kind: 'run', index: 0, attempt: 1, delayMs: 0 });
    expect(
      planNextStep(
        rb,
        [state('s1', 'succeeded', 1), state('s2', 'pending'), state('s3', 'pending'), state('s4', 'pending')],
        {},
      ),
    ).toMatchObject({ kind: 'run', index: 1, delayMs: 90_000 });
    expect(
      planNextStep(
        rb,
        [
          state('s1', 'succeeded', 1),
          state('s2', 'succeeded', 1),
          state('s3', 'pending'),
          state('s4', 'pending'),
        ],
        {},
      ),
    ).toEqual({ kind: 'skip', index: 2, reason: 'when: on_failure, and every earlier step succeeded' });
    expect(
      planNextStep(
        rb,
        [
          state('s1', 'succeeded', 1),
          state('s2', 'succeeded', 1),
          state('s3', 'skipped'),
          state('s4', 'pending'),
        ],
        {},
      ),
    ).toEqual({ kind: 'wait', index: 3 });
    expect(
      planNextStep(
        rb,
        [
          state('s1', 'succeeded', 1),
          state('s2', 'succeeded', 1),
          state('s3', 'skipped'),
          state('s4', 'confirmed'),
        ],
        {},
      ),
    ).toMatchObject({ kind: 'run', index: 3 });
    expect(
      planNextStep(
        rb,
        [
          state('s1', 'succeeded', 1),
          state('s2', 'timed_out', 1),
          state('s3', 'succeeded', 1),
          state('s4', 'succeeded', 1),
        ],
        {},
      ),
    ).toEqual({ kind: 'done', status: 'failed' });
    expect(
      planNextStep(
        rb,
        [
          state('s1', 'succeeded', 1),
          state('s2', 'succeeded', 1),
          state('s3', 'skipped'),
          state('s4', 'rejected'),
        ],
        {},
      ),
    ).toMatchObject({ kind: 'done', status: 'cancelled' });
  });

  it('#17.1 repeat: each repetition is another run after `every`; until: succeeded stops at the first success, times bounds it', () => {
    const until = book([{ repeat: { every: 'PT10S', until: 'succeeded', times: 3 } }]);
    expect(planNextStep(until, [state('s1', 'failed', 1)], {})).toMatchObject({
      kind: 'run',
      attempt: 2,
      delayMs: 10_000,
    });
    expect(planNextStep(until, [state('s1', 'succeeded', 2)], {})).toEqual({
      kind: 'done',
      status: 'succeeded',
    });
    expect(planNextStep(until, [state('s1', 'failed', 3)], {})).toEqual({ kind: 'done', status: 'failed' });
    const times = book([{ repeat: { every: 'PT1S', times: 2 } }]);
    expect(planNextStep(times, [state('s1', 'succeeded', 1)], {})).toMatchObject({ kind: 'run', attempt: 2 });
    expect(planNextStep(times, [state('s1', 'succeeded', 2)], {})).toEqual({
      kind: 'done',
      status: 'succeeded',
    });
    // times keeps the worst run; until keeps the last
    expect(foldAttempt(times.steps[0]!, 'failed', 2, 'succeeded')).toBe('failed');
    expect(foldAttempt(until.steps[0]!, 'failed', 2, 'succeeded')).toBe('succeeded');
  });

  it('#17.1 ${{ }} references: params and earlier steps, typed when alone, spliced in text; nothing is evaluated', () => {
    const scope = {
      params: { service: 'nginx', count: 3 },
      steps: new Map([['drain', { status: 'failed', exit_code: 4 }]]),
    };
    expect(renderTemplate('${{ params.count }}', scope)).toBe(3);
    expect(
      renderTemplate(
        'svc=${{params.service}} drain=${{ steps.drain.status }}/${{ steps.drain.exit_code }}',
        scope,
      ),
    ).toBe('svc=nginx drain=failed/4');
    expect(renderTemplate('${{ steps.later.status }}', scope)).toBe('skipped');
    expect(() => parseTemplate('${{ process.env.HOME }}')).toThrow(/not an expression/);
    expect(() => parseTemplate('${{ params.a + 1 }}')).toThrow(/not an expression/);
    expect(() => parseTemplate('${{ params.a')).toThrow(/not closed/);
    expect(renderTemplate('$(rm -rf /) ${{ params.service }}', scope)).toBe('$(rm -rf /) nginx');
  });

  it('#17.1 ISO 8601 durations of days to seconds', () => {
    expect(parseDuration('PT30S')).toBe(30_000);
    expect(parseDuration('P1DT2H')).toBe(93_600_000);
    expect(parseDuration('PT0.5S')).toBe(500);
    for (const bad of ['P', 'PT', 'P1W', '30s', 'P1M2']) expect(parseDuration(bad)).toBeNull();
  });
});
