import { PERMISSIONS, type Permission } from '../definitions/types.js';
import { matchActionScope, type ScopedAction } from './match-action-scope.js';
import { normalizeEmail, type Principal } from './resolve-principal.js';

/**
 * What a route may declare it needs. The permissions of docs/definitions.md, plus a few reading capabilities derived from
 * them (documented in docs/api.md), plus `public` for the handful of routes that need no key (health, the API docs).
 */
export type RoutePermission = Permission | 'public' | 'definitions:read' | 'history:read' | 'executions:read';

/** Which role permissions grant each derived capability. `admin` implies everything and is not listed. */
const DERIVED: Record<Exclude<RoutePermission, Permission | 'public'>, readonly Permission[]> = {
  // Definitions are in the repo anyway; every role member may read them.
  'definitions:read': PERMISSIONS.filter((p) => p !== 'admin'),
  // The change history of definitions: the people who change and approve them, and auditors.
  'history:read': ['definitions:modify', 'definitions:approve', 'audit:read'],
  // Reading runs at all; which runs is decided per record (`read-execution`).
  'executions:read': ['executions:read:own', 'executions:read:all'],
};

export const ROUTE_PERMISSIONS: readonly RoutePermission[] = [
  'public',
  ...(Object.keys(DERIVED) as RoutePermission[]),
  ...PERMISSIONS,
];

/** Every question the service asks about access, in one union so that one function answers them all. */
export type AccessRequest =
  /** May the principal call a route declaring this permission? */
  | { kind: 'route'; permission: RoutePermission }
  /** May the principal run this action (`actions:execute` within a role's scope)? */
  | { kind: 'execute'; action: ScopedAction }
  /** May the principal see a run initiated by `initiator` (an email, or a pseudonym the vault no longer maps)? */
  | { kind: 'read-execution'; initiator: string }
  /** May the principal cancel a run initiated by `initiator`? Its initiator or an admin (docs/api.md). */
  | { kind: 'cancel-run'; initiator: string };

/** The one place that decides every permission of the service. Pure: principal + request → yes or no. */
export function decideAccess(principal: Principal | null, request: AccessRequest): boolean {
  if (request.kind === 'route' && request.permission === 'public') return true;
  if (!principal) return false;
  const has = (p: Permission): boolean => holds(principal, p);
  switch (request.kind) {
    case 'route': {
      const permission = request.permission;
      if (permission === 'public') return true;
      if (permission in DERIVED) {
        return DERIVED[permission as keyof typeof DERIVED].some(has);
      }
      return has(permission as Permission);
    }
    case 'execute':
      if (principal.permissions.has('admin')) return true;
      return principal.executeGrants.some((grant) => matchActionScope(grant.scope, request.action));
    case 'cancel-run':
      return principal.permissions.has('admin') || normalizeEmail(request.initiator) === principal.email;
    case 'read-execution':
      if (has('executions:read:all')) return true;
      return (
        principal.permissions.has('executions:read:own') &&
        normalizeEmail(request.initiator) === principal.email
      );
  }
}

function holds(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has('admin') || principal.permissions.has(permission);
}

/**
 * Which runs a principal sees in lists: all, only their own, or none. The same rule as `read-execution`, in the form
 * a query needs (a list filters by initiator instead of asking per record).
 */
export function executionVisibility(principal: Principal | null): 'all' | 'own' | 'none' {
  if (!principal || !decideAccess(principal, { kind: 'route', permission: 'executions:read' })) return 'none';
  return holds(principal, 'executions:read:all') ? 'all' : 'own';
}
