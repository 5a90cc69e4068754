import { describe, expect, it } from 'vitest';
import { evaluateApprovals, type Review } from '../../src/review/evaluate-approvals.js';
import type { ChangedDefinition, PrCheckReport } from '../../src/review/pr-check-report.js';

const HEAD = 'b'.repeat(40);
const OLD = 'a'.repeat(40);

function report(defs: Partial<ChangedDefinition>[]): PrCheckReport {
  return {
    version: 1,
    base: { ref: 'main', sha: '1'.repeat(40) },
    head: { ref: 'feature', sha: HEAD },
    merge_base: '1'.repeat(40),
    ok: true,
    counts: { definitions: defs.length, errors: 0, warnings: 0 },
    findings: [],
    definitions: defs.map((d, i) => ({
      kind: 'action',
      auditable_type: 'Action',
      id: `a${i}`,
      action: 'update',
      path: `definitions/actions/a${i}.yaml`,
      status: { before: 'released', after: 'released' },
      audited_changes: {},
      steps: [],
      locations: [],
      findings: [],
      risk: 'high',
      risk_reasons: [],
      approvals_required: 1,
      approvers: ['carol@example.com', 'bob@example.com', 'dave@example.com'],
      ...d,
    })),
    impact: { runbooks: [], access: [], schedules: [] },
    risk: 'high',
    approvals: {
      required: Math.max(0, ...defs.map((d) => d.approvals_required ?? 1)),
      authors: [{ name: 'Bob', email: 'bob@example.com' }],
      approvers: [
        { email: 'carol@example.com', roles: ['approvers'], logins: ['carol-gh'] },
        { email: 'bob@example.com', roles: ['approvers'], logins: ['bob-gh'] },
        { email: 'dave@example.com', roles: ['approvers'], logins: ['dave-gh'] },
      ],
    },
  };
}

const review = (
  login: string,
  state: Review['state'],
  commit = HEAD,
  at = '2026-01-05T10:00:00Z',
): Review => ({
  reviewer_login: login,
  state,
  commit_id: commit,
  submitted_at: at,
});

describe('#18 evaluateApprovals', () => {
  it('needs an approver; the author approving their own pull request does not count', () => {
    const r = report([{}]);
    expect(evaluateApprovals(r, [], ['bob-gh']).satisfied).toBe(false);
    const own = evaluateApprovals(r, [review('bob-gh', 'APPROVED')], ['bob-gh']);
    expect(own).toMatchObject({ satisfied: false, approvedBy: [] });
    expect(own.missing).toEqual([
      {
        kind: 'action',
        id: 'a0',
        required: 1,
        approved: 0,
        approvers: ['carol@example.com', 'bob@example.com', 'dave@example.com'],
      },
    ]);
    const ok = evaluateApprovals(r, [review('carol-gh', 'APPROVED')], ['bob-gh']);
    expect(ok).toMatchObject({
      satisfied: true,
      approvedBy: [{ login: 'carol-gh', email: 'carol@example.com' }],
    });
  });

  it('an approval of an older head is stale; a later dismissal or change request cancels; a comment does not', () => {
    const r = report([{}]);
    const stale = evaluateApprovals(r, [review('carol-gh', 'APPROVED', OLD)], []);
    expect(stale).toMatchObject({ satisfied: false, stale: [{ login: 'carol-gh', commit_id: OLD }] });
    const dismissed = [
      review('carol-gh', 'APPROVED'),
      review('carol-gh', 'DISMISSED', HEAD, '2026-01-05T11:00:00Z'),
    ];
    expect(evaluateApprovals(r, dismissed, []).satisfied).toBe(false);
    const commented = [
      review('carol-gh', 'APPROVED'),
      review('carol-gh', 'COMMENTED', HEAD, '2026-01-05T11:00:00Z'),
    ];
    expect(evaluateApprovals(r, commented, []).satisfied).toBe(true);
  });

  it('an unknown login or someone outside the approvers never counts; two definitions need two approvals each when asked', () => {
    expect(evaluateApprovals(report([{}]), [review('mallory', 'APPROVED')], []).satisfied).toBe(false);
    const r = report([
      { approvals_required: 2 },
      { approvals_required: 1, approvers: ['carol@example.com'] },
    ]);
    const one = evaluateApprovals(r, [review('carol-gh', 'APPROVED')], []);
    expect(one.missing.map((m) => m.id)).toEqual(['a0']);
    const both = evaluateApprovals(
      r,
      [review('carol-gh', 'APPROVED'), review('dave-gh', 'APPROVED'), review('bob-gh', 'APPROVED')],
      ['alice'],
    );
    expect(both.satisfied).toBe(true);
  });

  it('a review carrying its email is matched by email; the commit authors in the report never count', () => {
    const r = report([{}]);
    const byEmail = { ...review('someone', 'APPROVED'), email: 'Carol@Example.com' };
    expect(evaluateApprovals(r, [byEmail], []).satisfied).toBe(true);
    const author = { ...review('other-login', 'APPROVED'), email: 'bob@example.com' };
    expect(evaluateApprovals(r, [author], []).satisfied).toBe(false);
  });
});
