import type { RequestHandler } from 'express';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { routePattern, type RouteSpec } from '../route-spec.js';

/** No route matched: 405 (with `Allow`) when the path exists with other methods, else 404, both in the error shape. */
export function routeNotFound(routes: readonly RouteSpec[]): RequestHandler {
  const known = routes.map((r) => ({ method: r.method.toUpperCase(), re: routePattern(r) }));
  return (req, res) => {
    const allowed = [...new Set(known.filter((k) => k.re.test(req.path)).map((k) => k.method))];
    if (allowed.length) {
      res.setHeader('Allow', [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', '));
      throw new OpsledgerError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}`);
    }
    throw new OpsledgerError('NOT_FOUND', `no route ${req.method} ${req.path}`, {
      hint: 'See the routes in /api/v1/docs or /api/v1/openapi.json.',
    });
  };
}
