import { normalizeEmail } from '../access/resolve-principal.js';
import type { EventApproval } from '../history/types.js';

/** Why a recorded review does not count as the second pair of eyes. */
export type IgnoredReason = 'not an approval' | 'by an author' | 'email unknown' | 'no definitions:approve';

/** The verdict on the approvals recorded for one change (docs/github.md "Approvals in the audit"). */
export interface RecordedApprovalVerdict {
  /** approved: a current approval counts; stale: only approvals of an older head would; unapproved: none would. */
  status: 'approved' | 'stale' | 'unapproved' | 'none recorded';
  approvedBy: EventApproval[];
  stale: EventApproval[];
  ignored: { approval: EventApproval; reason: IgnoredReason }[];
}

/**
 * Judge the reviews recorded for a change (pure): each reviewer's latest deciding review (COMMENTED never decides)
 * counts when it is APPROVED, not by one of the change's authors (`authors`: emails; the note's own author logins
 * are in `by_author`), maps to an email, and that email may approve the change (`mayApprove`: by the role files in
 * force just before the change). A counting approval given on an older head than the one merged is stale.
 */
export function judgeRecordedApprovals(
  approvals: readonly EventApproval[] | null,
  authors: readonly string[],
  mayApprove: (email: string) => boolean,
): RecordedApprovalVerdict {
  const verdict: RecordedApprovalVerdict = {
    status: 'none recorded',
    approvedBy: [],
    stale: [],
    ignored: [],
  };
  if (approvals === null) return verdict;
  const authorEmails = new Set(authors.map(normalizeEmail));
  const latest = new Map<string, EventApproval>();
  const ordered = [...approvals].sort((a, b) => Date.parse(a.submitted_at) - Date.parse(b.submitted_at));
  for (const a of ordered) {
    if (a.state === 'COMMENTED') verdict.ignored.push({ approval: a, reason: 'not an approval' });
    else latest.set(`${a.pull_request}:${a.reviewer_login.toLowerCase()}`, a);
  }
  for (const a of latest.values()) {
    const email = a.email === null ? null : normalizeEmail(a.email);
    const reason: IgnoredReason | null =
      a.state !== 'APPROVED'
        ? 'not an approval'
        : a.by_author || (email !== null && authorEmails.has(email))
          ? 'by an author'
          : email === null
            ? 'email unknown'
            : mayApprove(email)
              ? null
              : 'no definitions:approve';
    if (reason !== null) verdict.ignored.push({ approval: a, reason });
    else if (a.stale) verdict.stale.push(a);
    else verdict.approvedBy.push(a);
  }
  verdict.status =
    verdict.approvedBy.length > 0 ? 'approved' : verdict.stale.length > 0 ? 'stale' : 'unapproved';
  return verdict;
}
