import { describe, expect, it } from 'vitest';
import { judgePush } from '../../src/github/judge-push.js';

const AFTER = 'a'.repeat(40);
const TARGET = { owner: 'acme', repo: 'ops', branch: 'main' };
const push = (extra: Record<string, unknown> = {}) => ({
  ref: 'refs/heads/main',
  after: AFTER,
  deleted: false,
  repository: { full_name: 'acme/ops' },
  ...extra,
});

describe('judgePush: which GitHub pushes the service follows', () => {
  it('follows a push to the tracked branch of the configured repository (its name compared without case)', () => {
    expect(judgePush(push(), TARGET)).toEqual({ follow: true, after: AFTER });
    expect(judgePush(push({ repository: { full_name: 'ACME/Ops' } }), TARGET)).toEqual({
      follow: true,
      after: AFTER,
    });
  });

  it.each([
    [
      'another branch',
      push({ ref: 'refs/heads/feature' }),
      /refs\/heads\/feature, not the tracked branch main/,
    ],
    ['a tag', push({ ref: 'refs/tags/v1' }), /refs\/tags\/v1/],
    ['another repository', push({ repository: { full_name: 'acme/other' } }), /acme\/other, not acme\/ops/],
    ['no repository', push({ repository: null }), /an unnamed repository/],
    ['the branch deleted', push({ deleted: true }), /was deleted on GitHub/],
    ['no commit', push({ after: 'nope' }), /names no commit/],
  ])('ignores %s, saying why', (_what, payload, why) => {
    const verdict = judgePush(payload, TARGET);
    expect(verdict.follow).toBe(false);
    expect(verdict.follow ? '' : verdict.why).toMatch(why);
  });

  it('ignores every push when the repository is not configured', () => {
    const verdict = judgePush(push(), { owner: undefined, repo: undefined, branch: 'main' });
    expect(verdict).toEqual({ follow: false, why: expect.stringMatching(/github.owner and github.repo/) });
  });
});
