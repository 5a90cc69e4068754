import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { ErrorRequestHandler, Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import { decideAccess } from '../access/decide-access.js';
import type { ApiKeyRecord } from '../access/key-store.js';
import type { Principal } from '../access/resolve-principal.js';
import { principalOf, type Authenticate } from './middleware/authenticate.js';
import type { KeyCount, KeyLimiter } from './middleware/rate-limits.js';
import { checkUrlCharacters } from './middleware/reject-control-characters.js';
import { startRequestLog } from './middleware/request-log.js';
import { setSecurityHeaders } from './middleware/security-headers.js';
import type { RequestValidator } from './openapi/compile-validators.js';
import type { RecordAccess } from './record-access.js';
import type { RequestLocals } from './request-locals.js';
import { fullPath, type RouteContext, type RouteSpec } from './route-spec.js';
import { sendReply } from './send-reply.js';
import type { ServerDeps } from './server-deps.js';

/** A route of the fast lane: a GET route without path parameters, marked `fastLane`, and its compiled validator. */
export interface FastRoute {
  spec: RouteSpec;
  validator: RequestValidator;
}

/** The parts of the Express pipeline the fast lane runs: the very instances `createApp` puts in it. */
export interface FastLaneParts {
  /** Its request and response prototypes, for the rare answers written through Express's API (errors). */
  app: Express;
  deps: ServerDeps;
  logger: Logger;
  checkKey: Authenticate;
  keyLimiter: KeyLimiter;
  recordAccess: RecordAccess;
  handleError: ErrorRequestHandler;
}

/**
 * Serve the request, or leave it untouched and call `express` (which answers it through the whole pipeline).
 * Returns false when the request is not one of the lane's at all (decided at once, without I/O).
 */
export type FastLane = (req: IncomingMessage, res: ServerResponse, express: () => void) => boolean;

interface Checked {
  key: ApiKeyRecord;
  principal: Principal;
  rawQuery: Record<string, unknown>;
  query: Record<string, unknown>;
  /** The request's count in the per-key limiter's store; null for a key with its rate limit off. */
  counted: KeyCount | null;
}

/** Characters after which `parseurl` (Express's `req.path`/`req.query`) parses the URL another way. */
const UNUSUAL_URL = /[\t\n\f\r #\u00a0\ufeff]/;

/**
 * Hot read routes served beside Express (docs/api.md, "Performance"). A request takes the fast lane only when the
 * Express pipeline would serve it successfully without anything but the common path: `GET` on a marked route's exact
 * path, no control character, an `Accept` that picks JSON, a key the authentication step verified before and that
 * still holds (`Authenticate.verified`), the route's permission granted, a query its OpenAPI entry accepts. Those
 * checks are made first, with no side effect; if one fails the request goes to Express untouched and gets its answer
 * (401, 403, 400, 406, ...) and its counting (failed authentications, the per-key limit) there. Then the request is
 * counted in the per-key limiter's store (`KeyLimiter.count`, unless the key's limit is off); over the limit it goes
 * to Express with that count, which answers the 429 without counting it again. A request that passes then goes
 * through the same steps as in Express, in the same order, with the same instances: request id and log line,
 * helmet's headers, the key's last use, the RateLimit headers, the handler, the access log, the reply (errors through
 * the Express error handler). `test/server/fast-lane.test.ts` sends a matrix of requests
 * to both and compares status, headers and bodies.
 */
export function createFastLane(routes: readonly FastRoute[], parts: FastLaneParts): FastLane {
  const { app, deps, logger, checkKey, keyLimiter, recordAccess, handleError } = parts;
  const byPath = new Map<string, FastRoute>();
  for (const r of routes) {
    if (r.spec.method !== 'get' || r.spec.permission === 'public' || /[{}]/.test(r.spec.path)) {
      throw new Error(`route ${r.spec.method} ${fullPath(r.spec)} cannot take the fast lane`);
    }
    byPath.set(fullPath(r.spec), r);
  }
  /** Give the request and response Express's API (what `app.handle` does) for an answer written through it. */
  const expressify = (req: IncomingMessage, res: ServerResponse): [Request, Response] => {
    const request = req as Request;
    const response = res as Response;
    request.res = response;
    response.req = request;
    Object.setPrototypeOf(request, app.request);
    Object.setPrototypeOf(response, app.response);
    request.originalUrl = req.url ?? '';
    request.baseUrl = '';
    request.params = {};
    return [request, response];
  };

  /** The checks that decide whether Express would serve the request plainly; null when it would not. */
  const precheck = async (
    req: IncomingMessage,
    spec: RouteSpec,
    validator: RequestValidator,
    search: string,
    now: Date,
  ): Promise<Checked | null> => {
    const key = await checkKey.verified(req.headers.authorization, now);
    if (key === null) return null;
    const principal = principalOf(key.user, deps.roles.roles());
    if (!decideAccess(principal, { kind: 'route', permission: spec.permission })) return null;
    const rawQuery = parseQuery(search) as Record<string, unknown>;
    // A query the route's OpenAPI entry refuses throws: the caller sends the request to Express for its 400.
    const query = validator.query(rawQuery);
    // Last, the one side effect: the request counts against its key's limit (as Express's limiter would count it).
    return { key, principal, rawQuery, query, counted: await keyLimiter.count(key) };
  };

  const serve = async (
    req: IncomingMessage,
    res: ServerResponse,
    route: FastRoute,
    path: string,
    search: string,
    express: () => void,
  ): Promise<void> => {
    const { spec, validator } = route;
    const now = deps.now();
    let checked: Checked | null;
    try {
      checked = await precheck(req, spec, validator, search, now);
    } catch {
      checked = null; // a key store that cannot be read, say: Express answers it as it would any request
    }
    if (checked === null) return express();
    const { key, principal, rawQuery, query, counted } = checked;
    // Over its limit: Express refuses it (429, Retry-After), its limiter taking this count instead of another.
    if (counted !== null && counted.totalHits > counted.limit) return keyLimiter.counted(counted, express);
    // From here on, the steps of the Express pipeline for this request, in its order.
    const locals: RequestLocals = { requestId: '', spec };
    (res as unknown as Response).locals = locals;
    startRequestLog(logger, req, res, locals, () => path);
    setSecurityHeaders(res);
    deps.keys.touch(key.id, now);
    locals.key = key;
    locals.principal = principal;
    if (counted !== null) keyLimiter.setHeaders(res, counted);
    const accessed = { method: 'GET', path, query: rawQuery };
    try {
      const ctx: RouteContext = {
        deps,
        principal,
        key,
        params: validator.params({}),
        query,
        body: validator.body(undefined),
        rawBody: null,
        headers: req.headers,
        ndjson: false,
        requestId: locals.requestId,
      };
      const reply = await spec.handle(ctx);
      const onSent = (status: number, count: number | null): void =>
        recordAccess(accessed, { locals }, status, count);
      if ('json' in reply) await sendReply(res as Response, reply, onSent);
      else await sendReply(expressify(req, res)[1], reply, onSent);
    } catch (err) {
      const [request, response] = expressify(req, res);
      handleError(err, request, response, () => undefined);
    }
  };

  return (req, res, express) => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const route = byPath.get(path);
    if (!route) return false;
    const accept = req.headers.accept;
    if (
      UNUSUAL_URL.test(url) ||
      (accept !== undefined && accept !== '*/*' && accept !== 'application/json')
    ) {
      return false;
    }
    try {
      checkUrlCharacters(url);
    } catch {
      return false;
    }
    serve(req, res, route, path, q === -1 ? '' : url.slice(q + 1), express).catch((err: unknown) => {
      logger.error({ err }, 'fast lane failed');
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
    return true;
  };
}
