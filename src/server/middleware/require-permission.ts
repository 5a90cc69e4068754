import type { RequestHandler } from 'express';
import { decideAccess, type RoutePermission } from '../../access/decide-access.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { localsOf } from '../request-locals.js';

/** The middleware that enforces a route's declared permission; it carries the permission so tests can walk the router. */
export type PermissionGuard = RequestHandler & { permission: RoutePermission };

/** Refuse (403) a caller whose roles do not grant the route's one permission (`decideAccess`). */
export function requirePermission(permission: RoutePermission): PermissionGuard {
  const guard: RequestHandler = (_req, res, next) => {
    if (!decideAccess(localsOf(res).principal ?? null, { kind: 'route', permission })) {
      throw new OpsledgerError('PERMISSION_DENIED', `this needs the ${permission} permission`);
    }
    next();
  };
  return Object.assign(guard, { permission });
}
