import { describe, expect, it } from 'vitest';
import { parseRefUpdates, planRefUpdate, type RefPolicy } from '../../src/hooks/plan-ref-updates.js';

const ZERO = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const policy: RefPolicy = {
  trackedBranch: 'main',
  allBranches: false,
  allowDeleteTracked: false,
  allowForcePush: false,
};

describe('parseRefUpdates', () => {
  it('reads one update per line', () => {
    expect(parseRefUpdates(`${A} ${B} refs/heads/main\n\n${ZERO} ${A} refs/tags/v1\n`)).toEqual([
      { oldSha: A, newSha: B, ref: 'refs/heads/main' },
      { oldSha: ZERO, newSha: A, ref: 'refs/tags/v1' },
    ]);
  });
});

describe('planRefUpdate', () => {
  it('validates an update of the tracked branch, checking it fast-forwards', () => {
    expect(planRefUpdate({ oldSha: A, newSha: B, ref: 'refs/heads/main' }, policy)).toMatchObject({
      action: 'validate',
      rev: B,
      fastForwardFrom: A,
    });
  });

  it('validates a new tracked branch without a fast-forward check', () => {
    expect(planRefUpdate({ oldSha: ZERO, newSha: B, ref: 'refs/heads/main' }, policy)).toMatchObject({
      action: 'validate',
      fastForwardFrom: null,
    });
  });

  it('skips tags and other branches unless every branch is checked', () => {
    expect(planRefUpdate({ oldSha: ZERO, newSha: B, ref: 'refs/tags/v1' }, policy).action).toBe('skip');
    expect(planRefUpdate({ oldSha: A, newSha: B, ref: 'refs/heads/feature' }, policy).action).toBe('skip');
    expect(
      planRefUpdate({ oldSha: A, newSha: B, ref: 'refs/heads/feature' }, { ...policy, allBranches: true }),
    ).toMatchObject({ action: 'validate', fastForwardFrom: null });
  });

  it('refuses deleting the tracked branch unless allowed; other deletions pass', () => {
    expect(planRefUpdate({ oldSha: A, newSha: ZERO, ref: 'refs/heads/main' }, policy).action).toBe('reject');
    expect(
      planRefUpdate(
        { oldSha: A, newSha: ZERO, ref: 'refs/heads/main' },
        { ...policy, allowDeleteTracked: true },
      ).action,
    ).toBe('skip');
    expect(planRefUpdate({ oldSha: A, newSha: ZERO, ref: 'refs/heads/old' }, policy).action).toBe('skip');
  });

  it('follows the tracked branch of the config and allows force pushes when told', () => {
    const production = { ...policy, trackedBranch: 'production' };
    expect(planRefUpdate({ oldSha: A, newSha: B, ref: 'refs/heads/main' }, production).action).toBe('skip');
    expect(
      planRefUpdate(
        { oldSha: A, newSha: B, ref: 'refs/heads/production' },
        { ...production, allowForcePush: true },
      ),
    ).toMatchObject({ action: 'validate', fastForwardFrom: null });
  });
});
