import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { createFastLane, type FastRoute } from './fast-lane.js';
import { createSchemaCompiler, compileRequestValidator } from './openapi/compile-validators.js';
import { authenticate } from './middleware/authenticate.js';
import { handleErrors } from './middleware/handle-errors.js';
import { jsonBody } from './middleware/json-body.js';
import { createKeyLimiter } from './middleware/rate-limits.js';
import { rejectControlCharacters } from './middleware/reject-control-characters.js';
import { requestLog } from './middleware/request-log.js';
import { requirePermission } from './middleware/require-permission.js';
import { routeNotFound } from './middleware/route-not-found.js';
import { securityHeaders } from './middleware/security-headers.js';
import { handleRoute } from './handle-route.js';
import { parseTrustProxy } from './parse-trust-proxy.js';
import { createAccessRecorder } from './record-access.js';
import { localsOf } from './request-locals.js';
import { expressPath } from './route-spec.js';
import { routeTable } from './route-table.js';
import type { ServerDeps } from './server-deps.js';

export { allRoutes, openApiDocument } from './route-table.js';
export type { PermissionGuard } from './middleware/require-permission.js';

export interface CreateAppOptions {
  /** Serve the routes marked `fastLane` beside Express's router (default); false: every request through Express. */
  fastLane?: boolean;
}

/**
 * The HTTP app of the audit service (probot-style factory: no listen here, so tests run it in-process). Every route
 * comes from the route table, with its permission enforced by `decideAccess`, its input validated against the OpenAPI
 * document built from the same table, and every error in the `{ error: { code, message, hint } }` shape. Each step
 * of the pipeline is one middleware under `middleware/` (docs/api.md).
 */
export function createApp(deps: ServerDeps, options: CreateAppOptions = {}): express.Express {
  const { routes, doc } = routeTable();
  const compileCoercing = createSchemaCompiler(doc, { coerce: true });
  const compileStrict = createSchemaCompiler(doc, { coerce: false });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // The client address (failed-authentication limits, logs) comes from X-Forwarded-For only through trusted proxies.
  app.set('trust proxy', parseTrustProxy(deps.config.server.trust_proxy, 'server.trust_proxy'));

  app.use(requestLog(deps.logger));
  app.use(securityHeaders());
  app.use(rejectControlCharacters);

  const checkKey = authenticate(deps);
  const keyLimiter = createKeyLimiter(deps.limits, (res) => localsOf(res).key, deps.rateLimitStore);
  const recordAccess = createAccessRecorder(deps);
  const body = jsonBody(deps.limits.bodyBytes);
  const router = express.Router();
  const fastRoutes: FastRoute[] = [];
  for (const spec of routes) {
    const validator = compileRequestValidator(spec, compileCoercing, compileStrict);
    router[spec.method](
      expressPath(spec),
      (_req, res, next) => {
        localsOf(res).spec = spec;
        next();
      },
      ...(spec.permission === 'public' ? [] : [checkKey, keyLimiter]),
      requirePermission(spec.permission),
      ...(spec.body ? (spec.body.maxBytes ? jsonBody(spec.body.maxBytes) : body) : []),
      handleRoute(spec, validator, deps, recordAccess),
    );
    if (spec.fastLane) fastRoutes.push({ spec, validator });
  }
  app.use(router);
  app.use(routeNotFound(routes));
  const handleError = handleErrors(deps.logger, recordAccess);
  app.use(handleError);
  if (options.fastLane !== false && fastRoutes.length > 0) {
    // Hot reads the whole pipeline would answer plainly skip Express's own work (`./fast-lane.ts`).
    const fast = createFastLane(fastRoutes, {
      app,
      deps,
      logger: deps.logger,
      checkKey,
      keyLimiter,
      recordAccess,
      handleError,
    });
    // `app(req, res)` calls `app.handle(req, res, next)`; a mounted app (a `next` given) stays all Express.
    const routed = app as unknown as {
      handle: (req: IncomingMessage, res: ServerResponse, next?: unknown) => void;
    };
    const handle = routed.handle.bind(app);
    routed.handle = (req, res, next) => {
      if (next !== undefined || !fast(req, res, () => handle(req, res))) handle(req, res, next);
    };
  }
  return app;
}
