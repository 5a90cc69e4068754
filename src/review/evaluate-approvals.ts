import { normalizeEmail } from '../access/resolve-principal.js';
import type { ApprovalRecord } from './approval-note.js';
import type { DefinitionKind } from '../definitions/types.js';
import type { PrCheckReport } from './pr-check-report.js';

/** A review as the code host reports it; `email` may be left out (it is then looked up by login in the report). */
export type Review = Omit<ApprovalRecord, 'email'> & { email?: string | null };

/** Someone whose approval counts or went stale. */
export interface Reviewer {
  login: string;
  email: string | null;
}

/** A changed definition that lacks approvals. */
export interface MissingApproval {
  kind: DefinitionKind;
  id: string;
  required: number;
  /** Approvals that count for it now. */
  approved: number;
  /** Who could give them. */
  approvers: string[];
}

/** The verdict on a pull request's reviews (docs/github.md "Approvals"). */
export interface ApprovalEvaluation {
  satisfied: boolean;
  required: number;
  /** Current approvals on the checked head by people who are not authors and may approve some changed definition. */
  approvedBy: Reviewer[];
  missing: MissingApproval[];
  /** Approvals given on an older head: they do not count until renewed. */
  stale: (Reviewer & { commit_id: string })[];
}

/**
 * Judge the reviews against a pr-check report (pure). Each reviewer's latest APPROVED, CHANGES_REQUESTED or
 * DISMISSED review is their state (COMMENTED changes nothing, as on GitHub). An approval counts for a definition
 * when it was given on the checked head, its reviewer is not one of the pull request's authors (`prAuthors`: logins
 * or emails, plus the commit authors in the report) and its email is among the definition's approvers.
 */
export function evaluateApprovals(
  report: PrCheckReport,
  reviews: readonly Review[],
  prAuthors: readonly string[],
): ApprovalEvaluation {
  const emailOfLogin = new Map<string, string>();
  for (const approver of report.approvals.approvers) {
    for (const login of approver.logins) emailOfLogin.set(login.toLowerCase(), approver.email);
  }
  const authors = new Set([
    ...prAuthors.map((a) => (a.includes('@') ? normalizeEmail(a) : a.toLowerCase())),
    ...report.approvals.authors.map((a) => normalizeEmail(a.email)),
  ]);
  const approvedBy: Reviewer[] = [];
  const stale: ApprovalEvaluation['stale'] = [];
  for (const review of latestStates(reviews)) {
    if (review.state !== 'APPROVED') continue;
    const login = review.reviewer_login;
    const email = review.email
      ? normalizeEmail(review.email)
      : (emailOfLogin.get(login.toLowerCase()) ?? null);
    if (authors.has(login.toLowerCase()) || (email !== null && authors.has(email))) continue;
    if (review.commit_id !== report.head.sha) stale.push({ login, email, commit_id: review.commit_id });
    else approvedBy.push({ login, email });
  }
  const missing: MissingApproval[] = [];
  const counted = new Set<string>();
  for (const def of report.definitions) {
    const eligible = new Set(def.approvers.map(normalizeEmail));
    const approvals = approvedBy.filter((r) => r.email !== null && eligible.has(r.email));
    approvals.forEach((r) => counted.add(r.login));
    if (approvals.length < def.approvals_required) {
      missing.push({
        kind: def.kind,
        id: def.id,
        required: def.approvals_required,
        approved: approvals.length,
        approvers: def.approvers,
      });
    }
  }
  return {
    satisfied: missing.length === 0,
    required: report.approvals.required,
    approvedBy: approvedBy.filter((r) => counted.has(r.login)),
    missing,
    stale,
  };
}

/** Each reviewer's latest deciding review (oldest first by submission time; COMMENTED never decides). */
function latestStates(reviews: readonly Review[]): Review[] {
  const byLogin = new Map<string, Review>();
  const ordered = [...reviews].sort((a, b) => Date.parse(a.submitted_at) - Date.parse(b.submitted_at));
  for (const review of ordered) {
    if (review.state === 'COMMENTED') continue;
    byLogin.set(review.reviewer_login.toLowerCase(), review);
  }
  return [...byLogin.values()];
}
