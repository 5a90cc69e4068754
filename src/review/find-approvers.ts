import { matchActionScope, type ScopedAction } from '../access/match-action-scope.js';
import { normalizeEmail } from '../access/resolve-principal.js';
import type { DefinitionKind, Role } from '../definitions/types.js';
import type { Approver } from './pr-check-report.js';

/** What approval coverage looks at: the definition, and for a runbook the actions its steps call. */
export interface ApprovalSubject {
  kind: DefinitionKind;
  id: string;
  tags: readonly string[];
  /** For a runbook: the actions its steps call (with their tags). */
  calls: ScopedAction[];
}

/**
 * Who may approve a change of `subject` under `roles` (pure; docs/github.md "Approvals"): members of a role with
 * `admin`, or with `definitions:approve` whose `scope.actions` covers it — an action when the scope matches it, a
 * runbook when the scope matches every action it calls, a role only without a scope. Sorted emails.
 */
export function findApprovers(roles: readonly Role[], subject: ApprovalSubject): string[] {
  const out = new Set<string>();
  for (const role of roles) {
    if (!covers(role, subject)) continue;
    for (const member of role.members) out.add(normalizeEmail(member));
  }
  return [...out].sort();
}

function covers(role: Role, subject: ApprovalSubject): boolean {
  if (role.permissions.includes('admin')) return true;
  if (!role.permissions.includes('definitions:approve')) return false;
  const scope = role.scope?.actions;
  if (scope === undefined) return true;
  if (subject.kind === 'action') return matchActionScope(scope, subject);
  if (subject.kind === 'runbook') return subject.calls.every((action) => matchActionScope(scope, action));
  return false;
}

const NOREPLY = /^(?:\d+\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)@users\.noreply\.github\.com$/i;

/**
 * The approvers with their roles and known GitHub logins (pure): a login maps to an email through the config's
 * `github.github_logins` (login → email), or through a role member that is a GitHub noreply address.
 */
export function describeApprovers(
  roles: readonly Role[],
  emails: readonly string[],
  githubLogins: Readonly<Record<string, string>> = {},
): Approver[] {
  return [...new Set(emails.map(normalizeEmail))].sort().map((email) => {
    const logins = Object.entries(githubLogins)
      .filter(([, mapped]) => normalizeEmail(mapped) === email)
      .map(([login]) => login);
    const noreply = NOREPLY.exec(email)?.[1];
    if (noreply && !logins.some((l) => l.toLowerCase() === noreply.toLowerCase())) logins.push(noreply);
    const memberOf = roles
      .filter((role) => role.members.some((m) => normalizeEmail(m) === email))
      .map((role) => role.id)
      .sort();
    return { email, roles: memberOf, logins: logins.sort() };
  });
}

/** The email a GitHub login maps to (config mapping, then noreply role members), or null (pure). */
export function emailOfLogin(
  login: string,
  roles: readonly Role[],
  githubLogins: Readonly<Record<string, string>> = {},
): string | null {
  const wanted = login.toLowerCase();
  for (const [known, email] of Object.entries(githubLogins)) {
    if (known.toLowerCase() === wanted) return normalizeEmail(email);
  }
  for (const role of roles) {
    for (const member of role.members) {
      if (NOREPLY.exec(member)?.[1]?.toLowerCase() === wanted) return normalizeEmail(member);
    }
  }
  return null;
}
