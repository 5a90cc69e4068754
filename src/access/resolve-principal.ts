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
  return resolveIn(indexRoles(roles), email);
}

/** Role files made ready to resolve many people against: sorted by id, each role's members normalised once. */
export interface RoleIndex {
  roles: readonly Role[];
  members: readonly ReadonlySet<string>[];
}

export function indexRoles(roles: readonly Role[]): RoleIndex {
  const sorted = [...roles].sort((a, b) => a.id.localeCompare(b.id));
  return { roles: sorted, members: sorted.map((role) => new Set(role.members.map(normalizeEmail))) };
}

/** resolvePrincipal against role files indexed once (a report asks for thousands of people and snapshots). */
export function resolveIn(index: RoleIndex, email: string): Principal {
  const me = normalizeEmail(email);
  const permissions = new Set<Permission>();
  const executeGrants: ExecuteGrant[] = [];
  const memberOf: string[] = [];
  index.roles.forEach((role, i) => {
    if (!index.members[i]!.has(me)) return;
    memberOf.push(role.id);
    for (const p of role.permissions) permissions.add(p);
    if (role.permissions.includes('actions:execute')) {
      executeGrants.push({ role: role.id, scope: role.scope?.actions });
    }
  });
  return { email: me, roles: memberOf, permissions, executeGrants };
}
