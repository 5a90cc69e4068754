import { decideAccess } from '../access/decide-access.js';
import {
  indexRoles,
  resolveIn,
  resolvePrincipal,
  type Principal,
  type RoleIndex,
} from '../access/resolve-principal.js';
import type { Permission, Role } from '../definitions/types.js';

/** What a permission is asked for: an action or runbook (its id and tags), or a role file. */
export interface PermissionSubject {
  kind: 'action' | 'runbook' | 'role';
  id: string;
  tags: readonly string[];
}

/**
 * Whether `email` holds `permission` for `subject` by the given role files — decided by `src/access` (the one place
 * that decides permissions), so reports judge the past by the same rules the server applies now: `admin` implies
 * everything, `actions:execute` is limited by the role's `scope.actions`, other permissions are not scoped.
 */
export function holdsPermission(
  roles: readonly Role[],
  email: string,
  permission: Permission,
  subject: PermissionSubject,
): boolean {
  return decide(resolvePrincipal(email, roles), permission, subject);
}

/**
 * What a person is and holds under one role-file snapshot, per snapshot (compared by identity: the point-in-time
 * index hands out one array per commit that changed role files, never changed after) and person. Shared by every
 * judge, so the parts of one report built one after the other ask each (snapshot, person) once; a snapshot's entries
 * go with it.
 */
const judged = new WeakMap<
  readonly Role[],
  { index: RoleIndex; byUser: Map<string, { principal: Principal; roles: string[] }> }
>();

/**
 * The same questions, memoized per role-file snapshot and person: judging a million runs asks about a few hundred
 * (snapshot, user) pairs.
 */
export function createPermissionJudge(): {
  holds(roles: readonly Role[], email: string, permission: Permission, subject: PermissionSubject): boolean;
  rolesOf(roles: readonly Role[], email: string): string[];
} {
  const cache = judged;
  const entry = (roles: readonly Role[], email: string) => {
    let snapshot = cache.get(roles);
    // Each role's members normalised once per snapshot, not once per person asked about.
    if (!snapshot) cache.set(roles, (snapshot = { index: indexRoles(roles), byUser: new Map() }));
    let e = snapshot.byUser.get(email);
    if (!e) {
      const principal = resolveIn(snapshot.index, email);
      // The ids sorted by code unit, for evidence (the principal's are in localeCompare order).
      snapshot.byUser.set(email, (e = { principal, roles: [...principal.roles].sort() }));
    }
    return e;
  };
  return {
    holds: (roles, email, permission, subject) => decide(entry(roles, email).principal, permission, subject),
    rolesOf: (roles, email) => entry(roles, email).roles,
  };
}

function decide(principal: Principal, permission: Permission, subject: PermissionSubject): boolean {
  if (permission === 'actions:execute' && subject.kind === 'action') {
    return decideAccess(principal, { kind: 'execute', action: { id: subject.id, tags: subject.tags } });
  }
  return decideAccess(principal, { kind: 'route', permission });
}
