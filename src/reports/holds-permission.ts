import { decideAccess } from '../access/decide-access.js';
import { normalizeEmail, resolvePrincipal } from '../access/resolve-principal.js';
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
  const principal = resolvePrincipal(email, roles);
  if (permission === 'actions:execute' && subject.kind === 'action') {
    return decideAccess(principal, { kind: 'execute', action: { id: subject.id, tags: subject.tags } });
  }
  return decideAccess(principal, { kind: 'route', permission });
}

/** The ids of the roles `email` is a member of, sorted (evidence for findings). */
export function rolesOfMember(roles: readonly Role[], email: string): string[] {
  const who = normalizeEmail(email);
  return roles
    .filter((role) => role.members.some((m) => normalizeEmail(m) === who))
    .map((role) => role.id)
    .sort();
}
