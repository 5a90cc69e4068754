import type { AuditUser } from './types.js';

/** What a commit message says about the change: its subject, pull request, co-authors and what it reverts. */
export interface CommitMessageFacts {
  subject: string;
  pullRequest: number | null;
  coAuthors: AuditUser[];
  /** The sha named by `This reverts commit <sha>` (as written; may be abbreviated). */
  revertsCommit: string | null;
  /** The `Reverts-Audit: ID@vN` trailer written by `opsledger revert --to`. */
  revertsAudit: { id: string; version: number } | null;
}

const MERGE_PR = /^Merge pull request #(\d+)\b/;
const SQUASH_PR = /\(#(\d+)\)\s*$/;
const CO_AUTHOR = /^co-authored-by:\s*(.+?)\s*<([^>]+)>\s*$/gim;
const REVERTS_COMMIT = /This reverts commit ([0-9a-f]{7,64})/i;
const REVERTS_AUDIT =
  /^Reverts-Audit:\s*([a-z0-9][a-z0-9-]{0,62}(?:\/[a-z0-9][a-z0-9-]{0,62})?)@v(\d+)\s*$/im;

/** Read the facts of a commit message (pure). */
export function parseCommitMessage(message: string): CommitMessageFacts {
  const subject = message.split('\n', 1)[0]?.trim() ?? '';
  const pr = MERGE_PR.exec(subject) ?? SQUASH_PR.exec(subject);
  const coAuthors: AuditUser[] = [];
  for (const m of message.matchAll(CO_AUTHOR)) {
    coAuthors.push({ name: (m[1] ?? '').trim(), email: (m[2] ?? '').trim() });
  }
  const revertsCommit = REVERTS_COMMIT.exec(message)?.[1]?.toLowerCase() ?? null;
  const audit = REVERTS_AUDIT.exec(message);
  return {
    subject,
    pullRequest: pr?.[1] ? Number(pr[1]) : null,
    coAuthors,
    revertsCommit,
    revertsAudit: audit?.[1] && audit[2] ? { id: audit[1], version: Number(audit[2]) } : null,
  };
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
