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
  const sorted = orderOf(roles).map((i) => roles[i]!);
  return { roles: sorted, members: sorted.map(membersOf) };
}

/**
 * A role's members normalised, once per role object: a report's role snapshots share the objects of the role files a
 * commit left unchanged (assemble-report-input.ts), so most are normalised once, not once per snapshot.
 */
function membersOf(role: Role): ReadonlySet<string> {
  let members = normalizedMembers.get(role);
  if (!members) normalizedMembers.set(role, (members = new Set(role.members.map(normalizeEmail))));
  return members;
}

const normalizedMembers = new WeakMap<Role, ReadonlySet<string>>();

/**
 * The positions of `roles` sorted by id (localeCompare), kept per list of ids: a report indexes the role files of
 * each of hundreds of commits, nearly always the same ids, and localeCompare is slow.
 */
function orderOf(roles: readonly Role[]): number[] {
  // The ids of the list asked about before, nearly always the same: compared in place, no key made.
  if (last && last.ids.length === roles.length && roles.every((r, i) => r.id === last!.ids[i]))
    return last.order;
  const key = roles.map((r) => r.id).join('\n');
  let order = orders.get(key);
  if (!order) {
    order = roles.map((_r, i) => i).sort((a, b) => roles[a]!.id.localeCompare(roles[b]!.id) || a - b);
    if (orders.size >= 256) orders.clear();
    orders.set(key, order);
  }
  last = { ids: roles.map((r) => r.id), order };
  return order;
}

let last: { ids: readonly string[]; order: number[] } | null = null;

const orders = new Map<string, number[]>();

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
