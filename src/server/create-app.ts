import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { AuthError, authenticateKey, presentedKeyId } from '../access/authenticate-key.js';
import { decideAccess, ROUTE_PERMISSIONS, type RoutePermission } from '../access/decide-access.js';
import type { ApiKeyRecord } from '../access/key-store.js';
import { resolvePrincipal, type Principal } from '../access/resolve-principal.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { PACKAGE_VERSION } from '../package/package-root.js';
import { checkJsonDepth } from './check-json-depth.js';
import { toHttpError } from './http-error.js';
import { createAuthFailureLimits } from './auth-failure-limits.js';
import { parseTrustProxy } from './parse-trust-proxy.js';
import { rejectControlCharacters } from './reject-control-characters.js';
import { authFailureLimited, clientAddress, createKeyLimiter } from './rate-limits.js';
import { sendReply } from './send-reply.js';
import { buildOpenApi, type OpenApiDocument } from './openapi/build-openapi.js';
import {
  compileRequestValidator,
  createSchemaCompiler,
  type RequestValidator,
} from './openapi/compile-validators.js';
import { expressPath, fullPath, type RouteContext, type RouteSpec } from './route-spec.js';
import { ADMIN_ROUTES } from './routes/admin-routes.js';
import { AUDIT_ROUTES } from './routes/audit-routes.js';
import { DEFINITION_ROUTES } from './routes/definition-routes.js';
import { EXECUTION_ROUTES } from './routes/execution-routes.js';
import { metaRoutes } from './routes/meta-routes.js';
import { REPORT_ROUTES } from './routes/report-routes.js';
import { RUN_ROUTES } from './routes/run-routes.js';
import { WEBHOOK_ROUTES } from './routes/webhook-routes.js';
import type { ServerDeps } from './server-deps.js';

const VERSION = PACKAGE_VERSION;

/** What the pipeline keeps about a request between middlewares. */
interface Locals {
  requestId: string;
  spec?: RouteSpec;
  key?: ApiKeyRecord;
  principal?: Principal;
  accessLogged?: boolean;
}
const locals = (res: Response): Locals => res.locals as Locals;

/** Every route the service has, in the order of the docs. */
export function allRoutes(document: () => OpenApiDocument): RouteSpec[] {
  return [
    ...metaRoutes(document),
    ...DEFINITION_ROUTES,
    ...AUDIT_ROUTES,
    ...EXECUTION_ROUTES,
    ...RUN_ROUTES,
    ...ADMIN_ROUTES,
    ...WEBHOOK_ROUTES,
    ...REPORT_ROUTES,
  ];
}

/** The middleware that enforces a route's declared permission; it carries the permission so tests can walk the router. */
export type PermissionGuard = RequestHandler & { permission: RoutePermission };

function requirePermission(permission: RoutePermission): PermissionGuard {
  const guard: RequestHandler = (_req, res, next) => {
    if (!decideAccess(locals(res).principal ?? null, { kind: 'route', permission })) {
      throw new OpsledgerError('PERMISSION_DENIED', `this needs the ${permission} permission`);
    }
    next();
  };
  return Object.assign(guard, { permission });
}

function prefersNdjson(req: Request): boolean {
  return req.accepts(['application/json', 'application/x-ndjson']) === 'application/x-ndjson';
}

/**
 * The HTTP app of the audit service (probot-style factory: no listen here, so tests run it in-process). Every route
 * comes from the route table, with its permission enforced by `decideAccess`, its input validated against the OpenAPI
 * document built from the same table, and every error in the contract's `{ error: { code, message, hint } }` shape.
 */
