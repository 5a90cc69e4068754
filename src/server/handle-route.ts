import type { Request, RequestHandler } from 'express';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { RawBodyRequest } from './middleware/json-body.js';
import type { RequestValidator } from './openapi/compile-validators.js';
import type { RecordAccess } from './record-access.js';
import { localsOf } from './request-locals.js';
import type { RouteContext, RouteSpec } from './route-spec.js';
import { sendReply } from './send-reply.js';
import type { ServerDeps } from './server-deps.js';

function prefersNdjson(req: Request): boolean {
  return req.accepts(['application/json', 'application/x-ndjson']) === 'application/x-ndjson';
}

/**
 * The last step of a route: check what the client accepts, validate (and coerce) params, query and body against the
 * route's OpenAPI entry, call its handler with the result and write the reply it returns.
 */
export function handleRoute(
  spec: RouteSpec,
  validator: RequestValidator,
  deps: ServerDeps,
  recordAccess: RecordAccess,
): RequestHandler {
  const offered = spec.ndjson ? ['application/json', 'application/x-ndjson'] : ['application/json'];
  const negotiates = spec.mount !== '/' && spec.permission !== 'public';
  return async (req, res) => {
    const rawParams = { ...(req.params as Record<string, string | string[]>) };
    if (spec.wildcard) {
      for (const [k, val] of Object.entries(rawParams)) if (Array.isArray(val)) rawParams[k] = val.join('/');
    }
    if (negotiates && req.accepts(offered) === false) {
      throw new OpsledgerError('NOT_ACCEPTABLE', `this route answers ${offered.join(' or ')}`);
    }
    const l = localsOf(res);
    const ctx: RouteContext = {
      deps,
      principal: l.principal ?? null,
      key: l.key ?? null,
      params: validator.params(rawParams as Record<string, string>),
      query: validator.query(req.query as Record<string, unknown>),
      body: validator.body(req.body),
      rawBody: (req as RawBodyRequest).rawBody ?? null,
      headers: req.headers,
      ndjson: spec.ndjson === true && prefersNdjson(req),
      requestId: l.requestId,
    };
    await sendReply(res, await spec.handle(ctx), (status, count) => recordAccess(req, res, status, count));
  };
}
