import { describe, expect, it } from 'vitest';
import { checkCommitMessage } from '../../src/hooks/check-commit-message.js';

describe('checkCommitMessage', () => {
  it('accepts an ordinary message and a well-formed Reverts-Audit trailer', () => {
    expect(checkCommitMessage('Raise the restart timeout\n\nWhy: slow hosts.\n')).toEqual([]);
    expect(
      checkCommitMessage(
        'Restore restart-web to v3\n\nPut the old timeout back.\n\nReverts-Audit: restart-web@v3\nSigned-off-by: A <a@example.com>\n',
      ),
    ).toEqual([]);
  });

  it('refuses an empty message, ignoring comments and everything below the scissors', () => {
    expect(checkCommitMessage('\n# Please enter the commit message\n#\n')).toEqual([
      { line: 1, message: expect.stringContaining('empty') as string },
    ]);
    const scissors = '# ------------------------ >8 ------------------------\nReverts-Audit: nope\n';
    expect(checkCommitMessage(`Subject\n${scissors}`)).toEqual([]);
    expect(checkCommitMessage(`   \n${scissors}`)).toHaveLength(1);
  });

  it('names the line of a malformed trailer', () => {
    expect(checkCommitMessage('Restore\n\nReverts-Audit: restart-web v3\n')).toEqual([
      { line: 3, message: expect.stringContaining('not ID@vN') as string },
    ]);
    expect(checkCommitMessage('Restore\n\nreverts-audit: Restart_Web@v0\n')).toHaveLength(1);
  });

  it('requires the trailer in the last paragraph, where history looks for it', () => {
    const problems = checkCommitMessage('Restore\n\nReverts-Audit: restart-web@v3\n\nMore text after it.\n');
    expect(problems).toEqual([{ line: 3, message: expect.stringContaining('trailer block') as string }]);
    expect(checkCommitMessage('Restore\nReverts-Audit: restart-web@v3\n')).toHaveLength(1);
    expect(checkCommitMessage('Reverts-Audit: restart-web@v3\n')).toEqual([
      { line: 1, message: expect.stringContaining('not the subject') as string },
    ]);
  });

  it('honours another comment character', () => {
    expect(checkCommitMessage('; comment\nSubject\n', ';')).toEqual([]);
    expect(checkCommitMessage('; only a comment\n', ';')).toHaveLength(1);
  });
});