export function createApp(deps: ServerDeps): express.Express {
  const { routes, doc } = routeTable();
  for (const r of routes) {
    if (!ROUTE_PERMISSIONS.includes(r.permission)) {
      throw new OpsledgerError('INTERNAL', `route ${r.method} ${fullPath(r)} declares no valid permission`);
    }
  }
  const compileCoercing = createSchemaCompiler(doc, { coerce: true });
  const compileStrict = createSchemaCompiler(doc, { coerce: false });
  const validators = new Map<RouteSpec, RequestValidator>(
    routes.map((r) => [r, compileRequestValidator(r, compileCoercing, compileStrict)]),
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // The client address (failed-authentication limits, logs) comes from X-Forwarded-For only through trusted proxies.
  app.set('trust proxy', parseTrustProxy(deps.config.server.trust_proxy, 'server.trust_proxy'));

  app.use((req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const l = locals(res);
      // Never the headers (Authorization) nor bodies: method, path, status, who, how long.
      deps.logger.info(
        {
          req: { id: requestId, method: req.method, path: req.path, remote: req.socket.remoteAddress },
          res: { status: res.statusCode },
          key_id: l.key?.id ?? null,
          user: l.key?.user ?? null,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'none'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  app.use(rejectControlCharacters);

  const keyLimiter = createKeyLimiter(deps.limits, (res) => locals(res).key);
  const failures = createAuthFailureLimits({
    perAddress: deps.limits.authFailures,
    perKeyId: deps.limits.keyIdFailures,
    windowMs: deps.limits.rateWindowMs,
  });
  const authenticate: RequestHandler = async (req, res, next) => {
    const now = deps.now();
    const address = clientAddress(req);
    const keyId = presentedKeyId(req.headers.authorization);
    // An address over its failure limit gets no more work for a request without even a well-formed key; a
    // well-formed key is still checked, so a valid key keeps working from there (docs/api.md).
    const addressWait = keyId === null ? failures.addressWait(address, Date.now()) : null;
    if (addressWait !== null) throw authFailureLimited(res, addressWait);
    let key: ApiKeyRecord;
    try {
      key = await authenticateKey(req.headers.authorization, (id) => deps.keys.find(id), now);
    } catch (err) {
      const wait = err instanceof AuthError ? failures.recordFailure(address, keyId, Date.now()) : null;
      if (wait !== null) throw authFailureLimited(res, wait);
      throw err;
    }
    deps.keys.touch(key.id, now);
    locals(res).key = key;
    locals(res).principal = resolvePrincipal(key.user, deps.roles.roles());
    next();
  };
  const jsonBody = express.json({ limit: deps.limits.bodyBytes, strict: true, type: 'application/json' });
  const requireJson: RequestHandler = (req, _res, next) => {
    // No Content-Type means no body (a bare POST); a body of another type is refused.
    if (req.headers['content-type'] !== undefined && req.is('application/json') === false) {
      throw new OpsledgerError(
        'UNSUPPORTED_MEDIA_TYPE',
        `body of type ${req.headers['content-type'] ?? 'unknown'}`,
      );
    }
    next();
  };

  const recordAccess = (req: Request, res: Response, status: number, count: number | null): void => {
    const l = locals(res);
    if (!l.spec?.accessLog || l.accessLogged) return;
    l.accessLogged = true;
    deps.accessLog.append({
      time: deps.now().toISOString(),
      request_id: l.requestId,
      key_id: l.key?.id ?? null,
      user: l.key?.user ?? null,
      method: req.method,
      route: fullPath(l.spec),
      path: req.path,
      query: { ...(req.query as Record<string, unknown>) },
      status,
      result_count: count,
    });
  };

  const handler =
    (spec: RouteSpec): RequestHandler =>
    async (req, res) => {
      const v = validators.get(spec) as RequestValidator;
      const rawParams = { ...(req.params as Record<string, string | string[]>) };
      if (spec.wildcard) {
        for (const [k, val] of Object.entries(rawParams))
          if (Array.isArray(val)) rawParams[k] = val.join('/');
      }
      const l = locals(res);
      const offered = spec.ndjson ? ['application/json', 'application/x-ndjson'] : ['application/json'];
      if (spec.mount !== '/' && spec.permission !== 'public' && req.accepts(offered) === false) {
        throw new OpsledgerError('NOT_ACCEPTABLE', `this route answers ${offered.join(' or ')}`);
      }
      const ctx: RouteContext = {
        deps,
        principal: l.principal ?? null,
        key: l.key ?? null,
        params: v.params(rawParams as Record<string, string>),
        query: v.query(req.query as Record<string, unknown>),
        body: v.body(checkJsonDepth(req.body)),
        headers: req.headers,
        ndjson: spec.ndjson === true && prefersNdjson(req),
        requestId: l.requestId,
      };
      await sendReply(res, await spec.handle(ctx), (status, count) => recordAccess(req, res, status, count));
    };

  const router = express.Router();
  for (const spec of routes) {
    const isPublic = spec.permission === 'public';
    const chain: RequestHandler[] = [
      (_req, res, next) => {
        locals(res).spec = spec;
        next();
      },
      ...(isPublic ? [] : [authenticate, keyLimiter]),
      requirePermission(spec.permission),
      ...(spec.body ? [requireJson, jsonBody] : []),
      handler(spec),
    ];
    router[spec.method](expressPath(spec), ...chain);
  }
  app.use(router);

  // No route matched: 405 when the path exists with other methods, else 404, both in the error shape.
  const known = routes.map((r) => ({
    method: r.method.toUpperCase(),
    re: new RegExp(
      `^${fullPath(r)
        .replace(/[.+^$()|[\]\\]/g, '\\$&')
        .replace(/\{\w+\}$/, r.wildcard ? '.+' : '[^/]+')
        .replace(/\{\w+\}/g, '[^/]+')}/?$`,
    ),
  }));
  app.use((req, res) => {
    const allowed = [...new Set(known.filter((k) => k.re.test(req.path)).map((k) => k.method))];
    if (allowed.length) {
      res.setHeader('Allow', [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', '));
      throw new OpsledgerError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}`);
    }
    throw new OpsledgerError('NOT_FOUND', `no route ${req.method} ${req.path}`, {
      hint: 'See the routes in /api/v1/docs or /api/v1/openapi.json.',
    });
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const l = locals(res);
    const e = toHttpError(err, l.requestId);
    if (e.code === 'INTERNAL') deps.logger.error({ err, req: { id: l.requestId } }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e.httpStatus === 401)
      res.setHeader('WWW-Authenticate', 'Basic realm="opsledger", Bearer realm="opsledger"');
    recordAccess(req, res, e.httpStatus, null);
    res.status(e.httpStatus).json(e.toJSON());
  });
  return app;
}

/** The route table and the OpenAPI document built from it (the meta routes serve that same document). */
function routeTable(): { routes: RouteSpec[]; doc: OpenApiDocument } {
  const built: { doc: OpenApiDocument | null } = { doc: null };
  const routes = allRoutes(() => built.doc as OpenApiDocument);
  built.doc = buildOpenApi(routes, VERSION);
  return { routes, doc: built.doc };
}

/** The OpenAPI document of the service (the same one `/api/v1/openapi.json` serves). */
export function openApiDocument(): OpenApiDocument {
  return routeTable().doc;
}
