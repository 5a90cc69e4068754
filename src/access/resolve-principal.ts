import type { Permission, Role } from '../definitions/types.js';

/** One grant of `actions:execute`: the role it comes from and its scope (undefined = every action). */
export interface ExecuteGrant {
  role: string;
  scope: readonly string[] | undefined;
}

/** Who is asking, and what the role files give them. Built once per request from the roles at the branch tip. */
export interface Principal {
  email: string;
  roles: string[];
  permissions: ReadonlySet<Permission>;
  executeGrants: ExecuteGrant[];
}

/** Normalise an email for comparison (emails are matched case-insensitively). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The principal of `email` under `roles`: the union of the permissions of every role listing it as a member. */
export function resolvePrincipal(email: string, roles: readonly Role[]): Principal {
  const me = normalizeEmail(email);
  const permissions = new Set<Permission>();
  const executeGrants: ExecuteGrant[] = [];
  const memberOf: string[] = [];
  for (const role of [...roles].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!role.members.some((m) => normalizeEmail(m) === me)) continue;
    memberOf.push(role.id);
    for (const p of role.permissions) permissions.add(p);
    if (role.permissions.includes('actions:execute')) {
      executeGrants.push({ role: role.id, scope: role.scope?.actions });
    }
  }
  return { email: me, roles: memberOf, permissions, executeGrants };
}
