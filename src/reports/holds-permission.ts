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
const judged = new WeakMap<readonly Role[], { index: RoleIndex; byUser: Map<string, Judged> }>();

interface Judged {
  principal: Principal;
  /** The role ids, sorted by code unit (for evidence). */
  roles: string[];
  /**
   * All that decides `actions:execute` for this principal, as one string: `*` for an admin, else the scopes of its
   * execute grants. Role files change often while most people's grants stay the same: equal strings, equal answers.
   */
  grants: string;
}

/**
 * The same questions, memoized per role-file snapshot and person: judging a million runs asks about a few hundred
 * (snapshot, user) pairs.
 */
export function createPermissionJudge(): {
  holds(roles: readonly Role[], email: string, permission: Permission, subject: PermissionSubject): boolean;
  /**
   * `holds(roles, email, 'actions:execute', {kind: 'action', id: action, tags: tags ?? []})`, answered once per
   * (grants, action, tags) this judge is asked about: a run's roles change with every commit to a role file, its
   * user's grants seldom. `tags` is compared by identity (the point-in-time index hands out one array per change).
   */
  mayExecute(roles: readonly Role[], email: string, action: string, tags: readonly string[] | null): boolean;
  rolesOf(roles: readonly Role[], email: string): string[];
} {
  const cache = judged;
  // grants → action → tags → answer.
  const answers = new Map<string, Map<string, Map<readonly string[] | null, boolean>>>();
  const entry = (roles: readonly Role[], email: string): Judged => {
    let snapshot = cache.get(roles);
    // Each role's members normalised once per snapshot, not once per person asked about.
    if (!snapshot) cache.set(roles, (snapshot = { index: indexRoles(roles), byUser: new Map() }));
    let e = snapshot.byUser.get(email);
    if (!e) {
      const principal = resolveIn(snapshot.index, email);
      // The ids sorted by code unit, for evidence (the principal's are in localeCompare order).
      snapshot.byUser.set(
        email,
        (e = { principal, roles: [...principal.roles].sort(), grants: grantsOf(principal) }),
      );
    }
    return e;
  };
  return {
    holds: (roles, email, permission, subject) => decide(entry(roles, email).principal, permission, subject),
    mayExecute: (roles, email, action, tags) => {
      const { principal, grants } = entry(roles, email);
      let byAction = answers.get(grants);
      if (!byAction) answers.set(grants, (byAction = new Map()));
      let byTags = byAction.get(action);
      if (!byTags) byAction.set(action, (byTags = new Map()));
      let ok = byTags.get(tags);
      if (ok === undefined) {
        ok = decide(principal, 'actions:execute', { kind: 'action', id: action, tags: tags ?? [] });
        byTags.set(tags, ok);
      }
      return ok;
    },
    rolesOf: (roles, email) => entry(roles, email).roles,
  };
}

function grantsOf(principal: Principal): string {
  if (principal.permissions.has('admin')) return '*';
  return JSON.stringify(principal.executeGrants.map((g) => g.scope ?? null));
}

function decide(principal: Principal, permission: Permission, subject: PermissionSubject): boolean {
  if (permission === 'actions:execute' && subject.kind === 'action') {
    return decideAccess(principal, { kind: 'execute', action: { id: subject.id, tags: subject.tags } });
  }
  return decideAccess(principal, { kind: 'route', permission });
}
