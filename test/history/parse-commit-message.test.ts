import { describe, expect, it } from 'vitest';
import { parseCommitMessage, uniqueUsers } from '../../src/history/parse-commit-message.js';

describe('parseCommitMessage', () => {
  it('reads the pull request of a merge subject', () => {
    expect(parseCommitMessage('Merge pull request #42 from alice/timeout\n\nRaise timeout').pullRequest).toBe(
      42,
    );
  });

  it('reads the pull request of a squash subject ending in (#N)', () => {
    expect(parseCommitMessage('Raise restart timeout (#12)').pullRequest).toBe(12);
    expect(parseCommitMessage('Raise restart timeout (#12) again').pullRequest).toBeNull();
    expect(parseCommitMessage('Fix #12 in body').pullRequest).toBeNull();
  });

  it('collects Co-authored-by trailers', () => {
    const facts = parseCommitMessage(
      'Change\n\nCo-authored-by: Bob Builder <bob@example.com>\nco-authored-by: Zoë <zoe@example.com>',
    );
    expect(facts.coAuthors).toEqual([
      { name: 'Bob Builder', email: 'bob@example.com' },
      { name: 'Zoë', email: 'zoe@example.com' },
    ]);
  });

  it('reads what a commit reverts', () => {
    const sha = 'a'.repeat(40);
    expect(parseCommitMessage(`Revert "x"\n\nThis reverts commit ${sha}.`).revertsCommit).toBe(sha);
    expect(parseCommitMessage('Revert restart-web\n\nReverts-Audit: restart-web@v3').revertsAudit).toEqual({
      id: 'restart-web',
      version: 3,
    });
    expect(parseCommitMessage('Plain change').revertsAudit).toBeNull();
  });

  it('#14.8 reads GitLab, Bitbucket and Azure DevOps merge requests, and says which forge', () => {
    const facts = (m: string) => {
      const f = parseCommitMessage(m);
      return [f.pullRequest, f.forge];
    };
    expect(facts("Merge branch 'x' into 'main'\n\nBody\n\nSee merge request group/sub/project!123")).toEqual([
      123,
      'gitlab',
    ]);
    expect(facts('Merged in feature/x (pull request #45)\n\nApproved-by: Bob')).toEqual([45, 'bitbucket']);
    expect(facts('Merged PR 678: Raise the timeout')).toEqual([678, 'azure']);
    expect(facts('Squash of things\n\nMerged PR 9: body form')).toEqual([9, 'azure']);
    expect(facts('Merge pull request #7 from a/b')).toEqual([7, 'github']);
    expect(facts('Raise timeout (#12)')).toEqual([12, 'github']);
    expect(facts('See merge request nothing here')).toEqual([null, null]);
    expect(facts('Mention Merged PR 5: inline, not at a line start')).toEqual([null, null]);
  });

  it('takes the first line as the subject', () => {
    expect(parseCommitMessage('  Subject line  \n\nbody').subject).toBe('Subject line');
  });
});

describe('uniqueUsers', () => {
  it('drops repeated emails, case-insensitively, keeping the first', () => {
    expect(
      uniqueUsers([
        { name: 'A', email: 'a@x.com' },
        { name: 'A2', email: 'A@X.com' },
        { name: 'B', email: 'b@x.com' },
      ]),
    ).toEqual([
      { name: 'A', email: 'a@x.com' },
      { name: 'B', email: 'b@x.com' },
    ]);
  });
});
