import type { AuditUser, Forge } from './types.js';
import { DEFINITION_ID_BODY } from '../definitions/types.js';

/** What a commit message says about the change: its subject, pull request, co-authors and what it reverts. */
export interface CommitMessageFacts {
  subject: string;
  pullRequest: number | null;
  /** Which forge's merge or squash form named the pull request (docs/history.md "Pull request"). */
  forge: Forge | null;
  coAuthors: AuditUser[];
  /** The sha named by `This reverts commit <sha>` (as written; may be abbreviated). */
  revertsCommit: string | null;
  /** The `Reverts-Audit: ID@vN` trailer written by `opsledger revert --to`. */
  revertsAudit: { id: string; version: number } | null;
}

const MERGE_PR = /^Merge pull request #(\d+)\b/;
const SQUASH_PR = /\(#(\d+)\)\s*$/;
const GITLAB_MR = /^See merge request [^\s!]+!(\d+)\s*$/m;
const BITBUCKET_PR = /^Merged in \S+.*\(pull request #(\d+)\)/m;
const AZURE_PR = /^Merged PR (\d+):/m;
const CO_AUTHOR = /^co-authored-by:\s*(.+?)\s*<([^>]+)>\s*$/gim;
const REVERTS_COMMIT = /This reverts commit ([0-9a-f]{7,64})/i;
const REVERTS_AUDIT = new RegExp(
  `^Reverts-Audit:\\s*(${DEFINITION_ID_BODY}(?:/${DEFINITION_ID_BODY})?)@v(\\d+)\\s*$`,
  'im',
);

/** Read the facts of a commit message (pure). */
export function parseCommitMessage(message: string): CommitMessageFacts {
  const subject = message.split('\n', 1)[0]?.trim() ?? '';
  const { pullRequest, forge } = pullRequestOf(subject, message);
  const coAuthors: AuditUser[] = [];
  for (const m of message.matchAll(CO_AUTHOR)) {
    coAuthors.push({ name: (m[1] ?? '').trim(), email: (m[2] ?? '').trim() });
  }
  const revertsCommit = REVERTS_COMMIT.exec(message)?.[1]?.toLowerCase() ?? null;
  const audit = REVERTS_AUDIT.exec(message);
  return {
    subject,
    pullRequest,
    forge,
    coAuthors,
    revertsCommit,
    revertsAudit: audit?.[1] && audit[2] ? { id: audit[1], version: Number(audit[2]) } : null,
  };
}

/** The pull request a merge or squash message names, and the forge whose form it is (GitHub's first). */
function pullRequestOf(
  subject: string,
  message: string,
): { pullRequest: number | null; forge: Forge | null } {
  const forms: [Forge, RegExpExecArray | null][] = [
    ['github', MERGE_PR.exec(subject) ?? SQUASH_PR.exec(subject)],
    ['azure', AZURE_PR.exec(subject)],
    ['bitbucket', BITBUCKET_PR.exec(subject)],
    ['gitlab', GITLAB_MR.exec(message)],
    ['azure', AZURE_PR.exec(message)],
    ['bitbucket', BITBUCKET_PR.exec(message)],
  ];
  for (const [forge, m] of forms) if (m?.[1]) return { pullRequest: Number(m[1]), forge };
  return { pullRequest: null, forge: null };
}

/** Users without duplicates (by email, case-insensitive), first occurrence kept. */
export function uniqueUsers(users: readonly AuditUser[]): AuditUser[] {
  const seen = new Set<string>();
  return users.filter((u) => {
    const key = u.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
