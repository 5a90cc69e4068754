import { DEFINITION_ID_BODY } from '../definitions/types.js';
/** One problem with a commit message, at a 1-based line of the message file. */
export interface MessageProblem {
  line: number;
  message: string;
}

/** What `opsledger revert` writes and history reads: `Reverts-Audit: <definition id>@v<version>`. */
export const REVERTS_AUDIT_VALUE = new RegExp(`^${DEFINITION_ID_BODY}@v[1-9][0-9]*$`);

const SCISSORS = / -+ >8 -+/;

/**
 * Check a commit message as git will record it (comment lines and everything below the scissors line dropped): a
 * subject is required, and every `Reverts-Audit:` trailer must read `ID@vN` and sit in the trailer block (the last
 * paragraph), where history looks for it.
 */
export function checkCommitMessage(text: string, commentChar = '#'): MessageProblem[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const kept: { line: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith(commentChar)) {
      if (SCISSORS.test(line)) break;
      continue;
    }
    kept.push({ line: i + 1, text: line });
  }
  while (kept.length > 0 && kept[kept.length - 1]!.text.trim() === '') kept.pop();
  const first = kept.findIndex((l) => l.text.trim() !== '');
  if (first < 0) return [{ line: 1, message: 'the commit message is empty; write a subject line' }];
  const problems: MessageProblem[] = [];
  let lastBlank = -1;
  kept.forEach((l, i) => {
    if (l.text.trim() === '') lastBlank = i;
  });
  kept.forEach((l, i) => {
    const match = /^reverts-audit\s*:\s*(.*)$/i.exec(l.text);
    if (!match) return;
    const value = match[1]!.trim();
    if (!REVERTS_AUDIT_VALUE.test(value)) {
      problems.push({
        line: l.line,
        message: `Reverts-Audit trailer "${value}" is not ID@vN (e.g. "Reverts-Audit: restart-web@v3")`,
      });
    }
    if (i === first) {
      problems.push({ line: l.line, message: 'Reverts-Audit must be a trailer, not the subject line' });
    } else if (lastBlank < 0 || i < lastBlank) {
      problems.push({
        line: l.line,
        message: 'Reverts-Audit must be in the trailer block (the last paragraph of the message)',
      });
    }
  });
  return problems;
}
